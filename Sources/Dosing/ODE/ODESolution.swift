import Foundation

/// What an integration cost and how it went: counts of steps and evaluations, and whether the solver
/// found the problem stiff.
public struct ODEDiagnostics: Codable, Sendable, Hashable {
    /// Accepted steps.
    public var acceptedSteps = 0
    /// Rejected steps (error estimate above tolerance).
    public var rejectedSteps = 0
    /// Evaluations of the right-hand side (Jacobian finite differences included).
    public var functionEvaluations = 0
    /// Finite-difference Jacobians formed (Rosenbrock steps).
    public var jacobianEvaluations = 0
    /// Whether Hairer's stiffness test fired (15 times with h·|λ| > 3.25) during Dormand–Prince steps.
    public var stiffnessDetected = false
    /// Whether the automatic method switched to the Rosenbrock method.
    public var switchedToStiff = false
    /// The time of the switch, when it happened.
    public var stiffSwitchTime: Double?

    public init() {}

    /// Sums counts and ORs the flags (the first switch time is kept).
    public mutating func merge(_ other: ODEDiagnostics) {
        acceptedSteps += other.acceptedSteps
        rejectedSteps += other.rejectedSteps
        functionEvaluations += other.functionEvaluations
        jacobianEvaluations += other.jacobianEvaluations
        stiffnessDetected = stiffnessDetected || other.stiffnessDetected
        if other.switchedToStiff, !switchedToStiff { stiffSwitchTime = other.stiffSwitchTime }
        switchedToStiff = switchedToStiff || other.switchedToStiff
    }
}

/// The result of ``ODESolver/solve(_:initial:from:to:breakpoints:outputTimes:)``: the state at each
/// requested output time (from the methods' dense output), the final state and the diagnostics.
public struct ODESolution: Codable, Sendable {
    /// The requested output times, sorted.
    public var times: [Double]
    /// `states[k]` is y(times[k]).
    public var states: [[Double]]
    /// y at the end of the interval.
    public var finalState: [Double]
    public var diagnostics: ODEDiagnostics
}
