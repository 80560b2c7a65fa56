import Foundation

/// A reusable integrator for one ODE system of fixed dimension: advances a state across one smooth
/// segment [t0, t1] at a time, so that discontinuities of the right-hand side (dose and infusion times)
/// are hit exactly by integrating piecewise between them. The workspace is allocated once, so repeated
/// segments (thousands of patients × dozens of doses) allocate nothing per step.
///
/// Methods:
/// - Dormand–Prince 5(4) (Dormand & Prince 1980, J Comput Appl Math 6:19–26) with the PI step-size
///   controller, the 4th-order continuous extension ("dense output") and the stiffness test of Hairer,
///   Nørsett & Wanner, *Solving ODEs I* (2nd ed., 1993), §II.4–II.6 and §IV.2 (the DOPRI5 code): after each
///   accepted step h·λ ≈ h‖k₇ − k₆‖/‖y₇ − y₆‖ estimates the dominant eigenvalue along the step; 15 values
///   above 3.25 (the stability boundary) without 6 consecutive values below declare the problem stiff.
/// - Rosenbrock 2(3), the L-stable linearly implicit method of MATLAB's ode23s (Shampine & Reichelt 1997,
///   SIAM J Sci Comput 18:1–22), with W = I − h·d·J, d = 1/(2 + √2), a forward-difference Jacobian and
///   ∂f/∂t, an embedded 3rd-order error estimate and its continuous extension. This is the stiff fallback.
///
/// With ``ODEOptions/Method/automatic`` the integrator starts with Dormand–Prince and stays with the
/// Rosenbrock method once the stiffness test has fired.
public struct ODEIntegrator {
    public let dimension: Int
    public let options: ODEOptions
    /// Counts accumulated over every segment advanced so far.
    public private(set) var diagnostics = ODEDiagnostics()
    /// Whether the Rosenbrock method is in use.
    public private(set) var usingRosenbrock: Bool

    // Dormand–Prince workspace: k1…k7, stage6, proposal, error and the five dense-output rows, each n long,
    // in one flat array (slot offsets below) so that the hot loops run over one unsafe buffer.
    private var work: [Double]
    // The argument and result arrays handed to f.
    private var stage: [Double], derivative: [Double]
    private var k1: [Double]
    private var proposal: [Double]
    // Rosenbrock workspace.
    private var jacobian: [Double], dfdt: [Double], f0: [Double], f1: [Double], f2: [Double]
    private var r1: [Double], r2: [Double], r3: [Double], scratch: [Double]
    private var lu: SmallLU
    private var stiffCount = 0, nonStiffCount = 0

    /// An integrator for systems of `dimension` states. Throws when `options` do not validate.
    public init(dimension: Int, options: ODEOptions = ODEOptions()) throws {
        try options.validate()
        guard dimension >= 1 else {
            throw DosingError.invalidConfiguration(parameter: "dimension", message: "\(dimension) must be at least 1")
        }
        self.dimension = dimension
        self.options = options
        usingRosenbrock = options.method == .rosenbrock
        let zero = [Double](repeating: 0, count: dimension)
        work = [Double](repeating: 0, count: 16 * dimension)
        stage = zero; derivative = zero; k1 = zero; proposal = zero
        jacobian = [Double](repeating: 0, count: dimension * dimension)
        dfdt = zero; f0 = zero; f1 = zero; f2 = zero; r1 = zero; r2 = zero; r3 = zero; scratch = zero
        lu = SmallLU(dimension: dimension)
    }

