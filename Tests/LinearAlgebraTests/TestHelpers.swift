import Foundation
import Testing
import TestSupport
@testable import LinearAlgebra

/// A tiny seeded generator for property tests (64-bit LCG, Knuth's MMIX constants, top 53 bits):
/// enough for test inputs and keeps this test target free of a `Statistics` dependency.
struct TestRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1 }
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state
    }
    /// Uniform in [-1, 1).
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 * 2 - 1 }
    /// Uniform integer in range.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int((next() >> 33) % UInt64(range.count))
    }
    mutating func matrix(_ rows: Int, _ columns: Int) -> Matrix {
        Matrix(rows: rows, columns: columns, columnMajor: (0..<(rows * columns)).map { _ in uniform() })
    }
    mutating func vector(_ n: Int) -> [Double] { (0..<n).map { _ in uniform() } }
}

/// The JSON written by `Tests/Fixtures/linear_algebra/generate_linear_algebra.py`.
struct ReferenceFile: Decodable {
    struct GEMMCase: Decodable {
        let m: Int, n: Int, k: Int
        let transposeA: Bool, transposeB: Bool
        let alpha: Double, beta: Double
        let a: Matrix, b: Matrix, c: Matrix, result: Matrix
    }
    struct GEMVCase: Decodable { let a: Matrix; let x: [Double]; let ax: [Double]; let xt: [Double]; let atx: [Double] }
    struct CholeskyCase: Decodable {
        let a: Matrix, l: Matrix
        let logDeterminant: Double
        let b: [Double], x: [Double]
        let condition: Double
    }
    struct QRCase: Decodable { let a: Matrix; let r: Matrix }
    struct LeastSquaresCase: Decodable {
        let name: String
        let a: Matrix
        let b: [Double], x: [Double]
        let rank: Int
        let condition: Double
    }
    struct EigenCase: Decodable { let a: Matrix; let eigenvalues: [Double]; let eigenvectors: Matrix }
    struct SVDCase: Decodable { let a: Matrix; let singularValues: [Double] }
    struct LUCase: Decodable {
        let a: Matrix
        let b: [Double], x: [Double]
        let determinant: Double
        let inverse: Matrix
        let condition: Double
    }
    let generator: [String: AnyScalar]
    let gemm: [GEMMCase]
    let gemv: [GEMVCase]
    let cholesky: [CholeskyCase]
    let qr: [QRCase]
    let leastSquares: [LeastSquaresCase]
    let symmetricEigen: [EigenCase]
    let svd: [SVDCase]
    let lu: [LUCase]

    struct AnyScalar: Decodable {
        init(from decoder: any Decoder) throws {}
    }

    static let shared: ReferenceFile = {
        do {
            return try JSONDecoder().decode(ReferenceFile.self, from: Fixtures.data("linear_algebra/linear_algebra.json"))
        } catch {
            fatalError("cannot read linear_algebra.json: \(error)")
        }
    }()
}

/// max |x − y| over equal-length arrays (∞ when lengths differ).
func maxAbsDifference(_ x: [Double], _ y: [Double]) -> Double {
    guard x.count == y.count else { return .infinity }
    return zip(x, y).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

func maxAbsDifference(_ x: Matrix, _ y: Matrix) -> Double {
    guard x.rows == y.rows, x.columns == y.columns else { return .infinity }
    return maxAbsDifference(x.storage, y.storage)
}

/// op(X)(i, j).
func element(_ x: Matrix, transposed: Bool, _ i: Int, _ j: Int) -> Double {
    transposed ? x[j, i] : x[i, j]
}

/// The textbook triple loop α op(A) op(B) + β C, and the rigorous elementwise error bound
/// γ (|α| |op A||op B| + |β| |C|) with γ = 2(k + 2)ε that any correct summation order satisfies
/// relative to it (Golub & Van Loan §2.7.8, doubled to cover both implementations).
func naiveGEMM(alpha: Double, _ a: Matrix, transposeA: Bool, _ b: Matrix, transposeB: Bool,
               beta: Double, _ c: Matrix) -> (result: Matrix, bound: Matrix) {
    let m = transposeA ? a.columns : a.rows
    let k = transposeA ? a.rows : a.columns
    let n = transposeB ? b.rows : b.columns
    var result = Matrix(rows: m, columns: n)
    var bound = Matrix(rows: m, columns: n)
    let gamma = 2 * Double(k + 2) * Double.ulpOfOne
    for i in 0..<m {
        for j in 0..<n {
            var sum = 0.0, absSum = 0.0
            for p in 0..<k {
                let x = element(a, transposed: transposeA, i, p) * element(b, transposed: transposeB, p, j)
                sum += x
                absSum += abs(x)
            }
            result[i, j] = alpha * sum + (beta == 0 ? 0 : beta * c[i, j])
            bound[i, j] = gamma * (abs(alpha) * absSum + abs(beta) * abs(c[i, j])) + Double.leastNormalMagnitude
        }
    }
    return (result, bound)
}

/// Whether every |x − y| ≤ bound elementwise; returns the worst ratio for messages.
func withinBound(_ x: Matrix, _ y: Matrix, _ bound: Matrix) -> (ok: Bool, worst: Double) {
    guard x.rows == y.rows, x.columns == y.columns else { return (false, .infinity) }
    var worst = 0.0
    for i in 0..<x.storage.count {
        let ratio = abs(x.storage[i] - y.storage[i]) / bound.storage[i]
        if !(ratio <= 1) { worst = max(worst, ratio.isNaN ? .infinity : ratio) }
    }
    return (worst == 0, worst)
}

/// ‖QᵀQ − I‖_max.
func orthogonalityError(_ q: Matrix) -> Double {
    let qtq = Matrix.multiply(q, transposeA: true, q)
    return maxAbsDifference(qtq, Matrix.identity(q.columns))
}

/// max over columns j of min(‖xⱼ − yⱼ‖∞, ‖xⱼ + yⱼ‖∞): equality up to the sign of each column.
func maxColumnDifferenceUpToSign(_ x: Matrix, _ y: Matrix) -> Double {
    guard x.rows == y.rows, x.columns == y.columns else { return .infinity }
    var worst = 0.0
    for j in 0..<x.columns {
        let a = x.column(j), b = y.column(j)
        let plus = maxAbsDifference(a, b)
        let minus = maxAbsDifference(a, b.map { -$0 })
        worst = max(worst, min(plus, minus))
    }
    return worst
}
