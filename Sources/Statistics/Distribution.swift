import Foundation

/// A probability distribution on the real line (or a subset of it) with a density.
///
/// Conforming types are immutable values whose parameters are checked once at initialisation;
/// every method is a pure function of those parameters (sampling also reads the generator).
///
/// - `pdf`/`logPDF`: density at `x`; zero (−∞ for `logPDF`) outside the support.
/// - `cdf`: P(X ≤ x).
/// - `quantile`: the inverse CDF, `inf{x : cdf(x) ≥ p}` for `p` in [0, 1]; `quantile(0)` and
///   `quantile(1)` are the ends of the support (possibly ±∞). `p` outside [0, 1] or NaN traps.
/// - `sample(using:)`: one draw, deterministic for a given generator state.
public protocol ContinuousDistribution: Sendable {
    /// The probability density at `x`.
    func pdf(_ x: Double) -> Double
    /// The natural logarithm of the density at `x` (−∞ outside the support).
    func logPDF(_ x: Double) -> Double
    /// The cumulative distribution function P(X ≤ x).
    func cdf(_ x: Double) -> Double
    /// The quantile (inverse CDF) at probability `p` in [0, 1].
    func quantile(_ p: Double) -> Double
    /// The expectation E[X] (may be `.infinity` or `.nan` where it does not exist).
    var mean: Double { get }
    /// The variance Var[X] (may be `.infinity` or `.nan` where it does not exist).
    var variance: Double { get }
    /// One random draw.
    func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double
}

/// A probability distribution on the integers with a mass function.
///
/// - `pmf`/`logPMF`: P(X = k); zero (−∞ for `logPMF`) outside the support.
/// - `cdf`: P(X ≤ k).
/// - `quantile`: the smallest `k` with `cdf(k) ≥ p`, for `p` in [0, 1]; `quantile(1)` is the upper
///   end of the support (`Int.max` when unbounded). `p` outside [0, 1] or NaN traps.
public protocol DiscreteDistribution: Sendable {
    /// The probability mass P(X = k).
    func pmf(_ k: Int) -> Double
    /// The natural logarithm of the probability mass (−∞ outside the support).
    func logPMF(_ k: Int) -> Double
    /// The cumulative distribution function P(X ≤ k).
    func cdf(_ k: Int) -> Double
    /// The smallest `k` with `cdf(k) ≥ p`.
    func quantile(_ p: Double) -> Int
    /// The expectation E[X].
    var mean: Double { get }
    /// The variance Var[X].
    var variance: Double { get }
    /// One random draw.
    func sample<G: RandomNumberGenerator>(using generator: inout G) -> Int
}

extension ContinuousDistribution {
    /// The standard deviation, `sqrt(variance)`.
    public var standardDeviation: Double { variance.squareRoot() }

    /// `count` independent draws.
    ///
    /// - Complexity: O(count) draws.
    public func samples<G: RandomNumberGenerator>(_ count: Int, using generator: inout G) -> [Double] {
        precondition(count >= 0, "samples: count must be non-negative, got \(count)")
        var out = [Double]()
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(sample(using: &generator)) }
        return out
    }
}

extension DiscreteDistribution {
    /// The standard deviation, `sqrt(variance)`.
    public var standardDeviation: Double { variance.squareRoot() }

    /// `count` independent draws.
    ///
    /// - Complexity: O(count) draws.
    public func samples<G: RandomNumberGenerator>(_ count: Int, using generator: inout G) -> [Int] {
        precondition(count >= 0, "samples: count must be non-negative, got \(count)")
        var out = [Int]()
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(sample(using: &generator)) }
        return out
    }
}

/// A uniform double in the open interval (0, 1) from one 64-bit draw: `(k + 0.5) · 2⁻⁵³` with `k`
/// the top 53 bits. Uses ``Xoshiro256StarStar/nextUniform()`` when the generator is that type (the
/// same formula), so the draws are identical for every generator type that produces the same words.
@inline(__always)
func openUniform<G: RandomNumberGenerator>(_ generator: inout G) -> Double {
    if G.self == Xoshiro256StarStar.self {
        return withUnsafeMutablePointer(to: &generator) {
            $0.withMemoryRebound(to: Xoshiro256StarStar.self, capacity: 1) { $0.pointee.nextUniform() }
        }
    }
    return (Double(generator.next() >> 11) + 0.5) * 0x1.0p-53
}

/// Traps unless `p` is a probability in [0, 1].
func checkProbability(_ p: Double, _ function: StaticString = #function) {
    precondition(p >= 0 && p <= 1, "\(function): p must be in [0, 1], got \(p)")
}

/// Smallest k with `cdf(k) >= p`, searching from an initial guess; `cdf` must be non-decreasing.
func discreteQuantileSearch(
    _ p: Double, guess: Int, lower: Int, upper: Int, cdf: (Int) -> Double
) -> Int {
    var k = min(max(guess, lower), upper)
    if cdf(k) >= p {
        // Step down while the previous value still reaches p (exponential then binary search).
        var step = 1
        var hi = k
        var lo = k
        while lo > lower {
            let candidate = max(lower, hi - step)
            if cdf(candidate) >= p { hi = candidate; lo = candidate; step *= 2 } else { lo = candidate; break }
        }
        if lo == hi { return hi }
        // cdf(lo) < p <= cdf(hi)
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2
            if cdf(mid) >= p { hi = mid } else { lo = mid }
        }
        return hi
    } else {
        var step = 1
        var lo = k
        var hi = k
        while true {
            if hi >= upper { hi = upper; break }
            let candidate = hi > upper - step ? upper : hi + step
            if cdf(candidate) >= p { hi = candidate; break }
            lo = candidate; hi = candidate; step = step > Int.max / 4 ? step : step * 2
        }
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2
            if cdf(mid) >= p { hi = mid } else { lo = mid }
        }
        k = hi
        return k
    }
}
