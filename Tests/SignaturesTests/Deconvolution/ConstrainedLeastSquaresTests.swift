import Foundation
import LinearAlgebra
import Testing
@testable import Signatures

@Suite("Non-negative and constrained least squares")
struct ConstrainedLeastSquaresTests {
    /// Lawson–Hanson's textbook property: the KKT conditions hold at the solution.
    @Test func nnlsSatisfiesKKTOnRandomProblems() throws {
        var rng = DeconvolutionRNG(seed: 11)
        for _ in 0..<50 {
            let m = 12, n = 5
            let a = Matrix(rows: m, columns: n, rowMajor: (0..<(m * n)).map { _ in rng.normal() })
            let b = (0..<m).map { _ in rng.normal() }
            let solution = try NonNegativeLeastSquares.solve(a, b)
            #expect(solution.converged)
            let x = solution.x
            #expect(x.allSatisfy { $0 >= 0 })
            // w = Aᵀ(b − Ax): ≈ 0 where x > 0, ≤ 0 where x = 0.
            for j in 0..<n {
                var w = 0.0
                for i in 0..<m {
                    var r = b[i]
                    for k in 0..<n { r -= a[i, k] * x[k] }
                    w += a[i, j] * r
                }
                if x[j] > 0 { #expect(abs(w) < 1e-9) } else { #expect(w < 1e-9) }
            }
        }
    }

    @Test func nnlsKnownSolution() throws {
        // b = A·[1, 0, 2] exactly, and the unconstrained LS already is non-negative.
        let a = Matrix([[1, 0, 1], [0, 1, 1], [1, 1, 0], [2, 1, 1]])
        let b = [3.0, 2, 1, 4]
        let x = try NonNegativeLeastSquares.solve(a, b).x
        #expect(abs(x[0] - 1) < 1e-12 && abs(x[1]) < 1e-12 && abs(x[2] - 2) < 1e-12)
        // A problem whose unconstrained solution is negative in one coordinate: x = (max(b·a/‖a‖²,0)).
        let single = Matrix([[1], [1]])
        #expect(try NonNegativeLeastSquares.solve(single, [-1, -3]).x == [0])
    }

    /// Without an active sum constraint, the constrained solver equals NNLS; with it, the solution
    /// sums to 1 and satisfies the KKT conditions of the simplex problem.
    @Test func boundedSumAgreesWithNNLSAndKKT() throws {
        var rng = DeconvolutionRNG(seed: 5)
        var sawActiveSum = false, sawInactiveSum = false
        for trial in 0..<80 {
            let m = 15, n = 4
            let a = Matrix(rows: m, columns: n, rowMajor: (0..<(m * n)).map { _ in abs(rng.normal()) })
            let scale = trial % 2 == 0 ? 0.3 : 3.0
            let b = (0..<m).map { _ in scale * abs(rng.normal()) }
            let nnls = try NonNegativeLeastSquares.solve(a, b).x
            let constrained = try ConstrainedLeastSquares.solve(a, b, constraints: ConstrainedLeastSquares.fractionConstraints(count: n))
            #expect(constrained.converged)
            let x = constrained.x
            #expect(x.allSatisfy { $0 >= -1e-12 })
            #expect(x.reduce(0, +) <= 1 + 1e-9)
            if nnls.reduce(0, +) <= 1 {
                sawInactiveSum = true
                for j in 0..<n { #expect(abs(x[j] - nnls[j]) < 1e-8) }
            } else {
                sawActiveSum = true
                #expect(abs(x.reduce(0, +) - 1) < 1e-9)
                // KKT on the simplex: gradient components gⱼ = [Aᵀ(Ax − b)]ⱼ equal a common μ where xⱼ > 0
                // and are ≥ μ where xⱼ = 0, with μ ≤ 0.
                let g = (0..<n).map { j in (0..<m).reduce(0.0) { acc, i in
                    acc + a[i, j] * ((0..<n).reduce(0.0) { $0 + a[i, $1] * x[$1] } - b[i]) } }
                let positive = (0..<n).filter { x[$0] > 1e-10 }
                let mu = g[positive[0]]
                for j in positive { #expect(abs(g[j] - mu) < 1e-7 * max(1, abs(mu))) }
                for j in 0..<n where !positive.contains(j) { #expect(g[j] >= mu - 1e-7 * max(1, abs(mu))) }
                #expect(mu <= 1e-9)
            }
        }
        #expect(sawActiveSum && sawInactiveSum)
    }

    /// Weights act as row scaling: weighted LS with w equals plain LS on √w·A, √w·b.
    @Test func weightsEqualRowScaling() throws {
        var rng = DeconvolutionRNG(seed: 8)
        let m = 10, n = 3
        let rows = (0..<m).map { _ in (0..<n).map { _ in abs(rng.normal()) } }
        let b = (0..<m).map { _ in abs(rng.normal()) }
        let w = (0..<m).map { _ in 0.1 + 3 * rng.uniform() }
        let weighted = try ConstrainedLeastSquares.solve(Matrix(rows), b, weights: w,
                                                         constraints: ConstrainedLeastSquares.fractionConstraints(count: n)).x
        let scaledRows = rows.enumerated().map { i, r in r.map { $0 * w[i].squareRoot() } }
        let scaledB = b.enumerated().map { $1 * w[$0].squareRoot() }
        let scaled = try ConstrainedLeastSquares.solve(Matrix(scaledRows), scaledB,
                                                       constraints: ConstrainedLeastSquares.fractionConstraints(count: n)).x
        for j in 0..<n { #expect(abs(weighted[j] - scaled[j]) < 1e-9) }
    }
}
