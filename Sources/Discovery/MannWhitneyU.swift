import Evaluation
import Foundation
import Statistics

/// The two-sided Mann–Whitney U (Wilcoxon rank-sum) test with the normal approximation, tie correction
/// and continuity correction, and the AUC effect size.
///
/// For group sizes n₁ (the "positive" group, e.g. responders) and n₂, with midranks R over the pooled
/// sample, U₁ = R₁ − n₁(n₁ + 1)/2 and U = max(U₁, n₁n₂ − U₁). Then
///
///     σ² = n₁n₂/12 · [(n + 1) − Σ(tₖ³ − tₖ)/(n(n − 1))],   z = (U − n₁n₂/2 − ½)/σ,   p = min(1, 2(1 − Φ(z))),
///
/// with tₖ the sizes of the tie groups. Matches `scipy.stats.mannwhitneyu(x, y, alternative="two-sided",
/// method="asymptotic", use_continuity=True)` (statistic = U₁, p to 1e-12).
///
/// Effect size: AUC = U₁/(n₁n₂) = P(X > Y) + ½P(X = Y), with DeLong's standard error (from
/// ``AreaUnderROC``) for meta-analysis.
///
/// - Mann HB, Whitney DR (1947), Ann Math Stat 18:50–60.
public struct MannWhitneyU: Sendable, Hashable, Codable {
    /// U₁, the statistic of the first group.
    public var statistic: Double
    /// Signed z of U₁ (positive when the first group ranks higher), with continuity correction towards 0.
    public var z: Double
    public var pValue: Double
    /// U₁ / (n₁n₂).
    public var auc: Double
    /// DeLong standard error of the AUC (NaN when a group has fewer than 2 members).
    public var aucStandardError: Double
    public var firstCount: Int
    public var secondCount: Int

    /// - Parameters:
    ///   - first: values of the first group (finite).
    ///   - second: values of the second group (finite).
    /// - Complexity: O(n log n).
    public init(_ first: [Double], _ second: [Double]) throws {
        guard !first.isEmpty, !second.isEmpty else {
            throw DiscoveryError("Mann–Whitney U: both groups need at least one value (got \(first.count) and \(second.count))")
        }
        guard (first + second).allSatisfy(\.isFinite) else {
            throw DiscoveryError("Mann–Whitney U: values must be finite; drop missing values first")
        }
        let n1 = Double(first.count), n2 = Double(second.count), n = n1 + n2
        let pooled = first + second
        let ranks = Descriptive.ranks(pooled)
        let r1 = ranks[0..<first.count].reduce(0, +)
        let u1 = r1 - n1 * (n1 + 1) / 2
        // Tie term Σ(t³ − t).
        let sorted = pooled.sorted()
        var tieSum = 0.0
        var i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count && sorted[j + 1] == sorted[i] { j += 1 }
            let t = Double(j - i + 1)
            tieSum += t * t * t - t
            i = j + 1
        }
        let mu = n1 * n2 / 2
        let sigma = (n1 * n2 / 12 * ((n + 1) - tieSum / (n * (n - 1)))).squareRoot()
        let u = max(u1, n1 * n2 - u1)
        let zAbs = (u - mu - 0.5) / sigma
        statistic = u1
        z = u1 >= mu ? zAbs : -zAbs
        pValue = sigma > 0 ? min(1, 2 * Normal().survival(zAbs)) : 1
        auc = u1 / (n1 * n2)
        if first.count >= 2, second.count >= 2,
           let roc = try? AreaUnderROC(scores: pooled, labels: first.map { _ in true } + second.map { _ in false }) {
            aucStandardError = roc.standardError
        } else {
            aucStandardError = .nan
        }
        firstCount = first.count
        secondCount = second.count
    }
}
