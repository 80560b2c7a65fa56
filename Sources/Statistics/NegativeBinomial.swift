import Foundation

/// The negative binomial distribution: failures before the r-th success, success probability p
/// (SciPy `nbinom(n=r, p=p)`); r may be any positive real.
///
/// - Mass: Γ(k + r)/(Γ(r) k!) p^r (1 − p)^k, computed as r/(r + k) · Binomial-raw(r; k + r, p)
///   in Loader's (2000) form.
/// - CDF: P(X ≤ k) = I_p(r, k + 1).
/// - Mean r(1 − p)/p, variance r(1 − p)/p².
/// - The RNA-seq parametrisation ``init(mean:dispersion:)``: mean μ and dispersion (size) φ, with
///   variance μ + μ²/φ; it maps to r = φ, p = φ/(φ + μ) (as in DESeq2/edgeR, where α = 1/φ).
/// - Sampling: gamma–Poisson mixture, X | Λ ~ Poisson(Λ) with Λ ~ Gamma(r, (1 − p)/p)
///   (Marsaglia & Tsang 2000, then Hörmann 1993).
public struct NegativeBinomial: DiscreteDistribution, Hashable, Codable {
    /// r > 0, the number of successes (the dispersion φ in the mean–dispersion form).
    public let size: Double
    /// p in (0, 1], the success probability.
    public let probability: Double

    public init(size: Double, probability: Double) {
        precondition(size > 0 && size.isFinite, "NegativeBinomial: size must be finite and > 0, got \(size)")
        precondition(probability > 0 && probability <= 1,
                     "NegativeBinomial: probability must be in (0, 1], got \(probability)")
        self.size = size
        self.probability = probability
    }

    /// Mean μ ≥ 0 and dispersion φ > 0, variance μ + μ²/φ (φ → ∞ approaches Poisson(μ)).
    public init(mean: Double, dispersion: Double) {
        precondition(mean >= 0 && mean.isFinite, "NegativeBinomial: mean must be finite and >= 0, got \(mean)")
        precondition(dispersion > 0 && dispersion.isFinite,
                     "NegativeBinomial: dispersion must be finite and > 0, got \(dispersion)")
        self.init(size: dispersion, probability: dispersion / (dispersion + mean))
    }

    /// φ, the same as ``size``.
    public var dispersion: Double { size }

    public var mean: Double { size * (1 - probability) / probability }
    public var variance: Double { size * (1 - probability) / (probability * probability) }

    public func logPMF(_ k: Int) -> Double {
        if k < 0 { return -.infinity }
        if probability == 1 { return k == 0 ? 0 : -.infinity }
        let x = Double(k)
        if k == 0 { return size * log(probability) }
        let q = 1 - probability
        return log(size / (size + x))
            + Binomial.logBinomialRaw(size, x + size, probability, q)
    }

    public func pmf(_ k: Int) -> Double { exp(logPMF(k)) }

    public func cdf(_ k: Int) -> Double {
        if k < 0 { return 0 }
        if probability == 1 { return 1 }
        return SpecialFunctions.regularizedBeta(
            probability, size, Double(k) + 1, complement: false, y: 1 - probability)
    }

    /// P(X > k), accurate in the upper tail.
    public func survival(_ k: Int) -> Double {
        if k < 0 { return 1 }
        if probability == 1 { return 0 }
        return SpecialFunctions.regularizedBeta(
            probability, size, Double(k) + 1, complement: true, y: 1 - probability)
    }

    public func quantile(_ p: Double) -> Int {
        checkProbability(p)
        if p == 0 || probability == 1 { return 0 }
        if p == 1 { return Int.max }
        let z = SpecialFunctions.normalQuantile(p)
        let guess = mean + variance.squareRoot() * z
        let start = guess.isFinite ? Int(max(0, min(guess.rounded(), 9e15))) : 0
        return discreteQuantileSearch(p, guess: start, lower: 0, upper: Int.max, cdf: cdf)
    }

    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Int {
        if probability == 1 { return 0 }
        let lambda = Gamma.standardSample(shape: size, using: &generator) * (1 - probability) / probability
        return Poisson.sample(mean: lambda, using: &generator)
    }
}