    /// Advances `state` from `t0` to `t1` (t1 > t0) over one segment on which `f` is smooth.
    ///
    /// Output times `outputTimes[outputIndex...]` (sorted) that fall in [t0, t1] are reported to `output`
    /// with their index and the interpolated state, and `outputIndex` moves past them; a time equal to
    /// `t1` is reported with the exact end state.
    ///
    /// - Complexity: O(steps × (evaluations of f + n)); the Rosenbrock method adds O(n³) per step.
    public mutating func advance(_ f: ODEFunction, state y: inout [Double], from t0: Double, to t1: Double,
                                 outputTimes: [Double] = [], outputIndex: inout Int,
                                 output: (Int, [Double]) -> Void = { _, _ in }) throws {
        precondition(y.count == dimension, "ODEIntegrator: state has \(y.count) components, expected \(dimension)")
        precondition(t1 >= t0, "ODEIntegrator: segment end \(t1) before start \(t0)")
        for value in y where !value.isFinite {
            throw DosingError.integrationFailure("the state at t = \(t0) is not finite")
        }
        while outputIndex < outputTimes.count, outputTimes[outputIndex] <= t0 {
            if outputTimes[outputIndex] == t0 { output(outputIndex, y) }
            outputIndex += 1
        }
        guard t1 > t0 else { return }
        let hmax = min(options.maximumStepSize ?? .infinity, t1 - t0)
        var t = t0
        f(t, y, &k1)
        diagnostics.functionEvaluations += 1
        var h = initialStep(f, y, t, hmax, order: usingRosenbrock ? 3 : 5)
        var attempts = 0
        var previousLogError = log(1e-4)
        var lastRejected = false
        var jacobianFresh = false
        while t < t1 {
            attempts += 1
            if attempts > options.maximumSteps {
                throw DosingError.integrationFailure(
                    "more than maximumSteps = \(options.maximumSteps) steps between t = \(t0) and \(t1); raise maximumSteps or loosen the tolerances")
            }
            if h < 16 * t.ulp.magnitude + Double.leastNormalMagnitude {
                throw DosingError.integrationFailure("step size underflow at t = \(t); the problem may be singular there")
            }
            var last = false
            if t + 1.01 * h >= t1 { h = t1 - t; last = true }
            if usingRosenbrock {
                let (accepted, error) = rosenbrockStep(f, y, t, h, jacobianFresh: jacobianFresh)
                jacobianFresh = !accepted
                let factor = error == 0 ? 5 : min(5, max(0.2, 0.8 * pow(error, -1.0 / 3)))
                if accepted {
                    diagnostics.acceptedSteps += 1
                    let tNew = last ? t1 : t + h
                    emitRosenbrock(y, t, h, tNew, outputTimes, &outputIndex, output)
                    for i in 0..<dimension { y[i] = proposal[i] }
                    t = tNew
                    // k1 holds f(t, y) for the next step (computed in the step as f2).
                    for i in 0..<dimension { k1[i] = f2[i] }
                    h = min(hmax, lastRejected ? h : h * factor)
                    lastRejected = false
                } else {
                    diagnostics.rejectedSteps += 1
                    h *= error.isFinite ? max(0.2, factor) : 0.25
                    lastRejected = true
                }
                continue
            }
            let error = dormandPrinceStep(f, y, t, h)
            if error <= 1 {
                diagnostics.acceptedSteps += 1
                let tNew = last ? t1 : t + h
                // Hairer's stiffness test on this accepted step.
                var numerator = 0.0, denominator = 0.0
                let n = dimension
                work.withUnsafeBufferPointer { w in
                    for i in 0..<n {
                        let a = w[Slot.k7 * n + i] - w[Slot.k6 * n + i], b = w[Slot.proposal * n + i] - w[Slot.stage6 * n + i]
                        numerator += a * a
                        denominator += b * b
                    }
                }
                if denominator > 0, h * (numerator / denominator).squareRoot() > 3.25 {
                    nonStiffCount = 0
                    stiffCount += 1
                    if stiffCount >= 15 {
                        diagnostics.stiffnessDetected = true
                        if options.method == .automatic, !usingRosenbrock {
                            usingRosenbrock = true
                            diagnostics.switchedToStiff = true
                            diagnostics.stiffSwitchTime = tNew
                        }
                    }
                } else {
                    nonStiffCount += 1
                    if nonStiffCount == 6 { stiffCount = 0 }
                }
                if outputIndex < outputTimes.count, outputTimes[outputIndex] <= tNew {
                    prepareDense(h)
                    emitDormandPrince(t, h, tNew, outputTimes, &outputIndex, output)
                }
                work.withUnsafeBufferPointer { w in
                    for i in 0..<n { y[i] = w[Slot.proposal * n + i]; k1[i] = w[Slot.k7 * n + i] }
                }
                t = tNew
                // PI controller (Hairer's DOPRI5: β = 0.04, safety 0.9, factor in [1/10, 5]).
                // fac = err^(0.2 − 0.75β) / errₙ₋₁^β, as one exp of logs (previousLogError caches log errₙ₋₁).
                let beta = 0.04
                let logError = log(max(error, 1e-300))
                var fac = exp((0.2 - 0.75 * beta) * logError - beta * previousLogError)
                fac = max(0.2, min(10, fac / 0.9))
                var hNew = h / fac
                if lastRejected { hNew = min(hNew, h) }
                previousLogError = log(max(error, 1e-4))
                h = min(hmax, hNew)
                lastRejected = false
                if usingRosenbrock, t < t1 {
                    // Restart the stiff method from here with its own initial step.
                    h = min(h, initialStep(f, y, t, hmax, order: 3))
                }
            } else {
                diagnostics.rejectedSteps += 1
                let fac11 = error.isFinite ? pow(error, 0.2 - 0.75 * 0.04) : 10
                h /= min(10, fac11 / 0.9)
                lastRejected = true
            }
        }
        while outputIndex < outputTimes.count, outputTimes[outputIndex] <= t1 {
            output(outputIndex, y)
            outputIndex += 1
        }
    }

