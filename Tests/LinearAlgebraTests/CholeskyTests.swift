import Foundation
import Testing
@testable import LinearAlgebra

@Suite("Cholesky, triangular solves and log-determinant")
struct CholeskyTests {
    @Test("L, log det and solve against NumPy", arguments: ReferenceFile.shared.cholesky.indices)
    func reference(_ index: Int) throws {
        let t = ReferenceFile.shared.cholesky[index]
        let chol = try Cholesky(t.a)
        // Well conditioned (cond ≤ 10): backward-stable factors agree to ~n ε ‖A‖; 1e-13 allows n = 50, ‖A‖ ≤ 5.
        #expect(maxAbsDifference(chol.factor, t.l) < 1e-13, "n = \(t.a.rows)")
        #expect(abs(chol.logDeterminant - t.logDeterminant) < 1e-12 * max(1, abs(t.logDeterminant)))
        // Solution: relative error ≲ cond · ε.
        let x = chol.solve(t.b)
        let scale = t.x.map(abs).max()!
        #expect(maxAbsDifference(x, t.x) < 1e-14 * t.condition * Double(t.a.rows) * scale)
        #expect(chol.diagnostics == .init(jitter: 0, attempts: 1))
        #expect(abs(try t.a.logDeterminantSPD() - t.logDeterminant) < 1e-12 * max(1, abs(t.logDeterminant)))
    }

    @Test("indefinite matrix throws naming the pivot")
    func indefinite() {
        let a = Matrix([[4, 2, 0], [2, 1, 0], [0, 0, 1]])  // second pivot 1 − 1 = 0
        #expect(throws: LinearAlgebraError.notPositiveDefinite(pivot: 1)) { try Cholesky(a) }
        let b = Matrix([[1, 0], [0, -1]])
        #expect(throws: LinearAlgebraError.notPositiveDefinite(pivot: 1)) { try Cholesky(b, jitter: .standard) }
    }

    @Test("jitter rescues a rank-deficient covariance and reports what it added")
    func jitter() throws {
        // x xᵀ + y yᵀ in 3 dimensions: rank 2, positive semidefinite; the exact 0 pivot fails without jitter.
        let x = [1.0, 2, 3], y = [0.0, 1, 1]
        var a = Matrix(rows: 3, columns: 3)
        for i in 0..<3 { for j in 0..<3 { a[i, j] = x[i] * x[j] + y[i] * y[j] } }
        #expect(throws: LinearAlgebraError.notPositiveDefinite(pivot: 2)) { try Cholesky(a) }
        let chol = try Cholesky(a, jitter: .standard)
        #expect(chol.diagnostics.attempts >= 2)
        let meanDiagonal = a.diagonal.reduce(0, +) / 3
        let k = Double(chol.diagnostics.attempts - 2)
        #expect(abs(chol.diagnostics.jitter - 1e-10 * meanDiagonal * pow(10, k)) < 1e-20)
        // L Lᵀ = A + δI.
        let llt = Matrix.multiply(chol.factor, chol.factor, transposeB: true)
        #expect(maxAbsDifference(llt, a + chol.diagnostics.jitter * Matrix.identity(3)) < 1e-12)
    }

    @Test("triangular solves, all four forms and several right-hand sides")
    func triangular() throws {
        var random = TestRandom(seed: 9)
        for n in [1, 2, 5, 17] {
            var l = random.matrix(n, n)
            for i in 0..<n {
                l[i, i] = 2 + abs(l[i, i])  // well conditioned
                for j in (i + 1)..<max(i + 1, n) { l[i, j] = 0 }
            }
            let u = l.transposed()
            let b = random.matrix(n, 3)
            for (t, lower) in [(l, true), (u, false)] {
                for transpose in [false, true] {
                    let x = try Matrix.solveTriangular(t, b, lower: lower, transpose: transpose)
                    let back = Matrix.multiply(t, transposeA: transpose, x)
                    #expect(maxAbsDifference(back, b) < 1e-14, "n=\(n) lower=\(lower) transpose=\(transpose)")
                }
            }
            // Unit diagonal ignores the stored diagonal.
            var unit = l
            for i in 0..<n { unit[i, i] = 1 }
            let x = try Matrix.solveTriangular(l, b.column(0), lower: true, unitDiagonal: true)
            #expect(maxAbsDifference(unit * x, b.column(0)) < 1e-14)
        }
        #expect(throws: LinearAlgebraError.singular(pivot: 1)) {
            try Matrix.solveTriangular(Matrix([[1, 0], [1, 0]]), [1, 1], lower: true)
        }
    }
}
