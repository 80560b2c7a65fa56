import Foundation
import Statistics

/// A cut-point for a continuous marker by the maximally selected log-rank statistic, with the
/// Lausen–Schumacher (1992) corrected p-value — never the uncorrected p-value of the "optimal" cut.
///
/// Log-rank scores aᵢ = δᵢ − Ĥ(tᵢ), with Ĥ the Nelson–Aalen cumulative hazard (Σ over event times ≤ tᵢ
/// of d/n at risk). Sorting patients by the marker x, for each candidate group size m (the number of
/// patients with x ≤ a distinct value μ, restricted to ⌊N·minprop⌋ ≤ m ≤ ⌊N·maxprop⌋) the standardised
/// linear rank statistic is
///
///     S_m = |Σ_{x ≤ μ} aᵢ − m/N·Σa| / √(m(N − m)/(N²(N − 1)) · (NΣa² − (Σa)²)),
///
/// M = max_m S_m, the cut-point is the μ that attains it (patients with x ≤ μ form the low group), and
///
///     p ≈ 4φ(M)/M + φ(M)(M − 1/M)·log(maxprop(1 − minprop) / ((1 − maxprop)·minprop)),
///
/// capped to [0, 1]. This is R `maxstat.test(Surv(t, e) ~ x, smethod = "LogRank", pmethod = "Lau92")`
/// (statistic, cut-point and p-value; without tied times — with ties the scores follow the
/// Nelson–Aalen convention above, which coin's `logrank_trafo` uses).
///
/// - Lausen B, Schumacher M (1992), "Maximally selected rank statistics", Biometrics 48:73–85.
/// - Hothorn T, Lausen B (2003), Comput Stat Data Anal 43:121–137.
public struct MaximallySelectedRankStatistic: Sendable, Hashable, Codable {
    /// M, the maximum standardised statistic.
    public var statistic: Double
    /// The selected cut-point μ (low group: x ≤ μ).
    public var cutPoint: Double
    /// Lau92-corrected p-value.
    public var pValue: Double
    /// Candidate cut-points and their standardised statistics.
    public var cuts: [Double]
    public var statistics: [Double]
    public var minimumProportion: Double
    public var maximumProportion: Double

    /// Log-rank scores aᵢ = δᵢ − Ĥ(tᵢ).
    public static func logRankScores(time: [Double], event: [Bool]) -> [Double] {
        let n = time.count
        let order = (0..<n).sorted { time[$0] < time[$1] }
        var scores = [Double](repeating: 0, count: n)
        var cumulative = 0.0
        var a = 0
        while a < n {
            var b = a
            while b + 1 < n && time[order[b + 1]] == time[order[a]] { b += 1 }
            let atRisk = Double(n - a)
            let d = (a...b).filter { event[order[$0]] }.count
            cumulative += Double(d) / atRisk
            for r in a...b { scores[order[r]] = (event[order[r]] ? 1 : 0) - cumulative }
            a = b + 1
        }
        return scores
    }

    /// Lausen & Schumacher (1992) approximation of P(M ≥ b).
    public static func lausen92(_ b: Double, minimumProportion: Double = 0.1, maximumProportion: Double = 0.9) -> Double {
        let phi = exp(-b * b / 2) / (2 * Double.pi).squareRoot()
        let logTerm = log((maximumProportion * (1 - minimumProportion)) / ((1 - maximumProportion) * minimumProportion))
        let p = 4 * phi / b + phi * (b - 1 / b) * logTerm
        return min(1, max(0, p))
    }

    /// - Parameters: marker values x (finite), survival time and event; proportions default 0.1 and 0.9 (maxstat's).
    public init(marker: [Double], time: [Double], event: [Bool],
                minimumProportion: Double = 0.1, maximumProportion: Double = 0.9) throws {
        let n = marker.count
        guard time.count == n, event.count == n, n >= 3 else {
            throw DiscoveryError("maximally selected rank statistic: marker, time and event must have the same length ≥ 3")
        }
        guard marker.allSatisfy(\.isFinite), time.allSatisfy(\.isFinite) else {
            throw DiscoveryError("maximally selected rank statistic: values must be finite")
        }
        guard minimumProportion > 0, maximumProportion < 1, minimumProportion < maximumProportion else {
            throw DiscoveryError("maximally selected rank statistic: need 0 < minimumProportion < maximumProportion < 1, got \(minimumProportion), \(maximumProportion)")
        }
        let scores = Self.logRankScores(time: time, event: event)
        let order = (0..<n).sorted { marker[$0] < marker[$1] }
        let x = order.map { marker[$0] }
        let y = order.map { scores[$0] }
        let N = Double(n)
        let total = y.reduce(0, +)
        let totalSquares = y.reduce(0) { $0 + $1 * $1 }
        let lo = Int((N * minimumProportion).rounded(.down)), hi = Int((N * maximumProportion).rounded(.down))
        var cuts: [Double] = [], stats: [Double] = []
        var cumulative = 0.0
        for m in 1..<n {
            cumulative += y[m - 1]
            // m = number of patients with x ≤ x[m − 1], a valid split when x[m] is a new value.
            guard x[m] != x[m - 1], m >= lo, m <= hi else { continue }
            let md = Double(m)
            let e = md / N * total
            let v = md * (N - md) / (N * N * (N - 1)) * (N * totalSquares - total * total)
            cuts.append(x[m - 1])
            stats.append(abs(cumulative - e) / v.squareRoot())
        }
        guard let top = stats.max(), let best = stats.firstIndex(of: top) else {
            throw DiscoveryError("maximally selected rank statistic: no cut-point between the \(minimumProportion) and \(maximumProportion) quantiles")
        }
        statistic = stats[best]
        cutPoint = cuts[best]
        pValue = Self.lausen92(statistic, minimumProportion: minimumProportion, maximumProportion: maximumProportion)
        self.cuts = cuts
        statistics = stats
        self.minimumProportion = minimumProportion
        self.maximumProportion = maximumProportion
    }
}
