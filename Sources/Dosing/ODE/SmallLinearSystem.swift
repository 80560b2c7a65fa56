import Foundation

/// LU factorisation with partial pivoting of a small dense n × n matrix stored row-major, for the
/// Rosenbrock method's iteration matrix W = I − hγJ (n is the ODE dimension: a handful of states).
///
/// - Complexity: O(n³) to factor, O(n²) per solve.
struct SmallLU {
    var n: Int
    var lu: [Double]
    var pivots: [Int]

    init(dimension n: Int) {
        self.n = n
        lu = [Double](repeating: 0, count: n * n)
        pivots = [Int](repeating: 0, count: n)
    }

    /// Factors the matrix currently in `lu` in place. Returns false when a pivot is zero or not finite
    /// (the caller then reduces the step size).
    mutating func factor() -> Bool {
        for k in 0..<n {
            var p = k
            var best = abs(lu[k * n + k])
            for i in (k + 1)..<max(k + 1, n) where abs(lu[i * n + k]) > best {
                best = abs(lu[i * n + k])
                p = i
            }
            guard best > 0, best.isFinite else { return false }
            pivots[k] = p
            if p != k {
                for j in 0..<n { lu.swapAt(k * n + j, p * n + j) }
            }
            let inverse = 1 / lu[k * n + k]
            for i in (k + 1)..<max(k + 1, n) {
                let factor = lu[i * n + k] * inverse
                lu[i * n + k] = factor
                if factor != 0 {
                    for j in (k + 1)..<n { lu[i * n + j] -= factor * lu[k * n + j] }
                }
            }
        }
        return true
    }

    /// Solves A x = b in place (`b` becomes x).
    func solve(_ b: inout [Double]) {
        for k in 0..<n where pivots[k] != k { b.swapAt(k, pivots[k]) }
        for i in 0..<n {
            var s = b[i]
            for j in 0..<i { s -= lu[i * n + j] * b[j] }
            b[i] = s
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = b[i]
            for j in (i + 1)..<n { s -= lu[i * n + j] * b[j] }
            b[i] = s / lu[i * n + i]
        }
    }
}
