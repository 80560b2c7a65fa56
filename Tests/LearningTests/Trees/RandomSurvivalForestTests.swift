import Foundation
@testable import Learning
import Statistics
import TestSupport
import Testing

@Suite("RandomSurvivalForest")
struct RandomSurvivalForestTests {
    @Test("conformance")
    func conformance() throws {
        try EstimatorConformance.check(
            RandomSurvivalForest(trees: 20), on: TreeFixtures.small(.survival),
            options: .init(acceptsMissingValues: true, randomisedBecause: "bootstrap samples and random feature draws",
                           invalidConfigurations: [
                               (RandomSurvivalForest(trees: 0), "trees"),
                               (RandomSurvivalForest(maxFeatures: .count(0)), "maxFeatures"),
                               (RandomSurvivalForest(minSamplesLeaf: 0), "minSamplesLeaf"),
                           ]))
    }

    @Test("Harrell's C matches the O(n²) definition, ties included")
    func concordance() {
        var g = TreeFixtures.Uniforms(seed: 3)
        let n = 300
        let time = (0..<n).map { _ in (10 * g.uniform()).rounded() }
        let event = (0..<n).map { _ in g.uniform() < 0.6 }
        let risk = (0..<n).map { _ in (5 * g.uniform()).rounded() }
        var concordant = 0.0, comparable = 0.0
        for i in 0..<n where event[i] {
            for j in 0..<n where j != i && (time[i] < time[j] || (time[i] == time[j] && !event[j])) {
                comparable += 1
                concordant += risk[i] > risk[j] ? 1 : risk[i] == risk[j] ? 0.5 : 0
            }
        }
        let fast = RankMetrics.concordanceIndex(time: time, event: event, risk: risk)
        #expect(abs(fast - concordant / comparable) < 1e-12)
        let auc = RankMetrics.areaUnderROC(scores: [0.1, 0.4, 0.35, 0.8], labels: [false, false, true, true])
        #expect(auc == 0.75)
    }

    @Test("data reproduce the fixture; test C-index within 0.01 of scikit-survival; curves are consistent")
    func agreesWithScikitSurvival() throws {
        let reference = try TreeFixtures.reference()
        let train = TreeFixtures.survival(1500, seed: 3), test = TreeFixtures.survival(1500, seed: 4)
        let (sum, _) = TreeFixtures.checksum(train.features)
        #expect(abs(sum - reference.survival.train_checksum[0]) < 1e-6)
        guard case .survival(let time, let event) = train.target else { return }
        #expect(abs(time.reduce(0, +) - reference.survival.train_time_sum) < 1e-6)
        #expect(event.filter { $0 }.count == reference.survival.train_events)

        let model = try RandomSurvivalForest(trees: 100).fit(train, seed: 1)
        let risk = try model.predict(test.features)
        let c = TreeFixtures.concordance(risk, test.target)
        print("RSF test C \(c), scikit-survival \(reference.survival.sksurv_rsf_test_cindex), OOB C \(model.oobConcordance ?? .nan)")
        #expect(abs(c - reference.survival.sksurv_rsf_test_cindex) <= 0.01,
                "ImmunoKit C \(c) vs scikit-survival \(reference.survival.sksurv_rsf_test_cindex)")
        #expect(abs(try #require(model.oobConcordance) - c) < 0.03)

        // predict = Σ over unique event times of the ensemble cumulative hazard.
        let rows = test.features.selectingRows([0, 1, 2, 3])
        let hazard = try model.cumulativeHazard(rows, at: model.eventTimes)
        for (h, r) in zip(hazard, risk.prefix(4)) {
            #expect(abs(h.reduce(0, +) - r) < 1e-4 * max(1, r))
            #expect(zip(h, h.dropFirst()).allSatisfy { $0.1 >= $0.0 })
        }
        let survival = try model.survivalProbabilities(rows, at: [0, 5, 10, 20, 1e9])
        for s in survival {
            #expect(s[0] == 1)
            #expect(zip(s, s.dropFirst()).allSatisfy { $0.1 <= $0.0 + 1e-12 })
            #expect(s.allSatisfy { $0 >= 0 && $0 <= 1 })
        }
        // Compact: far below the dense leaves × event-times layout.
        let dense = model.trees.reduce(0) { $0 + ($1.nodeCount + 1) / 2 } * model.eventTimes.count * 8
        #expect(model.approximateByteCount * 20 < dense)
    }
}
