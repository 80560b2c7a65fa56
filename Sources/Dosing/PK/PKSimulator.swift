import Foundation

/// Simulates serum concentration profiles of the two-compartment model for one patient.
public enum PKSimulator {
    /// The profile of a patient with `parameters` given `doseMilligrams` per dose of `regimen`.
    ///
    /// Stationary clearance uses the exact superposition solution (``PKSolutionMethod/analytic``);
    /// time-varying clearance integrates dA₁/dt, dA₂/dt and d(AUC)/dt = A₁/V₁ with ``ODEIntegrator``
    /// piecewise between infusion starts and ends, reading the grid points from the dense output.
    ///
    /// - Complexity: O(points) for the analytic solution; O(steps) for the ODE path (about 10 steps per
    ///   dosing interval at the default rtol 1e-6).
    public static func profile(parameters: IndividualPKParameters, doseMilligrams: Double, regimen: Regimen,
                               options: PKSimulationOptions = PKSimulationOptions()) throws -> ConcentrationProfile {
        try options.validate(regimens: [regimen])
        try parameters.validate()
        guard doseMilligrams.isFinite, doseMilligrams > 0 else {
            throw DosingError.invalidConfiguration(parameter: "doseMilligrams", message: "\(doseMilligrams) must be finite and > 0")
        }
        let schedule = DosingSchedule(regimen: regimen, durationDays: options.durationDays, gridStepDays: options.gridStepDays)
        return try profile(parameters: parameters, dose: doseMilligrams, schedule: schedule, options: options)
    }

    static func profile(parameters p: IndividualPKParameters, dose: Double, schedule: DosingSchedule,
                        options: PKSimulationOptions) throws -> ConcentrationProfile {
        var c = [Double](repeating: 0, count: schedule.times.count)
        var auc = c
        let useODE: Bool
        switch options.method {
        case .analytic:
            guard p.timeVaryingClearance == nil else {
                throw DosingError.invalidConfiguration(parameter: "method",
                                                       message: "analytic needs a stationary clearance; use ode or automatic for time-varying clearance")
            }
            useODE = false
        case .ode: useODE = true
        case .automatic: useODE = p.timeVaryingClearance != nil
        }
        var diagnostics = ODEDiagnostics()
        if useODE {
            diagnostics = try odeProfile(p, dose: dose, schedule: schedule, options: options.ode, concentrations: &c, auc: &auc)
        } else {
            TwoCompartmentSolution.profile(p, dose: dose, schedule: schedule, concentrations: &c, auc: &auc)
        }
        return ConcentrationProfile(times: schedule.times, concentrations: c, cumulativeAUC: auc, gridIndices: schedule.gridIndices,
                                    doseTimes: schedule.doseTimes, doseIndices: schedule.doseIndices,
                                    method: useODE ? .ode : .analytic, diagnostics: diagnostics)
    }

    private static func odeProfile(_ p: IndividualPKParameters, dose: Double, schedule: DosingSchedule, options: ODEOptions,
                                   concentrations c: inout [Double], auc: inout [Double]) throws -> ODEDiagnostics {
        var integrator = try ODEIntegrator(dimension: 3, options: options)
        let v1 = p.centralVolume, v2 = p.peripheralVolume, q = p.intercompartmentalClearance, cl0 = p.clearance
        let k12 = q / v1, k21 = q / v2
        let tv = p.timeVaryingClearance
        let rate = dose / schedule.infusionDays
        let times = schedule.times
        var y = [0.0, 0.0, 0.0]
        var outputIndex = 0
        var start = 0
        // Segments end at each discontinuity (dose start or infusion end) and at the horizon.
        var end = 1
        while start < times.count - 1 {
            while end < times.count - 1, !schedule.isDiscontinuity[end] { end += 1 }
            let r = schedule.infusing[start] ? rate : 0
            if let tv {
                // CL(t) = CL₀ · exp(Emax · s(t)) with s tabulated once for all patients sharing T50 and γ (when
                // a table is accurate; otherwise by the formula).
                // Stages 6 and 7 of a Dormand–Prince step share t + h: reuse the last factor.
                let course = ClearanceTimeCourse.shared(halfChangeDays: tv.halfChangeDays, hill: tv.hill,
                                                        horizonDays: times[times.count - 1])
                let emax = tv.maximumLogChange
                var lastTime = -Double.infinity, lastFactor = 1.0
                try integrator.advance({ t, x, dx in
                    if t != lastTime {
                        lastTime = t
                        lastFactor = course.map { exp(emax * $0.value(at: t)) } ?? tv.factor(at: t)
                    }
                    let cl = cl0 * lastFactor
                    dx[0] = r - (cl / v1 + k12) * x[0] + k21 * x[1]
                    dx[1] = k12 * x[0] - k21 * x[1]
                    dx[2] = x[0] / v1
                }, state: &y, from: times[start], to: times[end], outputTimes: times, outputIndex: &outputIndex) { k, state in
                    c[k] = state[0] / v1
                    auc[k] = state[2]
                }
            } else {
                let k10 = cl0 / v1
                try integrator.advance({ _, x, dx in
                    dx[0] = r - (k10 + k12) * x[0] + k21 * x[1]
                    dx[1] = k12 * x[0] - k21 * x[1]
                    dx[2] = x[0] / v1
                }, state: &y, from: times[start], to: times[end], outputTimes: times, outputIndex: &outputIndex) { k, state in
                    c[k] = state[0] / v1
                    auc[k] = state[2]
                }
            }
            start = end
            end = start + 1
        }
        return integrator.diagnostics
    }
}
