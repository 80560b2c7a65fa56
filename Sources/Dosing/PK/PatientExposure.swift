import Foundation

/// Exposure metrics of one patient under one regimen (concentrations in µg/mL, times in days).
///
/// - First dose: Cmax over [0, τ] and the trough C(τ⁻) just before the second dose.
/// - Steady state: over the last complete dosing interval [t_m, t_m + τ] within the horizon: Cmax, the
///   trough C(t_m + τ) and Cavg = AUC/τ.
/// - `averageOverall`: AUC(0, horizon)/horizon.
/// - Time above target: the time with C ≥ target, by linear interpolation between profile points
///   (grid, dose starts, infusion ends); `nil` without a target.
/// - Occupancy: ``ReceptorOccupancy`` at the steady-state trough, and its minimum after the first dose
///   (the lowest trough), in [0, 1].
public struct PatientExposure: Codable, Sendable, Hashable {
    public var patient: String
    public var doseMilligrams: Double
    public var cmaxFirstDose: Double
    public var troughFirstDose: Double
    public var cmaxSteadyState: Double
    public var troughSteadyState: Double
    public var averageSteadyState: Double
    public var averageOverall: Double
    public var timeAboveTargetDays: Double?
    public var occupancyAtTroughSteadyState: Double
    public var minimumOccupancy: Double

    /// The metrics as (name, unit, value) rows, in a fixed order (for tables and summaries).
    public var metrics: [(name: String, unit: String, value: Double)] {
        var rows: [(String, String, Double)] = [
            ("dose", "mg", doseMilligrams), ("cmax_first_dose", "ug/mL", cmaxFirstDose),
            ("trough_first_dose", "ug/mL", troughFirstDose), ("cmax_steady_state", "ug/mL", cmaxSteadyState),
            ("trough_steady_state", "ug/mL", troughSteadyState), ("cavg_steady_state", "ug/mL", averageSteadyState),
            ("cavg_overall", "ug/mL", averageOverall),
        ]
        if let timeAboveTargetDays { rows.append(("time_above_target", "days", timeAboveTargetDays)) }
        rows.append(("occupancy_trough_steady_state", "fraction", occupancyAtTroughSteadyState))
        rows.append(("occupancy_minimum", "fraction", minimumOccupancy))
        return rows
    }

    /// The metrics of `profile` (see the type's documentation).
    ///
    /// - Complexity: O(profile points).
    public init(patient: String, doseMilligrams: Double, profile: ConcentrationProfile, intervalDays: Double,
                durationDays: Double, target: Double?, occupancy: ReceptorOccupancy) {
        let times = profile.times, c = profile.concentrations, auc = profile.cumulativeAUC
        func index(of t: Double) -> Int {
            // The first point at or after t (t is a schedule point or the end).
            var lo = 0, hi = times.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if times[mid] < t - 1e-9 * max(1, t) { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        let completeIntervals = Int((durationDays / intervalDays + 1e-9).rounded(.down))
        let firstEnd = index(of: intervalDays)
        let ssStart = index(of: Double(max(completeIntervals - 1, 0)) * intervalDays)
        let ssEnd = index(of: Double(max(completeIntervals, 1)) * intervalDays)
        self.patient = patient
        self.doseMilligrams = doseMilligrams
        cmaxFirstDose = c[0...firstEnd].max() ?? 0
        troughFirstDose = c[firstEnd]
        cmaxSteadyState = c[ssStart...ssEnd].max() ?? 0
        troughSteadyState = c[ssEnd]
        averageSteadyState = (auc[ssEnd] - auc[ssStart]) / (times[ssEnd] - times[ssStart])
        averageOverall = auc[times.count - 1] / times[times.count - 1]
        if let target {
            var above = 0.0
            for i in 0..<(times.count - 1) {
                let a = c[i], b = c[i + 1], dt = times[i + 1] - times[i]
                if a >= target, b >= target {
                    above += dt
                } else if a >= target || b >= target {
                    let fraction = (target - a) / (b - a)
                    above += a >= target ? fraction * dt : (1 - fraction) * dt
                }
            }
            timeAboveTargetDays = above
        } else {
            timeAboveTargetDays = nil
        }
        occupancyAtTroughSteadyState = occupancy.occupancy(troughSteadyState)
        var lowest = Double.infinity
        for k in profile.doseIndices.dropFirst() { lowest = min(lowest, c[k]) }
        lowest = min(lowest, c[times.count - 1])
        minimumOccupancy = occupancy.occupancy(lowest)
    }
}
