import Foundation
import Testing
@testable import LinearAlgebra

@Suite("Householder QR, with and without column pivoting")
struct QRTests {
    @Test("R against NumPy up to the sign of each row", arguments: ReferenceFile.shared.qr.indices)
    func reference(_ index: Int) {
        let t = ReferenceFile.shared.qr[index]
        let qr = QRDecomposition(t.a)
        // Same Householder convention as LAPACK dgeqrf, so R agrees up to row signs;
        // entries O(1) to O(√m · 4): 1e-13 absolute is ~100 ε ‖A‖.
        let r = qr.r
        #expect(r.rows == t.r.rows && r.columns == t.r.columns)
        #expect(maxColumnDifferenceUpToSign(r.transposed(), t.r.transposed()) < 1e-13)
    }

    @Test("Q is orthonormal and Q R = A P on random shapes", arguments: [false, true])
    func property(pivoting: Bool) {
        var random = TestRandom(seed: pivoting ? 21 : 20)
        for trial in 0..<40 {
            let m = random.int(1...40), n = random.int(1...40)
            let a = random.matrix(m, n)
            let qr = QRDecomposition(a, pivoting: pivoting)
            let q = qr.q()
            #expect(orthogonalityError(q) < 1e-14 * Double(max(m, n)), "trial \(trial) \(m)×\(n)")
            var ap = Matrix(rows: m, columns: n)
            for j in 0..<n { ap.setColumn(j, a.column(qr.permutation[j])) }
            #expect(maxAbsDifference(q * qr.r, ap) < 1e-14 * Double(max(m, n)), "trial \(trial) \(m)×\(n)")
            // R is upper triangular by construction; with pivoting its diagonal is non-increasing.
            if pivoting {
                let d = qr.r.diagonal.map(abs)
                for i in 1..<max(1, d.count) { #expect(d[i] <= d[i - 1] * (1 + 1e-12)) }
            }
            // Full Q: m × m orthogonal, and Qᵀ applied to A gives R (zeros below).
            let full = qr.q(thin: false)
            #expect(orthogonalityError(full) < 1e-14 * Double(m))
            let qtb = qr.applyQTranspose(a.column(qr.permutation[0]))
            for i in 1..<m { #expect(abs(qtb[i]) < 1e-13, "Qᵀ a₀ below the first entry") }
        }
    }

    @Test("pivoted QR detects numerical rank")
    func rank() {
        var random = TestRandom(seed: 4)
        let basis = random.matrix(30, 3)
        let mix = random.matrix(3, 7)
        let lowRank = basis * mix  // 30 × 7 of rank 3
        let qr = QRDecomposition(lowRank, pivoting: true)
        #expect(qr.rank() == 3)
        #expect(QRDecomposition(random.matrix(30, 7), pivoting: true).rank() == 7)
        #expect(QRDecomposition(Matrix(rows: 4, columns: 3), pivoting: true).rank() == 0)
    }
}
