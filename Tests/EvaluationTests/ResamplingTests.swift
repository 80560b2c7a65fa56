import Evaluation
import Foundation
import Learning
import Statistics
import Testing

/// Synthetic binary data: `signal` informative features then `noise` pure-noise features.
func binaryData(rows n: Int, signal: Int = 3, noise: Int = 2, seed: UInt64) -> Dataset {
    var generator = Xoshiro256StarStar(seed: seed)
    let normal = Normal()
    let p = signal + noise
    let columns = (0..<p).map { _ in (0..<n).map { _ in normal.sample(using: &generator) } }
    let y = (0..<n).map { i -> Double in
        var eta = -0.3
        for j in 0..<signal { eta += 0.9 * columns[j][i] }
        return generator.nextUniform() < 1 / (1 + exp(-eta)) ? 1 : 0
    }
    return Dataset(features: FeatureMatrix(names: (0..<p).map { "x\($0)" }, columns: columns), target: .binary(y))
}

@Suite struct ResamplingSchemeTests {
    @Test func stratifiedFoldsPartitionTheRowsWithBalancedClasses() throws {
        let data = binaryData(rows: 203, seed: 1)
        let splits = try ResamplingScheme.kFold(folds: 5, repeats: 3).splits(for: data.target, seed: 9)
        #expect(splits.count == 15)
        let labels = data.target.binaryLabels!
        let positives = labels.filter { $0 }.count
        for r in 0..<3 {
            let tested = splits.filter { $0.repetition == r }.flatMap(\.test).sorted()
            #expect(tested == Array(0..<203), "each row tested once in repeat \(r)")
            for split in splits where split.repetition == r {
                #expect(Set(split.train).isDisjoint(with: split.test))
                #expect(split.train.count + split.test.count == 203)
                let share = Double(split.test.filter { labels[$0] }.count) / Double(split.test.count)
                #expect(abs(share - Double(positives) / 203) < 0.03)
            }
        }
        // Repeats reshuffle; the same seed reproduces.
        #expect(splits[0].test != splits[5].test)
        #expect(try ResamplingScheme.kFold(folds: 5, repeats: 3).splits(for: data.target, seed: 9) == splits)
        #expect(throws: EvaluationError.self) { try ResamplingScheme.kFold(folds: 1).splits(for: data.target) }
    }

    @Test func leaveOneGroupOutHoldsOutEachSiteOnce() throws {
        let groups = (0..<90).map { ["site A", "site B", "site C"][$0 % 3] }
        let data = binaryData(rows: 90, seed: 2)
        let splits = try ResamplingScheme.leaveOneGroupOut(groups: groups).splits(for: data.target)
        #expect(splits.map(\.name) == ["site A", "site B", "site C"])
        for split in splits {
            #expect(split.test.allSatisfy { groups[$0] == split.name })
            #expect(split.train.allSatisfy { groups[$0] != split.name })
        }
    }
}

@Suite struct CrossValidationTests {
    let estimator = Pipeline(model: ElasticNetLogisticRegression(alpha: 0, lambda: 0.01))

    @Test func resultsDoNotDependOnThreadCount() throws {
        let data = binaryData(rows: 300, seed: 3)
        let one = try Resampling.crossValidate(estimator, on: data, scheme: .kFold(folds: 5, repeats: 2), seed: 4, threads: 1)
        let four = try Resampling.crossValidate(estimator, on: data, scheme: .kFold(folds: 5, repeats: 2), seed: 4, threads: 4)
        #expect(one == four)
        #expect(one.scores.count == 10 && one.metrics.first == "auc")
        let auc = try #require(one.summary(of: "auc"))
        #expect(auc.count == 10 && auc.mean > 0.7 && auc.mean < 0.95)
        // Out-of-fold predictions cover every row once per repetition and reproduce the fold AUCs.
        let oof = one.outOfFoldPredictions(repetition: 1)
        #expect(oof.allSatisfy { !$0.isNaN })
        let split = one.splits[5]
        let foldAUC = try AreaUnderROC.auc(scores: split.test.map { oof[$0] }, labels: split.test.map { data.target.binaryLabels![$0] })
        #expect(close(foldAUC, one.scores[5][0], 1e-12))
    }

    @Test func survivalCrossValidationUsesConcordance() throws {
        var generator = Xoshiro256StarStar(seed: 5)
        let n = 240
        let x = (0..<n).map { _ in Normal().sample(using: &generator) }
        let time = x.map { -log(generator.nextUniform()) * exp(-0.8 * $0) }
        let event = (0..<n).map { _ in generator.nextUniform() < 0.7 }
        let data = Dataset(features: FeatureMatrix(names: ["x"], columns: [x]), target: .survival(time: time, event: event))
        let result = try Resampling.crossValidate(Pipeline(model: CoxProportionalHazards()), on: data,
                                                  metrics: [.harrellsC, .unosC()], seed: 1)
        let c = try #require(result.summary(of: "c_index"))
        #expect(c.mean > 0.6 && c.count == 5)
        #expect(try #require(result.summary(of: "uno_c")).mean > 0.6)
    }

