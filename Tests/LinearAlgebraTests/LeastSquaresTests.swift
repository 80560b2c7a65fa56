import Foundation
import Testing
@testable import LinearAlgebra

@Suite("Least squares, including ill-conditioned and rank-deficient problems")
struct LeastSquaresTests {
    @Test("solution against numpy.linalg.lstsq", arguments: ReferenceFile.shared.leastSquares.indices)
    func reference(_ index: Int) throws {
        let t = ReferenceFile.shared.leastSquares[index]
        let (x, rank) = try LeastSquares.solve(t.a, t.b)
        #expect(rank == t.rank, "\(t.name): rank \(rank), NumPy \(t.rank)")
        let scale = t.x.map(abs).max()!
        let tolerance: Double
        switch t.name {
        case "hilbert8":
            // cond ≈ 1.5e10: any backward-stable solver loses ≈ log10(cond) digits, so x agrees with
            // NumPy (and with the true x = 1) only to ~cond · ε ≈ 3e-6; 100 · cond · ε gives 3e-4 room.
            tolerance = 100 * t.condition * .ulpOfOne
            #expect(maxAbsDifference(x, Array(repeating: 1, count: 8)) < tolerance)
        case "rank_deficient":
            // The minimum-norm solution is unique and well conditioned on the rank-4 subspace.
            tolerance = 1e-12
        default:
            tolerance = 1e-13 * t.condition
        }
        #expect(maxAbsDifference(x, t.x) <= tolerance * max(1, scale),
                "\(t.name): max |x − x_numpy| = \(maxAbsDifference(x, t.x)), tolerance \(tolerance)")
    }

    @Test("the rank-deficient solution has minimum norm and satisfies the normal equations")
    func minimumNorm() throws {
        let t = ReferenceFile.shared.leastSquares.first { $0.name == "rank_deficient" }!
        let result = try LeastSquares.solve(t.a, Matrix(rows: t.b.count, columns: 1, columnMajor: t.b))
        let x = result.solution.storage
        #expect(result.singularValues != nil)
        // Aᵀ (A x − b) = 0.
        let residual = zip(t.a * x, t.b).map { $0 - $1 }
        #expect(t.a.multiply(residual, transpose: true).map(abs).max()! < 1e-12)
        // Adding a null-space vector (column 4 = column 0 + column 1) increases the norm.
        var other = x
        other[0] += 0.1; other[1] += 0.1; other[4] -= 0.1
        #expect(maxAbsDifference(t.a * other, t.a * x) < 1e-12)
        #expect(other.norm2 > x.norm2)
        #expect(abs(result.residualSumOfSquares[0] - residual.dot(residual)) < 1e-12)
    }
}
