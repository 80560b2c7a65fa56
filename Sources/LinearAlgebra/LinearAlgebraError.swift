/// Numerical failures of the factorisations and solvers, thrown (not trapped) because they depend on
/// the data: an indefinite covariance, a singular design matrix, an iteration that did not converge.
/// Shape errors are programmer misuse and trap instead, with a message naming both shapes.
public enum LinearAlgebraError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Cholesky met a non-positive (or NaN) pivot at this 0-based diagonal position: the matrix is not
    /// symmetric positive definite to working precision (even after any jitter that was allowed).
    case notPositiveDefinite(pivot: Int)
    /// An exactly zero pivot at this 0-based position in LU, or a zero diagonal in a triangular solve.
    case singular(pivot: Int)
    /// Data-dependent sizes that disagree (for example a decoded right-hand side of the wrong length).
    case dimensionMismatch(expected: String, found: String)
    /// An iterative method (symmetric QL, Jacobi SVD) did not converge within this many iterations.
    case didNotConverge(iterations: Int)

    public var description: String {
        switch self {
        case .notPositiveDefinite(let pivot):
            return "matrix is not positive definite: Cholesky pivot \(pivot) (0-based) is not positive; "
                + "check for duplicated or collinear variables, or allow jitter"
        case .singular(let pivot):
            return "matrix is singular to working precision: zero pivot at position \(pivot) (0-based)"
        case .dimensionMismatch(let expected, let found):
            return "dimension mismatch: expected \(expected), found \(found)"
        case .didNotConverge(let iterations):
            return "iteration did not converge within \(iterations) iterations"
        }
    }
}
