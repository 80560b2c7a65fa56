/// General matrix–vector product (BLAS `dgemv`): y ← α op(A) x + β y with op(A) = A or Aᵀ.
///
/// Algorithm (column-major A, m × n, leading dimension `lda`):
/// - `A x` is a sum of scaled columns, y += (α xⱼ) A[:, j] — an axpy per column (the "column
///   oriented gaxpy", Golub & Van Loan, 4th ed., §1.1.7, Algorithm 1.1.4); four columns are combined per
///   pass over y so y is loaded and stored once per four columns.
/// - `Aᵀ x` is one dot product per column, yⱼ = α A[:, j]·x + β yⱼ (the "row oriented" form of
///   §1.1.7, which for column-major storage reads columns with unit stride).
/// When β = 0, y is overwritten (NaN/Inf already in y do not propagate), as in the reference BLAS.
///
/// - Complexity: O(m · n).
extension MatrixKernels {
    /// - Complexity: O(m · n).
    public static func gemv(
        transpose: Bool, m: Int, n: Int, alpha: Double,
        a: UnsafePointer<Double>?, lda: Int,
        x: UnsafePointer<Double>?, beta: Double, y: UnsafeMutablePointer<Double>?
    ) {
        precondition(m >= 0 && n >= 0 && lda >= max(1, m), "gemv: bad shape m=\(m) n=\(n) lda=\(lda)")
        let ylen = transpose ? n : m
        let xlen = transpose ? m : n
        guard ylen > 0, let y else { return }
        if beta == 0 {
            y.update(repeating: 0, count: ylen)
        } else if beta != 1 {
            VectorKernels.scale(ylen, beta, y)
        }
        guard xlen > 0, alpha != 0, let a, let x else { return }
        if transpose {
            for j in 0..<n {
                y[j] = y[j].addingProduct(alpha, VectorKernels.dot(m, a + j * lda, x))
            }
        } else {
            var j = 0
            while j + 4 <= n {
                let x0 = alpha * x[j], x1 = alpha * x[j + 1], x2 = alpha * x[j + 2], x3 = alpha * x[j + 3]
                let c0 = a + j * lda, c1 = c0 + lda, c2 = c1 + lda, c3 = c2 + lda
                let v0 = SIMD4(repeating: x0), v1 = SIMD4(repeating: x1)
                let v2 = SIMD4(repeating: x2), v3 = SIMD4(repeating: x3)
                var i = 0
                while i + 4 <= m {
                    var acc = VectorKernels.load(y + i)
                    acc = acc.addingProduct(v0, VectorKernels.load(c0 + i))
                    acc = acc.addingProduct(v1, VectorKernels.load(c1 + i))
                    acc = acc.addingProduct(v2, VectorKernels.load(c2 + i))
                    acc = acc.addingProduct(v3, VectorKernels.load(c3 + i))
                    VectorKernels.store(acc, y + i)
                    i += 4
                }
                while i < m {
                    var s = y[i]
                    s = s.addingProduct(x0, c0[i]); s = s.addingProduct(x1, c1[i])
                    s = s.addingProduct(x2, c2[i]); s = s.addingProduct(x3, c3[i])
                    y[i] = s
                    i += 1
                }
                j += 4
            }
            while j < n {
                VectorKernels.axpy(m, alpha * x[j], a + j * lda, y)
                j += 1
            }
        }
    }
}

extension Matrix {
    /// y = op(A) x, with op(A) = A (default) or Aᵀ. Traps when the shapes do not fit.
    ///
    /// - Complexity: O(rows · columns).
    public func multiply(_ x: [Double], transpose: Bool = false) -> [Double] {
        let xlen = transpose ? rows : columns
        precondition(x.count == xlen,
                     "\(transpose ? "Aᵀx" : "Ax"): A is \(rows)×\(columns), x has \(x.count) values (needs \(xlen))")
        var y = [Double](repeating: 0, count: transpose ? columns : rows)
        storage.withUnsafeBufferPointer { a in
            x.withUnsafeBufferPointer { xb in
                y.withUnsafeMutableBufferPointer { yb in
                    MatrixKernels.gemv(transpose: transpose, m: rows, n: columns, alpha: 1,
                                       a: a.baseAddress, lda: max(1, rows),
                                       x: xb.baseAddress, beta: 0, y: yb.baseAddress)
                }
            }
        }
        return y
    }

    /// A x. Traps when `x.count != columns`.
    ///
    /// - Complexity: O(rows · columns).
    public static func * (lhs: Matrix, rhs: [Double]) -> [Double] { lhs.multiply(rhs) }
}