    /// Hairer's starting step size (HINIT of DOPRI5), with k1 = f(t, y) already evaluated.
    private mutating func initialStep(_ f: ODEFunction, _ y: [Double], _ t: Double, _ hmax: Double, order: Double) -> Double {
        var dnf = 0.0, dny = 0.0
        for i in 0..<dimension {
            let sk = options.absoluteTolerance + options.relativeTolerance * abs(y[i])
            dnf += (k1[i] / sk) * (k1[i] / sk)
            dny += (y[i] / sk) * (y[i] / sk)
        }
        var h = (dnf <= 1e-10 || dny <= 1e-10) ? 1e-6 : (dny / dnf).squareRoot() * 0.01
        h = min(h, hmax)
        for i in 0..<dimension { stage[i] = y[i] + h * k1[i] }
        f(t + h, stage, &derivative)
        diagnostics.functionEvaluations += 1
        var der2 = 0.0
        for i in 0..<dimension {
            let sk = options.absoluteTolerance + options.relativeTolerance * abs(y[i])
            der2 += ((derivative[i] - k1[i]) / sk) * ((derivative[i] - k1[i]) / sk)
        }
        der2 = der2.squareRoot() / h
        let der12 = max(abs(der2), dnf.squareRoot())
        let h1 = der12 <= 1e-15 ? max(1e-6, h * 1e-3) : pow(0.01 / der12, 1 / order)
        return min(100 * h, h1, hmax)
    }

    /// The weighted RMS norm of `error` against the states `a` and `b`.
    private func errorNorm(_ error: [Double], _ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for i in 0..<dimension {
            let scale = options.absoluteTolerance + options.relativeTolerance * max(abs(a[i]), abs(b[i]))
            let e = error[i] / scale
            sum += e * e
        }
        let value = (sum / Double(dimension)).squareRoot()
        return value.isNaN ? .infinity : value
    }

    // MARK: Dormand–Prince 5(4)

    /// Offsets (in units of n) of the Dormand–Prince vectors in `work`.
    private enum Slot {
        static let k1 = 0, k2 = 1, k3 = 2, k4 = 3, k5 = 4, k6 = 5, k7 = 6, stage6 = 7, proposal = 8, error = 9
        static let dense = 10, y = 15
    }

    /// Forms a stage vector with `combine(work, i)`, evaluates f there at `time` and stores the result in
    /// slot `slot` of `work`.
    @inline(__always)
    private mutating func stage(_ f: ODEFunction, _ time: Double, into slot: Int,
                                _ combine: (UnsafeMutableBufferPointer<Double>, Int) -> Double) {
        let n = dimension
        work.withUnsafeMutableBufferPointer { w in
            stage.withUnsafeMutableBufferPointer { s in
                for i in 0..<n { s[i] = combine(w, i) }
            }
        }
        f(time, stage, &derivative)
        work.withUnsafeMutableBufferPointer { w in
            derivative.withUnsafeBufferPointer { d in
                for i in 0..<n { w[slot * n + i] = d[i] }
            }
        }
    }

