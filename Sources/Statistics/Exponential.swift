import Foundation

/// The exponential distribution with rate λ.
///
/// - Density: f(x) = λ e^{−λx} for x ≥ 0; CDF 1 − e^{−λx}; quantile −ln(1 − p)/λ.
/// - Mean 1/λ, variance 1/λ².
/// - Sampling: inversion, −ln(U)/λ (one 64-bit word per draw).
///
/// Parameter: `rate` λ > 0 and finite (SciPy `expon(scale=1/λ)`).
public struct Exponential: ContinuousDistribution, Hashable, Codable {
    /// λ > 0.
    public let rate: Double

    public init(rate: Double) {
        precondition(rate > 0 && rate.isFinite, "Exponential: rate must be finite and > 0, got \(rate)")
        self.rate = rate
    }

    public var mean: Double { 1 / rate }
    public var variance: Double { 1 / (rate * rate) }

    public func logPDF(_ x: Double) -> Double { x >= 0 ? log(rate) - rate * x : -.infinity }
    public func pdf(_ x: Double) -> Double { x >= 0 ? rate * exp(-rate * x) : 0 }
    public func cdf(_ x: Double) -> Double { x > 0 ? -expm1(-rate * x) : (x.isNaN ? .nan : 0) }

    /// P(X > x) = e^{−λx}.
    public func survival(_ x: Double) -> Double { x > 0 ? exp(-rate * x) : (x.isNaN ? .nan : 1) }

    public func quantile(_ p: Double) -> Double {
        checkProbability(p)
        return -log1p(-p) / rate
    }

    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        -log(openUniform(&generator)) / rate
    }
}
