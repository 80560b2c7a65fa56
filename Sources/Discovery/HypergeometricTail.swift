import Foundation
import Statistics

/// Tail probabilities of the hypergeometric distribution: X = the number of set members among `drawn`
/// genes taken without replacement from a universe of `universe` genes of which `successes` are in the set,
///
///     P(X = x) = C(K, x) C(N − K, n − x) / C(N, n),   max(0, n − (N − K)) ≤ x ≤ min(K, n).
///
/// Computed as R's `phyper`/`dhyper` do: the probability at x from three saddle-point binomial terms
/// (Loader 2000, "Fast and accurate computation of binomial probabilities", `dbinom_raw`), times the
/// ratio series Σ P(X = x − i)/P(X = x) summed towards the nearer end, with the tails swapped so that the
/// series always runs away from the mode. Relative accuracy ~1e-14 even for p-values far below 1e-300's
/// neighbourhood; matches `scipy.stats.hypergeom.sf(k − 1, N, K, n)` to 1e-12 relative (Tests/Fixtures/
/// discovery_enrichment).
public enum HypergeometricTail {
    /// P(X ≥ k): the one-sided over-representation p-value of k hits.
    ///
    /// - Parameters: `universe` N ≥ 0, `successes` 0 ≤ K ≤ N, `drawn` 0 ≤ n ≤ N, any integer `k`.
    /// - Complexity: O(min(k, n − k) + 1) in the worst case; the series stops once terms are below
    ///   machine precision relative to the sum.
    public static func upperTail(atLeast k: Int, universe: Int, successes: Int, drawn: Int) -> Double {
        precondition(universe >= 0 && (0...universe).contains(successes) && (0...universe).contains(drawn),
                     "hypergeometric: need 0 ≤ K, n ≤ N")
        // P(X ≥ k) = P(X > k − 1), R's phyper(k − 1, K, N − K, n, lower.tail = FALSE).
        return cumulative(Double(k - 1), Double(successes), Double(universe - successes), Double(drawn), lowerTail: false)
    }

    /// P(X ≤ x) (lower tail) or P(X > x) (upper tail); R's `phyper(x, NR, NB, n, lower_tail)`.
    static func cumulative(_ xIn: Double, _ nrIn: Double, _ nbIn: Double, _ n: Double, lowerTail lowerIn: Bool) -> Double {
        var x = (xIn + 1e-7).rounded(.down), nr = nrIn, nb = nbIn, lower = lowerIn
        if x * (nr + nb) > n * nr {
            swap(&nr, &nb)
            x = n - x - 1
            lower.toggle()
        }
        if x < 0 || x < n - nb { return lower ? 0 : 1 }
        if x >= nr || x >= n { return lower ? 1 : 0 }
        let d = density(x, nr, nb, n)
        if d == 0 { return lower ? 0 : 1 }
        // Σ_{i ≥ 0} P(X = x − i) / P(X = x).
        var sum = 0.0, term = 1.0, y = x
        while y > 0 && term >= Double.ulpOfOne * sum {
            term *= y * (nb - n + y) / (n + 1 - y) / (nr + 1 - y)
            sum += term
            y -= 1
        }
        let p = d * (1 + sum)
        return lower ? p : (0.5 - p + 0.5)
    }

    /// P(X = x), R's `dhyper(x, r, b, n)`.
    static func density(_ x: Double, _ r: Double, _ b: Double, _ n: Double) -> Double {
        if n < x || r < x || n - x > b { return 0 }
        if n == 0 { return x == 0 ? 1 : 0 }
        let p = n / (r + b), q = (r + b - n) / (r + b)
        return exp(logBinomialRaw(x, r, p, q) + logBinomialRaw(n - x, b, p, q) - logBinomialRaw(n, r + b, p, q))
    }

    /// log of C(n, x) pˣ q⁽ⁿ⁻ˣ⁾ (Loader 2000, R's `dbinom_raw`).
    static func logBinomialRaw(_ x: Double, _ n: Double, _ p: Double, _ q: Double) -> Double {
        if p == 0 { return x == 0 ? 0 : -.infinity }
        if q == 0 { return x == n ? 0 : -.infinity }
        if x == 0 {
            if n == 0 { return 0 }
            return p < 0.1 ? -devianceTerm(n, n * q) - n * p : n * log(q)
        }
        if x == n { return q < 0.1 ? -devianceTerm(n, n * p) - n * q : n * log(p) }
        if x < 0 || x > n { return -.infinity }
        let lc = stirlingError(n) - stirlingError(x) - stirlingError(n - x) - devianceTerm(x, n * p)
            - devianceTerm(n - x, n * q)
        let lf = log(2 * Double.pi) + log(x) + log1p(-x / n)
        return lc - 0.5 * lf
    }

    /// δ(n) = ln Γ(n + 1) − (n + ½) ln n + n − ln √(2π) (Loader 2000): tabulated at half-integers up to 15
    /// (R's `sferr_halves`), the asymptotic series above.
    static func stirlingError(_ n: Double) -> Double {
        if n <= 15 {
            let twice = n + n
            if twice == twice.rounded(), Int(twice) < halves.count { return halves[Int(twice)] }
            return SpecialFunctions.logGamma(n + 1) - (n + 0.5) * log(n) + n - 0.918_938_533_204_672_741_78
        }
        let s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188
        let nn = n * n
        if n > 500 { return (s0 - s1 / nn) / n }
        if n > 80 { return (s0 - (s1 - s2 / nn) / nn) / n }
        if n > 35 { return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n }
        return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n
    }

    /// bd0(x, m) = x ln(x/m) + m − x without cancellation near x = m (Loader 2000).
    static func devianceTerm(_ x: Double, _ m: Double) -> Double {
        if abs(x - m) < 0.1 * (x + m) {
            var v = (x - m) / (x + m)
            let s = (x - m) * v
            var ej = 2 * x * v
            v *= v
            var sum = s
            for j in 1..<1000 {
                ej *= v
                let next = sum + ej / Double(2 * j + 1)
                if next == sum { return next }
                sum = next
            }
            return sum
        }
        return x * log(x / m) + m - x
    }

    /// δ(n/2) for n = 0…30 (R nmath `stirlerr.c`).
    static let halves: [Double] = [
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
}
