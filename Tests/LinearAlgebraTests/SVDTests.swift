import Foundation
import Testing
@testable import LinearAlgebra

@Suite("Thin SVD by one-sided Jacobi")
struct SVDTests {
    @Test("singular values against NumPy and reconstruction", arguments: ReferenceFile.shared.svd.indices)
    func reference(_ index: Int) throws {
        let t = ReferenceFile.shared.svd[index]
        let svd = try SingularValueDecomposition(t.a)
        let (m, n) = (t.a.rows, t.a.columns)
        let sigmaMax = t.singularValues.first!
        #expect(svd.singularValues.count == min(m, n))
        // Absolute accuracy ≲ max(m, n) ε σ₁ for both LAPACK gesdd and Jacobi (GVL §8.6.1).
        #expect(maxAbsDifference(svd.singularValues, t.singularValues) <= 10 * Double(max(m, n)) * .ulpOfOne * sigmaMax)
        // U Σ Vᵀ = A, U and V orthonormal.
        #expect(maxAbsDifference(svd.reconstructed(), t.a) <= 10 * Double(max(m, n)) * .ulpOfOne * sigmaMax)
        #expect(orthogonalityError(svd.u) < 1e-13)
        #expect(orthogonalityError(svd.v) < 1e-13)
        #expect(svd.u.rows == m && svd.v.rows == n)
    }

    @Test("graded singular values 1 … 1e-12 keep high relative accuracy")
    func graded() throws {
        let t = ReferenceFile.shared.svd.last!
        let svd = try SingularValueDecomposition(t.a)
        // The matrix was built in floating point, so its exact singular values differ from 10⁻²ᵏ by
        // O(ε) absolutely; compare relative to NumPy only down to σ ≥ 1e-6, where ε/σ ≤ 1e-10.
        for (mine, reference) in zip(svd.singularValues, t.singularValues) where reference >= 1e-6 {
            #expect(abs(mine - reference) <= 1e-9 * reference, "σ = \(reference): \(mine)")
        }
        #expect(svd.rank() == 7)
    }

    @Test("random tall and wide matrices: A V = U Σ, rank of a low-rank product")
    func property() throws {
        var random = TestRandom(seed: 77)
        for trial in 0..<20 {
            let m = random.int(1...40), n = random.int(1...40)
            let a = random.matrix(m, n)
            let svd = try SingularValueDecomposition(a)
            let k = min(m, n)
            let av = a * svd.v
            let us = svd.u * Matrix(diagonal: svd.singularValues)
            #expect(av.rows == m && av.columns == k)
            #expect(maxAbsDifference(av, us) < 1e-13 * Double(max(m, n)), "trial \(trial) \(m)×\(n)")
            #expect(zip(svd.singularValues, svd.singularValues.dropFirst()).allSatisfy { $0 >= $1 })
        }
        // PCA shape: many samples, few features (QR-preconditioned path), and a zero column.
        var tall = random.matrix(300, 12)
        tall.setColumn(5, Array(repeating: 0, count: 300))
        let svd = try SingularValueDecomposition(tall)
        #expect(svd.u.rows == 300 && svd.u.columns == 12 && svd.v.rows == 12)
        #expect(maxAbsDifference(svd.reconstructed(), tall) < 1e-13)
        #expect(svd.singularValues.last! == 0)
        #expect(svd.rank() == 11)
        // Columns of U for nonzero σ are orthonormal (the zero-σ column is documented as zero).
        let u11 = svd.u.columns(0..<11).copy()
        #expect(orthogonalityError(u11) < 1e-13)
        let lowRank = random.matrix(20, 2) * random.matrix(2, 9)
        #expect(try SingularValueDecomposition(lowRank).rank() == 2)
    }
}
