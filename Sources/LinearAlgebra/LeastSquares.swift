/// Linear least squares min ‖A x − b‖₂ for any m × n A, with the minimum-norm solution when A is
/// rank deficient (LAPACK `dgelsy` / `dgelsd`; NumPy's `linalg.lstsq`).
///
/// Algorithm (Golub & Van Loan, 4th ed., §5.3 and §5.5):
/// 1. QR with column pivoting, A P = Q R (§5.4.2), and the numerical rank r = #{|Rᵢᵢ| > rcond·|R₀₀|}.
/// 2. Full column rank (r = n ≤ m): x = P R⁻¹ (Qᵀ b)[:n] (§5.3.3). Backward stable; the forward
///    error is ≈ ε (κ(A) + ρ κ(A)²) with ρ the relative residual (§5.3.7) — for consistent systems
///    ≈ κ(A) ε, so a Hilbert(8) system (κ ≈ 1.5·10¹⁰) keeps about 6 digits.
/// 3. Otherwise (r < n, or m < n): the SVD pseudo-inverse x = V Σ⁺ Uᵀ b, dropping σᵢ ≤ rcond·σ₀
///    (§5.5.1), which is the minimum-norm least-squares solution — what `dgelsd` and NumPy return.
///
/// The default `rcond` is max(m, n)·ε, NumPy's default for `lstsq` (≥ 2.0) and `matrix_rank`.
public enum LeastSquares {
    /// The solution and what was learnt on the way.
    public struct Solution: Sendable, Hashable {
        /// x (n × k for k right-hand sides).
        public var solution: Matrix
        /// The numerical rank used.
        public var rank: Int
        /// ‖A x − b‖₂² per right-hand side.
        public var residualSumOfSquares: [Double]
        /// Singular values of A, descending — only when the SVD path was taken (rank deficient or m < n).
        public var singularValues: [Double]?
    }

    /// Solves min ‖A X − B‖_F column by column.
    ///
    /// - Parameter rcond: relative threshold for the numerical rank (default max(m, n)·ε).
    /// - Throws: ``LinearAlgebraError/didNotConverge(iterations:)`` if the SVD does not converge.
    /// - Complexity: O(m n²) for QR; O(m n² + sweeps · n³) on the SVD path.
    public static func solve(_ a: Matrix, _ b: Matrix, rcond: Double? = nil) throws -> Solution {
        let m = a.rows, n = a.columns
        precondition(b.rows == m, "LeastSquares.solve: A is \(m)×\(n), B is \(b.rows)×\(b.columns)")
        let tolerance = rcond ?? Double(max(m, n)) * .ulpOfOne
        var x: Matrix
        var rank: Int
        var singular: [Double]? = nil
        let qr = m >= n ? QRDecomposition(a, pivoting: true) : nil
        if let qr, qr.rank(relativeTolerance: tolerance) == n, n > 0 {
            rank = n
            x = try qr.solveLeastSquares(b)
        } else {
            let svd = try SingularValueDecomposition(a)
            singular = svd.singularValues
            rank = svd.rank(relativeTolerance: tolerance)
            // x = V_r Σ_r⁻¹ U_rᵀ b
            let r = rank
            var utb = Matrix.multiply(svd.u, transposeA: true, b)  // min(m,n) × k
            for j in 0..<b.columns {
                for i in 0..<utb.rows { utb[i, j] = i < r ? utb[i, j] / svd.singularValues[i] : 0 }
            }
            x = Matrix.multiply(svd.v, utb)
        }
        let residual = b - Matrix.multiply(a, x)
        let rss = (0..<b.columns).map { j in residual.withColumn(j) { VectorKernels.dot($0, $0) } }
        return Solution(solution: x, rank: rank, residualSumOfSquares: rss, singularValues: singular)
    }

    /// Solves min ‖A x − b‖₂ for one right-hand side; returns x.
    ///
    /// - Complexity: as ``solve(_:_:rcond:)-(Matrix,Matrix,_)``.
    public static func solve(_ a: Matrix, _ b: [Double], rcond: Double? = nil) throws -> (solution: [Double], rank: Int) {
        let result = try solve(a, Matrix(rows: b.count, columns: 1, columnMajor: b), rcond: rcond)
        return (result.solution.storage, result.rank)
    }
}
