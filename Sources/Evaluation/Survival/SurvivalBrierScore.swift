/// The Brier score of predicted survival probabilities at given times, with inverse probability of
/// censoring weights, and its integral over time.
///
/// At time t, with predicted `Ŝ_i(t)` and the training censoring distribution Ĝ:
///
///     BS(t) = (1/N) Σ_i [ Ŝ_i(t)² · 1[t_i ≤ t, δ_i] / Ĝ(t_i)  +  (1 − Ŝ_i(t))² · 1[t_i > t] / Ĝ(t) ],
///
/// (patients censored before t contribute 0; a zero Ĝ makes its term 0). The integrated Brier score is
/// the trapezoidal integral of BS over the times divided by `t_K − t_1`.
///
/// Graf E, Schmoor C, Sauerbrei W, Schumacher M (1999), "Assessment and comparison of prognostic
/// classification schemes for survival data", Stat Med 18:2529–2545. As scikit-survival's
/// `brier_score` / `integrated_brier_score`, which evaluate Ĝ at `t_i` itself (Graf uses `t_i−`; the
/// two differ only when a censoring ties with an event). Agreement: scikit-survival 0.28, 1e-10.
public struct SurvivalBrierScore: Sendable, Hashable, Codable {
    /// Evaluation times, increasing and distinct.
    public var times: [Double]
    public var scores: [Double]

    /// - Parameters:
    ///   - outcomes: test patients' outcomes.
    ///   - survivalProbabilities: for each test patient (outer), Ŝ_i at each of `times` (inner, in the
    ///     order given).
    ///   - training: outcomes for the censoring distribution.
    ///   - times: distinct evaluation times within `[min test time, max test time)`.
    /// - Throws: on bad input or times outside the follow-up.
    /// - Complexity: O(N·K + M log M).
    public init(_ outcomes: SurvivalOutcomes, survivalProbabilities: [[Double]], training: SurvivalOutcomes,
                times: [Double]) throws {
        InputChecks.sameLength(outcomes.count, survivalProbabilities.count, "survival outcomes and predictions")
        try outcomes.validate()
        for row in survivalProbabilities {
            InputChecks.sameLength(row.count, times.count, "predicted survival per patient and times")
            try InputChecks.probabilities(row, "predicted survival probabilities")
        }
        let sorted = try SurvivalTimes.checked(times, within: outcomes)
        guard sorted.count == times.count else {
            throw EvaluationError.invalidParameter(name: "times", value: "\(times.count) values",
                                                   fix: "give distinct evaluation times")
        }
        let g = try CensoringDistribution(training)
        let n = outcomes.count
        let gObserved = outcomes.time.map { g.probability(at: $0) }
        var scores: [Double] = []
        for t in sorted {
            let column = times.firstIndex(of: t)!
            let gt = g.probability(at: t)
            var sum = 0.0
            for i in 0..<n {
                let s = survivalProbabilities[i][column]
                if outcomes.time[i] <= t {
                    if outcomes.event[i] && gObserved[i] > 0 { sum += s * s / gObserved[i] }
                } else if gt > 0 {
                    sum += (1 - s) * (1 - s) / gt
                }
            }
            scores.append(sum / Double(n))
        }
        self.times = sorted
        self.scores = scores
    }

    /// The integrated Brier score, `∫ BS(t) dt / (t_K − t_1)` by the trapezoidal rule; needs ≥ 2 times.
    ///
    /// - Complexity: O(K).
    public var integrated: Double {
        precondition(times.count >= 2, "the integrated Brier score needs at least two times")
        var area = 0.0
        for k in 1..<times.count { area += (times[k] - times[k - 1]) * (scores[k] + scores[k - 1]) / 2 }
        return area / (times[times.count - 1] - times[0])
    }
}
