import Foundation

/// Settings of a PK simulation.
///
/// - `durationDays`: the horizon, default 364 days (52 weeks), valid 1…3650 and at least one dosing
///   interval of every regimen (the first-dose trough needs it). Steady-state metrics are taken over the
///   last complete dosing interval, so choose ≥ 20 weeks (≈ 5 half-lives of an IgG) for them to mean
///   steady state.
/// - `gridStepDays`: default 1 day, valid 0.01…7: the spacing of the profile points used for the
///   percentile bands, the time above target and Cmax (dose starts and infusion ends are always
///   included, so peaks and troughs are exact).
/// - `targetConcentration`: µg/mL, default `nil` (no time-above-target metric); valid > 0.
/// - `method`: default ``PKSolutionMethod/automatic``.
/// - `ode`: tolerances of the ODE path; default rtol 1e-6, atol 1e-6 mg (the states are amounts in mg and
///   the AUC in µg·day/mL): concentrations then agree with a tight reference to about 1e-5 relative, far
///   below the residual error of the models (≈ 20–27 %); tighten for reference values.
/// - `threads`: default 0 = all active cores.
public struct PKSimulationOptions: Codable, Sendable, Hashable {
    public var durationDays: Double
    public var gridStepDays: Double
    public var targetConcentration: Double?
    public var method: PKSolutionMethod
    public var ode: ODEOptions
    public var threads: Int

    public init(durationDays: Double = 364, gridStepDays: Double = 1, targetConcentration: Double? = nil,
                method: PKSolutionMethod = .automatic,
                ode: ODEOptions = ODEOptions(relativeTolerance: 1e-6, absoluteTolerance: 1e-6), threads: Int = 0) {
        self.durationDays = durationDays
        self.gridStepDays = gridStepDays
        self.targetConcentration = targetConcentration
        self.method = method
        self.ode = ode
        self.threads = threads
    }

    /// Throws ``DosingError/invalidConfiguration(parameter:message:)`` naming the first value out of range.
    public func validate(regimens: [Regimen] = []) throws {
        guard durationDays.isFinite, durationDays >= 1, durationDays <= 3650 else {
            throw DosingError.invalidConfiguration(parameter: "durationDays", message: "\(durationDays) is outside 1...3650 days")
        }
        guard gridStepDays.isFinite, gridStepDays >= 0.01, gridStepDays <= 7 else {
            throw DosingError.invalidConfiguration(parameter: "gridStepDays", message: "\(gridStepDays) is outside 0.01...7 days (default 1)")
        }
        if let targetConcentration, !(targetConcentration.isFinite && targetConcentration > 0) {
            throw DosingError.invalidConfiguration(parameter: "targetConcentration",
                                                   message: "\(targetConcentration) must be finite and > 0 µg/mL, or nil")
        }
        guard threads >= 0 else {
            throw DosingError.invalidConfiguration(parameter: "threads", message: "\(threads) must be ≥ 0 (0 = all cores)")
        }
        try ode.validate()
        for regimen in regimens {
            try regimen.validate()
            guard regimen.intervalDays <= durationDays else {
                throw DosingError.invalidConfiguration(
                    parameter: "durationDays",
                    message: "\(durationDays) days is shorter than one dosing interval of '\(regimen.label)' (\(regimen.intervalDays) days); simulate at least one interval")
            }
        }
    }
}
