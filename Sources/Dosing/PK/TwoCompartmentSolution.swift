import Foundation

/// Serum concentrations of the linear two-compartment model with zero-order infusions, exact.
///
/// The unit-impulse response of the central concentration is C(t) = A·e^(−αt) + B·e^(−βt) with
/// α, β = ½[(k₁₀ + k₁₂ + k₂₁) ± √((k₁₀ + k₁₂ + k₂₁)² − 4k₁₀k₂₁)], k₁₀ = CL/V₁, k₁₂ = Q/V₁, k₂₁ = Q/V₂,
/// A = (α − k₂₁)/(V₁(α − β)), B = (k₂₁ − β)/(V₁(α − β)) (Gibaldi & Perrier, *Pharmacokinetics*, 2nd ed.,
/// 1982, ch. 2). Superposing the responses to the input R(t) gives C = m₁ + m₂ with modal states
/// m′ᵢ = −λᵢmᵢ + aᵢR(t), which over an interval Δ of constant rate R update exactly as
/// mᵢ ← mᵢe^(−λᵢΔ) + aᵢR(1 − e^(−λᵢΔ))/λᵢ, and whose integral over the interval is
/// mᵢ(1 − e^(−λᵢΔ))/λᵢ + aᵢR(Δ − (1 − e^(−λᵢΔ))/λᵢ)/λᵢ. This is the whole superposition sum evaluated
/// recursively: two exponentials per time point, whatever the number of doses.
enum TwoCompartmentSolution {
    static func rates(_ p: IndividualPKParameters) -> (alpha: Double, beta: Double, a: Double, b: Double) {
        let k10 = p.clearance / p.centralVolume
        let k12 = p.intercompartmentalClearance / p.centralVolume
        let k21 = p.intercompartmentalClearance / p.peripheralVolume
        let sum = k10 + k12 + k21
        let root = max(sum * sum - 4 * k10 * k21, 0).squareRoot()
        let alpha = 0.5 * (sum + root)
        // β = k10·k21/α avoids cancellation for small β.
        let beta = k10 * k21 / alpha
        let a = (alpha - k21) / (p.centralVolume * (alpha - beta))
        let b = (k21 - beta) / (p.centralVolume * (alpha - beta))
        return (alpha, beta, a, b)
    }

    /// Concentrations and cumulative AUC at the schedule's points for a constant-clearance patient.
    static func profile(_ p: IndividualPKParameters, dose: Double, schedule: DosingSchedule,
                        concentrations: inout [Double], auc: inout [Double]) {
        let (alpha, beta, a, b) = rates(p)
        let rate = dose / schedule.infusionDays
        var m1 = 0.0, m2 = 0.0, area = 0.0
        concentrations[0] = 0
        auc[0] = 0
        let times = schedule.times
        for i in 0..<(times.count - 1) {
            let dt = times[i + 1] - times[i]
            let r = schedule.infusing[i] ? rate : 0
            let e1 = exp(-alpha * dt), e2 = exp(-beta * dt)
            let g1 = -expm1(-alpha * dt) / alpha, g2 = -expm1(-beta * dt) / beta
            area += m1 * g1 + a * r * (dt - g1) / alpha + m2 * g2 + b * r * (dt - g2) / beta
            m1 = m1 * e1 + a * r * g1
            m2 = m2 * e2 + b * r * g2
            concentrations[i + 1] = m1 + m2
            auc[i + 1] = area
        }
    }
}
