import Evaluation
import Foundation

/// Inverse-probability-of-censoring weighted (IPCW) transformed outcomes, which turn a censored survival
/// outcome into one whose conditional mean is the survival functional of interest, so that any regression
/// estimator (and the X- and DR-learners) can be used.
///
/// With observed time Tᵢ, event δᵢ, horizon τ, T̃ᵢ = min(Tᵢ, τ), and Δᵢ = 1 when the status at τ is known
/// (the event was observed, or the patient was followed to τ: δᵢ = 1 or Tᵢ ≥ τ):
///
/// - RMST to τ: Y*ᵢ = Δᵢ · T̃ᵢ / Ĝ(T̃ᵢ⁻), so E[Y* | x] = E[min(T, τ) | x] (Tian, Zhao & Wei 2014,
///   Biostatistics 15:222);
/// - survival at t: Y*ᵢ = Δᵢ · 1{Tᵢ > t or (Tᵢ = t, censored)} / Ĝ(min(Tᵢ, t)⁻), so E[Y* | x] = S(t | x)
///   (Graf et al. 1999, Stat Med 18:2529).
///
/// Ĝ is the Kaplan–Meier estimate of the censoring distribution (Evaluation's
/// ``Evaluation/CensoringDistribution``) within each arm, and Ĝ(s⁻) its left limit; it is floored at
/// ``minimumCensoringSurvival`` so that a few late patients cannot get unbounded weights (the number floored
/// is reported). Censoring is assumed independent of the event given the arm.
enum CensoringTransform {
    static let minimumCensoringSurvival = 0.05

    /// Y* for every patient (Ĝ per arm) and the number of floored weights.
    static func transform(time: [Double], event: [Bool], arm: [Int], armCount: Int,
                          estimand: EffectEstimand) throws -> (values: [Double], floored: Int) {
        let n = time.count
        var out = [Double](repeating: 0, count: n)
        var floored = 0
        for a in 0..<armCount {
            let rows = (0..<n).filter { arm[$0] == a }
            guard !rows.isEmpty else { continue }
            let g = try CensoringDistribution(SurvivalOutcomes(time: rows.map { time[$0] }, event: rows.map { event[$0] }))
            for i in rows {
                let (value, wasFloored) = pseudoOutcome(time: time[i], event: event[i], estimand: estimand, censoring: g)
                out[i] = value
                if wasFloored { floored += 1 }
            }
        }
        return (out, floored)
    }

    static func pseudoOutcome(time t: Double, event: Bool, estimand: EffectEstimand,
                              censoring g: CensoringDistribution) -> (Double, Bool) {
        let horizon: Double
        switch estimand {
        case .restrictedMeanSurvivalTime(let tau): horizon = tau
        case .survivalProbability(let s): horizon = s
        default: preconditionFailure("IPCW needs a survival estimand")
        }
        let known = event || t >= horizon
        guard known else { return (0, false) }
        let clipped = min(t, horizon)
        let raw = leftLimit(g, clipped)
        let weight = max(raw, minimumCensoringSurvival)
        let value: Double
        switch estimand {
        case .restrictedMeanSurvivalTime: value = clipped
        default: value = (t > horizon || (t == horizon && !event)) ? 1 : 0
        }
        return (value / weight, raw < minimumCensoringSurvival && value != 0)
    }

    /// Ĝ(s⁻): the value at the last time strictly before s (1 before the first time).
    static func leftLimit(_ g: CensoringDistribution, _ s: Double) -> Double {
        var lo = 0, hi = g.times.count
        while lo < hi { let mid = (lo + hi) / 2; if g.times[mid] < s { lo = mid + 1 } else { hi = mid } }
        return lo == 0 ? 1 : g.probabilities[lo - 1]
    }
}
