import Statistics

/// The cumulative/dynamic time-dependent AUC: how well a risk score separates patients who have had
/// the event by time t (cases, `t_i ≤ t`, event) from those still event-free (controls, `t_j > t`).
///
///     AUC(t) = Σ_i Σ_j w_i 1[t_i ≤ t, δ_i] 1[t_j > t] (1[r_i > r_j] + ½·1[r_i = r_j])
///              / (Σ_i w_i 1[t_i ≤ t, δ_i] · Σ_j 1[t_j > t]),
///
/// with case weights `w_i = 1/Ĝ(t_i)`, Ĝ the training data's censoring distribution (Uno et al. 2007;
/// Hung & Chiang 2010). The summary over times `t_1 < … < t_K` weights AUC(t_k) by the drop of the
/// test data's Kaplan–Meier curve: `Σ_k AUC(t_k)(Ŝ(t_{k−1}) − Ŝ(t_k)) / (1 − Ŝ(t_K))`, Ŝ(t_0) = 1
/// (Lambert & Chevret 2016). This is scikit-survival's `cumulative_dynamic_auc`.
///
/// - Uno H, Cai T, Tian L, Wei LJ (2007), "Evaluating prediction rules for t-year survivors with
///   censored regression models", JASA 102:527–537.
/// - Hung H, Chiang CT (2010), "Estimation methods for time-dependent AUC models with survival data",
///   Canadian Journal of Statistics 38:8–26.
///
/// Agreement: scikit-survival 0.28 `cumulative_dynamic_auc`, 1e-10.
public struct CumulativeDynamicAUC: Sendable, Hashable, Codable {
    /// The evaluation times, increasing and distinct.
    public var times: [Double]
    public var auc: [Double]
    /// The Kaplan–Meier-weighted mean over ``times`` (the single AUC when one time is given).
    public var meanAUC: Double

    /// - Parameters:
    ///   - outcomes: the test patients' outcomes.
    ///   - risk: one risk score per test patient (higher = earlier event).
    ///   - training: outcomes for the censoring distribution.
    ///   - times: evaluation times (sorted and de-duplicated here), each within
    ///     `[min test time, max test time)`.
    /// - Throws: on bad input, a time outside the follow-up, or a time without cases or controls.
    /// - Complexity: O(N log N + K·N) for K times.
    public init(_ outcomes: SurvivalOutcomes, risk: [Double], training: SurvivalOutcomes, times: [Double]) throws {
        InputChecks.sameLength(outcomes.count, risk.count, "survival outcomes and risks")
        try outcomes.validate()
        try InputChecks.finite(risk, "risk scores")
        let times = try SurvivalTimes.checked(times, within: outcomes)
        let g = try CensoringDistribution(training)
        let n = risk.count
        var caseWeight = [Double](repeating: 0, count: n)
        for i in 0..<n where outcomes.event[i] {
            let gi = g.probability(at: outcomes.time[i])
            guard gi > 0 else {
                throw EvaluationError.undefined(metric: "time-dependent AUC", reason: "the censoring survival is 0 at an event time")
            }
            caseWeight[i] = 1 / gi
        }
        let order = RadixSort.argsort(risk)
        var aucs: [Double] = []
        for t in times {
            var controlsBelow = 0.0, numerator = 0.0, totalCaseWeight = 0.0, controls = 0.0
            var k = 0
            while k < n {
                let value = risk[order[k]]
                var groupCases = 0.0, groupControls = 0.0
                while k < n && risk[order[k]] == value {
                    let i = order[k]
                    if outcomes.time[i] > t { groupControls += 1 } else if outcomes.event[i] { groupCases += caseWeight[i] }
                    k += 1
                }
                numerator += groupCases * (controlsBelow + 0.5 * groupControls)
                controlsBelow += groupControls
                totalCaseWeight += groupCases
                controls += groupControls
            }
            guard totalCaseWeight > 0, controls > 0 else {
                throw EvaluationError.undefined(metric: "time-dependent AUC", reason: "no cases or no controls at time \(t)")
            }
            aucs.append(numerator / (totalCaseWeight * controls))
        }
        self.times = times
        auc = aucs
        if times.count == 1 {
            meanAUC = aucs[0]
        } else {
            let km = KaplanMeier(uncheckedTime: outcomes.time, event: outcomes.event)
            var previous = 1.0, integral = 0.0
            for (k, t) in times.enumerated() {
                let s = km.survival(at: t)
                integral += aucs[k] * (previous - s)
                previous = s
            }
            meanAUC = integral / (1 - previous)
        }
    }
}

/// Evaluation times for the IPCW metrics.
enum SurvivalTimes {
    /// Sorted, de-duplicated, each within `[min test time, max test time)` as scikit-survival requires.
    static func checked(_ times: [Double], within outcomes: SurvivalOutcomes) throws -> [Double] {
        guard !times.isEmpty else {
            throw EvaluationError.invalidParameter(name: "times", value: "[]", fix: "give at least one evaluation time")
        }
        try InputChecks.finite(times, "evaluation times")
        let unique = Array(Set(times)).sorted()
        let lo = outcomes.time.min() ?? 0, hi = outcomes.time.max() ?? 0
        guard unique.first! >= lo, unique.last! < hi else {
            throw EvaluationError.invalidParameter(
                name: "times", value: "[\(unique.first!), \(unique.last!)]",
                fix: "every evaluation time must lie within the test follow-up [\(lo), \(hi))")
        }
        return unique
    }
}
