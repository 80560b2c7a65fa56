import Foundation

/// Special functions behind the distribution CDFs and quantiles.
///
/// All functions are pure and thread-safe. Accuracy against SciPy 1.17 (`scipy.special`) is checked
/// in `Tests/StatisticsTests` to 1e-10 relative over the fixture grid.
public enum SpecialFunctions {
    /// ln √(2π).
    static let logSqrt2Pi = 0.918_938_533_204_672_741_78

    // MARK: Gamma

    /// ln Γ(x) for x > 0 (glibc/libm `lgamma_r`, accurate to a few ulps; thread-safe).
    ///
    /// Returns `+∞` at 0 and NaN for negative or NaN `x`.
    @inlinable
    public static func logGamma(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return .infinity }
        var sign: Int32 = 0
        return lgamma_r(x, &sign)
    }

    /// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0.
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        logGamma(a) + logGamma(b) - logGamma(a + b)
    }

    /// The Stirling-series remainder δ(n) = ln Γ(n + 1) − (n + ½) ln n + n − ln √(2π), for n > 0.
    ///
    /// Tabulated at the half-integers up to 15 (R nmath `stirlerr.c`, `sferr_halves`), the direct formula at
    /// other n ≤ 15 (the cancellation costs at most ~1e-15 absolute), and above 15 the asymptotic series
    /// 1/(12n) − 1/(360n³) + 1/(1260n⁵) − … truncated as R does. Loader C (2000), "Fast and accurate
    /// computation of binomial probabilities".
    static func stirlingError(_ n: Double) -> Double {
        if n <= 15 {
            let twice = n + n
            if twice == twice.rounded(), Int(twice) < stirlingHalves.count { return stirlingHalves[Int(twice)] }
            return logGamma(n + 1) - (n + 0.5) * log(n) + n - logSqrt2Pi
        }
        let s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188
        let nn = n * n
        if n > 500 { return (s0 - s1 / nn) / n }
        if n > 80 { return (s0 - (s1 - s2 / nn) / nn) / n }
        if n > 35 { return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n }
        return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n
    }

    /// δ(n/2) for n = 0…30 (R nmath `stirlerr.c`).
    static let stirlingHalves: [Double] = [
        0.0, 0.1534264097200273452913848, 0.0810614667953272582196702, 0.0548141210519176538961390,
        0.0413406959554092940938221, 0.03316287351993628748511048, 0.02767792568499833914878929,
        0.02374616365629749597132920, 0.02079067210376509311152277, 0.01848845053267318523077934,
        0.01664469118982119216319487, 0.01513497322191737887351255, 0.01387612882307074799874573,
        0.01281046524292022692424986, 0.01189670994589177009505572, 0.01110455975820691732662991,
        0.010411265261972096497478567, 0.009799416126158803298389475, 0.009255462182712732917728637,
        0.008768700134139385462952823, 0.008330563433362871256469318, 0.007934114564314020547248100,
        0.007573675487951840794972024, 0.007244554301320383179543912, 0.006942840107209529865664152,
        0.006665247032707682442354394, 0.006408994188004207068439631, 0.006171712263039457647532867,
        0.005951370112758847735624416, 0.005746216513010115682023589, 0.005554733551962801371038690,
    ]

    /// The deviance term bd0(x, m) = x ln(x/m) + m − x, computed without cancellation when x ≈ m.
    /// Loader C (2000).
    static func devianceTerm(_ x: Double, _ m: Double) -> Double {
        if abs(x - m) < 0.1 * (x + m) {
            var v = (x - m) / (x + m)
            let s = (x - m) * v
            var ej = 2 * x * v
            v *= v
            var sum = s
            var j = 1.0
            while j < 1000 {
                ej *= v
                let next = sum + ej / (2 * j + 1)
                if next == sum { return next }
                sum = next
                j += 1
            }
            return sum
        }
        return x * log(x / m) + m - x
    }

    // MARK: Incomplete gamma

    /// The regularised lower incomplete gamma function P(a, x) = γ(a, x)/Γ(a), for a > 0, x ≥ 0.
    ///
    /// Series expansion for x < a + 1, Lentz continued fraction for Q otherwise.
    /// Press et al., Numerical Recipes (3rd ed.), §6.2.
    public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
        precondition(a > 0, "regularizedGammaP: a must be > 0, got \(a)")
        if x.isNaN { return .nan }
        if x <= 0 { return 0 }
        if x == .infinity { return 1 }
        if x < a + 1 { return gammaSeries(a, x) }
        return 1 - gammaContinuedFraction(a, x)
    }

    /// The regularised upper incomplete gamma function Q(a, x) = 1 − P(a, x), computed directly (not
    /// by subtraction) in the upper tail so that small values keep full relative accuracy.
    public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
        precondition(a > 0, "regularizedGammaQ: a must be > 0, got \(a)")
        if x.isNaN { return .nan }
        if x <= 0 { return 1 }
        if x == .infinity { return 0 }
        if x < a + 1 { return 1 - gammaSeries(a, x) }
        return gammaContinuedFraction(a, x)
    }

    /// x^a e^{−x} / Γ(a), in a form that stays accurate for large a (Loader's saddle-point form).
    static func gammaPrefactor(_ a: Double, _ x: Double) -> Double {
        if a < 10 {
            return exp(a * log(x) - x - logGamma(a))
        }
        // x^a e^-x / Γ(a) = a/x... use  Γ(a) = Γ(a+1)/a and Stirling with the remainder δ(a).
        // x^a e^{-x}/Γ(a+1) = exp(-δ(a) - bd0(a, x)) / sqrt(2π a)
        return a * exp(-stirlingError(a) - devianceTerm(a, x)) / (2 * Double.pi * a).squareRoot()
    }

    static func gammaSeries(_ a: Double, _ x: Double) -> Double {
        var ap = a
        var del = 1.0 / a
        var sum = del
        for _ in 0..<100_000 {
            ap += 1
            del *= x / ap
            sum += del
            if abs(del) < abs(sum) * 1e-17 { break }
        }
        return sum * gammaPrefactor(a, x)
    }

    static func gammaContinuedFraction(_ a: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        var i = 1.0
        while i < 100_000 {
            let an = -i * (i - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
            i += 1
        }
        return gammaPrefactor(a, x) * h
    }

    /// The inverse of P(a, ·): the x ≥ 0 with P(a, x) = p, for a > 0 and p in [0, 1].
    ///
    /// Starting value from Numerical Recipes §6.2.1 (Wilson–Hilferty for a ≥ 1), then Halley
    /// iterations on P (p ≤ ½) or Q (p > ½) with a bisection safeguard on a bracketing interval.
    public static func inverseRegularizedGammaP(_ a: Double, _ p: Double) -> Double {
        precondition(a > 0, "inverseRegularizedGammaP: a must be > 0, got \(a)")
        checkProbability(p)
        if p == 0 { return 0 }
        if p == 1 { return .infinity }
        let useUpper = p > 0.5
        let target = useUpper ? 1 - p : p
        // Initial guess.
        var x: Double
        if a > 1 {
            let pp = p < 0.5 ? p : 1 - p
            let t = (-2 * log(pp)).squareRoot()
            var z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t
            if p < 0.5 { z = -z }
            // z is now approximately the normal quantile of p.
            x = max(1e-3, a * pow(1 - 1 / (9 * a) - z / (3 * a.squareRoot()), 3))
        } else {
            let t = 1 - a * (0.253 + a * 0.12)
            if p < t { x = pow(p / t, 1 / a) } else { x = 1 - log(1 - (p - t) / (1 - t)) }
        }
        if !x.isFinite || x <= 0 { x = max(a, 1e-300) }
        let logTarget = log(target)
        // Newton on g(y) = ±(ln tail(e^y) − ln target), y = ln x: quadratic convergence in both tails
        // and relative accuracy in x even when x is far below 1.
        let y = solveIncreasing(start: log(x), upperBound: .infinity) { y in
            let x = exp(y)
            let front = gammaPrefactor(a, x)            // x·density(x)
            if useUpper {
                let tail = regularizedGammaQ(a, x)
                return (logTarget - log(tail), front / tail)
            }
            let tail = regularizedGammaP(a, x)
            return (log(tail) - logTarget, front / tail)
        }
        return exp(y)
    }

    /// Finds the root of an increasing function g on (−∞, upperBound) by Newton's method, falling
    /// back to bisection (or to doubling steps while the bracket is still unbounded) whenever a Newton
    /// step leaves the current bracket. `evaluate` returns (g(y), g′(y)).
    static func solveIncreasing(
        start: Double, upperBound: Double, evaluate: (Double) -> (value: Double, slope: Double)
    ) -> Double {
        var y = start.isFinite ? min(start, upperBound.isFinite ? upperBound - 1e-300 : start) : 0
        if upperBound.isFinite && y >= upperBound { y = upperBound - 1 }
        var lo = -Double.infinity
        var hi = upperBound
        var expansion = 1.0
        for _ in 0..<500 {
            let (g, slope) = evaluate(y)
            if g == 0 { return y }
            if g < 0 { lo = y } else { hi = y }
            var next = y - g / slope
            if !(next > lo && next < hi) || !next.isFinite {
                if lo.isFinite && hi.isFinite {
                    next = 0.5 * (lo + hi)
                } else if lo.isFinite {
                    next = lo + expansion
                    expansion *= 2
                } else {
                    next = hi - expansion
                    expansion *= 2
                }
            }
            if abs(next - y) <= 2e-16 * max(1, abs(y)) { return next }
            if lo.isFinite && hi.isFinite && hi - lo <= 2e-16 * max(1, abs(lo), abs(hi)) { return 0.5 * (lo + hi) }
            y = next
        }
        return y
    }

    /// The inverse of Q(a, ·): the x ≥ 0 with Q(a, x) = q.
    public static func inverseRegularizedGammaQ(_ a: Double, _ q: Double) -> Double {
        checkProbability(q)
        return inverseRegularizedGammaP(a, 1 - q)
    }

    // MARK: Incomplete beta

    /// The regularised incomplete beta function I_x(a, b) = B(x; a, b)/B(a, b), for a, b > 0 and
    /// x in [0, 1].
    ///
    /// Modified Lentz evaluation of the continued fraction (Numerical Recipes §6.4), applied to
    /// I_x(a, b) when x < (a + 1)/(a + b + 2) and to 1 − I_{1−x}(b, a) otherwise.
    public static func regularizedBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        regularizedBeta(x, a, b, complement: false)
    }

    /// I_x(a, b) (or 1 − I_x(a, b) when `complement`), computed from whichever continued fraction
    /// converges, so that both tails keep relative accuracy. `1 − x` is passed separately as `y` when
    /// known exactly.
    static func regularizedBeta(
        _ x: Double, _ a: Double, _ b: Double, complement: Bool, y yIn: Double? = nil
    ) -> Double {
        precondition(a > 0 && b > 0, "regularizedBeta: a and b must be > 0, got a = \(a), b = \(b)")
        if x.isNaN { return .nan }
        if x <= 0 { return complement ? 1 : 0 }
        if x >= 1 { return complement ? 0 : 1 }
        let y = yIn ?? (1 - x)
        if x < (a + 1) / (a + b + 2) {
            let v = betaFront(x, y, a, b) * betaContinuedFraction(x, a, b) / a
            return complement ? 1 - v : v
        } else {
            let v = betaFront(y, x, b, a) * betaContinuedFraction(y, b, a) / b
            return complement ? v : 1 - v
        }
    }

    /// The complement 1 − I_x(a, b) = I_{1−x}(b, a).
    public static func regularizedBetaComplement(_ x: Double, _ a: Double, _ b: Double) -> Double {
        regularizedBeta(x, a, b, complement: true)
    }

    /// x^a y^b / B(a, b), with y = 1 − x.
    static func betaFront(_ x: Double, _ y: Double, _ a: Double, _ b: Double) -> Double {
        if a > 10 && b > 10 {
            // Loader-style: x^a y^b / B(a,b) with the deviance form, stable for large a, b.
            let n = a + b
            let lc = stirlingError(n) - stirlingError(a) - stirlingError(b)
                - devianceTerm(a, n * x) - devianceTerm(b, n * y)
            // B(a,b) = Γ(a)Γ(b)/Γ(a+b); x^a y^b / B(a,b) = exp(lc) * sqrt(a b / (2π n))
            return exp(lc) * (a * b / (2 * Double.pi * n)).squareRoot()
        }
        return exp(a * log(x) + b * log(y) - logBeta(a, b))
    }

    static func betaContinuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        var m = 1.0
        while m < 100_000 {
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
            m += 1
        }
        return h
    }

    /// The inverse of I_·(a, b): the x in [0, 1] with I_x(a, b) = p.
    ///
    /// Starting value from Numerical Recipes §6.4.1, then Halley iterations on the lower tail
    /// (p ≤ ½) or on the complement (p > ½), safeguarded by bisection of a bracketing interval.
    public static func inverseRegularizedBeta(_ p: Double, _ a: Double, _ b: Double) -> Double {
        precondition(a > 0 && b > 0, "inverseRegularizedBeta: a and b must be > 0, got a = \(a), b = \(b)")
        checkProbability(p)
        return inverseBeta(p: p, q: 1 - p, a, b)
    }

    /// The x with I_x(a, b) = p where q = 1 − p is given separately (so that a tiny upper tail q
    /// keeps its accuracy).
    static func inverseBeta(p: Double, q: Double, _ a: Double, _ b: Double) -> Double {
        if p <= 0 { return 0 }
        if q <= 0 { return 1 }
        let useUpper = p > 0.5
        // Initial guess (Numerical Recipes 3rd ed., Beta::invbetai).
        var x: Double
        if a >= 1 && b >= 1 {
            let pp = p < 0.5 ? p : q
            let t = (-2 * log(pp)).squareRoot()
            var z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t
            if p < 0.5 { z = -z }
            let al = (z * z - 3) / 6
            let h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1))
            let w = z * (al + h).squareRoot() / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5.0 / 6 - 2 / (3 * h))
            x = a / (a + b * exp(2 * w))
        } else {
            let lna = log(a / (a + b)), lnb = log(b / (a + b))
            let t = exp(a * lna) / a
            let u = exp(b * lnb) / b
            let w = t + u
            if p < t / w { x = pow(a * w * p, 1 / a) } else { x = 1 - pow(b * w * q, 1 / b) }
        }
        if !(x > 0 && x < 1) { x = 0.5 }
        let logTarget = useUpper ? log(q) : log(p)
        let lbeta = logBeta(a, b)
        // Newton on g(y) = ±(ln tail(e^y) − ln target) with y = ln x < 0.
        let y = solveIncreasing(start: log(x), upperBound: 0) { y in
            let x = exp(y)
            let oneMinusX = -expm1(y)
            // x·density(x) = x^a (1 − x)^(b − 1) / B(a, b)
            let front = a > 10 && b > 10
                ? betaFront(x, oneMinusX, a, b) / oneMinusX
                : exp(a * y + (b - 1) * log(oneMinusX) - lbeta)
            let tail = regularizedBeta(x, a, b, complement: useUpper, y: oneMinusX)
            return useUpper ? (logTarget - log(tail), front / tail) : (log(tail) - logTarget, front / tail)
        }
        return exp(y)
    }

    // MARK: Normal

    /// The standard normal CDF Φ(x) = ½ erfc(−x/√2).
    @inlinable
    public static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    /// The standard normal quantile Φ⁻¹(p) for p in [0, 1] (±∞ at 0 and 1).
    ///
    /// Wichura MJ (1988), "Algorithm AS 241: The percentage points of the normal distribution",
    /// Applied Statistics 37(3):477–484 (PPND16, about 16 digits).
    public static func normalQuantile(_ p: Double) -> Double {
        checkProbability(p)
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        return normalQuantile(p: p, q: 1 - p)
    }

    /// AS 241 with the upper tail `q = 1 − p` given separately for accuracy.
    static func normalQuantile(p: Double, q qIn: Double) -> Double {
        let dq = p - 0.5
        if abs(dq) <= 0.425 {
            let r = 0.180625 - dq * dq
            let num = (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r
                + 6.7265770927008700853e4) * r + 4.5921953931549871457e4) * r
                + 1.3731693765509461125e4) * r + 1.9715909503065514427e3) * r
                + 1.3314166789178437745e2) * r + 3.3871328727963666080e0)
            let den = (((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r
                + 3.9307895800092710610e4) * r + 2.1213794301586595867e4) * r
                + 5.3941960214247511077e3) * r + 6.8718700749205790830e2) * r
                + 4.2313330701600911252e1) * r + 1)
            return dq * num / den
        }
        var r = dq < 0 ? p : qIn
        if r <= 0 { return dq < 0 ? -.infinity : .infinity }
        r = (-log(r)).squareRoot()
        var value: Double
        if r <= 5 {
            r -= 1.6
            let num = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r
                + 2.41780725177450611770e-1) * r + 1.27045825245236838258e0) * r
                + 3.64784832476320460504e0) * r + 5.76949722146069140550e0) * r
                + 4.63033784615654529590e0) * r + 1.42343711074968357734e0)
            let den = (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r
                + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r
                + 6.89767334985100004550e-1) * r + 1.67638483018380384940e0) * r
                + 2.05319162663775882187e0) * r + 1)
            value = num / den
        } else {
            r -= 5
            let num = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
                + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r
                + 2.96560571828504891230e-1) * r + 1.78482653991729133580e0) * r
                + 5.46378491116411436990e0) * r + 6.65790464350110377720e0)
            let den = (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r
                + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r
                + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
                + 5.99832206555887937690e-1) * r + 1)
            value = num / den
        }
        return dq < 0 ? -value : value
    }
}
