import Foundation
import Testing
@testable import Dosing

@Suite("ODE solvers")
struct ODESolverTests {
    @Test("exponential decay: the error is within the tolerance and shrinks with it")
    func exponentialDecay() throws {
        var errors: [Double] = []
        for rtol in [1e-4, 1e-6, 1e-8, 1e-10] {
            let solver = try ODESolver(options: ODEOptions(relativeTolerance: rtol, absoluteTolerance: rtol * 1e-3))
            let times = stride(from: 0.5, through: 10, by: 0.5).map { $0 }
            let solution = try solver.solve({ _, y, dy in dy[0] = -0.7 * y[0] }, initial: [2], from: 0, to: 10, outputTimes: times)
            let exact = times.map { 2 * exp(-0.7 * $0) }
            let error = maxRelativeError(solution.states.map { $0[0] }, exact)
            // Global error of a tolerance-controlled method: within 100 × rtol over 7 time constants.
            #expect(error < 100 * rtol, "rtol \(rtol): max relative error \(error)")
            errors.append(error)
            #expect(!solution.diagnostics.switchedToStiff)
        }
        // Error scales with the tolerance: each 100-fold tightening gains at least 10-fold.
        for k in 1..<errors.count { #expect(errors[k] < errors[k - 1] / 10, "errors \(errors)") }
    }

    @Test("harmonic oscillator over 10 periods against cos/sin, with dense output between steps")
    func harmonicOscillator() throws {
        let solver = try ODESolver(options: ODEOptions(relativeTolerance: 1e-10, absoluteTolerance: 1e-12))
        let omega = 2.0
        let times = stride(from: 0.1, through: 10 * .pi, by: 0.37).map { $0 }
        let solution = try solver.solve({ _, y, dy in dy[0] = y[1]; dy[1] = -omega * omega * y[0] },
                                        initial: [1, 0], from: 0, to: 10 * .pi, outputTimes: times)
        var worst = 0.0
        for (t, y) in zip(times, solution.states) {
            worst = max(worst, abs(y[0] - cos(omega * t)), abs(y[1] + omega * sin(omega * t)) / omega)
        }
        // Absolute error over ~30 oscillations at rtol 1e-10: below 1e-8.
        #expect(worst < 1e-8, "max error \(worst)")
        #expect(solution.diagnostics.acceptedSteps > 50)
    }

    @Test("linear two-compartment bolus: ODE matches the bi-exponential solution to 1e-8")
    func twoCompartmentBolus() throws {
        let p = IndividualPKParameters(clearance: 0.22, centralVolume: 3.48, intercompartmentalClearance: 0.795, peripheralVolume: 4.06)
        let (alpha, beta, a, b) = TwoCompartmentSolution.rates(p)
        let dose = 200.0
        let solver = try ODESolver(options: ODEOptions(relativeTolerance: 1e-11, absoluteTolerance: 1e-12))
        let times = stride(from: 0.25, through: 60, by: 0.25).map { $0 }
        let k10 = 0.22 / 3.48, k12 = 0.795 / 3.48, k21 = 0.795 / 4.06
        let solution = try solver.solve({ _, y, dy in
            dy[0] = -(k10 + k12) * y[0] + k21 * y[1]
            dy[1] = k12 * y[0] - k21 * y[1]
        }, initial: [dose, 0], from: 0, to: 60, outputTimes: times)
        let exact = times.map { dose * (a * exp(-alpha * $0) + b * exp(-beta * $0)) }
        let error = maxRelativeError(solution.states.map { $0[0] / 3.48 }, exact)
        #expect(error < 1e-8, "max relative error \(error)")
    }

    @Test("Robertson (stiff): the automatic method detects stiffness, switches to Rosenbrock and matches scipy Radau")
    func robertson() throws {
        let reference = Reference.dict(Reference.json["robertson"])
        let times = Reference.doubles(reference["times"])
        let expected = Reference.matrix(reference["states"])
        let f: ODEFunction = { _, y, dy in
            dy[0] = -0.04 * y[0] + 1e4 * y[1] * y[2]
            dy[1] = 0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] * y[1]
            dy[2] = 3e7 * y[1] * y[1]
        }
        let solver = try ODESolver(options: ODEOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-14))
        let solution = try solver.solve(f, initial: [1, 0, 0], from: 0, to: 40_000, outputTimes: times)
        #expect(solution.diagnostics.stiffnessDetected)
        #expect(solution.diagnostics.switchedToStiff)
        var worst = 0.0
        for (y, r) in zip(solution.states, expected) {
            worst = max(worst, maxRelativeError(y, r, floor: 1e-12))
        }
        // A 2nd-order method at rtol 1e-8: relative agreement with Radau (rtol 1e-12) better than 1e-5.
        #expect(worst < 1e-5, "max relative error \(worst)")
        // Dormand–Prince alone needs far more steps on this problem (the reason for the switch); at a
        // moderate tolerance, where neither method is accuracy-limited by the 2nd order of the Rosenbrock method.
        let loose = ODEOptions(relativeTolerance: 1e-5, absoluteTolerance: 1e-10, maximumSteps: 1_000_000)
        var explicitOnly = loose
        explicitOnly.method = .dormandPrince
        let slow = try ODESolver(options: explicitOnly).solve(f, initial: [1, 0, 0], from: 0, to: 400)
        let fast = try ODESolver(options: loose).solve(f, initial: [1, 0, 0], from: 0, to: 400)
        #expect(slow.diagnostics.acceptedSteps > 5 * fast.diagnostics.acceptedSteps,
                "DP \(slow.diagnostics.acceptedSteps) steps vs automatic \(fast.diagnostics.acceptedSteps)")
    }

    @Test("Rosenbrock alone: error scales with the tolerance on exponential decay")
    func rosenbrockConvergence() throws {
        var errors: [Double] = []
        for rtol in [1e-3, 1e-5, 1e-7] {
            let solver = try ODESolver(options: ODEOptions(relativeTolerance: rtol, absoluteTolerance: rtol * 1e-3, method: .rosenbrock))
            let solution = try solver.solve({ t, y, dy in dy[0] = -y[0] + sin(t) }, initial: [1], from: 0, to: 5, outputTimes: [1, 2.5, 5])
            let exact = [1.0, 2.5, 5].map { t in 0.5 * (sin(t) - cos(t)) + 1.5 * exp(-t) }
            errors.append(maxRelativeError(solution.states.map { $0[0] }, exact))
        }
        #expect(errors[1] < errors[0] / 5 && errors[2] < errors[1] / 5, "errors \(errors)")
        #expect(errors[2] < 1e-5)
    }

    @Test("breakpoints are hit exactly: a right-hand side with a kink at t = 1 integrates exactly")
    func breakpoints() throws {
        let solver = try ODESolver(options: ODEOptions(relativeTolerance: 1e-10, absoluteTolerance: 1e-12))
        // y' = max(0, 1 − t): polynomial on each side of t = 1, so each piece is integrated exactly by a
        // 5th-order method when t = 1 is a breakpoint; y(t) = t − t²/2 before, 1/2 after.
        let solution = try solver.solve({ t, _, dy in dy[0] = max(0, 1 - t) }, initial: [0], from: 0, to: 2, breakpoints: [1],
                                        outputTimes: [0.5, 1, 1.5, 2])
        #expect(abs(solution.finalState[0] - 0.5) < 1e-14)
        #expect(abs(solution.states[0][0] - 0.375) < 1e-14)
        #expect(abs(solution.states[1][0] - 0.5) < 1e-14)
        #expect(abs(solution.states[2][0] - 0.5) < 1e-14)
    }

    @Test("options are validated with messages naming the parameter")
    func validation() {
        for (options, parameter) in [(ODEOptions(relativeTolerance: 0), "relativeTolerance"),
                                     (ODEOptions(absoluteTolerance: -1), "absoluteTolerance"),
                                     (ODEOptions(maximumSteps: 1), "maximumSteps"),
                                     (ODEOptions(maximumStepSize: .nan), "maximumStepSize")] {
            #expect(throws: DosingError.self) { try options.validate() }
            do { try options.validate() } catch { #expect("\(error)".contains(parameter)) }
        }
        let solver = try! ODESolver(options: ODEOptions(maximumSteps: 10))
        #expect(throws: DosingError.self) {
            _ = try solver.solve({ _, y, dy in dy[0] = -1000 * y[0] + 3000 }, initial: [0], from: 0, to: 100)
        }
    }
}
