import LinearAlgebra

/// Non-negative least squares: min ‖A x − b‖₂ subject to x ≥ 0.
///
/// Algorithm: the active-set method of Lawson & Hanson, *Solving Least Squares Problems* (1974),
/// chapter 23, algorithm NNLS. The variables are split into a passive set P (free, positive) and an
/// active set Z (held at 0). Each outer step moves into P the variable of Z with the largest
/// gradient component wⱼ = [Aᵀ(b − A x)]ⱼ; the inner loop solves the unconstrained problem on P
/// (``LinearAlgebra/LeastSquares``, QR with pivoting) and, when some passive variable would turn
/// non-positive, steps back to the boundary and returns it to Z. The method terminates in finitely
/// many steps; at the solution the Karush–Kuhn–Tucker conditions hold: wⱼ ≤ tol for j ∈ Z, wⱼ = 0
/// for j ∈ P.
///
/// Tolerance: a gradient component counts as positive when it exceeds
/// `10 · max(m, n) · ε · ‖A‖₁ · ‖b‖∞` (scale-invariant, as in SciPy's `nnls`).
public enum NonNegativeLeastSquares {
    /// The solution and its diagnostics.
    public struct Solution: Sendable, Hashable {
        /// x ≥ 0, one entry per column of A.
        public var x: [Double]
        /// ‖A x − b‖₂².
        public var residualSumOfSquares: Double
        /// Outer iterations used.
        public var iterations: Int
        /// False when the iteration cap (3·n outer steps) was reached before the KKT conditions held.
        public var converged: Bool
    }

    /// Solves min ‖A x − b‖₂, x ≥ 0.
    ///
    /// - Parameters:
    ///   - a: m × n design (any m, n ≥ 1).
    ///   - b: m observations.
    /// - Complexity: O(k · m n²) for k outer iterations (k ≤ 3n; typically ≈ number of positive entries).
    public static func solve(_ a: Matrix, _ b: [Double]) throws -> Solution {
        let m = a.rows, n = a.columns
        precondition(b.count == m, "NonNegativeLeastSquares.solve: A has \(m) rows, b has \(b.count) entries")
        precondition(n > 0, "NonNegativeLeastSquares.solve: A has no columns")
        var x = [Double](repeating: 0, count: n)
        var passive = [Bool](repeating: false, count: n)
        var normA = 0.0
        for j in 0..<n { normA = max(normA, a.column(j).reduce(0) { $0 + abs($1) }) }
        let normB = b.reduce(0) { max($0, abs($1)) }
        let tolerance = 10 * Double(max(m, n)) * .ulpOfOne * max(normA, 1e-300) * max(normB, 1e-300)

        func gradient(_ x: [Double]) -> [Double] {
            var r = b
            for j in 0..<n where x[j] != 0 {
                for i in 0..<m { r[i] -= a[i, j] * x[j] }
            }
            return (0..<n).map { j in (0..<m).reduce(0) { $0 + a[$1, j] * r[$1] } }
        }
        func passiveSolution() throws -> [Double] {
            let indices = (0..<n).filter { passive[$0] }
            var s = [Double](repeating: 0, count: n)
            guard !indices.isEmpty else { return s }
            let sub = Matrix(columnArrays: indices.map { a.column($0) })
            let (z, _) = try LeastSquares.solve(sub, b)
            for (k, j) in indices.enumerated() { s[j] = z[k] }
            return s
        }

        var iterations = 0
        var converged = false
        let maxIterations = 3 * n
        while iterations < maxIterations {
            let w = gradient(x)
            var best = -1
            var bestValue = tolerance
            for j in 0..<n where !passive[j] && w[j] > bestValue {
                best = j
                bestValue = w[j]
            }
            if best < 0 { converged = true; break }
            iterations += 1
            passive[best] = true
            var s = try passiveSolution()
            var inner = 0
            while (0..<n).contains(where: { passive[$0] && s[$0] <= 0 }) && inner < 3 * n {
                inner += 1
                var alpha = Double.infinity
                for j in 0..<n where passive[j] && s[j] <= 0 {
                    let denominator = x[j] - s[j]
                    if denominator > 0 { alpha = min(alpha, x[j] / denominator) }
                }
                if !alpha.isFinite { alpha = 0 }
                for j in 0..<n { x[j] += alpha * (s[j] - x[j]) }
                for j in 0..<n where passive[j] && x[j] <= tolerance * 1e-3 {
                    passive[j] = false
                    x[j] = 0
                }
                s = try passiveSolution()
            }
            x = s.map { max($0, 0) }
        }
        if !converged {
            let w = gradient(x)
            converged = !(0..<n).contains { !passive[$0] && w[$0] > tolerance }
        }
        var rss = 0.0
        for i in 0..<m {
            var fitted = 0.0
            for j in 0..<n { fitted += a[i, j] * x[j] }
            rss += (b[i] - fitted) * (b[i] - fitted)
        }
        return Solution(x: x, residualSumOfSquares: rss, iterations: iterations, converged: converged)
    }
}
