import Foundation
import LinearAlgebra
import Statistics

/// The log-rank test of equal survival across k ≥ 2 groups, optionally stratified.
///
/// At each distinct event time t with n at risk and d events, group j has nⱼ at risk and dⱼ events;
/// Oⱼ − Eⱼ accumulates dⱼ − d·nⱼ/n and the covariance Vⱼₗ accumulates
/// d(n − d)/(n − 1) · (nⱼ/n)(δⱼₗ − nₗ/n). The statistic uses the first k − 1 groups,
///
///     X² = (O − E)ᵀ V⁻¹ (O − E) ~ χ²(k − 1).
///
/// Stratified (by cohort or cancer type): O − E and V are computed within each stratum (its own risk
/// sets) and summed before forming X² — R `survdiff(Surv(t, e) ~ g + strata(s))`. Unstratified, it
/// matches lifelines `logrank_test` (two groups) and `multivariate_logrank_test` (k groups) to 1e-10.
///
/// - Mantel N (1966), Cancer Chemother Rep 50:163–170; Peto R, Peto J (1972), JRSS A 135:185–207.
public struct LogRankTest: Sendable, Hashable, Codable {
    public var statistic: Double
    public var degreesOfFreedom: Int
    public var pValue: Double
    /// Group labels, sorted.
    public var groups: [String]
    public var observed: [Double]
    public var expected: [Double]

    /// - Parameters:
    ///   - time: follow-up times (finite, ≥ 0).
    ///   - event: true = event, false = censored.
    ///   - group: a group label per patient (≥ 2 distinct labels).
    ///   - strata: an optional stratum label per patient.
    /// - Complexity: O(n log n + T k²) with T distinct event times.
    public init(time: [Double], event: [Bool], group: [String], strata: [String]? = nil) throws {
        let n = time.count
        guard event.count == n, group.count == n, strata?.count ?? n == n else {
            throw DiscoveryError("log-rank test: time, event, group and strata must have the same length")
        }
        guard time.allSatisfy(\.isFinite) else { throw DiscoveryError("log-rank test: times must be finite") }
        let labels = Array(Set(group)).sorted()
        guard labels.count >= 2 else {
            throw DiscoveryError("log-rank test: need at least 2 groups, got \(labels.count)")
        }
        let k = labels.count
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let g = group.map { index[$0]! }
        var oMinusE = [Double](repeating: 0, count: k)
        var obs = [Double](repeating: 0, count: k)
        var exp = [Double](repeating: 0, count: k)
        var v = [Double](repeating: 0, count: k * k)
        let stratumOf = strata ?? [String](repeating: "", count: n)
        var byStratum: [String: [Int]] = [:]
        for i in 0..<n { byStratum[stratumOf[i], default: []].append(i) }
        for rows in byStratum.values {
            let sorted = rows.sorted { time[$0] < time[$1] }
            var atRisk = [Double](repeating: 0, count: k)
            for i in sorted { atRisk[g[i]] += 1 }
            var total = Double(sorted.count)
            var a = 0
            while a < sorted.count {
                var b = a
                while b + 1 < sorted.count && time[sorted[b + 1]] == time[sorted[a]] { b += 1 }
                var dj = [Double](repeating: 0, count: k)
                var leaving = [Double](repeating: 0, count: k)
                for r in a...b {
                    leaving[g[sorted[r]]] += 1
                    if event[sorted[r]] { dj[g[sorted[r]]] += 1 }
                }
                let d = dj.reduce(0, +)
                if d > 0 {
                    for j in 0..<k {
                        let e = d * atRisk[j] / total
                        oMinusE[j] += dj[j] - e
                        obs[j] += dj[j]
                        exp[j] += e
                    }
                    if total > 1 {
                        let f = d * (total - d) / (total - 1)
                        for j in 0..<k {
                            for l in 0..<k {
                                let pj = atRisk[j] / total, pl = atRisk[l] / total
                                v[j * k + l] += f * pj * ((j == l ? 1 : 0) - pl)
                            }
                        }
                    }
                }
                for j in 0..<k { atRisk[j] -= leaving[j] }
                total -= Double(b - a + 1)
                a = b + 1
            }
        }
        let m = k - 1
        var reduced = Matrix(rows: m, columns: m)
        for j in 0..<m { for l in 0..<m { reduced[j, l] = v[j * k + l] } }
        let u = Array(oMinusE[0..<m])
        var x2 = Double.nan
        if let cholesky = try? Cholesky(reduced) {
            let s = cholesky.solve(u)
            x2 = zip(u, s).reduce(0) { $0 + $1.0 * $1.1 }
        }
        statistic = x2
        degreesOfFreedom = m
        pValue = x2.isNaN ? .nan : ChiSquare(degreesOfFreedom: Double(m)).survival(x2)
        groups = labels
        observed = obs
        expected = exp
    }
}
