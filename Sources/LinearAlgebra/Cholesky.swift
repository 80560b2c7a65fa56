import Foundation

/// The Cholesky factorisation A = L Lᵀ of a symmetric positive definite matrix (LAPACK `dpotrf`,
/// lower), with optional diagonal jitter for nearly singular covariance matrices.
///
/// Algorithm: the column ("gaxpy") Cholesky of Golub & Van Loan, 4th ed., §4.2.5, Algorithm 4.2.1:
/// column j of L is A[j:, j] − L[j:, :j] L[j, :j]ᵀ (axpys over earlier columns, unit stride), divided
/// by the square root of its first entry. Only the lower triangle of A is read.
///
/// Jitter: when a pivot is not positive and a ``JitterPolicy`` allows, the factorisation is retried on
/// A + δI with δ = `initialScale` · mean(diag A), then ×10 per attempt, up to `maxAttempts` jittered
/// attempts (the usual Gaussian-process recipe, e.g. GPy's `jitchol`). The δ used and the number of
/// attempts are returned in ``diagnostics`` so that callers can report them.
///
/// Numerics: backward stable without pivoting for SPD matrices, (A + E) = L̂ L̂ᵀ with
/// ‖E‖₂ ≤ cₙ ε ‖A‖₂ (GVL §4.2.6); a pivot ≤ 0 (or NaN) means A is not SPD to working precision,
/// which happens for cond(A) ≳ 1/ε even if A is SPD mathematically.
///
/// - Complexity: n³/3 flops; O(n²) memory for L.
public struct Cholesky: Sendable, Hashable {
    /// How to retry a failed factorisation with diagonal jitter.
    public struct JitterPolicy: Sendable, Hashable, Codable {
        /// First jitter as a fraction of mean(diag A) (default 1e-10; valid range (0, 1]).
        public var initialScale: Double
        /// Jittered attempts after the first, unjittered one (default 6: up to 1e-5 · mean(diag)).
        public var maxAttempts: Int

        /// - Complexity: O(1).
        public init(initialScale: Double = 1e-10, maxAttempts: Int = 6) {
            precondition(initialScale > 0 && initialScale <= 1,
                         "JitterPolicy.initialScale must be in (0, 1], got \(initialScale)")
            precondition(maxAttempts >= 0, "JitterPolicy.maxAttempts must be ≥ 0, got \(maxAttempts)")
            self.initialScale = initialScale
            self.maxAttempts = maxAttempts
        }

        /// No jitter: fail at the first non-positive pivot.
        public static let none = JitterPolicy(initialScale: 1, maxAttempts: 0)
        /// 1e-10 · mean(diag), ×10 up to six times.
        public static let standard = JitterPolicy()
    }

    /// What the factorisation needed.
    public struct Diagnostics: Sendable, Hashable, Codable {
        /// δ added to every diagonal entry (0 when none was needed).
        public var jitter: Double
        /// Factorisation attempts, including the first unjittered one (≥ 1).
        public var attempts: Int
    }

    /// The lower-triangular factor L (zeros above the diagonal), A (+ δI) = L Lᵀ.
    public let factor: Matrix
    /// Jitter used and attempts made.
    public let diagnostics: Diagnostics

