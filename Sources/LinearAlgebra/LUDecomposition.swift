import Foundation

/// LU factorisation with partial pivoting, P A = L U (LAPACK `dgetrf`), for square systems.
///
/// Algorithm: right-looking Gaussian elimination, the "outer product" form of Golub & Van Loan,
/// 4th ed., §3.4.2, Algorithm 3.4.1: at step k the row with the largest |A[i, k]|, i ≥ k, is swapped
/// into place, the multipliers A[k+1:, k] /= A[k, k] are stored below the diagonal, and each later
/// column j is updated with an axpy A[k+1:, j] −= A[k, j] · A[k+1:, k] (unit stride).
///
/// Numerics: backward stable in practice, (A + E) = L̂ Û with ‖E‖∞ ≲ n ρ ε ‖A‖∞ where the growth
/// factor ρ is almost always small (GVL §3.4.6). No condition estimate is made: a nearly singular A
/// yields a solution with relative error ≈ cond(A)·ε, and only an exactly zero pivot throws.
///
/// - Complexity: 2n³/3 flops; O(n²) memory.
public struct LUDecomposition: Sendable, Hashable {
    /// L (unit lower, below the diagonal) and U (upper, on and above), packed as in LAPACK.
    public let packed: Matrix
    /// Row interchanges: at step i, row i was swapped with row `pivots[i]` (≥ i), 0-based LAPACK `ipiv`.
    public let pivots: [Int]

    /// Factors the square matrix `a`.
    ///
    /// - Throws: ``LinearAlgebraError/singular(pivot:)`` at the first column whose candidate pivots
    ///   are all exactly zero.
    /// - Complexity: 2n³/3 flops.
    public init(_ a: Matrix) throws {
        precondition(a.isSquare, "LU needs a square matrix, got \(a.rows)×\(a.columns)")
        let n = a.rows
        var lu = a
        var pivots = [Int](repeating: 0, count: n)
        var singularAt: Int? = nil
        lu.storage.withUnsafeMutableBufferPointer { buffer in
            guard let p = buffer.baseAddress else { return }
            for k in 0..<n {
                let column = p + k * n
                var pivotRow = k
                var largest = abs(column[k])
                for i in (k + 1)..<max(k + 1, n) where abs(column[i]) > largest {
                    largest = abs(column[i]); pivotRow = i
                }
                pivots[k] = pivotRow
                if largest == 0 || largest.isNaN { singularAt = k; return }
                if pivotRow != k {
                    for j in 0..<n { swap(&p[k + j * n], &p[pivotRow + j * n]) }
                }
                let below = n - k - 1
                if below == 0 { continue }
                VectorKernels.scale(below, 1 / column[k], column + k + 1)
                for j in (k + 1)..<n {
                    let akj = p[k + j * n]
                    if akj != 0 { VectorKernels.axpy(below, -akj, column + k + 1, p + (k + 1) + j * n) }
                }
            }
        }
        if let singularAt { throw LinearAlgebraError.singular(pivot: singularAt) }
        packed = lu
        self.pivots = pivots
    }

    /// The dimension n.
    ///
    /// - Complexity: O(1).
    public var dimension: Int { packed.rows }

    /// The unit lower-triangular factor L.
    ///
    /// - Complexity: O(n²).
    public var lower: Matrix {
        var l = Matrix.identity(dimension)
        for j in 0..<dimension { for i in (j + 1)..<max(j + 1, dimension) { l[i, j] = packed[i, j] } }
        return l
    }

    /// The upper-triangular factor U.
    ///
    /// - Complexity: O(n²).
    public var upper: Matrix {
        var u = Matrix(rows: dimension, columns: dimension)
        for j in 0..<dimension { for i in 0...j { u[i, j] = packed[i, j] } }
        return u
    }

    /// Solves A X = B: apply the row swaps to B, then L Y = P B and U X = Y (LAPACK `dgetrs`).
    ///
    /// - Complexity: 2n² flops per right-hand side.
    public func solve(_ b: Matrix) -> Matrix {
        let n = dimension
        precondition(b.rows == n, "LU.solve: A is \(n)×\(n), B is \(b.rows)×\(b.columns)")
        var x = b
        for j in 0..<b.columns {
            for i in 0..<n where pivots[i] != i { x.storage.swapAt(i + j * n, pivots[i] + j * n) }
        }
        // U has no zero diagonal (checked in init), so neither solve can throw.
        x = try! Matrix.solveTriangular(packed, x, lower: true, unitDiagonal: true)
        return try! Matrix.solveTriangular(packed, x, lower: false)
    }

    /// Solves A x = b.
    ///
    /// - Complexity: 2n² flops.
    public func solve(_ b: [Double]) -> [Double] {
        solve(Matrix(rows: b.count, columns: 1, columnMajor: b)).storage
    }

    /// det A = (−1)^(swaps) Π Uᵢᵢ. May overflow for large n: prefer ``logAbsDeterminant``.
    ///
    /// - Complexity: O(n).
    public var determinant: Double {
        let product = packed.diagonal.reduce(1, *)
        let swaps = pivots.enumerated().filter { $0.offset != $0.element }.count
        return swaps % 2 == 0 ? product : -product
    }

    /// (log |det A|, sign det A), without overflow.
    ///
    /// - Complexity: O(n).
    public var logAbsDeterminant: (value: Double, sign: Double) {
        var sign = pivots.enumerated().filter { $0.offset != $0.element }.count % 2 == 0 ? 1.0 : -1.0
        var sum = 0.0
        for d in packed.diagonal {
            if d < 0 { sign = -sign }
            sum += Foundation.log(abs(d))
        }
        return (sum, sign)
    }

    /// A⁻¹ by solving A X = I (LAPACK `dgetri` computes the same). Intended for small matrices; to
    /// apply A⁻¹ to vectors, ``solve(_:)-(Matrix)`` is cheaper and more accurate.
    ///
    /// - Complexity: 8n³/3 flops in total with the factorisation.
    public func inverse() -> Matrix { solve(Matrix.identity(dimension)) }
}

extension Matrix {
    /// Solves the square system A x = b by LU with partial pivoting.
    ///
    /// - Throws: ``LinearAlgebraError/singular(pivot:)``.
    /// - Complexity: 2n³/3 flops.
    public static func solve(_ a: Matrix, _ b: [Double]) throws -> [Double] {
        precondition(a.rows == b.count, "solve: A is \(a.rows)×\(a.columns), b has \(b.count) values")
        return try LUDecomposition(a).solve(b)
    }

    /// Solves A X = B by LU with partial pivoting.
    ///
    /// - Throws: ``LinearAlgebraError/singular(pivot:)``.
    /// - Complexity: 2n³/3 + 2n² · B.columns flops.
    public static func solve(_ a: Matrix, _ b: Matrix) throws -> Matrix {
        precondition(a.rows == b.rows, "solve: A is \(a.rows)×\(a.columns), B is \(b.rows)×\(b.columns)")
        return try LUDecomposition(a).solve(b)
    }

    /// The inverse of a square matrix, by LU. For small matrices; see ``LUDecomposition/inverse()``.
    ///
    /// - Throws: ``LinearAlgebraError/singular(pivot:)``.
    /// - Complexity: O(n³).
    public func inverse() throws -> Matrix { try LUDecomposition(self).inverse() }
}
