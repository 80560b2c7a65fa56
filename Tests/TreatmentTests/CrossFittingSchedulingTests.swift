import Foundation
import Learning
import Statistics
import Testing
@testable import Treatment

/// The cross-fitting job pool: how many fits run at once, and bins shared across them.
@Suite("Cross-fitting scheduling")
struct CrossFittingSchedulingTests {
    /// 1,500 patients, 6 standard-normal covariates, confounded binary arm, binary outcome with an effect
    /// modified by x1 (the DR-learner benchmark's design at a test's size).
    static func data() throws -> TreatmentData {
        var g = Xoshiro256StarStar(seed: 11)
        func normal() -> Double {
            let u1 = (Double(g.next() >> 11) + 0.5) * 0x1.0p-53, u2 = (Double(g.next() >> 11) + 0.5) * 0x1.0p-53
            return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
        }
        func uniform() -> Double { (Double(g.next() >> 11) + 0.5) * 0x1.0p-53 }
        let n = 1_500, p = 6
        let columns = (0..<p).map { _ in (0..<n).map { _ in normal() } }
        var arm: [Int] = [], y: [Double] = []
        for i in 0..<n {
            let x = columns.map { $0[i] }
            let a = uniform() < 1 / (1 + exp(-(0.8 * x[0] - 0.6 * x[1]))) ? 1 : 0
            let logit = 0.5 * x[0] + 0.5 * x[2] + (a == 1 ? 0.6 + 0.8 * x[1] : 0)
            arm.append(a)
            y.append(uniform() < 1 / (1 + exp(-logit)) ? 1 : 0)
        }
        return try TreatmentData(covariates: FeatureMatrix(names: (0..<p).map { "x\($0)" }, columns: columns), arm: arm,
                                 armNames: ["control", "treated"], outcome: .binary(y))
    }

    @Test("a DR-learner with boosted-tree nuisances gives bit-identical effects, scores and errors with 1, 2 or 3 concurrent fits",
          arguments: OutcomeModels.allCases)
    func concurrencyDoesNotChangeResults(outcomeModels: OutcomeModels) throws {
        let data = try Self.data()
        let trees = GradientBoostedTrees(iterations: 15, maxLeaves: 8, threads: 1)
        func fit(_ concurrent: Int) throws -> (effects: [Double], scores: [[Double]], se: [Double]) {
            let learner = MetaLearner(kind: .dr, estimand: .riskDifference, outcomeEstimator: trees, effectEstimator: trees,
                                      propensity: PropensityEstimator(method: .boostedTrees(trees)), folds: 4,
                                      outcomeModels: outcomeModels, standardErrorReplicates: 3, concurrentFits: concurrent)
            let result = try learner.fit(data, seed: 5)
            let prediction = try result.model.predict(data.covariates)
            return (prediction.effects[1], try #require(result.crossFit).scores, prediction.standardErrors![1])
        }
        let one = try fit(1)
        for concurrent in [2, 3] {
            let other = try fit(concurrent)
            #expect(other.effects == one.effects)
            #expect(other.scores == one.scores)
            #expect(other.se == one.se)
        }
        // The effects are not degenerate: the effect modifier x1 spreads them.
        #expect(one.effects.max()! - one.effects.min()! > 0.1)
    }

    @Test("cross-fitted boosted-tree propensities use bins fitted once on the whole cohort")
    func propensityFoldsShareBins() throws {
        let data = try Self.data()
        let trees = GradientBoostedTrees(iterations: 10, maxLeaves: 8, threads: 1)
        let estimator = PropensityEstimator(method: .boostedTrees(trees))
        let folds = try CrossFitting.folds(data, count: 3, seed: 2)
        let scores = try estimator.crossFit(data, folds: folds, concurrentFits: 2)
        // Fold 0 scored by a model fitted on folds 1–2 with the cohort's bins.
        let train = (0..<data.patientCount).filter { folds[$0] != 0 }, test = (0..<data.patientCount).filter { folds[$0] == 0 }
        let cohortBins = try trees.fitBinner(data.covariates, weights: nil)
        let model = try estimator.fit(data.selectingPatients(train), seed: 0, bins: (cohortBins, nil))
        let expected = try model.probabilities(data.covariates.selectingRows(test))
        #expect(test.map { scores.probabilities[1][$0] } == expected[1])
        // A model with its own (fold) bins differs, so the comparison above would notice unshared bins.
        let own = try estimator.fit(data.selectingPatients(train), seed: 0)
        #expect(try own.probabilities(data.covariates.selectingRows(test))[1] != expected[1])
    }
}
