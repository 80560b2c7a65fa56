import Discovery
import Foundation
import Learning
import Statistics
import Testing

@Suite struct StabilitySelectionTests {
    /// n patients, p standard-normal features of which the first `support.count` carry the given log-odds
    /// (binary) or log-hazard (survival) coefficients.
    static func simulate(n: Int, p: Int, support: [Double], survival: Bool, seed: UInt64)
        -> (features: FeatureMatrix, outcome: AssociationScan.Outcome) {
        var g = Xoshiro256StarStar(seed: seed)
        let columns = (0..<p).map { _ in (0..<n).map { _ in Normal().sample(using: &g) } }
        let eta = (0..<n).map { i in support.indices.reduce(0.0) { $0 + support[$1] * columns[$1][i] } }
        let features = FeatureMatrix(names: (0..<p).map { "f\($0)" }, columns: columns)
        if survival {
            var t: [Double] = [], e: [Bool] = []
            for i in 0..<n {
                let te = -log(g.nextUniform()) / (0.1 * exp(eta[i])), tc = -log(g.nextUniform()) / 0.05
                t.append(min(te, tc)); e.append(te <= tc)
            }
            return (features, .survival(time: t, event: e))
        }
        return (features, .binary(eta.map { g.nextUniform() < 1 / (1 + exp(-$0)) }))
    }

