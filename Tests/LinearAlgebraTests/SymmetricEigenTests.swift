import Foundation
import Testing
@testable import LinearAlgebra

@Suite("Symmetric eigendecomposition (tridiagonalisation + implicit QL)")
struct SymmetricEigenTests {
    @Test("eigenvalues and eigenvectors against numpy.linalg.eigh", arguments: ReferenceFile.shared.symmetricEigen.indices)
    func reference(_ index: Int) throws {
        let t = ReferenceFile.shared.symmetricEigen[index]
        let n = t.a.rows
        let eigen = try SymmetricEigendecomposition(t.a)
        let norm = t.eigenvalues.map(abs).max()!
        // Backward stability: |λ̂ − λ| ≲ n ε ‖A‖₂ for both implementations.
        #expect(maxAbsDifference(eigen.eigenvalues, t.eigenvalues) <= 4 * Double(n) * .ulpOfOne * max(norm, 1))
        // Eigenvectors up to sign, where the eigenvalue is simple: error ≲ n ε ‖A‖ / gap.
        let gaps = (0..<n).map { i -> Double in
            var gap = Double.infinity
            for j in 0..<n where j != i { gap = min(gap, abs(t.eigenvalues[i] - t.eigenvalues[j])) }
            return gap
        }
        for j in 0..<n where gaps[j] > 1e-6 {
            let a = eigen.eigenvectors.column(j), b = t.eigenvectors.column(j)
            let difference = min(maxAbsDifference(a, b), maxAbsDifference(a, b.map { -$0 }))
            #expect(difference <= 100 * Double(n) * .ulpOfOne * max(norm, 1) / gaps[j], "vector \(j)")
        }
        #expect(orthogonalityError(eigen.eigenvectors) < 1e-14 * Double(max(n, 1)))
    }

    @Test("A V = V Λ, Vᵀ V = I and ascending order on random symmetric matrices")
    func property() throws {
        var random = TestRandom(seed: 33)
        for trial in 0..<25 {
            let n = random.int(1...45)
            let x = random.matrix(n, n)
            let a = 0.5 * (x + x.transposed())
            let eigen = try SymmetricEigendecomposition(a)
            let v = eigen.eigenvectors
            let av = a * v
            let vl = v * Matrix(diagonal: eigen.eigenvalues)
            let norm = max(1, eigen.eigenvalues.map(abs).max()!)
            #expect(maxAbsDifference(av, vl) < 1e-14 * Double(n) * norm, "trial \(trial) n=\(n)")
            #expect(orthogonalityError(v) < 1e-14 * Double(n), "trial \(trial) n=\(n)")
            #expect(zip(eigen.eigenvalues, eigen.eigenvalues.dropFirst()).allSatisfy { $0 <= $1 })
            // Trace is preserved.
            #expect(abs(eigen.eigenvalues.reduce(0, +) - a.diagonal.reduce(0, +)) < 1e-13 * Double(n) * norm)
        }
        // Diagonal and zero matrices.
        let d = try SymmetricEigendecomposition(Matrix(diagonal: [3, -1, 2]))
        #expect(d.eigenvalues == [-1, 2, 3])
        let z = try SymmetricEigendecomposition(Matrix(rows: 4, columns: 4))
        #expect(z.eigenvalues == [0, 0, 0, 0])
        #expect(z.eigenvectors == Matrix.identity(4))
    }
}
