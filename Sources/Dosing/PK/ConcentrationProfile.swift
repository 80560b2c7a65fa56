import Foundation

/// One patient's serum concentration–time profile under one regimen, at the schedule's time points (the
/// grid, every dose start and infusion end, and the end of the horizon), with the cumulative AUC.
public struct ConcentrationProfile: Codable, Sendable {
    /// Time points (days), sorted.
    public var times: [Double]
    /// C(t) (µg/mL) at each time point.
    public var concentrations: [Double]
    /// ∫₀ᵗ C (µg·day/mL) at each time point.
    public var cumulativeAUC: [Double]
    /// Indices into `times` of the regular grid points.
    public var gridIndices: [Int]
    /// The dose start times (days).
    public var doseTimes: [Double]
    /// Indices into `times` of the dose starts.
    public var doseIndices: [Int]
    /// How the profile was computed.
    public var method: PKSolutionMethod
    /// ODE diagnostics (empty counts for the analytic solution).
    public var diagnostics: ODEDiagnostics

    /// The concentration at the grid points.
    public var gridConcentrations: [Double] { gridIndices.map { concentrations[$0] } }
    /// The grid times.
    public var gridTimes: [Double] { gridIndices.map { times[$0] } }
}

/// How a profile is computed.
public enum PKSolutionMethod: String, Codable, Sendable {
    /// Exact superposition of the two-compartment zero-order-infusion solution (stationary clearance).
    case analytic
    /// Numerical integration with ``ODEIntegrator`` (time-varying clearance), piecewise between
    /// infusion starts and ends.
    case ode
    /// Analytic when the clearance is stationary, ODE otherwise (default).
    case automatic
}
