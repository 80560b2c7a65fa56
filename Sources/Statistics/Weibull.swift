import Foundation

/// The Weibull distribution with shape k and scale λ.
///
/// - Density: f(x) = (k/λ)(x/λ)^{k−1} exp(−(x/λ)^k) for x ≥ 0; CDF 1 − exp(−(x/λ)^k);
///   quantile λ(−ln(1 − p))^{1/k}.
/// - Mean λΓ(1 + 1/k); variance λ²[Γ(1 + 2/k) − Γ(1 + 1/k)²].
/// - Sampling: inversion, λ(−ln U)^{1/k} (one 64-bit word per draw).
///
/// Parameters: `shape` k > 0, `scale` λ > 0 (SciPy `weibull_min(c=k, scale=λ)`).
public struct Weibull: ContinuousDistribution, Hashable, Codable {
    public let shape: Double
    public let scale: Double

    public init(shape: Double, scale: Double) {
        precondition(shape > 0 && shape.isFinite, "Weibull: shape must be finite and > 0, got \(shape)")
        precondition(scale > 0 && scale.isFinite, "Weibull: scale must be finite and > 0, got \(scale)")
        self.shape = shape
        self.scale = scale
    }

    public var mean: Double { scale * exp(SpecialFunctions.logGamma(1 + 1 / shape)) }
    public var variance: Double {
        let g1 = exp(SpecialFunctions.logGamma(1 + 1 / shape))
        let g2 = exp(SpecialFunctions.logGamma(1 + 2 / shape))
        return scale * scale * (g2 - g1 * g1)
    }

    public func logPDF(_ x: Double) -> Double {
        guard x >= 0 else { return -.infinity }
        if x == 0 {
            if shape == 1 { return -log(scale) }
            return shape < 1 ? .infinity : -.infinity
        }
        let z = x / scale
        return log(shape / scale) + (shape - 1) * log(z) - pow(z, shape)
    }

    public func pdf(_ x: Double) -> Double { exp(logPDF(x)) }

    public func cdf(_ x: Double) -> Double {
        guard x > 0 else { return x.isNaN ? .nan : 0 }
        return -expm1(-pow(x / scale, shape))
    }

    /// P(X > x) = exp(−(x/λ)^k), accurate in the upper tail.
    public func survival(_ x: Double) -> Double {
        guard x > 0 else { return x.isNaN ? .nan : 1 }
        return exp(-pow(x / scale, shape))
    }

    public func quantile(_ p: Double) -> Double {
        checkProbability(p)
        return scale * pow(-log1p(-p), 1 / shape)
    }

    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        scale * pow(-log(openUniform(&generator)), 1 / shape)
    }
}
