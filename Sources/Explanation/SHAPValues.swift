import Foundation

/// The scale on which SHAP values add up to the model output.
public enum ExplanationScale: String, Sendable, Hashable, Codable {
    /// Log-odds of the positive class (boosted trees with the logistic loss, logistic regression).
    case logOdds = "log-odds"
    /// Probability of the positive class (random forests).
    case probability
    /// Log relative hazard (Cox models, boosted trees with the Cox loss).
    case logHazard = "log-hazard"
    /// The predicted value (regression).
    case value
}

/// SHAP values for a set of rows: `values[i * featureCount + j]` is feature `j`'s contribution for row
/// `i`, and for every row `baseValue + Σ_j values[i, j] = outputs[i]` (local accuracy).
public struct SHAPValues: Sendable, Hashable, Codable {
    public var featureNames: [String]
    public var rowCount: Int
    /// Row-major contributions, `rowCount × featureCount`.
    public var values: [Double]
    /// The expected model output over the reference data (shap's `expected_value`).
    public var baseValue: Double
    /// The model output being explained, on ``scale``, per row.
    public var outputs: [Double]
    public var scale: ExplanationScale

    public init(featureNames: [String], rowCount: Int, values: [Double], baseValue: Double, outputs: [Double],
                scale: ExplanationScale) {
        precondition(values.count == rowCount * featureNames.count && outputs.count == rowCount)
        self.featureNames = featureNames
        self.rowCount = rowCount
        self.values = values
        self.baseValue = baseValue
        self.outputs = outputs
        self.scale = scale
    }

    public var featureCount: Int { featureNames.count }

    /// The contributions of row `i`.
    public func row(_ i: Int) -> [Double] {
        Array(values[(i * featureCount)..<((i + 1) * featureCount)])
    }

    public subscript(row: Int, feature: Int) -> Double { values[row * featureCount + feature] }

    /// Mean |SHAP| per feature: the global importance of shap's summary bar plot.
    public var meanAbsolute: [Double] {
        var total = [Double](repeating: 0, count: featureCount)
        for i in 0..<rowCount { for j in 0..<featureCount { total[j] += abs(values[i * featureCount + j]) } }
        return total.map { rowCount > 0 ? $0 / Double(rowCount) : 0 }
    }

    /// Feature indices by decreasing mean |SHAP|.
    public var ranking: [Int] {
        let m = meanAbsolute
        return (0..<featureCount).sorted { m[$0] != m[$1] ? m[$0] > m[$1] : $0 < $1 }
    }

    /// The largest |baseValue + Σ SHAP − output| over rows (0 up to rounding when the explainer is exact).
    public var localAccuracyError: Double {
        var worst = 0.0
        for i in 0..<rowCount {
            var s = baseValue
            for j in 0..<featureCount { s += values[i * featureCount + j] }
            worst = max(worst, abs(s - outputs[i]))
        }
        return worst
    }
}
