import Foundation
import Statistics

/// Elastic-net penalised logistic regression (glmnet's binomial family), fitted by coordinate descent
/// inside an IRLS loop, along a warm-started path of penalties with λ chosen by cross-validation —
/// or at one given λ, including λ = 0 (ordinary weighted maximum likelihood).
///
/// Objective (Friedman, Hastie & Tibshirani 2010, "Regularization paths for generalized linear models
/// via coordinate descent", J Stat Softw 33(1), eq. 12), with sample weights wᵢ and ηᵢ = β₀ + xᵢᵀβ:
///
///     minimise  −(1/Σw) Σ wᵢ [yᵢ ηᵢ − log(1 + e^ηᵢ)]  +  λ [ α ‖β‖₁ + (1 − α)/2 ‖β‖₂² ].
///
/// The intercept is never penalised. With ``standardize`` the penalty applies to the coefficients of
/// the standardised features (weighted mean 0, weighted population SD 1), as glmnet does; the fitted
/// model reports coefficients on the original scale either way.
///
/// scikit-learn's `LogisticRegression(l1_ratio=α, C=C)` minimises C Σ ℓᵢ + α‖β‖₁ + (1 − α)/2‖β‖²
/// on unscaled features, which is this objective with λ = 1/(n·C) and `standardize = false`.
///
/// Choosing λ: with ``lambda`` = nil, a path of ``lambdaCount`` values from λ_max (the smallest λ with
/// all coefficients zero, max |∇ⱼ| / max(α, 10⁻³)) down to ``lambdaMinRatio``·λ_max is fitted (or the
/// explicit ``lambdas``), and ``crossValidationFolds``-fold stratified cross-validation picks λ by mean
/// held-out binomial deviance with ``lambdaRule`` (default `lambda.1se`). Folds are drawn from the
/// generator passed to `fit`, so a seed reproduces the choice.
///
/// - Complexity: per coordinate-descent pass O(n·|candidates|); a path costs roughly
///   O(n·p) per λ for the strong-rule and KKT checks plus the passes over the active set.
public struct ElasticNetLogisticRegression: Estimator {
    public typealias Model = ElasticNetLogisticModel

    public static let supportedTasks: Set<Task> = [.binaryClassification]

    /// Mixing α ∈ [0, 1] between the ℓ₁ (lasso, α = 1) and squared ℓ₂ (ridge, α = 0) penalties.
    /// Default 1 (lasso), as glmnet.
    public var alpha: Double
    /// A single penalty λ ≥ 0 (no path, no cross-validation; 0 = unpenalised). Default nil (path + CV).
    public var lambda: Double?
    /// An explicit decreasing path of λ > 0 values instead of the automatic one. Default nil.
    public var lambdas: [Double]?
    /// Number of λ values in the automatic path, ≥ 1. Default 100 (glmnet's `nlambda`).
    public var lambdaCount: Int
    /// Smallest λ of the automatic path as a fraction of λ_max, in (0, 1). Default nil = glmnet's rule:
    /// 10⁻⁴ when n > p, else 10⁻².
    public var lambdaMinRatio: Double?
    /// Standardise features before penalising (coefficients are returned on the original scale).
    /// Default true.
    public var standardize: Bool
    /// Fit an unpenalised intercept. Default true.
    public var fitIntercept: Bool
    /// Convergence threshold on maxⱼ vⱼ (Δβⱼ)², the weighted change of any coefficient (glmnet's `thresh`),
    /// > 0. Default 1e-7 (glmnet's); use ~1e-12 for reference-level agreement.
    public var tolerance: Double
    /// Maximum coordinate-descent passes (or Newton steps) per λ, ≥ 1. Default 100 000 (glmnet's `maxit`).
    public var maxIterations: Int
    /// Number of cross-validation folds for choosing λ along a path: ≥ 2, or 0 for no cross-validation
    /// (the smallest λ of the path is then used). Default 10.
    public var crossValidationFolds: Int
    /// Which λ cross-validation chooses. Default `.oneStandardError` (glmnet's `lambda.1se`).
    public var lambdaRule: LambdaRule
    /// Use the sequential strong rule to screen variables (with a KKT check, so the answer is unchanged).
    /// Default true.
    public var useStrongRules: Bool

    public init(alpha: Double = 1, lambda: Double? = nil, lambdas: [Double]? = nil, lambdaCount: Int = 100,
                lambdaMinRatio: Double? = nil, standardize: Bool = true, fitIntercept: Bool = true,
                tolerance: Double = 1e-7, maxIterations: Int = 100_000, crossValidationFolds: Int = 10,
                lambdaRule: LambdaRule = .oneStandardError, useStrongRules: Bool = true) {
        self.alpha = alpha
        self.lambda = lambda
        self.lambdas = lambdas
        self.lambdaCount = lambdaCount
        self.lambdaMinRatio = lambdaMinRatio
        self.standardize = standardize
        self.fitIntercept = fitIntercept
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.crossValidationFolds = crossValidationFolds
        self.lambdaRule = lambdaRule
        self.useStrongRules = useStrongRules
    }

