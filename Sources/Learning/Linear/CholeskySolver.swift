import LinearAlgebra

/// The Cholesky solves of the linear models' Newton steps and inverse information matrices, on
/// column-major `[Double]` (p × p, p = number of covariates), through ``LinearAlgebra/Cholesky``.
///
/// A pivot at or below `relativePivotTolerance` (default 1e-14) × the largest diagonal entry counts as
/// singular, so collinear covariates are reported instead of producing an enormous inverse.
struct CholeskySolver {
    let factorization: Cholesky

    /// `nil` when the matrix is not numerically positive definite.
    ///
    /// - Complexity: O(p³ / 3).
    init?(_ matrix: [Double], size p: Int, relativePivotTolerance: Double = 1e-14) {
        precondition(matrix.count == p * p, "CholeskySolver: a \(p) × \(p) matrix needs \(p * p) values")
        guard let factorization = try? Cholesky(Matrix(rows: p, columns: p, columnMajor: matrix),
                                                relativePivotTolerance: relativePivotTolerance) else { return nil }
        self.factorization = factorization
    }

    /// Solves A x = b.
    ///
    /// - Complexity: O(p²).
    func solve(_ b: [Double]) -> [Double] { factorization.solve(b) }

    /// A⁻¹, column-major, symmetrised against rounding.
    ///
    /// - Complexity: O(p³).
    func inverse() -> [Double] {
        var inverse = factorization.inverse().storage
        let p = factorization.dimension
        for j in 0..<p {
            for i in (j + 1)..<max(j + 1, p) {
                let m = 0.5 * (inverse[j * p + i] + inverse[i * p + j])
                inverse[j * p + i] = m
                inverse[i * p + j] = m
            }
        }
        return inverse
    }
}
