/// Triangular solves (BLAS `dtrsv`/`dtrsm`, LAPACK `dtrtrs`): op(T) X = B for a lower or upper
/// triangular T, op(T) = T or Tᵀ, one or many right-hand sides.
///
/// Algorithm: column-oriented forward/back substitution (Golub & Van Loan, 4th ed., §3.1.3–3.1.4,
/// Algorithms 3.1.3/3.1.4) for T x = b — after xⱼ is known, an axpy removes its contribution from the
/// remaining entries — and the dot-product ("row-oriented") form for Tᵀ x = b, so every inner loop
/// reads a column of T with unit stride. Only the referenced triangle of T is read.
///
/// Numerics: substitution is backward stable, (T + δT) x̂ = b with |δT| ≤ nε|T| (GVL §3.1.5); the
/// forward error grows with cond(T), which for triangular matrices can be far larger than the
/// ratio of diagonal entries suggests.
///
/// - Complexity: O(n²) per right-hand side.
extension MatrixKernels {
    /// Solves op(T) x = b in place (`x` holds b on entry) for an n × n triangular T with leading
    /// dimension `ldt`. Does not check the diagonal; callers do.
    ///
    /// - Complexity: O(n²).
    public static func triangularSolve(lower: Bool, transpose: Bool, unitDiagonal: Bool, n: Int,
                                       t: UnsafePointer<Double>, ldt: Int, x: UnsafeMutablePointer<Double>) {
        if n == 0 { return }
        switch (lower, transpose) {
        case (true, false):  // forward, column axpy
            for j in 0..<n {
                if !unitDiagonal { x[j] /= t[j + j * ldt] }
                if j + 1 < n { VectorKernels.axpy(n - j - 1, -x[j], t + (j + 1) + j * ldt, x + j + 1) }
            }
        case (true, true):  // Lᵀ x = b: backward, dot with column j below the diagonal
            for j in stride(from: n - 1, through: 0, by: -1) {
                var s = x[j]
                if j + 1 < n { s -= VectorKernels.dot(n - j - 1, t + (j + 1) + j * ldt, x + j + 1) }
                x[j] = unitDiagonal ? s : s / t[j + j * ldt]
            }
        case (false, false):  // backward, column axpy above the diagonal
            for j in stride(from: n - 1, through: 0, by: -1) {
                if !unitDiagonal { x[j] /= t[j + j * ldt] }
                if j > 0 { VectorKernels.axpy(j, -x[j], t + j * ldt, x) }
            }
        case (false, true):  // Uᵀ x = b: forward, dot with column j above the diagonal
            for j in 0..<n {
                var s = x[j]
                if j > 0 { s -= VectorKernels.dot(j, t + j * ldt, x) }
                x[j] = unitDiagonal ? s : s / t[j + j * ldt]
            }
        }
    }
}

extension Matrix {
    /// Solves op(T) X = B for triangular `t` (the triangle named by `lower`; the other is ignored).
    ///
    /// - Throws: ``LinearAlgebraError/singular(pivot:)`` naming the first zero on T's diagonal
    ///   (unless `unitDiagonal`).
    /// - Complexity: O(n² · B.columns).
    public static func solveTriangular(_ t: Matrix, _ b: Matrix, lower: Bool, transpose: Bool = false,
                                       unitDiagonal: Bool = false) throws -> Matrix {
        precondition(t.isSquare, "solveTriangular: T must be square, got \(t.rows)×\(t.columns)")
        precondition(b.rows == t.rows, "solveTriangular: T is \(t.rows)×\(t.columns), B is \(b.rows)×\(b.columns)")
        if !unitDiagonal, let zero = (0..<t.rows).first(where: { t.storage[$0 * t.rows + $0] == 0 }) {
            throw LinearAlgebraError.singular(pivot: zero)
        }
        var x = b
        let n = t.rows
        t.storage.withUnsafeBufferPointer { pt in
            x.storage.withUnsafeMutableBufferPointer { px in
                guard let tb = pt.baseAddress, let xb = px.baseAddress else { return }
                for j in 0..<b.columns {
                    MatrixKernels.triangularSolve(lower: lower, transpose: transpose, unitDiagonal: unitDiagonal,
                                                  n: n, t: tb, ldt: n, x: xb + j * n)
                }
            }
        }
        return x
    }

    /// Solves op(T) x = b for one right-hand side (see ``solveTriangular(_:_:lower:transpose:unitDiagonal:)-(Matrix,Matrix,_,_,_)``).
    ///
    /// - Complexity: O(n²).
    public static func solveTriangular(_ t: Matrix, _ b: [Double], lower: Bool, transpose: Bool = false,
                                       unitDiagonal: Bool = false) throws -> [Double] {
        try solveTriangular(t, Matrix(rows: b.count, columns: 1, columnMajor: b), lower: lower,
                            transpose: transpose, unitDiagonal: unitDiagonal).storage
    }
}