    @Test func recoversTheTrueSupportOfALogisticModel() throws {
        let (x, y) = Self.simulate(n: 300, p: 150, support: [1.2, -1.2, 1.0, -1.0, 0.9], survival: false, seed: 11)
        var g = Xoshiro256StarStar(seed: 5)
        let result = try StabilitySelection(subsamples: 60).run(features: x, outcome: y, generator: &g)
        let selected = Set(result.selected)
        #expect(selected.isSuperset(of: 0..<5), "\(result.selectedFeatures)")
        #expect(selected.subtracting(0..<5).count <= 1)
        // The region meets the target E[V] ≤ 1, and the next λ would not.
        #expect(result.errorBound <= 1)
        #expect(abs(result.errorBound - result.averageSelected * result.averageSelected / (0.5 * 150)) < 1e-12)
        if result.regionCount < result.lambdas.count {
            #expect(StabilitySelection.errorBound(averageSelected: result.averageSelectedPath[result.regionCount],
                                                  threshold: 0.75, featureCount: 150) > 1)
        }
        #expect(result.subsamplesUsed == 60 && result.selectionProbabilities.allSatisfy { (0...1).contains($0) })
        // Same seed, same result.
        var again = Xoshiro256StarStar(seed: 5)
        #expect(try StabilitySelection(subsamples: 60).run(features: x, outcome: y, generator: &again) == result)
    }

    @Test func falseSelectionsOverRepeatsStayWithinTheBound() throws {
        // 12 independent data sets with 4 true features among 80 (n = 200): the mean number of selected noise features
        // must not exceed the mean Meinshausen–Bühlmann bound (E[V] ≤ q²/((2π − 1)p), target 1).
        var falseSelections = 0, bounds = 0.0, missed = 0
        let repeats = 12
        for r in 0..<repeats {
            let (x, y) = Self.simulate(n: 200, p: 80, support: [1.2, -1.2, 1.0, -1.0], survival: false, seed: 100 + UInt64(r))
            var g = Xoshiro256StarStar(seed: 200 + UInt64(r))
            let result = try StabilitySelection(subsamples: 40, sampling: .complementaryPairs)
                .run(features: x, outcome: y, generator: &g)
            falseSelections += result.selected.filter { $0 >= 4 }.count
            missed += 4 - result.selected.filter { $0 < 4 }.count
            bounds += result.errorBound
        }
        print("[stability] mean false selections \(Double(falseSelections) / Double(repeats)), mean bound \(bounds / Double(repeats)), true features missed \(missed) of \(4 * repeats)")
        #expect(Double(falseSelections) / Double(repeats) <= bounds / Double(repeats))
        #expect(bounds / Double(repeats) <= 1)
        #expect(missed <= repeats)  // at least 3 of 4 true features per data set on average
    }

    @Test func perSubsampleSelectionsAreThoseOfTheLogisticPathSolver() throws {
        let (x, y) = Self.simulate(n: 120, p: 30, support: [1.0, -0.8], survival: false, seed: 21)
        guard case .binary(let labels) = y else { return }
        let settings = StabilitySelection(subsamples: 12, lambdaCount: 15, targetFalseSelections: nil)
        var g = Xoshiro256StarStar(seed: 9)
        let result = try settings.run(features: x, outcome: y, generator: &g)
        let rows = settings.subsampleRows(rowCount: 120, strata: labels, seed: result.seed)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: 30), count: 15)
        for r in rows {
            // Half of each class, sorted, no repeats.
            #expect(r.filter { labels[$0] }.count == labels.filter { $0 }.count / 2)
            #expect(Set(r).count == r.count)
            var unused = Xoshiro256StarStar(seed: 0)
            let data = Dataset(features: x.selectingRows(r), target: .binary(r.map { labels[$0] ? 1 : 0 }))
            let model = try ElasticNetLogisticRegression(lambdas: result.lambdas, crossValidationFolds: 0).fit(data, generator: &unused)
            for (k, indices) in model.path.nonzeroIndices.enumerated() { for j in indices { counts[k][j] += 1 } }
        }
        for k in 0..<15 { #expect(result.selectionFrequencies[k] == counts[k].map { Double($0) / 12 }) }
        // Without a target the region is the whole grid and Π̂ is the maximum over it.
        #expect(result.regionCount == 15)
        for j in 0..<30 { #expect(result.selectionProbabilities[j] == (0..<15).map { result.selectionFrequencies[$0][j] }.max()!) }
        // λ_max: the full-data path selects nothing just above it and something just below.
        var unused = Xoshiro256StarStar(seed: 0)
        let fullTarget = Target.binary(labels.map { $0 ? 1 : 0 })
        let fullData = Dataset(features: x, target: fullTarget)
        let full = try ElasticNetLogisticRegression(lambdas: [result.lambdas[0] * 1.001, result.lambdas[0] * 0.97], crossValidationFolds: 0)
            .fit(fullData, generator: &unused)
        #expect(full.path.nonzeroIndices[0].isEmpty && !full.path.nonzeroIndices[1].isEmpty)
    }

    @Test func survivalWithComplementaryPairsUsesTheCoxPathSolver() throws {
        let (x, y) = Self.simulate(n: 200, p: 40, support: [0.9, -0.9, 0.7], survival: true, seed: 31)
        guard case .survival(let time, let event) = y else { return }
        let settings = StabilitySelection(subsamples: 20, sampling: .complementaryPairs, lambdaCount: 20)
        var g = Xoshiro256StarStar(seed: 4)
        let result = try settings.run(features: x, outcome: y, generator: &g)
        #expect(Set(result.selected).isSuperset(of: 0..<3), "\(result.selectedFeatures)")
        let rows = settings.subsampleRows(rowCount: 200, strata: event, seed: result.seed)
        for pair in stride(from: 0, to: 20, by: 2) { #expect(Set(rows[pair]).isDisjoint(with: rows[pair + 1])) }
        var counts = [Int](repeating: 0, count: 40)
        for r in rows {
            var unused = Xoshiro256StarStar(seed: 0)
            let data = Dataset(features: x.selectingRows(r), target: .survival(time: r.map { time[$0] }, event: r.map { event[$0] }))
            let model = try ElasticNetCox(lambdas: result.lambdas, crossValidationFolds: 0).fit(data, generator: &unused)
            for j in model.path.nonzeroIndices[result.regionCount - 1] { counts[j] += 1 }
        }
        #expect(result.selectionFrequencies[result.regionCount - 1] == counts.map { Double($0) / 20 })
    }

    @Test func theBoundFormula() {
        // Meinshausen & Bühlmann (2010) eq. (9): q = 10 of p = 1000 at π = 0.9 gives E[V] ≤ 100 / 800.
        #expect(StabilitySelection.errorBound(averageSelected: 10, threshold: 0.9, featureCount: 1000) == 0.125)
        let q = StabilitySelection.maximumAverageSelected(target: 1, threshold: 0.75, featureCount: 200)
        #expect(abs(StabilitySelection.errorBound(averageSelected: q, threshold: 0.75, featureCount: 200) - 1) < 1e-12)
    }

    @Test func badSettingsAndDataAreOneClearError() throws {
        let (x, y) = Self.simulate(n: 40, p: 5, support: [1], survival: false, seed: 1)
        var g = Xoshiro256StarStar(seed: 1)
        for (settings, word) in [(StabilitySelection(threshold: 0.5), "threshold"), (StabilitySelection(threshold: 1.2), "threshold"),
                                 (StabilitySelection(subsamples: 7, sampling: .complementaryPairs), "even"),
                                 (StabilitySelection(alpha: 0), "alpha"), (StabilitySelection(targetFalseSelections: -1), "targetFalseSelections")] {
            do {
                _ = try settings.run(features: x, outcome: y, generator: &g)
                Issue.record("accepted \(word)")
            } catch { #expect("\(error)".contains(word), "\(error)") }
        }
        var bad = x
        bad.values[3] = .nan
        do {
            _ = try StabilitySelection().run(features: bad, outcome: y, generator: &g)
            Issue.record("accepted NaN")
        } catch { #expect("\(error)".contains("\"f0\"")) }
        #expect(throws: DiscoveryError.self) {
            try StabilitySelection().run(features: x, outcome: .binary([true, false]), generator: &g)
        }
        #expect(throws: DiscoveryError.self) {
            try StabilitySelection().run(features: x, outcome: .survival(time: [Double](repeating: -1, count: 40),
                                                                          event: [Bool](repeating: true, count: 40)), generator: &g)
        }
    }
}
