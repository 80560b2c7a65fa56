/// A small dense Cholesky factorisation A = L Lᵀ of a symmetric positive-definite p × p matrix
/// (column-major `[Double]`), used for the Newton steps and the inverse information matrices of the
/// linear models (p is the number of covariates: tens to a few hundred).
///
/// Internal helper: `LinearAlgebra` had no Cholesky when this folder was written; when it gains one,
/// this file can be replaced by it. Algorithm: the column-oriented (left-looking) Cholesky of
/// Golub & Van Loan, *Matrix Computations*, 4th ed., Algorithm 4.2.2.
struct CholeskySolver {
    let size: Int
    /// L, column-major, lower triangle (the strict upper triangle is zero).
    private(set) var lower: [Double]

    /// Factors `matrix` (p × p, column-major, only the lower triangle is read). Returns `nil` when the
    /// matrix is not numerically positive definite (a pivot ≤ `relativePivotTolerance` × the largest
    /// diagonal entry, default 1e-14).
    ///
    /// - Complexity: O(p³ / 3).
    init?(_ matrix: [Double], size p: Int, relativePivotTolerance: Double = 1e-14) {
        precondition(matrix.count == p * p, "CholeskySolver: a \(p) × \(p) matrix needs \(p * p) values")
        size = p
        var l = matrix
        var maxDiagonal = 0.0
        for j in 0..<p { maxDiagonal = max(maxDiagonal, abs(matrix[j * p + j])) }
        let floor = relativePivotTolerance * max(maxDiagonal, .leastNormalMagnitude)
        for j in 0..<p {
            // l[j.., j] -= L[j.., 0..<j] · L[j, 0..<j]ᵀ
            for k in 0..<j {
                let ljk = l[k * p + j]
                if ljk == 0 { continue }
                for i in j..<p { l[j * p + i] -= l[k * p + i] * ljk }
            }
            let pivot = l[j * p + j]
            guard pivot > floor, pivot.isFinite else { return nil }
            let d = pivot.squareRoot()
            l[j * p + j] = d
            for i in (j + 1)..<max(j + 1, p) { l[j * p + i] /= d }
            for i in 0..<j { l[j * p + i] = 0 }
        }
        lower = l
    }

    /// Solves A x = b.
    ///
    /// - Complexity: O(p²).
    func solve(_ b: [Double]) -> [Double] {
        let p = size
        precondition(b.count == p)
        var x = b
        // L y = b (forward).
        for j in 0..<p {
            x[j] /= lower[j * p + j]
            let xj = x[j]
            for i in (j + 1)..<max(j + 1, p) { x[i] -= lower[j * p + i] * xj }
        }
        // Lᵀ x = y (backward).
        for j in stride(from: p - 1, through: 0, by: -1) {
            var s = x[j]
            for i in (j + 1)..<max(j + 1, p) { s -= lower[j * p + i] * x[i] }
            x[j] = s / lower[j * p + j]
        }
        return x
    }

    /// A⁻¹, column-major and symmetric.
    ///
    /// - Complexity: O(p³).
    func inverse() -> [Double] {
        let p = size
        var inv = [Double](repeating: 0, count: p * p)
        var e = [Double](repeating: 0, count: p)
        for j in 0..<p {
            e[j] = 1
            let column = solve(e)
            e[j] = 0
            for i in 0..<p { inv[j * p + i] = column[i] }
        }
        // Symmetrise against rounding.
        for j in 0..<p {
            for i in (j + 1)..<max(j + 1, p) {
                let m = 0.5 * (inv[j * p + i] + inv[i * p + j])
                inv[j * p + i] = m
                inv[i * p + j] = m
            }
        }
        return inv
    }
}
