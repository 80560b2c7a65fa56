import Foundation

/// The gamma distribution with shape k and scale θ.
///
/// - Density: f(x) = x^{k−1} e^{−x/θ} / (Γ(k) θ^k) for x > 0.
/// - CDF P(k, x/θ) (regularised lower incomplete gamma); quantile by its inverse
///   (``SpecialFunctions/inverseRegularizedGammaP(_:_:)``).
/// - Mean kθ, variance kθ².
/// - Sampling: Marsaglia & Tsang (2000) squeeze–rejection with normal draws by inversion; for
///   k < 1 the boost X = Y·U^{1/k} with Y ~ Gamma(k + 1). The number of 64-bit words consumed varies
///   (rejection is unavoidable here), on average about 2.05 per draw for k ≥ 1.
///
/// Parameters: `shape` k > 0, `scale` θ > 0 (SciPy `gamma(a=k, scale=θ)`).
///
/// Marsaglia G, Tsang WW (2000), "A simple method for generating gamma variables", ACM TOMS 26(3).
public struct Gamma: ContinuousDistribution, Hashable, Codable {
    public let shape: Double
    public let scale: Double

    public init(shape: Double, scale: Double) {
        precondition(shape > 0 && shape.isFinite, "Gamma: shape must be finite and > 0, got \(shape)")
        precondition(scale > 0 && scale.isFinite, "Gamma: scale must be finite and > 0, got \(scale)")
        self.shape = shape
        self.scale = scale
    }

    public var mean: Double { shape * scale }
    public var variance: Double { shape * scale * scale }

    public func logPDF(_ x: Double) -> Double {
        guard x >= 0, x < .infinity else { return -.infinity }
        if x == 0 {
            if shape == 1 { return -log(scale) }
            return shape < 1 ? .infinity : -.infinity
        }
        let z = x / scale
        if shape >= 10 {
            // Saddle-point form (Loader 2000) keeps relative accuracy for large shapes.
            return log(SpecialFunctions.gammaPrefactor(shape, z)) - log(x)
        }
        return (shape - 1) * log(z) - z - SpecialFunctions.logGamma(shape) - log(scale)
    }

    public func pdf(_ x: Double) -> Double {
        guard x >= 0, x < .infinity else { return 0 }
        if x == 0 { return exp(logPDF(x)) }
        return SpecialFunctions.gammaPrefactor(shape, x / scale) / x
    }

    public func cdf(_ x: Double) -> Double {
        guard x > 0 else { return x.isNaN ? .nan : 0 }
        return SpecialFunctions.regularizedGammaP(shape, x / scale)
    }

    /// P(X > x) = Q(k, x/θ), accurate in the upper tail.
    public func survival(_ x: Double) -> Double {
        guard x > 0 else { return x.isNaN ? .nan : 1 }
        return SpecialFunctions.regularizedGammaQ(shape, x / scale)
    }

    public func quantile(_ p: Double) -> Double {
        scale * SpecialFunctions.inverseRegularizedGammaP(shape, p)
    }

    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        scale * Gamma.standardSample(shape: shape, using: &generator)
    }

    /// ln of a Gamma(shape, 1) draw, which stays finite for tiny shapes where the draw itself
    /// underflows to 0 (used by ``Beta`` with shapes below 1). Consumes the same words as
    /// ``standardSample(shape:using:)``.
    static func logStandardSample<G: RandomNumberGenerator>(shape: Double, using generator: inout G) -> Double {
        if shape < 1 {
            let y = standardSample(shape: shape + 1, using: &generator)
            return log(y) + log(openUniform(&generator)) / shape
        }
        return log(standardSample(shape: shape, using: &generator))
    }

    /// A Gamma(shape, 1) draw (Marsaglia–Tsang).
    static func standardSample<G: RandomNumberGenerator>(shape: Double, using generator: inout G) -> Double {
        if shape < 1 {
            let y = standardSample(shape: shape + 1, using: &generator)
            let u = openUniform(&generator)
            // exp(log(u)/k) underflows to 0 only for astronomically small draws.
            return y * exp(log(u) / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = Normal.standardSample(using: &generator)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = openUniform(&generator)
            let x2 = x * x
            if u < 1 - 0.0331 * x2 * x2 { return d * v }
            if log(u) < 0.5 * x2 + d * (1 - v + log(v)) { return d * v }
        }
    }
}
