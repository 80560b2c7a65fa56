import Foundation
import Statistics

/// Inverse-variance meta-analysis of per-cohort effects yᵢ (log odds ratios, log hazard ratios, AUCs…)
/// with sampling variances vᵢ = SEᵢ².
///
/// - Fixed effect: wᵢ = 1/vᵢ, θ̂ = Σwᵢyᵢ/Σwᵢ, SE = (Σwᵢ)^−½.
/// - Heterogeneity: Q = Σwᵢ(yᵢ − θ̂_FE)² ~ χ²(k − 1) under homogeneity.
/// - τ², DerSimonian–Laird: max(0, (Q − (k − 1)) / (Σw − Σw²/Σw)).
/// - τ², REML: the root of the restricted-likelihood score, by the fixed-point iteration
///   τ² ← Σwᵢ*²((yᵢ − θ̂*)² − vᵢ)/Σwᵢ*² + 1/Σwᵢ*, wᵢ* = 1/(vᵢ + τ²), truncated at 0, from the DL value,
///   until |Δτ²| < 10⁻¹⁰ (Viechtbauer 2005, J Educ Behav Stat 30:261–293; at most 1000 steps).
/// - Random effects: wᵢ* = 1/(vᵢ + τ̂²), θ̂ = Σwᵢ*yᵢ/Σwᵢ*, SE = (Σwᵢ*)^−½; z-test and normal CI.
/// - I² = τ̂²/(τ̂² + s²) with the "typical" sampling variance s² = (k − 1)Σw/((Σw)² − Σw²), and
///   H² = (τ̂² + s²)/s² — R metafor's definitions (for DL, I² = (Q − (k − 1))/Q when positive).
///
/// Agreement: R metafor `rma(yi, vi, method = "FE" / "DL" / "REML")` estimates, SEs, τ², I², Q —
/// checked against a numpy implementation of these published formulas (1e-10 closed forms, 1e-6 REML).
///
/// - DerSimonian R, Laird N (1986), Control Clin Trials 7:177–188.
/// - Higgins JPT, Thompson SG (2002), Stat Med 21:1539–1558.
public struct MetaAnalysis: Sendable, Hashable, Codable {
    public enum Method: String, Sendable, Hashable, Codable, CaseIterable {
        case fixedEffect = "FE", derSimonianLaird = "DL", restrictedMaximumLikelihood = "REML"
    }

    public var method: Method
    public var estimate: Double
    public var standardError: Double
    public var z: Double
    public var pValue: Double
    public var lower: Double
    public var upper: Double
    /// Between-study variance τ̂² (0 for the fixed-effect model).
    public var tau2: Double
    /// I² in [0, 1] (a proportion, not a percentage).
    public var iSquared: Double
    public var hSquared: Double
    /// Cochran's Q and its χ²(k − 1) p-value.
    public var q: Double
    public var qPValue: Double
    public var studyCount: Int
    /// Weights of each study in the pooled estimate, summing to 1.
    public var weights: [Double]
    public var diagnostics: [String]

    /// - Parameters:
    ///   - effects: yᵢ (finite), k ≥ 1.
    ///   - standardErrors: SEᵢ > 0.
    ///   - method: default REML (metafor's default).
    ///   - confidenceLevel: default 0.95.
    /// - Complexity: O(k) per iteration.
    public init(effects: [Double], standardErrors: [Double], method: Method = .restrictedMaximumLikelihood,
                confidenceLevel: Double = 0.95) throws {
        let k = effects.count
        guard k >= 1, standardErrors.count == k else {
            throw DiscoveryError("meta-analysis: need ≥ 1 study and one standard error per effect (got \(k) and \(standardErrors.count))")
        }
        guard effects.allSatisfy(\.isFinite), standardErrors.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw DiscoveryError("meta-analysis: effects must be finite and standard errors finite and > 0")
        }
        let v = standardErrors.map { $0 * $0 }
        let w = v.map { 1 / $0 }
        let sw = w.reduce(0, +), sw2 = w.reduce(0) { $0 + $1 * $1 }
        let fixed = zip(w, effects).reduce(0) { $0 + $1.0 * $1.1 } / sw
        let qStat = zip(w, effects).reduce(0) { $0 + $1.0 * ($1.1 - fixed) * ($1.1 - fixed) }
        var messages: [String] = []
        var t2 = 0.0
        if k > 1 {
            let dl = max(0, (qStat - Double(k - 1)) / (sw - sw2 / sw))
            switch method {
            case .fixedEffect: t2 = 0
            case .derSimonianLaird: t2 = dl
            case .restrictedMaximumLikelihood:
                t2 = dl
                var converged = false
                for _ in 0..<1000 {
                    let ws = v.map { 1 / ($0 + t2) }
                    let s = ws.reduce(0, +)
                    let theta = zip(ws, effects).reduce(0) { $0 + $1.0 * $1.1 } / s
                    var num = 0.0, den = 0.0
                    for i in 0..<k {
                        let r = effects[i] - theta
                        num += ws[i] * ws[i] * (r * r - v[i])
                        den += ws[i] * ws[i]
                    }
                    let next = max(0, num / den + 1 / s)
                    let change = abs(next - t2)
                    t2 = next
                    if change < 1e-12 * max(1, t2) { converged = true; break }
                }
                if !converged { messages.append("REML τ² did not converge in 1000 iterations") }
            }
        }
        let ws = v.map { 1 / ($0 + t2) }
        let s = ws.reduce(0, +)
        self.method = method
        estimate = zip(ws, effects).reduce(0) { $0 + $1.0 * $1.1 } / s
        standardError = (1 / s).squareRoot()
        z = estimate / standardError
        pValue = 2 * Normal().survival(abs(z))
        let zq = Normal().quantile(0.5 + confidenceLevel / 2)
        lower = estimate - zq * standardError
        upper = estimate + zq * standardError
        tau2 = t2
        q = qStat
        qPValue = k > 1 ? ChiSquare(degreesOfFreedom: Double(k - 1)).survival(qStat) : .nan
        if k > 1 {
            let typical = Double(k - 1) * sw / (sw * sw - sw2)
            if method == .fixedEffect {
                iSquared = qStat > 0 ? max(0, (qStat - Double(k - 1)) / qStat) : 0
                hSquared = qStat / Double(k - 1)
            } else {
                iSquared = t2 / (t2 + typical)
                hSquared = (t2 + typical) / typical
            }
        } else {
            iSquared = 0
            hSquared = 1
        }
        studyCount = k
        weights = ws.map { $0 / s }
        diagnostics = messages
    }

    /// Leave-one-study-out stability: the pooled analysis without each study in turn (needs k ≥ 2).
    public static func leaveOneOut(effects: [Double], standardErrors: [Double],
                                   method: Method = .restrictedMaximumLikelihood,
                                   confidenceLevel: Double = 0.95) throws -> [MetaAnalysis] {
        guard effects.count >= 2 else { throw DiscoveryError("leave-one-out meta-analysis: need ≥ 2 studies") }
        return try effects.indices.map { left in
            let keep = effects.indices.filter { $0 != left }
            return try MetaAnalysis(effects: keep.map { effects[$0] }, standardErrors: keep.map { standardErrors[$0] },
                                    method: method, confidenceLevel: confidenceLevel)
        }
    }
}
