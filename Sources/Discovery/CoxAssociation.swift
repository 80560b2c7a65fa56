import Foundation
import Learning
import Statistics

/// The hazard ratio of one feature (optionally adjusted for covariates) in a Cox proportional-hazards
/// model h(t | x, z) = h₀(t)·exp(βx + γᵀz), with Wald and likelihood-ratio tests of β = 0.
///
/// Fitted with ``CoxProportionalHazards`` (Efron ties, Newton–Raphson). The Wald test is z = β̂/SE with
/// SE from the inverse observed information; the likelihood-ratio test compares the fit with and without
/// x: 2(ℓ(β̂, γ̂) − ℓ(0, γ̃)) ~ χ²(1) (without covariates, ℓ(0) of the same fit). Matches lifelines
/// `CoxPHFitter().fit(df, "time", "event")` (`params_`, `standard_errors_`, `p`, `log_likelihood_ratio_test`)
/// to 1e-6.
///
/// Stratified Cox models (a separate baseline hazard per cohort) are not available in ``CoxProportionalHazards``;
/// to stratify by cohort, meta-analyse per-cohort hazard ratios (``MetaAnalysis``) or use the stratified
/// ``LogRankTest``.
public struct CoxAssociation: Sendable, Hashable, Codable {
    /// β̂, the log hazard ratio per unit of the feature.
    public var logHazardRatio: Double
    public var standardError: Double
    public var waldZ: Double
    public var waldPValue: Double
    public var likelihoodRatioStatistic: Double
    public var likelihoodRatioPValue: Double
    public var lower: Double
    public var upper: Double
    public var count: Int
    public var events: Int
    public var diagnostics: [String]

    public var hazardRatio: Double { exp(logHazardRatio) }

    public init(feature: [Double], time: [Double], event: [Bool], covariates: [[Double]] = [],
                confidenceLevel: Double = 0.95) throws {
        let n = feature.count
        guard time.count == n, event.count == n, covariates.allSatisfy({ $0.count == n }) else {
            throw DiscoveryError("Cox association: feature, time, event and covariates must have the same length")
        }
        guard feature.allSatisfy(\.isFinite), covariates.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            throw DiscoveryError("Cox association: values must be finite; drop rows with missing values first")
        }
        let estimator = CoxProportionalHazards(confidenceLevel: confidenceLevel)
        let names = ["x"] + covariates.indices.map { "z\($0)" }
        let full = try estimator.fit(Dataset(features: FeatureMatrix(names: names, columns: [feature] + covariates),
                                             target: .survival(time: time, event: event)))
        var nullLogLikelihood = full.nullLogLikelihood
        if !covariates.isEmpty {
            let reduced = try estimator.fit(Dataset(features: FeatureMatrix(names: Array(names.dropFirst()), columns: covariates),
                                                    target: .survival(time: time, event: event)))
            nullLogLikelihood = reduced.logLikelihood
        }
        logHazardRatio = full.coefficients[0]
        standardError = full.standardErrors[0]
        waldZ = logHazardRatio / standardError
        waldPValue = 2 * Normal().survival(abs(waldZ))
        likelihoodRatioStatistic = max(0, 2 * (full.logLikelihood - nullLogLikelihood))
        likelihoodRatioPValue = ChiSquare(degreesOfFreedom: 1).survival(likelihoodRatioStatistic)
        let zq = Normal().quantile(0.5 + confidenceLevel / 2)
        lower = exp(logHazardRatio - zq * standardError)
        upper = exp(logHazardRatio + zq * standardError)
        count = n
        events = full.eventCount
        diagnostics = full.diagnostics.messages
    }
}
