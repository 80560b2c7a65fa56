import Foundation

/// The log-normal distribution: X = exp(Y) with Y ~ N(μ, σ²).
///
/// - Density: f(x) = exp(−(ln x − μ)²/(2σ²)) / (xσ√(2π)) for x > 0.
/// - Mean exp(μ + σ²/2); variance (exp(σ²) − 1) exp(2μ + σ²).
/// - Sampling: exp of a normal draw by inversion (one 64-bit word per draw).
///
/// Parameters: `meanLog` μ finite, `standardDeviationLog` σ > 0 (SciPy `lognorm(s=σ, scale=exp(μ))`).
public struct LogNormal: ContinuousDistribution, Hashable, Codable {
    /// μ, the mean of ln X.
    public let meanLog: Double
    /// σ > 0, the standard deviation of ln X.
    public let standardDeviationLog: Double

    public init(meanLog: Double, standardDeviationLog: Double) {
        precondition(meanLog.isFinite, "LogNormal: meanLog must be finite, got \(meanLog)")
        precondition(standardDeviationLog > 0 && standardDeviationLog.isFinite,
                     "LogNormal: standardDeviationLog must be finite and > 0, got \(standardDeviationLog)")
        self.meanLog = meanLog
        self.standardDeviationLog = standardDeviationLog
    }

    public var mean: Double { exp(meanLog + 0.5 * standardDeviationLog * standardDeviationLog) }
    public var variance: Double {
        let s2 = standardDeviationLog * standardDeviationLog
        return expm1(s2) * exp(2 * meanLog + s2)
    }

    public func logPDF(_ x: Double) -> Double {
        guard x > 0 else { return -.infinity }
        if x == .infinity { return -.infinity }
        let lx = log(x)
        let z = (lx - meanLog) / standardDeviationLog
        return -0.5 * z * z - log(standardDeviationLog) - SpecialFunctions.logSqrt2Pi - lx
    }

    public func pdf(_ x: Double) -> Double { x > 0 ? exp(logPDF(x)) : 0 }

    public func cdf(_ x: Double) -> Double {
        guard x > 0 else { return x.isNaN ? .nan : 0 }
        return SpecialFunctions.normalCDF((log(x) - meanLog) / standardDeviationLog)
    }

    /// P(X > x) = Φ(−(ln x − μ)/σ), accurate in the upper tail.
    public func survival(_ x: Double) -> Double {
        guard x > 0 else { return x.isNaN ? .nan : 1 }
        return SpecialFunctions.normalCDF(-(log(x) - meanLog) / standardDeviationLog)
    }

    public func quantile(_ p: Double) -> Double {
        exp(meanLog + standardDeviationLog * SpecialFunctions.normalQuantile(p))
    }

    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        exp(meanLog + standardDeviationLog * Normal.standardSample(using: &generator))
    }
}
