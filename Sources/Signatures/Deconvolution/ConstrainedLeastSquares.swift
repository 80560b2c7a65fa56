import Foundation
import LinearAlgebra

/// Weighted least squares under linear inequality constraints:
///
///     minimise  Σᵢ wᵢ (bᵢ − (A x)ᵢ)²   subject to   cₖᵀ x ≥ dₖ  for every constraint k.
///
/// This is the estimator behind quanTIseq (`lsei`: x ≥ 0, Σ x ≤ 1) and EPIC (x ≥ 0,
/// 0 ≤ Σ x ≤ 1, gene weights). Algorithm: the primal active-set method for convex quadratic
/// programs (Nocedal & Wright, *Numerical Optimization*, 2nd ed., algorithm 16.3) on
/// H = Aᵀ W A, g = −Aᵀ W b. Each step solves the equality-constrained subproblem on the working set
/// through its KKT system (LU with partial pivoting); a step that would leave the feasible region is
/// shortened to the first blocking constraint, which joins the working set; at a stationary point the
/// constraint with the most negative Lagrange multiplier leaves it. The start is a feasible `start`
/// point (default 0, feasible for the deconvolution constraints) with every constraint active there in
/// the working set.
///
/// H must be positive definite (A of full column rank); a ridge of `1e-12 · trace(H) / n` is added so
/// that a rank-deficient design still gives a unique answer (the minimum-norm-like one).
public enum ConstrainedLeastSquares {
    /// One linear inequality cᵀx ≥ d.
    public struct Constraint: Sendable, Hashable {
        public var coefficients: [Double]
        public var bound: Double
        public init(coefficients: [Double], bound: Double) {
            self.coefficients = coefficients
            self.bound = bound
        }
    }

    /// The constraints of a cell-fraction problem with n unknowns: xᵢ ≥ 0, Σ x ≤ `maximumSum`, and,
    /// when `minimumSum` > 0, Σ x ≥ `minimumSum`.
    public static func fractionConstraints(count n: Int, maximumSum: Double = 1, minimumSum: Double = 0) -> [Constraint] {
        var constraints = (0..<n).map { i in
            Constraint(coefficients: (0..<n).map { $0 == i ? 1 : 0 }, bound: 0)
        }
        constraints.append(Constraint(coefficients: [Double](repeating: -1, count: n), bound: -maximumSum))
        if minimumSum > 0 {
            constraints.append(Constraint(coefficients: [Double](repeating: 1, count: n), bound: minimumSum))
        }
        return constraints
    }

    public struct Solution: Sendable, Hashable {
        public var x: [Double]
        /// Σ wᵢ (bᵢ − (A x)ᵢ)².
        public var weightedResidualSumOfSquares: Double
        /// Indices of the constraints active at the solution.
        public var activeConstraints: [Int]
        public var iterations: Int
        /// False if the iteration cap (50 · (n + constraints)) was hit.
        public var converged: Bool
    }

