import Foundation
import Learning
import LinearAlgebra
import Statistics

/// Linear regression by (weighted, optionally ridge-penalised) least squares: a transparent final stage for
/// the X- and DR-learners (the "linear DR-learner" of Kennedy 2023 and EconML's `LinearDRLearner`), and a
/// fully deterministic nuisance model for reference agreement.
///
/// Minimises Σᵢ wᵢ (yᵢ − β₀ − xᵢᵀβ)² + λ Σw ‖β‖² (intercept unpenalised; λ = 0 is ordinary least squares,
/// NumPy's `lstsq` / scikit-learn's `LinearRegression`), solved by QR with column pivoting on the
/// √w-scaled design augmented with √(λΣw)·I rows (Golub & Van Loan §5.3; minimum-norm when rank deficient).
///
/// - Complexity: O(n p²).
public struct LeastSquaresRegression: Estimator {
    public typealias Model = LeastSquaresModel
    public static var supportedTasks: Set<Task> { [.regression] }

    /// Ridge penalty λ ≥ 0 per unit of weight. Default 0 (ordinary least squares).
    public var l2Penalty: Double

    public init(l2Penalty: Double = 0) { self.l2Penalty = l2Penalty }

    public func validate() throws {
        guard l2Penalty.isFinite, l2Penalty >= 0 else {
            throw EstimatorError.invalidParameter(name: "l2Penalty", value: "\(l2Penalty)", fix: "use a finite penalty ≥ 0 (0 = ordinary least squares)")
        }
    }

    public func fit(_ data: Dataset, generator: inout Xoshiro256StarStar) throws -> LeastSquaresModel {
        try validate()
        try data.validate(for: .regression)
        guard case .continuous(let y) = data.target else { preconditionFailure("validated regression target") }
        let n = data.rowCount, p = data.features.columnCount
        let total = data.weights?.reduce(0, +) ?? Double(n)
        let extra = l2Penalty > 0 ? p : 0
        let m = n + extra
        var a = [Double](repeating: 0, count: m * (p + 1))
        var b = [Double](repeating: 0, count: m)
        for i in 0..<n {
            let s = data.weight(i).squareRoot()
            a[i] = s
            b[i] = s * y[i]
        }
        for j in 0..<p {
            let column = data.features.column(j)
            var i = 0
            for v in column { a[(j + 1) * m + i] = data.weight(i).squareRoot() * v; i += 1 }
            if extra > 0 { a[(j + 1) * m + n + j] = (l2Penalty * total).squareRoot() }
        }
        let solution = try LeastSquares.solve(Matrix(rows: m, columns: p + 1, columnMajor: a), b)
        var diagnostics = FitDiagnostics()
        if solution.rank < p + 1 {
            diagnostics.messages.append("the design is rank deficient (rank \(solution.rank) of \(p + 1)): the minimum-norm solution is reported")
        }
        return LeastSquaresModel(featureNames: data.features.names, intercept: solution.solution[0],
                                 coefficients: Array(solution.solution.dropFirst()), diagnostics: diagnostics)
    }
}

/// A fitted ``LeastSquaresRegression``: ŷ = β₀ + xᵀβ.
public struct LeastSquaresModel: FittedModel, Hashable {
    public var formatVersion = 1
    public var featureNames: [String]
    public var task: Task { .regression }
    public var intercept: Double
    public var coefficients: [Double]
    public var diagnostics: FitDiagnostics

    public init(featureNames: [String], intercept: Double, coefficients: [Double], diagnostics: FitDiagnostics) {
        self.featureNames = featureNames
        self.intercept = intercept
        self.coefficients = coefficients
        self.diagnostics = diagnostics
    }

    /// - Complexity: O(n p).
    public func predict(_ features: FeatureMatrix) throws -> [Double] {
        try checkCompatible(features)
        var out = [Double](repeating: intercept, count: features.rowCount)
        for (j, b) in coefficients.enumerated() {
            var i = 0
            for v in features.column(j) { out[i] += b * v; i += 1 }
        }
        return out
    }
}
