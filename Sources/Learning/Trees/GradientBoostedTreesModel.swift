import Foundation

/// A fitted ``GradientBoostedTrees`` model: the bins, the frozen trees and, for survival, the Breslow
/// baseline hazard.
public struct GradientBoostedTreesModel: SurvivalModel, Hashable {
    public let featureNames: [String]
    public let task: Task
    public let diagnostics: FitDiagnostics
    public let loss: BoostingLoss
    public let binner: FeatureBinner
    /// The trees, leaf values already multiplied by the learning rate.
    public let trees: [FlatTree]
    /// The constant score the trees start from.
    public let initialScore: Double
    /// Validation loss after each round (empty without early stopping).
    public let validationLosses: [Double]
    /// The round kept by early stopping (`nil` without it).
    public let bestIteration: Int?
    /// Survival: the distinct training event times, ascending, and the Breslow cumulative baseline
    /// hazard at each.
    public let baselineTimes: [Double]
    public let baselineCumulativeHazard: [Double]

    /// The additive score f(x) = initial + Σ trees (log-odds, value, or log relative hazard).
    ///
    /// NaN features are missing and follow each split's learned default direction.
    /// - Complexity: O(n · trees · depth), parallel over rows.
    public func rawScores(_ features: FeatureMatrix) throws -> [Double] {
        try checkCompatible(features)
        let n = features.rowCount
        let out = SharedBuffer<Double>(repeating: initialScore, count: n)
        features.values.withUnsafeBufferPointer { values in
            TreeParallel.forEachChunk(n, chunks: n < 2_000 ? 1 : TreeParallel.coreCount) { range in
                for tree in trees {
                    tree.addLeafValues(raw: values, rowCount: n, rows: range, binner: binner, into: out.pointer)
                }
            }
        }
        return out.array
    }

    /// The probability of class 1 (binary), the predicted value (regression), or the relative hazard
    /// exp(f) (survival; a risk score increasing with hazard).
    public func predict(_ features: FeatureMatrix) throws -> [Double] {
        let f = try rawScores(features)
        switch loss {
        case .logistic: return f.map { 1 / (1 + exp(-$0)) }
        case .squaredError: return f
        case .cox: return f.map { exp($0) }
        }
    }

    /// `S(t | x) = exp(−H₀(t) · exp f(x))` with the Breslow baseline (survival models only).
    ///
    /// - Throws: ``EstimatorError/incompatibleInput(_:)`` for a model not fitted on a survival target.
    public func survivalProbabilities(_ features: FeatureMatrix, at times: [Double]) throws -> [[Double]] {
        guard loss == .cox else {
            throw EstimatorError.incompatibleInput("survival curves need a model fitted on a survival target")
        }
        let h0 = times.map { t -> Double in
            var lo = 0, hi = baselineTimes.count
            while lo < hi { let mid = (lo + hi) / 2; if baselineTimes[mid] <= t { lo = mid + 1 } else { hi = mid } }
            return lo == 0 ? 0 : baselineCumulativeHazard[lo - 1]
        }
        return try rawScores(features).map { f in h0.map { exp(-$0 * exp(f)) } }
    }

    /// How a feature's importance is counted.
    public enum Importance: String, Sendable, Hashable, Codable {
        /// Total split gain of the feature (LightGBM `importance_type="gain"`).
        case gain
        /// Number of splits on the feature (LightGBM's default `"split"`).
        case splitCount
    }

    /// One importance per feature, in ``featureNames`` order (not normalised).
    ///
    /// - Complexity: O(total nodes).
    public func featureImportance(_ kind: Importance = .gain) -> [Double] {
        var gain = [Double](repeating: 0, count: featureNames.count)
        var splits = [Int](repeating: 0, count: featureNames.count)
        for tree in trees { tree.accumulateImportance(gain: &gain, splits: &splits) }
        return kind == .gain ? gain : splits.map(Double.init)
    }
}