    /// Solves the problem; `weights` default to 1, `start` must satisfy every constraint (default 0).
    ///
    /// - Precondition: `b.count == a.rows`, weights non-negative, each constraint has `a.columns`
    ///   coefficients, and `start` is feasible.
    /// - Complexity: O(m n² + k (n + c)³) for k active-set iterations and c constraints.
    public static func solve(_ a: Matrix, _ b: [Double], weights: [Double]? = nil, constraints: [Constraint],
                             start: [Double]? = nil) throws -> Solution {
        let m = a.rows, n = a.columns
        precondition(b.count == m, "ConstrainedLeastSquares.solve: A has \(m) rows, b has \(b.count) entries")
        precondition(weights == nil || weights!.count == m, "ConstrainedLeastSquares.solve: one weight per row")
        precondition(constraints.allSatisfy { $0.coefficients.count == n },
                     "ConstrainedLeastSquares.solve: each constraint needs \(n) coefficients")
        let w = weights ?? [Double](repeating: 1, count: m)
        precondition(w.allSatisfy { $0 >= 0 && $0.isFinite }, "ConstrainedLeastSquares.solve: weights must be finite and ≥ 0")

        // H = AᵀWA, c = AᵀWb.
        var h = [Double](repeating: 0, count: n * n)
        var atb = [Double](repeating: 0, count: n)
        for j in 0..<n {
            for k in j..<n {
                var s = 0.0
                for i in 0..<m { s += a[i, j] * w[i] * a[i, k] }
                h[j * n + k] = s
                h[k * n + j] = s
            }
            var s = 0.0
            for i in 0..<m { s += a[i, j] * w[i] * b[i] }
            atb[j] = s
        }
        let trace = (0..<n).reduce(0) { $0 + h[$1 * n + $1] }
        let ridge = 1e-12 * max(trace, .leastNormalMagnitude) / Double(n)
        for j in 0..<n { h[j * n + j] += ridge }

        var x = start ?? [Double](repeating: 0, count: n)
        let scale = max(atb.reduce(0) { max($0, abs($1)) }, trace / Double(n), .leastNormalMagnitude)
        let feasibilityTolerance = 1e-10
        func slack(_ k: Int) -> Double {
            zip(constraints[k].coefficients, x).reduce(0) { $0 + $1.0 * $1.1 } - constraints[k].bound
        }
        for k in constraints.indices {
            precondition(slack(k) >= -1e-9, "ConstrainedLeastSquares.solve: the start point violates constraint \(k)")
        }
        var working: [Int] = constraints.indices.filter { abs(slack($0)) <= feasibilityTolerance }
        // Keep the working set linearly independent: drop constraints whose normals are spanned by earlier ones.
        working = independentSubset(working, constraints: constraints, n: n)

        var iterations = 0
        var converged = false
        let maxIterations = 50 * (n + constraints.count)
        while iterations < maxIterations {
            iterations += 1
            // Gradient g = H x − AᵀWb.
            var g = [Double](repeating: 0, count: n)
            for j in 0..<n {
                var s = -atb[j]
                for k in 0..<n { s += h[j * n + k] * x[k] }
                g[j] = s
            }
            // KKT: [H  −C_Wᵀ; C_W  0] [p; λ] = [−g; 0].
            let q = working.count
            let size = n + q
            var kkt = [Double](repeating: 0, count: size * size)
            for r in 0..<n { for c in 0..<n { kkt[r * size + c] = h[r * n + c] } }
            for (t, k) in working.enumerated() {
                for j in 0..<n {
                    let v = constraints[k].coefficients[j]
                    kkt[j * size + (n + t)] = -v
                    kkt[(n + t) * size + j] = v
                }
            }
            var rhs = g.map { -$0 }
            rhs.append(contentsOf: [Double](repeating: 0, count: q))
            let lu = try LUDecomposition(Matrix(rows: size, columns: size, rowMajor: kkt))
            let solution = lu.solve(rhs)
            let p = Array(solution[0..<n])
            let lambda = Array(solution[n...])
            let stepNorm = p.reduce(0) { max($0, abs($1)) }
            if stepNorm <= 1e-13 * (1 + x.reduce(0) { max($0, abs($1)) }) {
                // Stationary on the working set: optimal if every multiplier is non-negative.
                var worst = -1
                var worstValue = -1e-11 * scale
                for t in 0..<q where lambda[t] < worstValue {
                    worst = t
                    worstValue = lambda[t]
                }
                if worst < 0 { converged = true; break }
                working.remove(at: worst)
                continue
            }
            // Step length: the first constraint outside the working set that blocks.
            var alpha = 1.0
            var blocking = -1
            for k in constraints.indices where !working.contains(k) {
                let cp = zip(constraints[k].coefficients, p).reduce(0) { $0 + $1.0 * $1.1 }
                if cp < -1e-15 * stepNorm {
                    let step = -slack(k) / cp
                    if step < alpha {
                        alpha = max(step, 0)
                        blocking = k
                    }
                }
            }
            for j in 0..<n { x[j] += alpha * p[j] }
            if blocking >= 0 { working.append(blocking) }
        }
        // Clean round-off on the bounds.
        for k in constraints.indices {
            let nonzero = constraints[k].coefficients.enumerated().filter { $0.element != 0 }
            if nonzero.count == 1, nonzero[0].element > 0, constraints[k].bound == 0, x[nonzero[0].offset] < 0 {
                x[nonzero[0].offset] = 0
            }
        }
        var rss = 0.0
        for i in 0..<m {
            var fitted = 0.0
            for j in 0..<n { fitted += a[i, j] * x[j] }
            rss += w[i] * (b[i] - fitted) * (b[i] - fitted)
        }
        let active = constraints.indices.filter { abs(slack($0)) <= 1e-9 * max(1, abs(constraints[$0].bound)) }
        return Solution(x: x, weightedResidualSumOfSquares: rss, activeConstraints: active, iterations: iterations,
                        converged: converged)
    }

    /// The constraints of `indices` whose normals are linearly independent (Gram–Schmidt, in order).
    private static func independentSubset(_ indices: [Int], constraints: [Constraint], n: Int) -> [Int] {
        var basis: [[Double]] = []
        var kept: [Int] = []
        for k in indices {
            var v = constraints[k].coefficients
            for u in basis {
                let d = zip(u, v).reduce(0) { $0 + $1.0 * $1.1 }
                for j in 0..<n { v[j] -= d * u[j] }
            }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let original = constraints[k].coefficients.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm > 1e-9 * max(original, 1e-300) {
                basis.append(v.map { $0 / norm })
                kept.append(k)
            }
        }
        return kept
    }
}
