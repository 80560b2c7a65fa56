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
        return exp(Binomial.logBinomialRaw(x, r, p, q) + Binomial.logBinomialRaw(n - x, b, p, q)
                   - Binomial.logBinomialRaw(n, r + b, p, q))
    }
}
