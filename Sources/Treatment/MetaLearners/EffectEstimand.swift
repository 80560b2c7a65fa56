/// What an individual treatment effect τₐ(x) = E[f(Y(a)) − f(Y(r)) | X = x] measures, against the reference
/// arm r.
public enum EffectEstimand: Sendable, Hashable, Codable {
    /// Binary outcome: P(Y(a) = 1 | x) − P(Y(r) = 1 | x).
    case riskDifference
    /// Continuous outcome: E[Y(a) | x] − E[Y(r) | x].
    case meanDifference
    /// Survival: RMST_a(τ | x) − RMST_r(τ | x), with RMST(τ) = ∫₀^τ S(t) dt = E[min(T, τ)] (Royston & Parmar
    /// 2013, BMC Med Res Methodol 13:152), in the outcome's time unit.
    case restrictedMeanSurvivalTime(horizon: Double)
    /// Survival: S_a(t | x) − S_r(t | x), the difference in the probability of surviving beyond t.
    case survivalProbability(at: Double)

    /// Checks that the estimand fits the outcome and its time point is positive and finite.
    func check(_ outcome: TreatmentOutcome) throws {
        switch (self, outcome) {
        case (.riskDifference, .binary), (.meanDifference, .continuous): return
        case (.restrictedMeanSurvivalTime(let t), .survival), (.survivalProbability(let t), .survival):
            guard t.isFinite, t > 0 else {
                throw TreatmentError.invalidParameter(name: "estimand time", value: "\(t)", fix: "use a positive, finite time in the outcome's unit")
            }
        default:
            throw TreatmentError.invalidParameter(
                name: "estimand", value: "\(self)",
                fix: "use .riskDifference for a binary outcome, .meanDifference for a continuous one, and .restrictedMeanSurvivalTime or .survivalProbability for survival")
        }
    }
}