    public func validate() throws {
        try PenaltyValidation.check(alpha: alpha, lambda: lambda, lambdas: lambdas, lambdaCount: lambdaCount,
                                    lambdaMinRatio: lambdaMinRatio, tolerance: tolerance,
                                    maxIterations: maxIterations, folds: crossValidationFolds)
    }

    public func fit(_ data: Dataset, generator: inout Xoshiro256StarStar) throws -> ElasticNetLogisticModel {
        try validate()
        try data.validate(for: .binaryClassification)
        guard case .binary(let y) = data.target else { preconditionFailure("validated binary target") }
        var diagnostics = FitDiagnostics()
        let positives = zip(y, data.weights ?? y.map { _ in 1 }).reduce(0.0) { $0 + ($1.1 > 0 ? $1.0 : 0) }
        let negatives = zip(y, data.weights ?? y.map { _ in 1 }).reduce(0.0) { $0 + ($1.1 > 0 ? 1 - $1.0 : 0) }
        if positives == 0 || negatives == 0 {
            throw EstimatorError.invalidData(
                "the binary target has a single class (\(positives == 0 ? "no 1s" : "no 0s")); logistic regression needs both")
        }

        if let lambda {
            let fit = fitPath(data.features, y: y, weights: data.weights, lambdas: [lambda], autoPath: false)
            diagnostics = fit.diagnostics
            return ElasticNetLogisticModel(featureNames: data.features.names, coefficients: fit.path.coefficients(at: 0),
                                           intercept: fit.path.intercepts[0], lambda: lambda, alpha: alpha,
                                           path: fit.path, crossValidation: nil, diagnostics: diagnostics)
        }

        let full = fitPath(data.features, y: y, weights: data.weights, lambdas: lambdas, autoPath: lambdas == nil)
        diagnostics = full.diagnostics
        let path = full.path
        var chosen = path.lambdas.count - 1
        var curve: CrossValidationCurve?
        if crossValidationFolds >= 2 {
            let n = data.rowCount
            let k = min(crossValidationFolds, n)
            let folds = PenaltyPath.stratifiedFolds(strata: y.map { $0 == 1 }, folds: k, generator: &generator)
            var foldValues = [[Double]]()
            var foldWeights = [Double]()
            for f in 0..<k {
                let train = (0..<n).filter { folds[$0] != f }
                let test = (0..<n).filter { folds[$0] == f }
                let trainY = train.map { y[$0] }
                let testWeight = test.reduce(0.0) { $0 + data.weight($1) }
                guard !test.isEmpty, testWeight > 0, trainY.contains(0), trainY.contains(1) else { continue }
                let foldFit = fitPath(data.features.selectingRows(train), y: trainY,
                                      weights: data.weights.map { w in train.map { w[$0] } },
                                      lambdas: path.lambdas, autoPath: false)
                let testX = data.features.selectingRows(test)
                var values = [Double]()
                for l in path.lambdas.indices {
                    let eta = ElasticNetLogisticModel.linearPredictor(
                        testX, coefficients: foldFit.path.coefficients(at: l), intercept: foldFit.path.intercepts[l])
                    var dev = 0.0
                    for (a, i) in test.enumerated() {
                        // Binomial deviance with probabilities clipped to [1e-5, 1 − 1e-5], as cv.glmnet.
                        let prob = min(max(1 / (1 + exp(-eta[a])), 1e-5), 1 - 1e-5)
                        dev -= 2 * data.weight(i) * (y[i] == 1 ? log(prob) : log(1 - prob))
                    }
                    values.append(dev / testWeight)
                }
                foldValues.append(values)
                foldWeights.append(testWeight)
            }
            if foldValues.count >= 2 {
                let summary = PenaltyPath.summarize(lambdas: path.lambdas, foldValues: foldValues,
                                                    foldWeights: foldWeights, rule: lambdaRule)
                curve = summary
                chosen = path.lambdas.firstIndex(of: summary.chosenLambda) ?? chosen
            } else {
                diagnostics.messages.append("cross-validation was skipped: too few rows of each class to form folds")
            }
        }
        return ElasticNetLogisticModel(featureNames: data.features.names, coefficients: path.coefficients(at: chosen),
                                       intercept: path.intercepts[chosen], lambda: path.lambdas[chosen], alpha: alpha,
                                       path: path, crossValidation: curve, diagnostics: diagnostics)
    }

