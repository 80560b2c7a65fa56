import Foundation
import Statistics

/// Elastic-net penalised Cox regression ("Coxnet"; Simon, Friedman, Hastie & Tibshirani 2011, J Stat
/// Softw 39(5)), fitted by coordinate descent along a warm-started path of penalties, with λ chosen by
/// cross-validated partial likelihood.
///
/// Objective, with sample weights wᵢ and Breslow ties (as glmnet and scikit-survival's
/// `CoxnetSurvivalAnalysis`, whose `alphas` are our λ and `l1_ratio` our α):
///
///     minimise  −(1/Σw) ℓ_Breslow(β) + λ [ α ‖β‖₁ + (1 − α)/2 ‖β‖₂² ].
///
/// With ``standardize`` the penalty applies to standardised covariates (weighted population SD 1);
/// coefficients are reported on the original scale. See ``CoxnetPathSolver`` for the algorithm.
///
/// Choosing λ: ``crossValidationFolds``-fold cross-validation (folds stratified by event status, drawn
/// from the generator) with the Verweij & Van Houwelingen (1993, Stat Med 12:2305) cross-validated
/// partial likelihood: fold f scores −2[ℓ(β̂₋f) − ℓ₋f(β̂₋f)] per unit of event weight in fold f, where ℓ
/// is the full-data and ℓ₋f the training-data partial log-likelihood (glmnet's `cv.glmnet(family =
/// "cox", grouped = TRUE)`); then ``lambdaRule``.
///
/// - Complexity: O(n log n) to sort, then per λ O(n p) for the strong-rule and KKT checks plus O(n) per
///   coordinate update of the active set.
public struct ElasticNetCox: Estimator {
    public typealias Model = ElasticNetCoxModel

    public static let supportedTasks: Set<Task> = [.survival]

    /// ℓ₁/ℓ₂ mixing α ∈ [0, 1]. Default 1 (lasso).
    public var alpha: Double
    /// A single λ ≥ 0 (no path, no CV). Default nil.
    public var lambda: Double?
    /// An explicit strictly decreasing λ path. Default nil (automatic).
    public var lambdas: [Double]?
    /// Number of λ values in the automatic path, ≥ 1. Default 100.
    public var lambdaCount: Int
    /// Smallest λ / λ_max in (0, 1); default nil = 10⁻⁴ when n > p, else 10⁻² (glmnet, scikit-survival).
    public var lambdaMinRatio: Double?
    /// Standardise covariates before penalising. Default true (glmnet; scikit-survival's default is
    /// false — compare with `standardize = false` or pre-scaled data).
    public var standardize: Bool
    /// Threshold on maxⱼ vⱼΔβⱼ², > 0. Default 1e-7.
    public var tolerance: Double
    /// Maximum coordinate-descent passes per λ, ≥ 1. Default 100 000.
    public var maxIterations: Int
    /// Folds for choosing λ on a path: ≥ 2, or 0 for none (then the smallest λ is used). Default 10.
    public var crossValidationFolds: Int
    /// Default `.oneStandardError`.
    public var lambdaRule: LambdaRule
    /// Sequential strong rule with KKT checks. Default true.
    public var useStrongRules: Bool

