import Foundation
import Learning
import Statistics

/// The marginal hazard ratio of each arm against the reference from a Cox model with only arm indicators,
/// fitted with inverse-probability-of-treatment weights and robust (sandwich) standard errors — a marginal
/// structural Cox model (Hernán, Brumback & Robins 2000, Epidemiology 11:561; robust variance of Lin & Wei
/// 1989, JASA 84:1074, which accounts for the weights).
///
/// Fitted with Learning's ``Learning/CoxProportionalHazards`` (Efron ties, `robustVariance`). Agreement:
/// lifelines `CoxPHFitter().fit(df, weights_col="w", robust=True)` on the arm indicators, to 1e-6.
public struct WeightedCoxHazardRatio: Sendable, Hashable, Codable {
    public struct Contrast: Sendable, Hashable, Codable {
        public var arm: String
        public var logHazardRatio: Double
        public var hazardRatio: Double
        /// Robust standard error of the log hazard ratio.
        public var standardError: Double
        public var lower: Double
        public var upper: Double
        public var pValue: Double
    }

    public var reference: String
    public var contrasts: [Contrast]
    public var confidenceLevel: Double
    public var diagnostics: FitDiagnostics

    /// - Parameters:
    ///   - weights: e.g. ``PropensityWeights/weights`` (nil: unweighted, still with robust SEs).
    ///   - confidenceLevel: in (0, 1), default 0.95.
    /// - Throws: when the outcome is not survival or the weights do not fit.
    /// - Complexity: that of the Cox fit with K − 1 covariates, O(n log n + n K²) per Newton step.
    public init(_ data: TreatmentData, weights: [Double]?, confidenceLevel: Double = 0.95) throws {
        guard case .survival(let time, let event) = data.outcome else {
            throw TreatmentError.invalidData(field: "outcome", expected: "a survival outcome for a Cox model")
        }
        guard confidenceLevel > 0 && confidenceLevel < 1 else {
            throw TreatmentError.invalidParameter(name: "confidenceLevel", value: "\(confidenceLevel)", fix: "use a level in (0, 1), e.g. 0.95")
        }
        if let weights, weights.count != data.patientCount || !weights.allSatisfy({ $0.isFinite && $0 >= 0 }) {
            throw TreatmentError.invalidData(field: "weights", expected: "one finite weight ≥ 0 per patient (\(data.patientCount))")
        }
        let arms = data.comparisonArms
        let features = FeatureMatrix(names: arms.map { "arm=\(data.armNames[$0])" },
                                     columns: arms.map { a in data.arm.map { $0 == a ? 1 : 0 } })
        let cox = CoxProportionalHazards(ties: .efron, robustVariance: true, confidenceLevel: confidenceLevel)
        let model = try cox.fit(Dataset(features: features, target: .survival(time: time, event: event), weights: weights))
        let variance = model.inferenceVariance
        let z = Normal().quantile(0.5 + confidenceLevel / 2)
        let p = arms.count
        contrasts = arms.enumerated().map { j, a in
            let b = model.coefficients[j]
            let se = variance[j * p + j].squareRoot()
            return Contrast(arm: data.armNames[a], logHazardRatio: b, hazardRatio: exp(b), standardError: se,
                            lower: exp(b - z * se), upper: exp(b + z * se),
                            pValue: 2 * Normal().survival(abs(b / se)))
        }
        reference = data.armNames[data.referenceArm]
        self.confidenceLevel = confidenceLevel
        diagnostics = model.diagnostics
    }
}
