import Statistics

/// Concordance of risk scores with right-censored survival: Harrell's C and Uno's IPCW C.
///
/// A pair (i, j) is *comparable* when i had the event and `t_i < t_j`, or `t_i = t_j` and j was censored
/// (the event is taken to precede the censoring). It is *concordant* when `risk_i > risk_j` (higher
/// risk, earlier event), tied when the risks are equal (counting ½). Then
///
///     C = Σ_{comparable} w_i (1[r_i > r_j] + ½·1[r_i = r_j]) / Σ_{comparable} w_i,
///
/// with `w_i = 1` for Harrell's C, and `w_i = Ĝ(t_i)⁻²` for events before the truncation time τ (0
/// after it) for Uno's C, Ĝ the Kaplan–Meier censoring distribution of the *training* data
/// (``CensoringDistribution``). Uno's C converges to a censoring-independent quantity; Harrell's
/// depends on the censoring pattern. Choose τ so that Ĝ(τ) is not too small (e.g. the time by which
/// ~80–90 % of patients are censored or have failed).
///
/// Risk ties are exact equality (scikit-survival uses |Δ| ≤ 1e-8; for continuous scores the two
/// agree). Agreement: scikit-survival `concordance_index_censored` and `concordance_index_ipcw`
/// (1e-10), and lifelines `concordance_index` on the negated risk.
///
/// - Harrell FE, Califf RM, Pryor DB, Lee KL, Rosati RA (1982), "Evaluating the yield of medical tests",
///   JAMA 247:2543–2546.
/// - Uno H, Cai T, Pencina MJ, D'Agostino RB, Wei LJ (2011), "On the C-statistics for evaluating overall
///   adequacy of risk prediction procedures with censored survival data", Stat Med 30:1105–1117.
public struct ConcordanceIndex: Sendable, Hashable, Codable {
    /// The concordance index, in [0, 1].
    public var value: Double
    /// Unweighted counts over comparable pairs.
    public var concordant: Int
    public var discordant: Int
    public var tiedRisk: Int
    public var comparable: Int

    /// Harrell's C of `risk` (higher = earlier event).
    ///
    /// - Throws: on bad times or risks, or when there is no comparable pair.
    /// - Complexity: O(N log N): a Fenwick tree over risk ranks, sweeping times from the latest.
    public static func harrell(_ outcomes: SurvivalOutcomes, risk: [Double]) throws -> ConcordanceIndex {
        InputChecks.sameLength(outcomes.count, risk.count, "survival outcomes and risks")
        try outcomes.validate()
        try InputChecks.finite(risk, "risk scores")
        return try sweep(outcomes, risk: risk) { _ in 1 }
    }

    /// Uno's IPCW C with truncation time `truncation` (τ; nil = no truncation), as scikit-survival
    /// `concordance_index_ipcw(survival_train, survival_test, estimate, tau)`.
    ///
    /// - Parameters:
    ///   - training: outcomes the censoring distribution is estimated from (the model's training data,
    ///     or the test data itself when no training data are at hand).
    ///   - truncation: only events before τ carry weight.
    /// - Throws: on bad input, no comparable pair, or Ĝ(t_i) = 0 for a weighted event.
    /// - Complexity: O((N + M) log(N + M)), M training patients.
    public static func uno(_ outcomes: SurvivalOutcomes, risk: [Double], training: SurvivalOutcomes,
                           truncation: Double? = nil) throws -> ConcordanceIndex {
        InputChecks.sameLength(outcomes.count, risk.count, "survival outcomes and risks")
        try outcomes.validate()
        try InputChecks.finite(risk, "risk scores")
        let g = try CensoringDistribution(training)
        var weights = [Double](repeating: 0, count: outcomes.count)
        for i in 0..<outcomes.count where outcomes.event[i] && outcomes.time[i] < (truncation ?? .infinity) {
            let gi = g.probability(at: outcomes.time[i])
            guard gi > 0 else {
                throw EvaluationError.undefined(metric: "Uno's C",
                                                reason: "the censoring survival is 0 at an event time; lower the truncation time")
            }
            weights[i] = 1 / (gi * gi)
        }
        return try sweep(outcomes, risk: risk) { weights[$0] }
    }

    private static func sweep(_ outcomes: SurvivalOutcomes, risk: [Double], weight: (Int) -> Double) throws -> ConcordanceIndex {
        let n = risk.count
        let time = outcomes.time, event = outcomes.event
        // Dense ranks of risk, 1-based for the Fenwick tree.
        let byRisk = RadixSort.argsort(risk)
        var rank = [Int32](repeating: 0, count: n)
        var r: Int32 = 0
        for (k, i) in byRisk.enumerated() {
            if k == 0 || risk[i] != risk[byRisk[k - 1]] { r += 1 }
            rank[i] = r
        }
        let ranks = Int(r)
        var tree = [Int32](repeating: 0, count: ranks + 1)
        let byTime = RadixSort.argsort(time)
        var numerator = 0.0, denominator = 0.0
        var concordant = 0, tied = 0, comparable = 0, inserted = 0
        var groupCensored: [Int32] = []
        tree.withUnsafeMutableBufferPointer { fenwick in
            func countBelow(_ position: Int) -> Int {   // inserted ranks < position (1-based ranks)
                var i = position - 1, s = 0
                while i > 0 { s += Int(fenwick[i]); i -= i & -i }
                return s
            }
            var k = n - 1
            while k >= 0 {
                let t = time[byTime[k]]
                var start = k
                while start > 0 && time[byTime[start - 1]] == t { start -= 1 }
                groupCensored.removeAll(keepingCapacity: true)
                for q in start...k where !event[byTime[q]] { groupCensored.append(rank[byTime[q]]) }
                if groupCensored.count > 1 { groupCensored.sort() }
                for q in start...k where event[byTime[q]] {
                    let i = byTime[q], ri = Int(rank[i])
                    var below = countBelow(ri), equal = countBelow(ri + 1) - below
                    var pairs = inserted
                    // Censored at the same time are comparable too.
                    let lo = lowerBound(groupCensored, Int32(ri)), hi = lowerBound(groupCensored, Int32(ri + 1))
                    below += lo
                    equal += hi - lo
                    pairs += groupCensored.count
                    let w = weight(i)
                    numerator += w * (Double(below) + 0.5 * Double(equal))
                    denominator += w * Double(pairs)
                    concordant += below
                    tied += equal
                    comparable += pairs
                }
                for q in start...k {
                    var p = Int(rank[byTime[q]])
                    while p <= ranks { fenwick[p] += 1; p += p & -p }
                    inserted += 1
                }
                k = start - 1
            }
        }
        guard comparable > 0 else {
            throw EvaluationError.undefined(metric: "concordance index", reason: "no comparable pairs (no events before a later time)")
        }
        guard denominator > 0 else {
            throw EvaluationError.undefined(metric: "concordance index", reason: "no comparable pair carries weight (truncation time too early?)")
        }
        return ConcordanceIndex(value: numerator / denominator, concordant: concordant,
                                discordant: comparable - concordant - tied, tiedRisk: tied, comparable: comparable)
    }

    private static func lowerBound(_ sorted: [Int32], _ value: Int32) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi { let mid = (lo + hi) / 2; if sorted[mid] < value { lo = mid + 1 } else { hi = mid } }
        return lo
    }
}
