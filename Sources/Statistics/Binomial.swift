import Foundation

/// The binomial distribution: successes in n independent trials with success probability p.
///
/// - Mass: C(n, k) p^k (1 − p)^{n−k}, in Loader's (2000) saddle-point form (full relative
///   accuracy for large n).
/// - CDF: P(X ≤ k) = I_{1−p}(n − k, k + 1) (regularised incomplete beta).
/// - Mean np, variance np(1 − p).
/// - Sampling: with r = min(p, 1 − p), inversion by sequential search when n·r ≤ 30 (one uniform per
///   draw, except a rare restart past the bound mean + 10 sd), otherwise the BTPE rejection algorithm
///   of Kachitvichyanukul & Schmeiser (1988), two words per trial; results for r = 1 − p are
///   reflected (n − X).
///
/// Parameters: `trials` n ≥ 0, `probability` p in [0, 1].
///
/// Kachitvichyanukul V, Schmeiser BW (1988), "Binomial random variate generation", Communications of
/// the ACM 31(2):216–222.
public struct Binomial: DiscreteDistribution, Hashable, Codable {
    public let trials: Int
    public let probability: Double

    public init(trials: Int, probability: Double) {
        precondition(trials >= 0, "Binomial: trials must be >= 0, got \(trials)")
        precondition(probability >= 0 && probability <= 1,
                     "Binomial: probability must be in [0, 1], got \(probability)")
        self.trials = trials
        self.probability = probability
    }

    public var mean: Double { Double(trials) * probability }
    public var variance: Double { Double(trials) * probability * (1 - probability) }

    /// log of C(n, x) p^x q^(n−x) for real n ≥ x ≥ 0 (Loader 2000, `dbinom_raw`).
    public static func logBinomialRaw(_ x: Double, _ n: Double, _ p: Double, _ q: Double) -> Double {
        if p == 0 { return x == 0 ? 0 : -.infinity }
        if q == 0 { return x == n ? 0 : -.infinity }
        if x == 0 {
            if n == 0 { return 0 }
            return p < 0.1 ? -SpecialFunctions.devianceTerm(n, n * q) - n * p : n * log(q)
        }
        if x == n {
            return q < 0.1 ? -SpecialFunctions.devianceTerm(n, n * p) - n * q : n * log(p)
        }
        if x < 0 || x > n { return -.infinity }
        let lc = SpecialFunctions.stirlingError(n) - SpecialFunctions.stirlingError(x)
            - SpecialFunctions.stirlingError(n - x)
            - SpecialFunctions.devianceTerm(x, n * p) - SpecialFunctions.devianceTerm(n - x, n * q)
        let lf = log(2 * Double.pi) + log(x) + log1p(-x / n)
        return lc - 0.5 * lf
    }

    public func logPMF(_ k: Int) -> Double {
        if k < 0 || k > trials { return -.infinity }
        return Binomial.logBinomialRaw(Double(k), Double(trials), probability, 1 - probability)
    }

    public func pmf(_ k: Int) -> Double { exp(logPMF(k)) }

    public func cdf(_ k: Int) -> Double {
        if k < 0 { return 0 }
        if k >= trials { return 1 }
        if probability == 0 { return 1 }
        if probability == 1 { return 0 }
        return SpecialFunctions.regularizedBeta(
            1 - probability, Double(trials - k), Double(k) + 1, complement: false, y: probability)
    }

    /// P(X > k), accurate in the upper tail.
    public func survival(_ k: Int) -> Double {
        if k < 0 { return 1 }
        if k >= trials { return 0 }
        if probability == 0 { return 0 }
        if probability == 1 { return 1 }
        return SpecialFunctions.regularizedBeta(
            1 - probability, Double(trials - k), Double(k) + 1, complement: true, y: probability)
    }

    public func quantile(_ p: Double) -> Int {
        checkProbability(p)
        if p == 0 { return 0 }
        if p == 1 { return trials }
        let z = SpecialFunctions.normalQuantile(p)
        let guess = mean + variance.squareRoot() * z
        let start = guess.isFinite ? Int(max(0, min(guess.rounded(), Double(trials)))) : 0
        return discreteQuantileSearch(p, guess: start, lower: 0, upper: trials, cdf: cdf)
    }

    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Int {
        if trials == 0 || probability == 0 { return 0 }
        if probability == 1 { return trials }
        let r = min(probability, 1 - probability)
        let x = Double(trials) * r <= 30
            ? Binomial.inversion(n: trials, p: r, using: &generator)
            : Binomial.btpe(n: trials, p: r, using: &generator)
        return probability > 0.5 ? trials - x : x
    }