    /// One Dormand–Prince step from (t, y) with k1 = f(t, y); the proposal is in the `proposal` slot and
    /// k7 = f(t + h, proposal). Returns the error norm.
    private mutating func dormandPrinceStep(_ f: ODEFunction, _ y: [Double], _ t: Double, _ h: Double) -> Double {
        let n = dimension
        let (y0, a) = (Slot.y * n, (Slot.k1 * n, Slot.k2 * n, Slot.k3 * n, Slot.k4 * n, Slot.k5 * n, Slot.k6 * n, Slot.k7 * n))
        work.withUnsafeMutableBufferPointer { w in
            for i in 0..<n { w[y0 + i] = y[i]; w[a.0 + i] = k1[i] }
        }
        stage(f, t + 0.2 * h, into: Slot.k2) { w, i in w[y0 + i] + h * (0.2 * w[a.0 + i]) }
        stage(f, t + 0.3 * h, into: Slot.k3) { w, i in w[y0 + i] + h * (3.0 / 40 * w[a.0 + i] + 9.0 / 40 * w[a.1 + i]) }
        stage(f, t + 0.8 * h, into: Slot.k4) { w, i in
            w[y0 + i] + h * (44.0 / 45 * w[a.0 + i] - 56.0 / 15 * w[a.1 + i] + 32.0 / 9 * w[a.2 + i])
        }
        stage(f, t + 8.0 / 9 * h, into: Slot.k5) { w, i in
            w[y0 + i] + h * (19372.0 / 6561 * w[a.0 + i] - 25360.0 / 2187 * w[a.1 + i] + 64448.0 / 6561 * w[a.2 + i]
                              - 212.0 / 729 * w[a.3 + i])
        }
        let s6 = Slot.stage6 * n, p = Slot.proposal * n, e = Slot.error * n
        stage(f, t + h, into: Slot.k6) { w, i in
            let v = w[y0 + i] + h * (9017.0 / 3168 * w[a.0 + i] - 355.0 / 33 * w[a.1 + i] + 46732.0 / 5247 * w[a.2 + i]
                                      + 49.0 / 176 * w[a.3 + i] - 5103.0 / 18656 * w[a.4 + i])
            w[s6 + i] = v
            return v
        }
        stage(f, t + h, into: Slot.k7) { w, i in
            let v = w[y0 + i] + h * (35.0 / 384 * w[a.0 + i] + 500.0 / 1113 * w[a.2 + i] + 125.0 / 192 * w[a.3 + i]
                                      - 2187.0 / 6784 * w[a.4 + i] + 11.0 / 84 * w[a.5 + i])
            w[p + i] = v
            return v
        }
        diagnostics.functionEvaluations += 6
        let atol = options.absoluteTolerance, rtol = options.relativeTolerance
        let sum = work.withUnsafeMutableBufferPointer { w -> Double in
            var sum = 0.0
            for i in 0..<n {
                let err = h * (71.0 / 57600 * w[a.0 + i] - 71.0 / 16695 * w[a.2 + i] + 71.0 / 1920 * w[a.3 + i]
                               - 17253.0 / 339200 * w[a.4 + i] + 22.0 / 525 * w[a.5 + i] - 1.0 / 40 * w[a.6 + i])
                w[e + i] = err
                let scale = atol + rtol * max(abs(w[y0 + i]), abs(w[p + i]))
                sum += (err / scale) * (err / scale)
            }
            return sum
        }
        let value = (sum / Double(n)).squareRoot()
        return value.isNaN ? .infinity : value
    }

    /// The coefficients of the continuous extension (Hairer's CONTD5) for the accepted step.
    private mutating func prepareDense(_ h: Double) {
        let d1 = -12715105075.0 / 11282082432, d3 = 87487479700.0 / 32700410799
        let d4 = -10690763975.0 / 1880347072, d5 = 701980252875.0 / 199316789632
        let d6 = -1453857185.0 / 822651844, d7 = 69997945.0 / 29380423
        let n = dimension
        work.withUnsafeMutableBufferPointer { w in
            let r = Slot.dense * n
            for i in 0..<n {
                let y = w[Slot.y * n + i], k1 = w[i], k7 = w[Slot.k7 * n + i]
                let difference = w[Slot.proposal * n + i] - y
                let bspl = h * k1 - difference
                w[r + i] = y
                w[r + n + i] = difference
                w[r + 2 * n + i] = bspl
                w[r + 3 * n + i] = difference - h * k7 - bspl
                w[r + 4 * n + i] = h * (d1 * k1 + d3 * w[Slot.k3 * n + i] + d4 * w[Slot.k4 * n + i] + d5 * w[Slot.k5 * n + i]
                                        + d6 * w[Slot.k6 * n + i] + d7 * k7)
            }
        }
    }

