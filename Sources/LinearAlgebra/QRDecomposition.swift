/// Householder QR factorisation A P = Q R, optionally with column pivoting for rank detection
/// (LAPACK `dgeqrf`/`dgeqr2`, and `dgeqp3`/`dlaqp2` with pivoting; reflectors as in `dlarfg`).
///
/// Algorithm: Golub & Van Loan, 4th ed., §5.2.2 (Algorithm 5.2.1, Householder QR) and §5.4.2
/// (Algorithm 5.4.1, QR with column pivoting). Step k builds the reflector Hₖ = I − τₖ vₖ vₖᵀ
/// (vₖ[0] = 1) that zeroes A[k+1:, k], and applies it to each later column j as
/// A[k:, j] −= τₖ (vₖᵀ A[k:, j]) vₖ (a dot and an axpy, unit stride). With pivoting, the column of
/// largest remaining norm is swapped in first; the norms are downdated and recomputed when
/// cancellation makes the downdate unreliable (the safeguard of Drmač & Bujanović 2008, as in LAPACK
/// 3.x `dlaqp2`).
///
/// Storage is LAPACK's: R on and above the diagonal of ``packed``, vₖ[1:] below it, τ in ``tau``.
///
/// Numerics: backward stable, Q̂ R̂ = A + E with ‖E‖_F ≲ c m n ε ‖A‖_F, and Q̂ orthogonal to
/// O(ε) (GVL §5.2.3). The numerical rank from pivoted QR (|Rᵢᵢ| > tol · |R₀₀|) is reliable in practice
/// but not guaranteed (Kahan's matrix); the SVD is the definitive test.
///
/// - Complexity: 2n²(m − n/3) flops for m ≥ n; O(mn) memory.
public struct QRDecomposition: Sendable, Hashable {
    /// R above the diagonal and the Householder vectors below, as LAPACK stores them.
    public let packed: Matrix
    /// The Householder scalars τₖ, k < min(m, n).
    public let tau: [Double]
    /// Column permutation: column j of A P is column `permutation[j]` of A (identity without pivoting).
    public let permutation: [Int]

    /// Factors `a` (any shape).
    ///
    /// - Parameter pivoting: choose the column of largest remaining norm at each step (rank revealing).
    /// - Complexity: 2n²(m − n/3) flops (plus O(mn) for the norm recomputations with pivoting).
    public init(_ a: Matrix, pivoting: Bool = false) {
        let m = a.rows, n = a.columns
        let steps = min(m, n)
        var qr = a
        var tau = [Double](repeating: 0, count: steps)
        var permutation = Array(0..<n)
        qr.storage.withUnsafeMutableBufferPointer { buffer in
            guard let p = buffer.baseAddress else { return }
            // Partial column norms (vn1) and the norms at the last recomputation (vn2).
            var vn1 = [Double](repeating: 0, count: n)
            var vn2 = [Double](repeating: 0, count: n)
            if pivoting {
                for j in 0..<n { vn1[j] = VectorKernels.norm2(m, p + j * m); vn2[j] = vn1[j] }
            }
            let tol3z = Double.ulpOfOne.squareRoot()
            for k in 0..<steps {
                if pivoting {
                    var best = k
                    for j in (k + 1)..<max(k + 1, n) where vn1[j] > vn1[best] { best = j }
                    if best != k {
                        for i in 0..<m { swap(&p[i + k * m], &p[i + best * m]) }
                        permutation.swapAt(k, best)
                        vn1[best] = vn1[k]
                        vn2[best] = vn2[k]
                    }
                }
                let column = p + k * m
                tau[k] = QRDecomposition.makeReflector(length: m - k, column + k)
                // Apply Hₖ to the trailing columns.
                if tau[k] != 0 {
                    let diagonal = column[k]
                    column[k] = 1
                    for j in (k + 1)..<max(k + 1, n) {
                        let target = p + k + j * m
                        let w = VectorKernels.dot(m - k, column + k, target)
                        VectorKernels.axpy(m - k, -tau[k] * w, column + k, target)
                    }
                    column[k] = diagonal
                }
                if pivoting {
                    for j in (k + 1)..<max(k + 1, n) where vn1[j] != 0 {
                        let ratio = abs(p[k + j * m]) / vn1[j]
                        let temp = max(0, 1 - ratio * ratio)
                        let scaled = temp * (vn1[j] / vn2[j]) * (vn1[j] / vn2[j])
                        if scaled <= tol3z {
                            vn1[j] = k + 1 < m ? VectorKernels.norm2(m - k - 1, p + (k + 1) + j * m) : 0
                            vn2[j] = vn1[j]
                        } else {
                            vn1[j] *= temp.squareRoot()
                        }
                    }
                }
            }
        }
        packed = qr
        self.tau = tau
        self.permutation = permutation
    }

    /// Builds the reflector H = I − τ v vᵀ with H x = β e₁ for x = `x[0..<length]` (LAPACK `dlarfg`):
    /// β = −sign(x₀) ‖x‖, τ = (β − x₀)/β, v = [1, x[1:]/(x₀ − β)]. Overwrites x with [β, v[1:]] and
    /// returns τ (0 when x[1:] is already zero: H = I).
    static func makeReflector(length: Int, _ x: UnsafeMutablePointer<Double>) -> Double {
        if length <= 1 { return 0 }
        let tailNorm = VectorKernels.norm2(length - 1, x + 1)
        if tailNorm == 0 { return 0 }
        let alpha = x[0]
        // β = ‖x‖ computed as a scaled hypotenuse, so that huge or tiny entries neither overflow nor underflow.
        let big = Swift.max(abs(alpha), tailNorm)
        let ra = alpha / big, rt = tailNorm / big
        var beta = big * (ra * ra + rt * rt).squareRoot()
        if alpha >= 0 { beta = -beta }
        let tau = (beta - alpha) / beta
        VectorKernels.scale(length - 1, 1 / (alpha - beta), x + 1)
        x[0] = beta
        return tau
    }