    /// Sequential-search inversion for p ≤ ½ and small np.
    static func inversion<G: RandomNumberGenerator>(n: Int, p: Double, using generator: inout G) -> Int {
        let q = 1 - p
        let nd = Double(n)
        let q0 = exp(nd * log1p(-p))
        let bound = Int(min(nd, nd * p + 10 * (nd * p * q + 1).squareRoot()))
        let ratio = p / q
        while true {
            var u = openUniform(&generator)
            var x = 0
            var px = q0
            while u > px {
                u -= px
                x += 1
                if x > bound { break }
                px *= Double(n - x + 1) * ratio / Double(x)
            }
            if x <= bound { return x }
        }
    }

    /// BTPE (Kachitvichyanukul & Schmeiser 1988) for p ≤ ½ and np > 30.
    static func btpe<G: RandomNumberGenerator>(n: Int, p r: Double, using generator: inout G) -> Int {
        let nd = Double(n)
        let q = 1 - r
        let nrq = nd * r * q
        let fm = nd * r + r
        let m = fm.rounded(.down)
        let p1 = (2.195 * nrq.squareRoot() - 4.6 * q).rounded(.down) + 0.5
        let xm = m + 0.5
        let xl = xm - p1
        let xr = xm + p1
        let c = 0.134 + 20.5 / (15.3 + m)
        var a = (fm - xl) / (fm - xl * r)
        let lambdaL = a * (1 + a / 2)
        a = (xr - fm) / (xr * q)
        let lambdaR = a * (1 + a / 2)
        let p2 = p1 * (1 + 2 * c)
        let p3 = p2 + c / lambdaL
        let p4 = p3 + c / lambdaR
        let s = r / q
        let aa = s * (nd + 1)

        while true {
            let u = openUniform(&generator) * p4
            var v = openUniform(&generator)
            var y: Double
            if u <= p1 {
                // Triangular region: accept immediately.
                return Int((xm - p1 * v + u).rounded(.down))
            } else if u <= p2 {
                // Parallelograms.
                let x = xl + (u - p1) / c
                v = v * c + 1 - abs(m - x + 0.5) / p1
                if v > 1 { continue }
                y = x.rounded(.down)
            } else if u <= p3 {
                // Left exponential tail.
                y = (xl + log(v) / lambdaL).rounded(.down)
                if y < 0 { continue }
                v = v * (u - p2) * lambdaL
            } else {
                // Right exponential tail.
                y = (xr - log(v) / lambdaR).rounded(.down)
                if y > nd { continue }
                v = v * (u - p3) * lambdaR
            }
            let k = abs(y - m)
            if k <= 20 || k >= nrq / 2 - 1 {
                // Explicit evaluation of f(y)/f(m) by the recurrence.
                var f = 1.0
                if m < y {
                    var i = m + 1
                    while i <= y { f *= aa / i - s; i += 1 }
                } else if m > y {
                    var i = y + 1
                    while i <= m { f /= aa / i - s; i += 1 }
                }
                if v <= f { return Int(y) }
                continue
            }
            // Squeeze using upper and lower bounds on log f(y)/f(m).
            let rho = (k / nrq) * ((k * (k / 3 + 0.625) + 1.0 / 6) / nrq + 0.5)
            let t = -k * k / (2 * nrq)
            let logV = log(v)
            if logV < t - rho { return Int(y) }
            if logV > t + rho { continue }
            // Final comparison with Stirling's formula.
            let x1 = y + 1, f1 = m + 1, z = nd + 1 - m, w = nd - y + 1
            func stirlingTail(_ t: Double) -> Double {
                let t2 = t * t
                return (13680 - (462 - (132 - (99 - 140 / t2) / t2) / t2) / t2) / t / 166_320
            }
            let bound = xm * log(f1 / x1) + (nd - m + 0.5) * log(z / w) + (y - m) * log(w * r / (x1 * q))
                + stirlingTail(f1) + stirlingTail(z) + stirlingTail(x1) + stirlingTail(w)
            if logV <= bound { return Int(y) }
        }
    }
}
