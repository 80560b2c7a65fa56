import Evaluation
import Foundation
import Learning
import Statistics

/// How well predictions fit a target; higher is better.
public enum ImportanceMetric: String, Sendable, Hashable, Codable {
    /// Area under the ROC curve (binary).
    case auc
    /// Harrell's concordance index (survival; the prediction is a risk score).
    case concordance
    /// Negative mean squared error (regression).
    case negativeMSE = "neg-mse"

    /// The natural metric for a task.
    public static func `default`(for task: Task) -> ImportanceMetric {
        switch task {
        case .binaryClassification: .auc
        case .survival: .concordance
        case .regression: .negativeMSE
        }
    }

    public func score(_ predictions: [Double], _ target: Target) throws -> Double {
        switch (self, target) {
        case (.auc, .binary(let y)):
            return try AreaUnderROC.auc(scores: predictions, labels: y.map { $0 == 1 })
        case (.concordance, .survival(let time, let event)):
            return try ConcordanceIndex.harrell(SurvivalOutcomes(time: time, event: event), risk: predictions).value
        case (.negativeMSE, .continuous(let y)), (.negativeMSE, .binary(let y)):
            return -zip(predictions, y).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(max(y.count, 1))
        default:
            throw ExplanationError.invalidParameter(name: "metric", value: rawValue,
                                                    fix: "use auc for binary, concordance for survival, neg-mse for regression targets")
        }
    }
}

/// Permutation importance (Breiman 2001, *Machine Learning* 45:5; Fisher, Rudin & Dominici 2019,
/// *JMLR* 20:177 "model reliance"; scikit-learn's `permutation_importance`).
///
/// **Algorithm.** The baseline score s₀ of the model on (X, y) is computed once. For each feature j and
/// each of R repeats, column j is shuffled (a seeded Fisher–Yates permutation from
/// ``Statistics/Xoshiro256StarStar``, one independent stream per feature), the model re-predicts, and
/// the importance is s₀ − s_jr. The result is the mean over repeats, its standard deviation, and a
/// t-interval mean ± t_{R−1, (1+level)/2} · sd / √R: an interval for the mean over permutations of this
/// fitted model on this data (not for refitting on new data).
public struct PermutationImportance: Sendable, Hashable, Codable {
    public struct Feature: Sendable, Hashable, Codable {
        public var name: String
        /// Mean drop in the metric when the feature is shuffled.
        public var mean: Double
        public var standardDeviation: Double
        public var lower: Double
        public var upper: Double
        /// The drop in each repeat.
        public var drops: [Double]
    }

    public var metric: ImportanceMetric
    public var baselineScore: Double
    public var repeats: Int
    public var confidenceLevel: Double
    /// In the model's feature order.
    public var features: [Feature]

    /// Features by decreasing mean importance.
    public var ranked: [Feature] { features.sorted { $0.mean > $1.mean } }

    /// - Complexity: O(p · R) predictions on n rows.
    public init(model: any FittedModel, data: Dataset, metric: ImportanceMetric? = nil, repeats: Int = 10,
                seed: UInt64 = 0, confidenceLevel: Double = 0.95) throws {
        guard repeats >= 2 else {
            throw ExplanationError.invalidParameter(name: "repeats", value: "\(repeats)", fix: "use at least 2, e.g. 10")
        }
        guard confidenceLevel > 0, confidenceLevel < 1 else {
            throw ExplanationError.invalidParameter(name: "confidenceLevel", value: "\(confidenceLevel)", fix: "use a level in (0, 1)")
        }
        let metric = metric ?? .default(for: model.task)
        let baseline = try metric.score(model.predict(data.features), data.target)
        let n = data.rowCount
        let t = StudentT(degreesOfFreedom: Double(repeats - 1)).quantile(0.5 + confidenceLevel / 2)
        var results = [Feature]()
        for j in 0..<data.features.columnCount {
            var generator = Xoshiro256StarStar(seed: seed, stream: UInt64(j))
            var shuffled = data.features
            let original = Array(data.features.column(j))
            var drops = [Double]()
            for _ in 0..<repeats {
                var column = original
                if n > 1 {
                    for i in stride(from: n - 1, to: 0, by: -1) {
                        let k = Int(generator.next() % UInt64(i + 1))
                        column.swapAt(i, k)
                    }
                }
                shuffled.values.replaceSubrange((j * n)..<((j + 1) * n), with: column)
                drops.append(baseline - (try metric.score(model.predict(shuffled), data.target)))
            }
            let mean = drops.reduce(0, +) / Double(repeats)
            let sd = (drops.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(repeats - 1)).squareRoot()
            let half = t * sd / Double(repeats).squareRoot()
            results.append(Feature(name: data.features.names[j], mean: mean, standardDeviation: sd,
                                   lower: mean - half, upper: mean + half, drops: drops))
        }
        self.metric = metric
        self.baselineScore = baseline
        self.repeats = repeats
        self.confidenceLevel = confidenceLevel
        self.features = results
    }
}