    public init(alpha: Double = 1, lambda: Double? = nil, lambdas: [Double]? = nil, lambdaCount: Int = 100,
                lambdaMinRatio: Double? = nil, standardize: Bool = true, tolerance: Double = 1e-7,
                maxIterations: Int = 100_000, crossValidationFolds: Int = 10,
                lambdaRule: LambdaRule = .oneStandardError, useStrongRules: Bool = true) {
        self.alpha = alpha
        self.lambda = lambda
        self.lambdas = lambdas
        self.lambdaCount = lambdaCount
        self.lambdaMinRatio = lambdaMinRatio
        self.standardize = standardize
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

    public func fit(_ data: Dataset, generator: inout Xoshiro256StarStar) throws -> ElasticNetCoxModel {
        try validate()
        try data.validate(for: .survival)
        guard case .survival(let time, let event) = data.target else { preconditionFailure("validated survival target") }
        let n = data.rowCount
        guard (0..<n).contains(where: { event[$0] && data.weight($0) > 0 }) else {
            throw EstimatorError.invalidData("the survival target has no events; a Cox model needs at least one")
        }
        let full = fitPath(data.features, time: time, event: event, weights: data.weights,
                           lambdas: lambda.map { [$0] } ?? lambdas)
        var diagnostics = full.diagnostics
        let path = full.path
        var chosen = path.lambdas.count - 1
        var curve: CrossValidationCurve?
        if lambda == nil && crossValidationFolds >= 2 {
            let k = min(crossValidationFolds, n)
            let folds = PenaltyPath.stratifiedFolds(strata: event, folds: k, generator: &generator)
            let fullSets = CoxRiskSets(features: data.features, time: time, event: event, weights: data.weights)
            let fullLikelihood = CoxPartialLikelihood(data: fullSets, ties: .breslow)
            var foldValues = [[Double]](), foldWeights = [Double]()
            for f in 0..<k {
                let train = (0..<n).filter { folds[$0] != f }
                let eventWeight = (0..<n).filter { folds[$0] == f && event[$0] }.reduce(0.0) { $0 + data.weight($1) }
                let trainWeights = data.weights.map { w in train.map { w[$0] } }
                let trainTime = train.map { time[$0] }, trainEvent = train.map { event[$0] }
                guard eventWeight > 0, train.contains(where: { event[$0] && data.weight($0) > 0 }) else { continue }
                let trainX = data.features.selectingRows(train)
                let foldFit = fitPath(trainX, time: trainTime, event: trainEvent, weights: trainWeights,
                                      lambdas: path.lambdas)
                let trainLikelihood = CoxPartialLikelihood(
                    data: CoxRiskSets(features: trainX, time: trainTime, event: trainEvent, weights: trainWeights),
                    ties: .breslow)
                var values = [Double]()
                for l in path.lambdas.indices {
                    let beta = foldFit.path.coefficients(at: l)
                    let llFull = fullLikelihood.evaluate(beta, withInformation: false).logLikelihood
                    let llTrain = trainLikelihood.evaluate(beta, withInformation: false).logLikelihood
                    values.append(-2 * (llFull - llTrain) / eventWeight)
                }
                foldValues.append(values)
                foldWeights.append(eventWeight)
            }
            if foldValues.count >= 2 {
                let summary = PenaltyPath.summarize(lambdas: path.lambdas, foldValues: foldValues,
                                                    foldWeights: foldWeights, rule: lambdaRule)
                curve = summary
                chosen = path.lambdas.firstIndex(of: summary.chosenLambda) ?? chosen
            } else {
                diagnostics.messages.append("cross-validation was skipped: too few events to form folds")
            }
        }
        let beta = path.coefficients(at: chosen)
        let sets = CoxRiskSets(features: data.features, time: time, event: event, weights: data.weights)
        let (times, hazard) = CoxPartialLikelihood(data: sets, ties: .breslow)
            .baselineCumulativeHazard(beta, method: .breslow)
        return ElasticNetCoxModel(featureNames: data.features.names, coefficients: beta, lambda: path.lambdas[chosen],
                                  alpha: alpha, path: path, crossValidation: curve, means: sets.means,
                                  baselineTimes: times, baselineCumulativeHazard: hazard, diagnostics: diagnostics)
    }

    func fitPath(_ features: FeatureMatrix, time: [Double], event: [Bool], weights: [Double]?,
                 lambdas given: [Double]?) -> (path: RegularizationPath, diagnostics: FitDiagnostics) {
        let sets = CoxRiskSets(features: features, time: time, event: event, weights: weights)
        var solver = CoxnetPathSolver(data: sets, standardize: standardize, alpha: alpha, tolerance: tolerance,
                                      maxIterations: maxIterations, useStrongRules: useStrongRules)
        let lambdas = given ?? PenaltyPath.geometric(
            maxLambda: solver.maxLambda, count: lambdaCount,
            minRatio: lambdaMinRatio ?? PenaltyPath.defaultMinRatio(rows: features.rowCount,
                                                                    columns: features.columnCount))
        let p = features.columnCount
        var path = RegularizationPath(lambdas: [], intercepts: [], nonzeroIndices: [], nonzeroValues: [],
                                      deviance: [], devianceRatio: [], featureCount: p)
        var diagnostics = FitDiagnostics()
        var previous: Double?
        var total = 0
        for lambda in lambdas {
            let step = solver.solve(lambda: lambda, previousLambda: previous)
            previous = lambda
            total += step.iterations
            if !step.converged {
                diagnostics.converged = false
                diagnostics.messages.append(
                    "coordinate descent did not converge at λ = \(lambda) within \(maxIterations) iterations")
            }
            var indices = [Int](), values = [Double]()
            for j in 0..<p where solver.beta[j] != 0 {
                indices.append(j)
                values.append(solver.beta[j] / solver.scales[j])
            }
            path.lambdas.append(lambda)
            path.intercepts.append(0)
            path.nonzeroIndices.append(indices)
            path.nonzeroValues.append(values)
            path.deviance.append(-2 * step.logLikelihood)
            let span = solver.saturatedLogLikelihood - solver.nullLogLikelihood
            path.devianceRatio.append(span > 0 ? (step.logLikelihood - solver.nullLogLikelihood) / span : 0)
        }
        diagnostics.iterations = total
        return (path, diagnostics)
    }
}

/// A fitted ``ElasticNetCox``: risk scores, survival curves from a Breslow baseline hazard at the chosen λ,
/// the path and the CV curve. A versioned `Codable` artifact.
public struct ElasticNetCoxModel: SurvivalModel, Hashable {
    public var formatVersion = 1
    public var featureNames: [String]
    public var task: Task { .survival }
    /// β at the chosen λ, original covariate scale.
    public var coefficients: [Double]
    public var lambda: Double
    public var alpha: Double
    public var path: RegularizationPath
    public var crossValidation: CrossValidationCurve?
    /// Weighted covariate means: risk scores are (x − x̄)ᵀβ.
    public var means: [Double]
    /// Distinct event times and the Breslow H₀ at x̄ for the chosen β.
    public var baselineTimes: [Double]
    public var baselineCumulativeHazard: [Double]
    public var diagnostics: FitDiagnostics