    /// Rows m of A.
    ///
    /// - Complexity: O(1).
    public var rows: Int { packed.rows }
    /// Columns n of A.
    ///
    /// - Complexity: O(1).
    public var columns: Int { packed.columns }

    /// R, min(m, n) × n upper triangular (upper trapezoidal when m < n), of A P = Q R.
    ///
    /// - Complexity: O(min(m, n) · n).
    public var r: Matrix {
        let k = min(rows, columns)
        var result = Matrix(rows: k, columns: columns)
        for j in 0..<columns { for i in 0..<min(j + 1, k) { result[i, j] = packed[i, j] } }
        return result
    }

    /// Q (LAPACK `dorgqr`): m × min(m, n) with orthonormal columns when `thin`, else m × m.
    ///
    /// - Complexity: O(m² n) (thin) or O(m³) (full).
    public func q(thin: Bool = true) -> Matrix {
        let m = rows
        let width = thin ? min(m, columns) : m
        var q = Matrix(rows: m, columns: width)
        for i in 0..<width { q[i, i] = 1 }
        applyQ(to: &q, transpose: false)
        return q
    }

    /// B ← Q B (transpose false) or Qᵀ B (true), for B with m rows (LAPACK `dormqr`).
    ///
    /// - Complexity: O(m · min(m, n) · B.columns).
    public func applyQ(to b: inout Matrix, transpose: Bool) {
        let m = rows
        precondition(b.rows == m, "QR.applyQ: Q is \(m)×\(m), B is \(b.rows)×\(b.columns)")
        let steps = tau.count
        let order: [Int] = transpose ? Array(0..<steps) : Array((0..<steps).reversed())
        let nb = b.columns
        packed.storage.withUnsafeBufferPointer { vBuffer in
            b.storage.withUnsafeMutableBufferPointer { bBuffer in
                guard let v = vBuffer.baseAddress, let bp = bBuffer.baseAddress else { return }
                withUnsafeTemporaryAllocation(of: Double.self, capacity: m) { scratch in
                    let w = scratch.baseAddress!
                    for k in order where tau[k] != 0 {
                        // v = [1, packed[k+1:, k]]
                        let len = m - k
                        w[0] = 1
                        if len > 1 { (w + 1).update(from: v + (k + 1) + k * m, count: len - 1) }
                        for j in 0..<nb {
                            let target = bp + k + j * m
                            let s = VectorKernels.dot(len, w, target)
                            VectorKernels.axpy(len, -tau[k] * s, w, target)
                        }
                    }
                }
            }
        }
    }

    /// Qᵀ b for one vector.
    ///
    /// - Complexity: O(m · min(m, n)).
    public func applyQTranspose(_ b: [Double]) -> [Double] {
        var matrix = Matrix(rows: b.count, columns: 1, columnMajor: b)
        applyQ(to: &matrix, transpose: true)
        return matrix.storage
    }

    /// The numerical rank: the number of |Rᵢᵢ| > `relativeTolerance` · |R₀₀|, with the default
    /// max(m, n) · ε as in LAPACK's `dgelsy`/NumPy's `matrix_rank`. Meaningful with `pivoting: true`,
    /// where |Rᵢᵢ| is non-increasing.
    ///
    /// - Complexity: O(min(m, n)).
    public func rank(relativeTolerance: Double? = nil) -> Int {
        let k = min(rows, columns)
        guard k > 0 else { return 0 }
        let tolerance = (relativeTolerance ?? Double(max(rows, columns)) * .ulpOfOne) * abs(packed[0, 0])
        var r = 0
        while r < k && abs(packed[r, r]) > tolerance { r += 1 }
        return r
    }

    /// The least-squares solution of min ‖A x − b‖₂ for full column rank A (m ≥ n): x = P R⁻¹ (Qᵀ b)[:n]
    /// (GVL §5.3.3). For rank-deficient problems use ``LeastSquares``.
    ///
    /// - Throws: ``LinearAlgebraError/singular(pivot:)`` when R has an exactly zero diagonal.
    /// - Complexity: O(mn) per right-hand side.
    public func solveLeastSquares(_ b: Matrix) throws -> Matrix {
        let m = rows, n = columns
        precondition(m >= n, "QR least squares needs m ≥ n, A is \(m)×\(n); use LeastSquares.solve")
        precondition(b.rows == m, "QR least squares: A is \(m)×\(n), B is \(b.rows)×\(b.columns)")
        var qtb = b
        applyQ(to: &qtb, transpose: true)
        let top = qtb.submatrix(rows: 0..<n, columns: 0..<b.columns)
        let rSquare = packed.submatrix(rows: 0..<n, columns: 0..<n)
        let y = try Matrix.solveTriangular(rSquare, top, lower: false)
        var x = Matrix(rows: n, columns: b.columns)
        for j in 0..<b.columns { for i in 0..<n { x[permutation[i], j] = y[i, j] } }
        return x
    }
}
