/// Decision curve analysis: the net benefit of treating patients whose predicted risk is at least a
/// threshold probability `p_t`, against treating everyone and treating no one.
///
///     NB(p_t) = TP/N − FP/N · p_t / (1 − p_t)
///
/// The threshold encodes how a clinician weighs harms: at `p_t` one would accept `(1 − p_t)/p_t`
/// unnecessary treatments per correctly treated patient. Treat-all has
/// `NB = π − (1 − π) p_t/(1 − p_t)` (π the prevalence), treat-none has 0. A model is useful at `p_t`
/// when its curve lies above both.
///
/// For survival at a horizon h (Vickers et al. 2008), "positive" means the event by h, estimated by
/// Kaplan–Meier among the treated (risk ≥ p_t, a share `x` of patients):
/// `TP/N = (1 − Ŝ_treated(h))·x`, `FP/N = Ŝ_treated(h)·x`; treat-all uses everyone's Kaplan–Meier.
/// Net benefit is 0 when no one is treated.
///
/// - Vickers AJ, Elkin EB (2006), "Decision curve analysis: a novel method for evaluating prediction
///   models", Med Decis Making 26:565–574.
/// - Vickers AJ, Cronin AM, Elkin EB, Gonen M (2008), "Extensions to decision curve analysis…",
///   BMC Med Inform Decis Mak 8:53.
///
/// Agreement: a NumPy transcription of these formulas (`Tests/Fixtures/evaluation/reference_dca.py`,
/// the rule of R's `dcurves::dca`: treated when risk ≥ threshold), 1e-12, with lifelines' Kaplan–Meier
/// for the survival version.
public struct DecisionCurve: Sendable, Hashable, Codable {
    /// Threshold probabilities, in [0, 1).
    public var thresholds: [Double]
    public var netBenefit: [Double]
    public var treatAll: [Double]
    /// Always 0; kept so plots and JSON carry all three strategies.
    public var treatNone: [Double]

    /// The default thresholds: 0, 0.01, …, 0.99 (as `dcurves`).
    public static let defaultThresholds: [Double] = (0..<100).map { Double($0) / 100 }

    /// Decision curve for a binary outcome.
    ///
    /// - Parameters:
    ///   - probabilities: predicted risks in [0, 1].
    ///   - thresholds: each in [0, 1); default ``defaultThresholds``.
    /// - Complexity: O(N log N + T log N).
    public init(probabilities: [Double], labels: [Bool], thresholds: [Double] = DecisionCurve.defaultThresholds) throws {
        InputChecks.sameLength(probabilities.count, labels.count, "probabilities and labels")
        try InputChecks.probabilities(probabilities)
        try Self.check(thresholds)
        guard !labels.isEmpty else { throw EvaluationError.undefined(metric: "net benefit", reason: "no patients") }
        let performance = try ThresholdPerformance.at(thresholds, scores: probabilities, labels: labels)
        let n = Double(labels.count)
        let prevalence = Double(labels.filter { $0 }.count) / n
        self.thresholds = thresholds
        netBenefit = performance.map { p in
            let odds = p.threshold / (1 - p.threshold)
            return Double(p.truePositives) / n - Double(p.falsePositives) / n * odds
        }
        treatAll = thresholds.map { t in prevalence - (1 - prevalence) * t / (1 - t) }
        treatNone = Array(repeating: 0, count: thresholds.count)
    }

    /// Decision curve for survival at `horizon`.
    ///
    /// - Parameters:
    ///   - risks: predicted probability of the event by the horizon, `1 − Ŝ_i(h)`, in [0, 1].
    /// - Complexity: O(T · N log N).
    public init(risks: [Double], outcomes: SurvivalOutcomes, horizon: Double,
                thresholds: [Double] = DecisionCurve.defaultThresholds) throws {
        InputChecks.sameLength(risks.count, outcomes.count, "risks and survival outcomes")
        try InputChecks.probabilities(risks, "predicted risks")
        try outcomes.validate()
        try Self.check(thresholds)
        guard outcomes.count > 0 else { throw EvaluationError.undefined(metric: "net benefit", reason: "no patients") }
        let n = Double(outcomes.count)
        let all = KaplanMeier(uncheckedTime: outcomes.time, event: outcomes.event).survival(at: horizon)
        self.thresholds = thresholds
        netBenefit = thresholds.map { t in
            let rows = risks.indices.filter { risks[$0] >= t }
            guard !rows.isEmpty else { return 0 }
            let sub = outcomes.selecting(rows)
            let s = KaplanMeier(uncheckedTime: sub.time, event: sub.event).survival(at: horizon)
            let x = Double(rows.count) / n
            return (1 - s) * x - s * x * t / (1 - t)
        }
        treatAll = thresholds.map { t in (1 - all) - all * t / (1 - t) }
        treatNone = Array(repeating: 0, count: thresholds.count)
    }

    private static func check(_ thresholds: [Double]) throws {
        for t in thresholds where !(t >= 0 && t < 1) {
            throw EvaluationError.invalidParameter(name: "thresholds", value: "\(t)", fix: "use threshold probabilities in [0, 1)")
        }
    }
}
