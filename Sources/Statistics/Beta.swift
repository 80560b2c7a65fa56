import Foundation

/// The beta distribution on [0, 1] with shapes α and β.
///
/// - Density: f(x) = x^{α−1}(1 − x)^{β−1} / B(α, β).
/// - CDF I_x(α, β) (regularised incomplete beta, Lentz continued fraction); quantile by its inverse.
/// - Mean α/(α + β); variance αβ / ((α + β)²(α + β + 1)).
/// - Sampling: X/(X + Y) with X ~ Gamma(α), Y ~ Gamma(β) (Marsaglia & Tsang 2000), formed in log
///   space as 1/(1 + e^{ln Y − ln X}) when a shape is below 1 so that tiny shapes never give 0/0.
///
/// Parameters: `alpha` α > 0, `beta` β > 0.
public struct Beta: ContinuousDistribution, Hashable, Codable {
    public let alpha: Double
    public let beta: Double

    public init(alpha: Double, beta: Double) {
        precondition(alpha > 0 && alpha.isFinite, "Beta: alpha must be finite and > 0, got \(alpha)")
        precondition(beta > 0 && beta.isFinite, "Beta: beta must be finite and > 0, got \(beta)")
        self.alpha = alpha
        self.beta = beta
    }

    public var mean: Double { alpha / (alpha + beta) }
    public var variance: Double {
        let s = alpha + beta
        return alpha * beta / (s * s * (s + 1))
    }

    public func logPDF(_ x: Double) -> Double {
        guard x >= 0, x <= 1 else { return -.infinity }
        if x == 0 {
            if alpha == 1 { return -SpecialFunctions.logBeta(alpha, beta) }
            return alpha < 1 ? .infinity : -.infinity
        }
        if x == 1 {
            if beta == 1 { return -SpecialFunctions.logBeta(alpha, beta) }
            return beta < 1 ? .infinity : -.infinity
        }
        if alpha > 10 && beta > 10 {
            return log(SpecialFunctions.betaFront(x, 1 - x, alpha, beta)) - log(x) - log1p(-x)
        }
        return (alpha - 1) * log(x) + (beta - 1) * log1p(-x) - SpecialFunctions.logBeta(alpha, beta)
    }

    public func pdf(_ x: Double) -> Double { exp(logPDF(x)) }

    public func cdf(_ x: Double) -> Double { SpecialFunctions.regularizedBeta(x, alpha, beta) }

    /// P(X > x), accurate in the upper tail.
    public func survival(_ x: Double) -> Double { SpecialFunctions.regularizedBetaComplement(x, alpha, beta) }

    public func quantile(_ p: Double) -> Double { SpecialFunctions.inverseRegularizedBeta(p, alpha, beta) }

    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        if alpha < 1 || beta < 1 {
            // In log space: for small shapes both gamma draws can underflow to 0 (0/0 = NaN).
            let lx = Gamma.logStandardSample(shape: alpha, using: &generator)
            let ly = Gamma.logStandardSample(shape: beta, using: &generator)
            return 1 / (1 + exp(ly - lx))
        }
        let x = Gamma.standardSample(shape: alpha, using: &generator)
        let y = Gamma.standardSample(shape: beta, using: &generator)
        return x / (x + y)
    }
}
