import Foundation
import Statistics

/// Accuracy of individual effect estimates against known true effects (simulations): PEHE, bias and the
/// coverage of confidence intervals.
///
/// - PEHE (precision in estimating heterogeneous effects; Hill 2011, J Comput Graph Stat 20:217):
///   √(mean (τ̂ᵢ − τᵢ)²).
/// - Bias: mean (τ̂ᵢ − τᵢ).
/// - Coverage: the share of patients whose interval τ̂ᵢ ± z·SEᵢ contains τᵢ (nominal: `level`).
/// - Constant-effect PEHE: the PEHE of predicting the true average effect for everyone, √(mean (τ̄ − τᵢ)²) —
///   a useful estimate of heterogeneity must beat it.
public struct EffectAccuracy: Sendable, Hashable, Codable {
    public var pehe: Double
    public var bias: Double
    public var coverage: Double?
    public var constantEffectPEHE: Double
    /// Mean estimated and mean true effect.
    public var meanEstimate: Double
    public var meanTruth: Double

    /// - Throws: for unequal lengths, no patients, or non-finite values.
    /// - Complexity: O(n).
    public init(estimates: [Double], truth: [Double], standardErrors: [Double]? = nil, level: Double = 0.95) throws {
        let n = truth.count
        guard n > 0, estimates.count == n, standardErrors.map({ $0.count == n }) ?? true else {
            throw TreatmentError.invalidData(field: "effect estimates", expected: "one estimate (and SE) per true effect, at least one")
        }
        guard estimates.allSatisfy(\.isFinite), truth.allSatisfy(\.isFinite) else {
            throw TreatmentError.invalidData(field: "effect estimates", expected: "finite values")
        }
        guard level > 0 && level < 1 else {
            throw TreatmentError.invalidParameter(name: "level", value: "\(level)", fix: "use a level in (0, 1), e.g. 0.95")
        }
        var se2 = 0.0, diff = 0.0
        for i in 0..<n { let d = estimates[i] - truth[i]; se2 += d * d; diff += d }
        let meanTruth = truth.reduce(0, +) / Double(n)
        pehe = (se2 / Double(n)).squareRoot()
        bias = diff / Double(n)
        constantEffectPEHE = (truth.reduce(0) { $0 + ($1 - meanTruth) * ($1 - meanTruth) } / Double(n)).squareRoot()
        meanEstimate = estimates.reduce(0, +) / Double(n)
        self.meanTruth = meanTruth
        if let standardErrors {
            let z = normalQuantile(0.5 + level / 2)
            var inside = 0
            for i in 0..<n where abs(estimates[i] - truth[i]) <= z * standardErrors[i] { inside += 1 }
            coverage = Double(inside) / Double(n)
        }
    }
}

/// The standard normal quantile.
func normalQuantile(_ p: Double) -> Double { Normal().quantile(p) }