    /// Factors the symmetric positive definite `a` (lower triangle read).
    ///
    /// - Parameter relativePivotTolerance: a pivot at or below this fraction of the largest diagonal
    ///   entry counts as failure (default 0: only non-positive pivots fail). A tolerance such as 1e-14
    ///   detects numerically singular matrices — collinear covariates in an information matrix — that
    ///   would otherwise factor with a tiny positive pivot and give an enormous inverse.
    /// - Throws: ``LinearAlgebraError/notPositiveDefinite(pivot:)`` naming the 0-based pivot where the
    ///   last attempt failed.
    /// - Complexity: n³/3 flops per attempt.
    public init(_ a: Matrix, jitter policy: JitterPolicy = .none, relativePivotTolerance: Double = 0) throws {
        precondition(a.isSquare, "Cholesky needs a square matrix, got \(a.rows)×\(a.columns)")
        let n = a.rows
        var attempts = 0
        var delta = 0.0
        let meanDiagonal = n == 0 ? 1 : a.diagonal.reduce(0) { $0 + abs($1) } / Double(n)
        let base = meanDiagonal > 0 && meanDiagonal.isFinite ? meanDiagonal : 1
        while true {
            attempts += 1
            var l = a
            if delta > 0 { for i in 0..<n { l.storage[i * n + i] += delta } }
            let largest = (0..<n).reduce(0.0) { max($0, abs(l.storage[$1 * n + $1])) }
            if let pivot = Cholesky.factorInPlace(&l, floor: relativePivotTolerance * largest) {
                if attempts > policy.maxAttempts {
                    throw LinearAlgebraError.notPositiveDefinite(pivot: pivot)
                }
                delta = delta == 0 ? policy.initialScale * base : delta * 10
                continue
            }
            factor = l
            diagnostics = Diagnostics(jitter: delta, attempts: attempts)
            return
        }
    }

    /// Overwrites the lower triangle of `a` with L and zeroes the upper one; returns the failing
    /// pivot, or nil on success.
    static func factorInPlace(_ a: inout Matrix, floor: Double = 0) -> Int? {
        let n = a.rows
        return a.storage.withUnsafeMutableBufferPointer { buffer -> Int? in
            guard let p = buffer.baseAddress else { return nil }
            for j in 0..<n {
                let column = p + j * n
                // A[j:, j] −= Σ_{k<j} L[j, k] · L[j:, k]
                for k in 0..<j {
                    let ljk = p[j + k * n]
                    if ljk != 0 { VectorKernels.axpy(n - j, -ljk, p + j + k * n, column + j) }
                }
                let d = column[j]
                guard d > floor, d > 0, d.isFinite else { return j }
                let root = d.squareRoot()
                column[j] = root
                if j + 1 < n { VectorKernels.scale(n - j - 1, 1 / root, column + j + 1) }
                for i in 0..<j { column[i] = 0 }
            }
            return nil
        }
    }

    /// The dimension n.
    ///
    /// - Complexity: O(1).
    public var dimension: Int { factor.rows }

    /// Solves A X = B by L Y = B, Lᵀ X = Y.
    ///
    /// - Complexity: 2n² flops per right-hand side.
    public func solve(_ b: Matrix) -> Matrix {
        precondition(b.rows == dimension, "Cholesky.solve: A is \(dimension)×\(dimension), B is \(b.rows)×\(b.columns)")
        // The diagonal of L is positive, so the triangular solves cannot fail.
        let y = try! Matrix.solveTriangular(factor, b, lower: true)
        return try! Matrix.solveTriangular(factor, y, lower: true, transpose: true)
    }

    /// Solves A x = b.
    ///
    /// - Complexity: 2n² flops.
    public func solve(_ b: [Double]) -> [Double] {
        solve(Matrix(rows: b.count, columns: 1, columnMajor: b)).storage
    }

    /// log det A = 2 Σ log Lᵢᵢ (of A + δI when jitter was used), without overflow.
    ///
    /// - Complexity: O(n).
    public var logDeterminant: Double { 2 * factor.diagonal.reduce(0) { $0 + Foundation.log($1) } }

    /// A⁻¹ (LAPACK `dpotri`), by solving A X = I. Prefer ``solve(_:)-(Matrix)`` where possible.
    ///
    /// - Complexity: O(n³).
    public func inverse() -> Matrix { solve(Matrix.identity(dimension)) }
}

extension Matrix {
    /// log det A for a symmetric positive definite matrix, via Cholesky (no jitter).
    ///
    /// - Throws: ``LinearAlgebraError/notPositiveDefinite(pivot:)``.
    /// - Complexity: n³/3 flops.
    public func logDeterminantSPD() throws -> Double { try Cholesky(self).logDeterminant }
}