    public init(featureNames: [String], coefficients: [Double], lambda: Double, alpha: Double,
                path: RegularizationPath, crossValidation: CrossValidationCurve?, means: [Double],
                baselineTimes: [Double], baselineCumulativeHazard: [Double], diagnostics: FitDiagnostics) {
        self.featureNames = featureNames
        self.coefficients = coefficients
        self.lambda = lambda
        self.alpha = alpha
        self.path = path
        self.crossValidation = crossValidation
        self.means = means
        self.baselineTimes = baselineTimes
        self.baselineCumulativeHazard = baselineCumulativeHazard
        self.diagnostics = diagnostics
    }

    /// Features with non-zero coefficients.
    public var selectedFeatures: [String] { zip(featureNames, coefficients).filter { $0.1 != 0 }.map(\.0) }

    /// Risk score (x − x̄)ᵀβ per row.
    public func predict(_ features: FeatureMatrix) throws -> [Double] {
        try checkCompatible(features)
        return CoxProportionalHazardsModel.centredLinearPredictor(features, coefficients: coefficients, means: means)
    }

    /// S(t | x) = exp(−H₀(t) exp((x − x̄)ᵀβ)).
    public func survivalProbabilities(_ features: FeatureMatrix, at times: [Double]) throws -> [[Double]] {
        let eta = try predict(features)
        let h0 = times.map { CoxProportionalHazardsModel.stepValue(baselineTimes, baselineCumulativeHazard, at: $0) }
        return eta.map { e in h0.map { exp(-$0 * exp(e)) } }
    }
}
