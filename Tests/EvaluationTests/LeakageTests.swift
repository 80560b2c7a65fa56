import Evaluation
import Foundation
import Learning
import Statistics
import Testing

/// A supervised preprocessing step as an estimator: target encoding of a high-cardinality grouping
/// (e.g. a sample-batch ID). `fit` learns each group's mean outcome from the rows it is given; the
/// model predicts that mean (the overall training mean for unseen groups). Inside resampling it only
/// ever sees training-fold labels.
struct TargetEncoder: Estimator {
    struct Model: FittedModel {
        var means: [Double: Double]
        var overall: Double
        var featureNames: [String] { ["group"] }
        var task: Task { .binaryClassification }
        var diagnostics: FitDiagnostics { FitDiagnostics() }
        func predict(_ features: FeatureMatrix) throws -> [Double] {
            features.column(0).map { means[$0] ?? overall }
        }
    }

    static var supportedTasks: Set<Task> { [.binaryClassification] }
    func validate() throws {}
    func fit(_ data: Dataset, generator: inout Xoshiro256StarStar) throws -> Model {
        guard case .binary(let y) = data.target else { throw EstimatorError.invalidData("binary target needed") }
        var sum: [Double: Double] = [:], count: [Double: Double] = [:]
        for (i, g) in data.features.column(0).enumerated() {
            sum[g, default: 0] += y[i]
            count[g, default: 0] += 1
        }
        return Model(means: sum.mapValues { $0 }.merging(count) { $0 / $1 }, overall: y.reduce(0, +) / Double(y.count))
    }
}

/// Planted leaks (issue 4): a feature derived from the label on all rows, and scaling fitted on all
/// rows. The resampling API refits the whole estimator on training rows only, so neither gets through.
@Suite struct LeakageTests {
    /// Pure-noise outcome; 150 groups of two patients.
    func noiseCohort() -> (groups: [Double], labels: [Double]) {
        var generator = Xoshiro256StarStar(seed: 42)
        let groups = (0..<300).map { Double($0 / 2) }.shuffled(using: &generator)
        let labels = (0..<300).map { _ in generator.nextUniform() < 0.4 ? 1.0 : 0.0 }
        return (groups, labels)
    }

    @Test func labelDerivedFeatureLeaksOnlyWhenComputedOutsideTheFolds() throws {
        let (groups, labels) = noiseCohort()
        // The leak: the group's mean outcome over ALL rows (the patient's own label included), then a
        // logistic regression on it, cross-validated.
        var sum: [Double: Double] = [:], count: [Double: Double] = [:]
        for (i, g) in groups.enumerated() { sum[g, default: 0] += labels[i]; count[g, default: 0] += 1 }
        let leaked = groups.map { sum[$0]! / count[$0]! }
        let leakedData = Dataset(features: FeatureMatrix(names: ["encoded"], columns: [leaked]), target: .binary(labels))
        let naive = try Resampling.crossValidate(Pipeline(model: ElasticNetLogisticRegression(alpha: 0, lambda: 0.001)),
                                                 on: leakedData, metrics: [.auc], seed: 1).summary(of: "auc")!
        #expect(naive.mean > 0.75, "the planted leak inflates the naive estimate (AUC \(naive.mean))")

        // The same encoding as an estimator: fitted inside every fold on training labels only.
        let raw = Dataset(features: FeatureMatrix(names: ["group"], columns: [groups]), target: .binary(labels))
        let honest = try Resampling.crossValidate(TargetEncoder(), on: raw, scheme: .kFold(folds: 5, repeats: 4),
                                                  metrics: [.auc], seed: 1).summary(of: "auc")!
        #expect(abs(honest.mean - 0.5) < 0.06, "no signal: the leak-free estimate is near ½ (AUC \(honest.mean))")

        // The bootstrap optimism correction refits the encoder too, so the memorised apparent AUC is
        // corrected downwards (only partly: ~63 % of the original rows are in each bootstrap sample).
        let optimism = try Resampling.optimismCorrected(TargetEncoder(), on: raw, metrics: [.auc], replicates: 50, seed: 2)
        #expect(optimism[0].apparent > 0.8 && optimism[0].optimism > 0.1,
                "apparent \(optimism[0].apparent), optimism \(optimism[0].optimism)")
    }

    @Test func scalingIsFittedOnTrainingRowsOnly() throws {
        // Test rows are shifted far away: statistics fitted on all rows would be pulled towards them.
        var data = binaryData(rows: 200, seed: 11)
        let splits = try ResamplingScheme.kFold(folds: 4).splits(for: data.target, seed: 3)
        for i in splits[0].test { data.features[i, 0] += 100 }
        let fits = try Resampling.fitSplits(Pipeline(model: ElasticNetLogisticRegression(alpha: 0, lambda: 0.01)), on: data,
                                            splits: splits, seed: 3)
        for fit in fits {
            let scale = try #require(fit.model.preprocessing.scales[0])
            let trainingMean = fit.split.train.reduce(0) { $0 + data.features[$1, 0] } / Double(fit.split.train.count)
            #expect(close(scale.mean, trainingMean, 1e-9), "\(fit.split.name): scaling uses its training rows")
        }
        let allRows = (0..<200).reduce(0) { $0 + data.features[$1, 0] } / 200
        #expect(abs(fits[0].model.preprocessing.scales[0]!.mean - allRows) > 20)
    }
}
