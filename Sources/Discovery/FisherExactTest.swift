import Foundation

/// Fisher's exact test of independence in a 2 × 2 table, two-sided.
///
/// For the table [[a, b], [c, d]] with fixed margins, a follows the hypergeometric distribution
/// P(a) = C(a+b, a)·C(c+d, c)/C(n, a+c). The two-sided p-value sums P(x) over all tables with
/// P(x) ≤ P(a)·(1 + 10⁻⁷) (the relative tolerance scipy and R use for floating-point ties). The odds ratio is
/// the sample (unconditional) ad/(bc) — `scipy.stats.fisher_exact(table, alternative="two-sided")`
/// (statistic and p to 1e-12); it is 0 or +∞ with an empty cell and NaN with an empty margin (p = 1).
///
/// - Fisher RA (1922), JRSS 85:87–94.
public struct FisherExactTest: Sendable, Hashable, Codable {
    public var oddsRatio: Double
    public var pValue: Double
    public var table: [Int]

    /// - Parameters: the four cells, row-major: a = [0,0], b = [0,1], c = [1,0], d = [1,1].
    /// - Complexity: O(min(row, column) margin).
    public init(a: Int, b: Int, c: Int, d: Int) {
        precondition(a >= 0 && b >= 0 && c >= 0 && d >= 0, "Fisher's exact test: counts must be ≥ 0")
        table = [a, b, c, d]
        let r1 = a + b, r2 = c + d, c1 = a + c, n = a + b + c + d
        let num = Double(a) * Double(d), den = Double(b) * Double(c)
        if r1 == 0 || r2 == 0 || c1 == 0 || c1 == n {
            oddsRatio = .nan
            pValue = 1
            return
        }
        oddsRatio = den == 0 ? (num == 0 ? .nan : .infinity) : num / den
        func logChoose(_ n: Int, _ k: Int) -> Double {
            lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
        }
        let logDenominator = logChoose(n, c1)
        func logP(_ x: Int) -> Double { logChoose(r1, x) + logChoose(r2, c1 - x) - logDenominator }
        let lo = max(0, c1 - r2), hi = min(r1, c1)
        let observed = logP(a)
        var p = 0.0
        let threshold = observed + log1p(1e-7)
        for x in lo...hi {
            let lp = logP(x)
            if lp <= threshold { p += exp(lp) }
        }
        pValue = min(1, p)
    }
}