    private mutating func emitDormandPrince(_ t: Double, _ h: Double, _ tNew: Double, _ times: [Double],
                                            _ index: inout Int, _ output: (Int, [Double]) -> Void) {
        let n = dimension
        while index < times.count, times[index] < tNew {
            let theta = (times[index] - t) / h, theta1 = 1 - theta
            work.withUnsafeBufferPointer { w in
                let r = Slot.dense * n
                for i in 0..<n {
                    scratch[i] = w[r + i] + theta * (w[r + n + i] + theta1 * (w[r + 2 * n + i] + theta * (w[r + 3 * n + i]
                                                                                                          + theta1 * w[r + 4 * n + i])))
                }
            }
            output(index, scratch)
            index += 1
        }
        if index < times.count, times[index] == tNew {
            work.withUnsafeBufferPointer { w in
                for i in 0..<n { scratch[i] = w[Slot.proposal * n + i] }
            }
            output(index, scratch)
            index += 1
        }
    }

    // MARK: Rosenbrock 2(3)

    /// One Rosenbrock (ode23s) step from (t, y) with k1 = f(t, y). On acceptance `proposal` holds the new
    /// state and `f2` = f(t + h, proposal); the stage vectors r1, r2 stay for the dense output.
    private mutating func rosenbrockStep(_ f: ODEFunction, _ y: [Double], _ t: Double, _ h: Double,
                                         jacobianFresh: Bool) -> (accepted: Bool, error: Double) {
        let n = dimension
        let d = 1 / (2 + 2.0.squareRoot()), e32 = 6 + 2.0.squareRoot()
        if !jacobianFresh {
            // Forward differences: J[i][j] ≈ (f(t, y + δ_j e_j) − f(t, y))_i / δ_j; ∂f/∂t likewise.
            var yMax = 0.0
            for i in 0..<n { yMax = max(yMax, abs(y[i])) }
            for i in 0..<n { stage[i] = y[i] }
            for j in 0..<n {
                let delta = 1.49e-8 * max(abs(y[j]), 1e-3 * yMax, 1e-10)
                stage[j] = y[j] + delta
                let actual = stage[j] - y[j]
                f(t, stage, &scratch)
                for i in 0..<n { jacobian[i * n + j] = (scratch[i] - k1[i]) / actual }
                stage[j] = y[j]
            }
            let dt = 1.49e-8 * max(abs(t), h)
            f(t + dt, y, &scratch)
            for i in 0..<n { dfdt[i] = (scratch[i] - k1[i]) / dt }
            diagnostics.functionEvaluations += n + 1
            diagnostics.jacobianEvaluations += 1
        }
        for i in 0..<n {
            for j in 0..<n { lu.lu[i * n + j] = (i == j ? 1 : 0) - h * d * jacobian[i * n + j] }
        }
        guard lu.factor() else { return (false, .infinity) }
        for i in 0..<n { f0[i] = k1[i]; r1[i] = k1[i] + h * d * dfdt[i] }
        lu.solve(&r1)
        for i in 0..<n { stage[i] = y[i] + 0.5 * h * r1[i] }
        f(t + 0.5 * h, stage, &f1)
        for i in 0..<n { r2[i] = f1[i] - r1[i] }
        lu.solve(&r2)
        for i in 0..<n { r2[i] += r1[i]; proposal[i] = y[i] + h * r2[i] }
        f(t + h, proposal, &f2)
        for i in 0..<n { r3[i] = f2[i] - e32 * (r2[i] - f1[i]) - 2 * (r1[i] - f0[i]) + h * d * dfdt[i] }
        lu.solve(&r3)
        diagnostics.functionEvaluations += 2
        for i in 0..<n { scratch[i] = h / 6 * (r1[i] - 2 * r2[i] + r3[i]) }
        let error = errorNorm(scratch, y, proposal)
        for value in proposal where !value.isFinite { return (false, .infinity) }
        return (error <= 1, error)
    }

    private mutating func emitRosenbrock(_ y: [Double], _ t: Double, _ h: Double, _ tNew: Double, _ times: [Double],
                                         _ index: inout Int, _ output: (Int, [Double]) -> Void) {
        let d = 1 / (2 + 2.0.squareRoot())
        while index < times.count, times[index] < tNew {
            let s = (times[index] - t) / h
            let a = s * (1 - s) / (1 - 2 * d), b = s * (s - 2 * d) / (1 - 2 * d)
            for i in 0..<dimension { scratch[i] = y[i] + h * (a * r1[i] + b * r2[i]) }
            output(index, scratch)
            index += 1
        }
        if index < times.count, times[index] == tNew {
            for i in 0..<dimension { scratch[i] = proposal[i] }
            output(index, scratch)
            index += 1
        }
    }
}
