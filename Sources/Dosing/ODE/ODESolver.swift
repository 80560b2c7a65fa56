import Foundation

/// Solves initial value problems y′ = f(t, y), y(t0) = y0, with an adaptive Dormand–Prince 5(4) method
/// and an automatic switch to a Rosenbrock method on stiff problems (see ``ODEIntegrator`` for the
/// methods and their references).
///
/// Discontinuities of f (a dose, the start or end of an infusion) are given as `breakpoints`: the
/// integration stops exactly at each one and restarts there, so no step straddles a jump and the step
/// size controller never has to "discover" it.
///
/// ```swift
/// let solver = try ODESolver(options: ODEOptions(relativeTolerance: 1e-8))
/// let decay = try solver.solve({ _, y, dy in dy[0] = -0.5 * y[0] }, initial: [1], from: 0, to: 4, outputTimes: [1, 2, 4])
/// // decay.states[2][0] ≈ exp(-2)
/// ```
public struct ODESolver: Sendable {
    public let options: ODEOptions

    /// A solver with `options` (validated).
    public init(options: ODEOptions = ODEOptions()) throws {
        try options.validate()
        self.options = options
    }

    /// Integrates from `t0` to `t1` (t1 ≥ t0), stopping at every breakpoint strictly inside (t0, t1), and
    /// returns the state at each of `outputTimes` (those outside [t0, t1] are ignored) and at `t1`.
    ///
    /// - Complexity: O(steps × evaluations of f); the number of steps grows like tol^(−1/5) for smooth
    ///   non-stiff problems.
    public func solve(_ f: ODEFunction, initial y0: [Double], from t0: Double, to t1: Double,
                      breakpoints: [Double] = [], outputTimes: [Double] = []) throws -> ODESolution {
        guard !y0.isEmpty else {
            throw DosingError.invalidConfiguration(parameter: "initial", message: "the initial state is empty; give one value per equation")
        }
        guard t0.isFinite, t1.isFinite, t1 >= t0 else {
            throw DosingError.invalidConfiguration(parameter: "to", message: "the interval [\(t0), \(t1)] must be finite with end ≥ start")
        }
        var integrator = try ODEIntegrator(dimension: y0.count, options: options)
        let times = outputTimes.filter { $0 >= t0 && $0 <= t1 }.sorted()
        var states = [[Double]](repeating: [], count: times.count)
        var cuts = breakpoints.filter { $0 > t0 && $0 < t1 }.sorted()
        cuts.append(t1)
        var y = y0
        var start = t0
        var index = 0
        for end in cuts where end > start {
            try integrator.advance(f, state: &y, from: start, to: end, outputTimes: times, outputIndex: &index) { k, state in
                states[k] = state
            }
            start = end
        }
        if t1 == t0 {
            for k in times.indices { states[k] = y }
        }
        return ODESolution(times: times, states: states, finalState: y, diagnostics: integrator.diagnostics)
    }
}
