import Foundation

/// One patient's tumour course under one regimen (or without drug).
public struct TumourOutcome: Codable, Sendable, Hashable {
    public var patient: String
    /// Grid times (days).
    public var times: [Double]
    /// Tumour size relative to baseline, y(t)/y(0), at the grid times.
    public var relativeSize: [Double]
    /// y(horizon)/y(0).
    public var finalRelativeSize: Double
    /// (1/horizon)∫ y/y(0) dt, exact to the solver tolerance (an integrated state).
    public var meanRelativeSize: Double
    /// The smallest y/y(0) on the grid.
    public var nadirRelativeSize: Double
    /// The first time y/y(0) reaches ``TumourImmuneModel/progressionRatio`` (linear interpolation on the
    /// grid) and is still at or above it ``TumourImmuneModel/confirmationDays`` later (or at the end of the
    /// horizon, if sooner): a time-to-confirmed-progression proxy; `nil` if none within the horizon.
    public var timeToProgressionDays: Double?
}

/// Simulates the tumour–immune model coupled to a patient's PK.
public enum TumourSimulation {
    /// Integrates the state [A₁, A₂, x, y, ∫y dt] with ``ODEIntegrator`` piecewise between infusion starts
    /// and ends; `regimen == nil` simulates no treatment.
    ///
    /// - Complexity: O(ODE steps); the system is mildly stiff after tumour collapse, where the automatic
    ///   method may switch to the Rosenbrock method.
    public static func simulate(model: TumourImmuneModel, parameters p: IndividualPKParameters?, doseMilligrams: Double,
                                regimen: Regimen?, occupancy: ReceptorOccupancy, durationDays: Double, gridStepDays: Double = 1,
                                ode: ODEOptions = ODEOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-10),
                                patient: String = "") throws -> (outcome: TumourOutcome, diagnostics: ODEDiagnostics) {
        try model.validate()
        try occupancy.validate()
        let options = PKSimulationOptions(durationDays: durationDays, gridStepDays: gridStepDays, ode: ode)
        try options.validate(regimens: regimen.map { [$0] } ?? [])
        let schedule: DosingSchedule
        if let regimen {
            guard let p else {
                throw DosingError.invalidConfiguration(parameter: "parameters", message: "a regimen needs the patient's PK parameters")
            }
            try p.validate()
            schedule = DosingSchedule(regimen: regimen, durationDays: durationDays, gridStepDays: gridStepDays)
        } else {
            schedule = DosingSchedule(regimen: Regimen(amount: .milligrams(1), intervalDays: durationDays + 1), durationDays: durationDays,
                                      gridStepDays: gridStepDays)
        }
        let treated = regimen != nil
        let v1 = p?.centralVolume ?? 1, v2 = p?.peripheralVolume ?? 1, q = p?.intercompartmentalClearance ?? 0
        let k12 = q / v1, k21 = q / v2
        let rate = doseMilligrams / schedule.infusionDays
        let times = schedule.times
        var integrator = try ODEIntegrator(dimension: 5, options: ode)
        var state = [0, 0, model.initialEffectors, model.initialTumour, 0]
        var sizes = [Double](repeating: 0, count: times.count)
        var cumulative = sizes
        var index = 0
        var start = 0, end = 1
        while start < times.count - 1 {
            while end < times.count - 1, !schedule.isDiscontinuity[end] { end += 1 }
            let r = treated && schedule.infusing[start] ? rate : 0
            try integrator.advance({ t, s, ds in
                let cl = p?.clearance(at: t) ?? 0
                ds[0] = r - (cl / v1 + k12) * s[0] + k21 * s[1]
                ds[1] = k12 * s[0] - k21 * s[1]
                let ro = treated ? occupancy.occupancy(s[0] / v1) : 0
                model.derivatives(x: s[2], y: s[3], occupancy: ro, into: &ds, offset: 2)
                ds[4] = s[3]
            }, state: &state, from: times[start], to: times[end], outputTimes: times, outputIndex: &index) { k, s in
                sizes[k] = s[3]
                cumulative[k] = s[4]
            }
            start = end
            end = start + 1
        }
        let y0 = model.initialTumour
        let gridTimes = schedule.gridIndices.map { times[$0] }
        let relative = schedule.gridIndices.map { sizes[$0] / y0 }
        var progression: Double?
        var j = 0
        while j < relative.count, progression == nil {
            guard relative[j] >= model.progressionRatio else { j += 1; continue }
            let crossing: Double
            if j == 0 {
                crossing = 0
            } else {
                let a = relative[j - 1], b = relative[j]
                crossing = gridTimes[j - 1] + (model.progressionRatio - a) / (b - a) * (gridTimes[j] - gridTimes[j - 1])
            }
            let check = min(crossing + model.confirmationDays, gridTimes[gridTimes.count - 1])
            let k = gridTimes.firstIndex { $0 >= check - 1e-9 } ?? gridTimes.count - 1
            if relative[k] >= model.progressionRatio {
                progression = crossing
            } else {
                // Skip past this excursion above the threshold.
                while j < relative.count, relative[j] >= model.progressionRatio { j += 1 }
            }
        }
        let outcome = TumourOutcome(patient: patient, times: gridTimes, relativeSize: relative,
                                    finalRelativeSize: sizes[times.count - 1] / y0,
                                    meanRelativeSize: cumulative[times.count - 1] / (y0 * durationDays),
                                    nadirRelativeSize: relative.min() ?? 1, timeToProgressionDays: progression)
        return (outcome, integrator.diagnostics)
    }
}
