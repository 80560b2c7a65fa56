import Foundation

/// The Poisson distribution with mean λ.
///
/// - Mass: P(X = k) = λ^k e^{−λ}/k!, computed in Loader's (2000) saddle-point form
///   exp(−δ(k) − bd0(k, λ))/√(2πk), which keeps full relative accuracy for large λ and k.
/// - CDF: P(X ≤ k) = Q(k + 1, λ) (regularised upper incomplete gamma).
/// - Mean λ, variance λ.
/// - Sampling: for λ < 10, sequential-search inversion with one uniform per draw; for λ ≥ 10,
///   Hörmann's (1993) transformed rejection with squeeze (PTRS), about 2.3 words per draw on average.
///
/// Parameter: `mean` λ ≥ 0 and finite (λ = 0 is the point mass at 0).
///
/// Hörmann W (1993), "The transformed rejection method for generating Poisson random variables",
/// Insurance: Mathematics and Economics 12(1):39–45. Loader C (2000), "Fast and accurate computation
/// of binomial probabilities".
public struct Poisson: DiscreteDistribution, Hashable, Codable {
    /// λ ≥ 0.
    public let mean: Double

    public init(mean: Double) {
        precondition(mean >= 0 && mean.isFinite, "Poisson: mean must be finite and >= 0, got \(mean)")
        self.mean = mean
    }

    public var variance: Double { mean }

    public func logPMF(_ k: Int) -> Double { Poisson.logPMF(k, mean: mean) }

    static func logPMF(_ k: Int, mean lambda: Double) -> Double {
        if k < 0 { return -.infinity }
        if lambda == 0 { return k == 0 ? 0 : -.infinity }
        if k == 0 { return -lambda }
        let x = Double(k)
        return -SpecialFunctions.stirlingError(x) - SpecialFunctions.devianceTerm(x, lambda)
            - 0.5 * log(2 * Double.pi * x)
    }

    public func pmf(_ k: Int) -> Double { exp(logPMF(k)) }

    public func cdf(_ k: Int) -> Double {
        if k < 0 { return 0 }
        if mean == 0 { return 1 }
        return SpecialFunctions.regularizedGammaQ(Double(k) + 1, mean)
    }

    /// P(X > k) = P(k + 1, λ), accurate in the upper tail.
    public func survival(_ k: Int) -> Double {
        if k < 0 { return 1 }
        if mean == 0 { return 0 }
        return SpecialFunctions.regularizedGammaP(Double(k) + 1, mean)
    }

    public func quantile(_ p: Double) -> Int {
        checkProbability(p)
        if mean == 0 || p == 0 { return 0 }
        if p == 1 { return Int.max }
        let z = SpecialFunctions.normalQuantile(p)
        let guess = mean + mean.squareRoot() * z + (z * z - 1) / 6
        let start = guess.isFinite ? Int(max(0, min(guess.rounded(), 9e15))) : 0
        return discreteQuantileSearch(p, guess: start, lower: 0, upper: Int.max, cdf: cdf)
    }

    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Int {
        Poisson.sample(mean: mean, using: &generator)
    }

    static func sample<G: RandomNumberGenerator>(mean lambda: Double, using generator: inout G) -> Int {
        if lambda == 0 { return 0 }
        if lambda < 10 {
            // Inversion by sequential search: one uniform per draw.
            var u = openUniform(&generator)
            var k = 0
            var probability = exp(-lambda)
            while u > probability {
                u -= probability
                k += 1
                probability *= lambda / Double(k)
                if probability < 1e-300 && Double(k) > lambda { break }  // u lost to rounding
            }
            return k
        }
        if lambda > 1e15 {
            // Beyond exact integer range the normal approximation error (O(λ^-1/2) ≈ 3e-8) is far
            // below the resolution of the result; PTRS would need k beyond 2^53.
            return Int((lambda + lambda.squareRoot() * Normal.standardSample(using: &generator)).rounded())
        }
        // PTRS (Hörmann 1993).
        let sqrtLambda = lambda.squareRoot()
        let logLambda = log(lambda)
        let b = 0.931 + 2.53 * sqrtLambda
        let a = -0.059 + 0.02483 * b
        let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = openUniform(&generator) - 0.5
            let v = openUniform(&generator)
            let us = 0.5 - abs(u)
            let kd = ((2 * a / us + b) * u + lambda + 0.43).rounded(.down)
            if us >= 0.07 && v <= vr { return Int(kd) }
            if kd < 0 || (us < 0.013 && v > us) { continue }
            if kd > 9e15 { continue }
            let lhs = log(v) + log(inverseAlpha) - log(a / (us * us) + b)
            let rhs = -lambda + kd * logLambda - SpecialFunctions.logGamma(kd + 1)
            if lhs <= rhs { return Int(kd) }
        }
    }
}
