import Foundation

/// The right-hand side of an ODE system y′ = f(t, y): writes f(t, y) into `derivative` (same length as
/// `state`), without allocating.
public typealias ODEFunction = (_ time: Double, _ state: [Double], _ derivative: inout [Double]) -> Void

/// Settings of ``ODESolver``: tolerances, step limits and the method.
///
/// The local error of each accepted step is kept below 1 in the weighted RMS norm
/// ‖e‖ = √(mean_i (e_i / (atol + rtol · max(|y_i|, |ŷ_i|)))²) (Hairer, Nørsett & Wanner, *Solving Ordinary
/// Differential Equations I*, 2nd ed., Springer 1993, §II.4, eq. 4.11).
///
/// - `relativeTolerance` (rtol): default 1e-6, valid 1e-13…0.1. Below ~1e-13 the error estimate is
///   dominated by rounding.
/// - `absoluteTolerance` (atol): default 1e-9, valid > 0 and finite; the error floor for components near
///   zero (in the units of the state).
/// - `maximumSteps`: default 100,000 attempted steps per smooth segment (between two breakpoints), valid
///   ≥ 10; more throws ``DosingError/integrationFailure(_:)``.
/// - `maximumStepSize`: default `nil` (the whole interval); when set, valid > 0.
/// - `method`: default ``Method/automatic`` — Dormand–Prince 5(4) with Hairer's stiffness test, switching to
///   the Rosenbrock method when the problem is found stiff.
public struct ODEOptions: Codable, Sendable, Hashable {
    /// The integration method.
    public enum Method: String, Codable, Sendable, CaseIterable {
        /// Dormand–Prince 5(4); switches to ``rosenbrock`` when Hairer's stiffness test fires 15 times.
        case automatic
        /// Dormand–Prince 5(4) only (stiffness is reported in the diagnostics but not acted on).
        case dormandPrince
        /// The linearly implicit Rosenbrock 2(3) method for stiff problems, from the start.
        case rosenbrock
    }

    public var relativeTolerance: Double
    public var absoluteTolerance: Double
    public var maximumSteps: Int
    public var maximumStepSize: Double?
    public var method: Method

    public init(relativeTolerance: Double = 1e-6, absoluteTolerance: Double = 1e-9, maximumSteps: Int = 100_000,
                maximumStepSize: Double? = nil, method: Method = .automatic) {
        self.relativeTolerance = relativeTolerance
        self.absoluteTolerance = absoluteTolerance
        self.maximumSteps = maximumSteps
        self.maximumStepSize = maximumStepSize
        self.method = method
    }

    /// Throws ``DosingError/invalidConfiguration(parameter:message:)`` naming the first value out of range.
    public func validate() throws {
        guard relativeTolerance.isFinite, relativeTolerance >= 1e-13, relativeTolerance <= 0.1 else {
            throw DosingError.invalidConfiguration(
                parameter: "relativeTolerance",
                message: "\(relativeTolerance) is outside 1e-13...0.1; use 1e-6 for routine work, 1e-10 for reference values")
        }
        guard absoluteTolerance.isFinite, absoluteTolerance > 0 else {
            throw DosingError.invalidConfiguration(
                parameter: "absoluteTolerance",
                message: "\(absoluteTolerance) must be finite and > 0; use about 1e-3 × the smallest state magnitude that matters")
        }
        guard maximumSteps >= 10 else {
            throw DosingError.invalidConfiguration(parameter: "maximumSteps",
                                                   message: "\(maximumSteps) must be at least 10 (default 100000)")
        }
        if let maximumStepSize, !(maximumStepSize > 0 && maximumStepSize.isFinite) {
            throw DosingError.invalidConfiguration(parameter: "maximumStepSize",
                                                   message: "\(maximumStepSize) must be finite and > 0, or nil for no limit")
        }
    }
}