    /// Fits the path (or one λ) on raw features; coefficients on the original scale.
    func fitPath(_ features: FeatureMatrix, y: [Double], weights: [Double]?, lambdas given: [Double]?,
                 autoPath: Bool) -> (path: RegularizationPath, diagnostics: FitDiagnostics) {
        let design = StandardizedDesign(features, weights: weights, center: fitIntercept, standardize: standardize)
        var solver = LogisticPathSolver(design: design, y: y, alpha: alpha, fitIntercept: fitIntercept,
                                        tolerance: tolerance, maxIterations: maxIterations,
                                        useStrongRules: useStrongRules)
        let lambdas: [Double]
        if let given {
            lambdas = given
        } else {
            let ratio = lambdaMinRatio ?? PenaltyPath.defaultMinRatio(rows: features.rowCount,
                                                                       columns: features.columnCount)
            lambdas = PenaltyPath.geometric(maxLambda: solver.maxLambda, count: lambdaCount, minRatio: ratio)
        }
        let p = features.columnCount
        var path = RegularizationPath(lambdas: [], intercepts: [], nonzeroIndices: [], nonzeroValues: [],
                                      deviance: [], devianceRatio: [], featureCount: p)
        var diagnostics = FitDiagnostics()
        var previous: Double?
        var totalIterations = 0
        var separated = false
        for lambda in lambdas {
            let step = solver.solve(lambda: lambda, previousLambda: previous)
            previous = lambda
            totalIterations += step.iterations
            if !step.converged {
                diagnostics.converged = false
                diagnostics.messages.append(
                    "coordinate descent did not converge at λ = \(lambda) within \(maxIterations) iterations")
            }
            // Back to the original scale: βⱼ = β̃ⱼ / sⱼ, β₀ = β̃₀ − Σ βⱼ mⱼ.
            var indices = [Int](), values = [Double]()
            var b0 = solver.intercept
            for j in 0..<p where solver.beta[j] != 0 {
                let bj = solver.beta[j] / design.scales[j]
                indices.append(j)
                values.append(bj)
                b0 -= bj * design.means[j]
            }
            path.lambdas.append(lambda)
            path.intercepts.append(b0)
            path.nonzeroIndices.append(indices)
            path.nonzeroValues.append(values)
            path.deviance.append(step.deviance * design.weightSum)
            let ratio = solver.nullDeviance > 0 ? 1 - step.deviance / solver.nullDeviance : 0
            path.devianceRatio.append(ratio)
            if ratio > 0.999 && !separated {
                separated = true
                diagnostics.messages.append(
                    "the model explains > 99.9% of the null deviance at λ = \(lambda): the classes are (nearly) "
                    + "perfectly separated, so coefficients at smaller λ grow without bound")
                if autoPath { break }  // glmnet stops the path here too
            }
        }
        diagnostics.iterations = totalIterations
        return (path, diagnostics)
    }
}

/// Shared checks of the penalised linear models' configurations.
enum PenaltyValidation {
    static func check(alpha: Double, lambda: Double?, lambdas: [Double]?, lambdaCount: Int,
                      lambdaMinRatio: Double?, tolerance: Double, maxIterations: Int, folds: Int) throws {
        guard alpha.isFinite, (0...1).contains(alpha) else {
            throw EstimatorError.invalidParameter(name: "alpha", value: "\(alpha)",
                                                  fix: "use a mixing value in [0, 1] (1 = lasso, 0 = ridge)")
        }
        if let lambda, !(lambda.isFinite && lambda >= 0) {
            throw EstimatorError.invalidParameter(name: "lambda", value: "\(lambda)",
                                                  fix: "use a finite penalty ≥ 0, or nil for a cross-validated path")
        }
        if let lambdas {
            guard !lambdas.isEmpty, lambdas.allSatisfy({ $0.isFinite && $0 >= 0 }),
                  zip(lambdas, lambdas.dropFirst()).allSatisfy({ $0 > $1 }) else {
                throw EstimatorError.invalidParameter(
                    name: "lambdas", value: "\(lambdas.prefix(5))",
                    fix: "give a non-empty, strictly decreasing sequence of finite penalties ≥ 0")
            }
        }
        guard lambdaCount >= 1 else {
            throw EstimatorError.invalidParameter(name: "lambdaCount", value: "\(lambdaCount)", fix: "use at least 1")
        }
        if let lambdaMinRatio, !(lambdaMinRatio > 0 && lambdaMinRatio < 1) {
            throw EstimatorError.invalidParameter(name: "lambdaMinRatio", value: "\(lambdaMinRatio)",
                                                  fix: "use a ratio in (0, 1), e.g. 1e-4, or nil for glmnet's default")
        }
        guard tolerance > 0, tolerance.isFinite else {
            throw EstimatorError.invalidParameter(name: "tolerance", value: "\(tolerance)",
                                                  fix: "use a small positive threshold such as 1e-7")
        }
        guard maxIterations >= 1 else {
            throw EstimatorError.invalidParameter(name: "maxIterations", value: "\(maxIterations)", fix: "use at least 1")
        }
        guard folds == 0 || folds >= 2 else {
            throw EstimatorError.invalidParameter(name: "crossValidationFolds", value: "\(folds)",
                                                  fix: "use 0 (no cross-validation) or at least 2 folds")
        }
    }
}