    @Test func leaveOneSiteOutScoresEachSite() throws {
        let data = binaryData(rows: 300, seed: 6)
        let groups = (0..<300).map { "site \($0 % 4)" }
        let result = try Resampling.crossValidate(estimator, on: data, scheme: .leaveOneGroupOut(groups: groups), metrics: [.auc, .brierScore])
        #expect(result.splits.map(\.name) == ["site 0", "site 1", "site 2", "site 3"])
        #expect(result.values(of: "auc")!.allSatisfy { $0 > 0.6 })
    }

    @Test func nestedCrossValidationChoosesAmongCandidates() throws {
        let data = binaryData(rows: 200, signal: 2, noise: 30, seed: 7)
        let candidates = [1.0, 0.1, 0.01].map { Pipeline(model: ElasticNetLogisticRegression(alpha: 1, lambda: $0)) }
        let result = try Resampling.nestedCrossValidate(candidates: candidates, on: data, outer: .kFold(folds: 4),
                                                        inner: .kFold(folds: 3), selectBy: .auc, metrics: [.auc], seed: 2)
        #expect(result.selected.count == 4 && result.innerScores.count == 4)
        // λ = 1 removes every feature (AUC ½): never chosen.
        #expect(!result.selected.contains(0))
        for (s, chosen) in result.selected.enumerated() {
            #expect(result.innerScores[s][chosen] == result.innerScores[s].max())
        }
        #expect(result.outer.summary(of: "auc")!.mean > 0.65)
    }
}

@Suite struct BootstrapTests {
    @Test func fastAUCPathEqualsGeneralPath() throws {
        let data = binaryData(rows: 500, seed: 8)
        let scores = data.features.column(0).map { ($0 * 4).rounded() / 4 }   // ties
        let slowAUC = Metric(name: "auc (general)", higherIsBetter: true, tasks: [.binaryClassification]) {
            try AreaUnderROC.auc(scores: $0.predictions, labels: $0.target.binaryLabels!)
        }
        let fast = try Bootstrap.interval(.auc, target: data.target, predictions: scores, replicates: 300, seed: 3, threads: 3)
        let slow = try Bootstrap.interval(slowAUC, target: data.target, predictions: scores, replicates: 300, seed: 3, threads: 1)
        #expect(close(fast.lower, slow.lower, 1e-12) && close(fast.upper, slow.upper, 1e-12))
        #expect(close(fast.standardError, slow.standardError, 1e-12))
        #expect(fast.lower < fast.estimate && fast.estimate < fast.upper)
        // The percentile interval is close to DeLong's for a large-ish sample.
        let delong = try AreaUnderROC(scores: scores, labels: data.target.binaryLabels!)
        #expect(abs(fast.lower - delong.lower) < 0.02 && abs(fast.upper - delong.upper) < 0.02)
    }

    @Test func stratifiedSamplesKeepClassSizes() {
        let strata = (0..<50).map { $0 % 5 == 0 ? 1 : 0 }
        let rows = Bootstrap.sample(rowCount: 50, replicate: 4, seed: 1, strata: strata)
        #expect(rows.count == 50 && rows.filter { strata[$0] == 1 }.count == 10)
        #expect(rows != Bootstrap.sample(rowCount: 50, replicate: 5, seed: 1, strata: strata))
    }

    @Test func optimismCorrectionShrinksAnOverfittedAUC() throws {
        let data = binaryData(rows: 120, signal: 1, noise: 40, seed: 9)
        let overfit = Pipeline(model: ElasticNetLogisticRegression(alpha: 0, lambda: 1e-4))
        let corrected = try Resampling.optimismCorrected(overfit, on: data, metrics: [.auc, .brierScore], replicates: 40, seed: 1)
        let auc = corrected[0]
        #expect(auc.replicates == 40)
        #expect(auc.apparent > 0.9)          // memorised
        #expect(auc.optimism > 0.1)
        #expect(auc.corrected < auc.apparent - 0.1)
        #expect(corrected[1].optimism < 0)   // the Brier score looks better than it is
        // The corrected value lies between honest cross-validation and the apparent value (with p ≈ n/3
        // the bootstrap under-corrects somewhat, a known property: Steyerberg 2019, §17.3).
        let cv = try Resampling.crossValidate(overfit, on: data, metrics: [.auc], seed: 1).summary(of: "auc")!.mean
        #expect(auc.corrected > cv - 0.05 && auc.corrected < auc.apparent - 0.1)
    }
}
