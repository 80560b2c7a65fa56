/// Thin singular value decomposition A = U Σ Vᵀ (LAPACK `dgesvj`, one-sided Jacobi; NumPy's
/// `svd(full_matrices=False)` computes the same factors with `dgesdd`).
///
/// Algorithm: for an m × n matrix with m ≥ n (otherwise Aᵀ is decomposed and the factors swapped),
/// a Householder QR A = Q R first reduces the work to the n × n triangle R when m > n (the
/// preconditioning of Drmač & Veselić, SIAM J. Matrix Anal. Appl. 29, 2008). Then one-sided
/// (Hestenes) Jacobi orthogonalises the columns of W = R: for each pair (p, q) with
/// |w_pᵀw_q| > √m ε ‖w_p‖ ‖w_q‖, the plane rotation that makes them orthogonal is applied to W and
/// accumulated into V (Golub & Van Loan, 4th ed., §8.6.3 and §8.5.4 for the 2 × 2 symmetric Schur
/// rotation), sweeping cyclically until a sweep rotates nothing. Then σⱼ = ‖wⱼ‖, uⱼ = wⱼ/σⱼ,
/// U = Q [uⱼ], sorted by decreasing σ. Columns are contiguous in column-major storage, so every
/// step is a dot product or a SIMD rotation of two columns.
///
/// Numerics: one-sided Jacobi computes singular values with high relative accuracy (Demmel & Veselić
/// 1992): |σ̂ᵢ − σᵢ| ≲ c ε κ σᵢ with κ the condition of A with scaled columns, often much better than
/// the ε σ₁ of bidiagonalisation methods. Singular vectors are determined only up to sign (and only
/// as a subspace for repeated σ). For σⱼ = 0 the column uⱼ is set to zero rather than completed to
/// an orthonormal basis. Squared column norms overflow for entries ≳ 1e154.
///
/// - Complexity: O(m n²) for the QR plus O(n³) per sweep, typically 5–10 sweeps; O(mn + n²) memory.
public struct SingularValueDecomposition: Sendable, Hashable {
    /// Singular values, descending, length min(m, n).
    public let singularValues: [Double]
    /// Left singular vectors, m × min(m, n).
    public let u: Matrix
    /// Right singular vectors, n × min(m, n) (A = U Σ Vᵀ).
    public let v: Matrix
    /// Jacobi sweeps performed (diagnostic).
    public let sweeps: Int

    /// Decomposes `a`.
    ///
    /// - Parameter maxSweeps: cyclic Jacobi sweeps allowed (default 60; typically < 10).
    /// - Throws: ``LinearAlgebraError/didNotConverge(iterations:)`` after `maxSweeps` sweeps.
    /// - Complexity: O(m n² + sweeps · n³) for m ≥ n.
    public init(_ a: Matrix, maxSweeps: Int = 60) throws {
        if a.rows < a.columns {
            let t = try SingularValueDecomposition(a.transposed(), maxSweeps: maxSweeps)
            singularValues = t.singularValues
            u = t.v
            v = t.u
            sweeps = t.sweeps
            return
        }
        let m = a.rows, n = a.columns
        if n == 0 {
            singularValues = []; u = Matrix(rows: m, columns: 0); v = Matrix(rows: 0, columns: 0); sweeps = 0
            return
        }
        // Reduce to the n × n triangle when m > n.
        let qr: QRDecomposition? = m > n ? QRDecomposition(a) : nil
        var w = qr?.r ?? a
        let rowsW = w.rows
        var vm = Matrix.identity(n)
        let tolerance = Double(m).squareRoot() * .ulpOfOne
        var sweep = 0
        var converged = false
        w.storage.withUnsafeMutableBufferPointer { wb in
            vm.storage.withUnsafeMutableBufferPointer { vb in
                let W = wb.baseAddress!, V = vb.baseAddress!
                while sweep < maxSweeps {
                    sweep += 1
                    var rotated = false
                    for p in 0..<(n - 1) {
                        for q in (p + 1)..<n {
                            let wp = W + p * rowsW, wq = W + q * rowsW
                            let alpha = VectorKernels.dot(rowsW, wp, wp)
                            let beta = VectorKernels.dot(rowsW, wq, wq)
                            let gamma = VectorKernels.dot(rowsW, wp, wq)
                            if alpha == 0 || beta == 0 { continue }
                            if abs(gamma) <= tolerance * (alpha.squareRoot() * beta.squareRoot()) { continue }
                            rotated = true
                            // Symmetric 2 × 2 Schur rotation of [[α, γ], [γ, β]] (GVL Algorithm 8.5.1).
                            let zeta = (beta - alpha) / (2 * gamma)
                            let t = (zeta >= 0 ? 1.0 : -1.0) / (abs(zeta) + hypot2(1, zeta))
                            let c = 1 / hypot2(1, t)
                            let s = c * t
                            VectorKernels.rotate(rowsW, wp, wq, c: c, s: s)
                            VectorKernels.rotate(n, V + p * n, V + q * n, c: c, s: s)
                        }
                    }
                    if !rotated { converged = true; break }
                }
            }
        }
        if !converged { throw LinearAlgebraError.didNotConverge(iterations: maxSweeps) }

        var sigma = [Double](repeating: 0, count: n)
        for j in 0..<n {
            sigma[j] = w.withColumn(j) { VectorKernels.norm2($0) }
            let scale = sigma[j] == 0 ? 0 : 1 / sigma[j]
            w.storage.withUnsafeMutableBufferPointer { VectorKernels.scale(rowsW, scale, $0.baseAddress! + j * rowsW) }
        }
        let order = (0..<n).sorted { sigma[$0] > sigma[$1] || (sigma[$0] == sigma[$1] && $0 < $1) }
        var uSmall = Matrix(rows: rowsW, columns: n)
        var vSorted = Matrix(rows: n, columns: n)
        for (jj, j) in order.enumerated() {
            uSmall.setColumn(jj, w.column(j))
            vSorted.setColumn(jj, vm.column(j))
        }
        if let qr {
            // U = Q [U_R; 0]: embed the n × n factor in m rows and apply Q.
            var full = Matrix(rows: m, columns: n)
            for j in 0..<n { for i in 0..<n { full.storage[j * m + i] = uSmall.storage[j * n + i] } }
            qr.applyQ(to: &full, transpose: false)
            u = full
        } else {
            u = uSmall
        }
        singularValues = order.map { sigma[$0] }
        v = vSorted
        sweeps = sweep
    }

    /// The numerical rank: the number of σᵢ > `relativeTolerance` · σ₀, with the default max(m, n) · ε
    /// (NumPy's `matrix_rank` and `lstsq` default).
    ///
    /// - Complexity: O(min(m, n)).
    public func rank(relativeTolerance: Double? = nil) -> Int {
        guard let first = singularValues.first else { return 0 }
        let tolerance = (relativeTolerance ?? Double(max(u.rows, v.rows)) * .ulpOfOne) * first
        return singularValues.filter { $0 > tolerance }.count
    }

    /// U Σ Vᵀ.
    ///
    /// - Complexity: O(m n min(m, n)).
    public func reconstructed() -> Matrix {
        var us = u
        let m = u.rows
        for j in 0..<singularValues.count {
            us.storage.withUnsafeMutableBufferPointer { VectorKernels.scale(m, singularValues[j], $0.baseAddress! + j * m) }
        }
        return Matrix.multiply(us, v, transposeB: true)
    }
}
