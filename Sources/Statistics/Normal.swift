import Foundation

/// The normal (Gaussian) distribution N(μ, σ²).
///
/// - Density: f(x) = exp(−(x − μ)²/(2σ²)) / (σ√(2π)).
/// - CDF: Φ((x − μ)/σ) = ½ erfc(−(x − μ)/(σ√2)).
/// - Quantile: μ + σ Φ⁻¹(p), with Φ⁻¹ from Wichura (1988) AS 241 (PPND16).
/// - Sampling: inversion, μ + σ Φ⁻¹(U) with one open-interval uniform U per draw (exactly one
///   64-bit word consumed per draw, so streams stay aligned).
///
/// Parameters: `mean` μ finite (default 0), `standardDeviation` σ > 0 and finite (default 1).
///
/// Wichura MJ (1988), Applied Statistics 37(3):477–484.
public struct Normal: ContinuousDistribution, Hashable, Codable {
    /// The location μ.
    public let mean: Double
    /// The scale σ > 0.
    public let standardDeviation: Double

    /// N(mean, standardDeviation²). Traps unless `mean` is finite and `standardDeviation` is finite
    /// and > 0.
    public init(mean: Double = 0, standardDeviation: Double = 1) {
        precondition(mean.isFinite, "Normal: mean must be finite, got \(mean)")
        precondition(standardDeviation > 0 && standardDeviation.isFinite,
                     "Normal: standardDeviation must be finite and > 0, got \(standardDeviation)")
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// σ².
    public var variance: Double { standardDeviation * standardDeviation }

    public func logPDF(_ x: Double) -> Double {
        let z = (x - mean) / standardDeviation
        return -0.5 * z * z - log(standardDeviation) - SpecialFunctions.logSqrt2Pi
    }

    public func pdf(_ x: Double) -> Double { exp(logPDF(x)) }

    public func cdf(_ x: Double) -> Double {
        SpecialFunctions.normalCDF((x - mean) / standardDeviation)
    }

    /// P(X > x), accurate in the upper tail.
    public func survival(_ x: Double) -> Double {
        SpecialFunctions.normalCDF(-(x - mean) / standardDeviation)
    }

    public func quantile(_ p: Double) -> Double {
        mean + standardDeviation * SpecialFunctions.normalQuantile(p)
    }

    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        mean + standardDeviation * Normal.standardSample(using: &generator)
    }

    /// One standard normal draw by inversion (one 64-bit word).
    static func standardSample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        let u = openUniform(&generator)
        return SpecialFunctions.normalQuantile(p: u, q: 1 - u)
    }
}
