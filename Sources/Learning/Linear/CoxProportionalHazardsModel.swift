import Foundation
import Statistics

/// A fitted ``CoxProportionalHazards`` model: coefficients with their inference, and the baseline
/// cumulative hazard for survival curves. A versioned `Codable` artifact.
public struct CoxProportionalHazardsModel: SurvivalModel, Hashable {
    /// Artifact format version.
    public var formatVersion = 1
    public var featureNames: [String]
    public var task: Task { .survival }
    /// β̂ (log hazard ratios per unit of each covariate).
    public var coefficients: [Double]
    /// Inverse (penalised) observed information, p × p column-major (the naive variance).
    public var variance: [Double]
    /// Lin–Wei robust variance, when requested.
    public var robustVariance: [Double]?
    public var confidenceLevel: Double
    /// ℓ(0), the partial log-likelihood of the null model.
    public var nullLogLikelihood: Double
    /// ℓ(β̂) (without the penalty term).
    public var logLikelihood: Double
    public var l2Penalty: Double
    public var ties: TieMethod
    /// The weighted covariate means x̄ at which ``baselineCumulativeHazard`` is given; risk scores and
    /// survival curves use x − x̄.
    public var means: [Double]
    /// Distinct event times, increasing.
    public var baselineTimes: [Double]
    /// H₀(t) at each of ``baselineTimes`` for a patient with covariates x̄.
    public var baselineCumulativeHazard: [Double]
    public var eventCount: Int
    /// Harrell's C on the training data, when computed.
    public var concordance: Double?
    public var diagnostics: FitDiagnostics

    public init(featureNames: [String], coefficients: [Double], variance: [Double], robustVariance: [Double]?,
                confidenceLevel: Double, nullLogLikelihood: Double, logLikelihood: Double, l2Penalty: Double,
                ties: TieMethod, means: [Double], baselineTimes: [Double], baselineCumulativeHazard: [Double],
                eventCount: Int, concordance: Double?, diagnostics: FitDiagnostics) {
        self.featureNames = featureNames
        self.coefficients = coefficients
        self.variance = variance
        self.robustVariance = robustVariance
        self.confidenceLevel = confidenceLevel
        self.nullLogLikelihood = nullLogLikelihood
        self.logLikelihood = logLikelihood
        self.l2Penalty = l2Penalty
        self.ties = ties
        self.means = means
        self.baselineTimes = baselineTimes
        self.baselineCumulativeHazard = baselineCumulativeHazard
        self.eventCount = eventCount
        self.concordance = concordance
        self.diagnostics = diagnostics
    }

    private var p: Int { coefficients.count }

    /// The variance used for inference: robust when fitted with `robustVariance`, else naive.
    public var inferenceVariance: [Double] { robustVariance ?? variance }

    /// √ of the naive variance's diagonal.
    public var standardErrors: [Double] { (0..<p).map { variance[$0 * p + $0].squareRoot() } }

    /// √ of the robust variance's diagonal, when fitted with `robustVariance`.
    public var robustStandardErrors: [Double]? {
        robustVariance.map { v in (0..<p).map { v[$0 * p + $0].squareRoot() } }
    }

    /// exp(β̂): hazard ratios.
    public var hazardRatios: [Double] { coefficients.map { exp($0) } }

    /// Wald z = β̂ / SE (robust SE when fitted with `robustVariance`).
    public var zScores: [Double] {
        let v = inferenceVariance
        return (0..<p).map { coefficients[$0] / v[$0 * p + $0].squareRoot() }
    }

    /// Two-sided normal p-values 2(1 − Φ(|z|)).
    public var pValues: [Double] { zScores.map { 2 * Normal().survival(abs($0)) } }

    /// β̂ ± z₁₋α/₂ · SE at ``confidenceLevel``.
    public var confidenceIntervals: [(lower: Double, upper: Double)] {
        let z = Normal().quantile(0.5 + confidenceLevel / 2)
        let v = inferenceVariance
        return (0..<p).map { j in
            let se = v[j * p + j].squareRoot()
            return (coefficients[j] - z * se, coefficients[j] + z * se)
        }
    }

    /// A χ² test: statistic, degrees of freedom and p-value.
    public struct ChiSquareTest: Sendable, Hashable, Codable {
        public var statistic: Double
        public var degreesOfFreedom: Int
        public var pValue: Double
    }

    /// Likelihood-ratio test of β = 0: 2(ℓ(β̂) − ℓ(0)) ~ χ²(p).
    public var likelihoodRatioTest: ChiSquareTest {
        let statistic = 2 * (logLikelihood - nullLogLikelihood)
        return ChiSquareTest(statistic: statistic, degreesOfFreedom: p,
                             pValue: ChiSquare(degreesOfFreedom: Double(p)).survival(max(statistic, 0)))
    }

    /// Global Wald test β̂ᵀ V⁻¹ β̂ ~ χ²(p), with V the inference variance (nil when V is singular).
    public var waldTest: ChiSquareTest? {
        guard let cholesky = CholeskySolver(inferenceVariance, size: p) else { return nil }
        let statistic = zip(coefficients, cholesky.solve(coefficients)).reduce(0) { $0 + $1.0 * $1.1 }
        return ChiSquareTest(statistic: statistic, degreesOfFreedom: p,
                             pValue: ChiSquare(degreesOfFreedom: Double(p)).survival(statistic))
    }

    /// Risk score (x − x̄)ᵀβ̂ per row: the centred linear predictor (R `predict(type = "lp")`), higher =
    /// higher hazard.
    public func predict(_ features: FeatureMatrix) throws -> [Double] {
        try checkCompatible(features)
        return Self.centredLinearPredictor(features, coefficients: coefficients, means: means)
    }

    /// S(t | x) = exp(−H₀(t) · exp((x − x̄)ᵀβ̂)), with H₀ a right-continuous step function (0 before the
    /// first event time).
    public func survivalProbabilities(_ features: FeatureMatrix, at times: [Double]) throws -> [[Double]] {
        let eta = try predict(features)
        let h0 = times.map { Self.stepValue(baselineTimes, baselineCumulativeHazard, at: $0) }
        return eta.map { e in
            let r = exp(e)
            return h0.map { exp(-$0 * r) }
        }
    }

    static func centredLinearPredictor(_ features: FeatureMatrix, coefficients: [Double], means: [Double]) -> [Double] {
        var offset = 0.0
        for j in coefficients.indices { offset += coefficients[j] * means[j] }
        var eta = ElasticNetLogisticModel.linearPredictor(features, coefficients: coefficients, intercept: 0)
        for i in eta.indices { eta[i] -= offset }
        return eta
    }

    /// The value of a right-continuous step function at t (0 before the first jump).
    static func stepValue(_ times: [Double], _ values: [Double], at t: Double) -> Double {
        var lo = 0, hi = times.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if times[mid] <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? 0 : values[lo - 1]
    }
}
