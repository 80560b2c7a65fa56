import Foundation

/// The chi-square distribution with ν degrees of freedom: Gamma(ν/2, scale 2).
///
/// - Density: f(x) = x^{ν/2−1} e^{−x/2} / (2^{ν/2} Γ(ν/2)); CDF P(ν/2, x/2).
/// - Mean ν, variance 2ν.
/// - Sampling: 2 × Gamma(ν/2) by Marsaglia & Tsang (2000).
///
/// Parameter: `degreesOfFreedom` ν > 0 (need not be an integer).
public struct ChiSquare: ContinuousDistribution, Hashable, Codable {
    public let degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) {
        precondition(degreesOfFreedom > 0 && degreesOfFreedom.isFinite,
                     "ChiSquare: degreesOfFreedom must be finite and > 0, got \(degreesOfFreedom)")
        self.degreesOfFreedom = degreesOfFreedom
    }

    var gamma: Gamma { Gamma(shape: degreesOfFreedom / 2, scale: 2) }

    public var mean: Double { degreesOfFreedom }
    public var variance: Double { 2 * degreesOfFreedom }
    public func logPDF(_ x: Double) -> Double { gamma.logPDF(x) }
    public func pdf(_ x: Double) -> Double { gamma.pdf(x) }
    public func cdf(_ x: Double) -> Double { gamma.cdf(x) }
    /// P(X > x), accurate in the upper tail (the p-value of a chi-square statistic).
    public func survival(_ x: Double) -> Double { gamma.survival(x) }
    public func quantile(_ p: Double) -> Double { gamma.quantile(p) }
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        gamma.sample(using: &generator)
    }
}
