import Foundation
import ImmunoKit

/// Fits the pipeline of a model family with cross-validation, for `immunokit train`.
struct ModelTrainer {
    var kind: ModelKind
    var preprocessing: PreprocessingConfiguration
    var modelSettings: [String: Any]?
    var folds: Int
    var seed: UInt64

    struct Result {
        var model: TrainedModel
        var metrics: [String: Double]
        var crossValidation: CrossValidation.Result?

        func summary(rows: Int, features: Int) -> String {
            var text = "trained \(model.kind.rawValue) on \(rows) patients, \(features) features\n"
            if let cv = crossValidation {
                let name = cv.metric == "auc" ? "AUC" : "C-index"
                text += String(format: "cross-validated %@ %.3f ± %.3f (%d folds: %@)\n", name, cv.mean, cv.standardDeviation,
                               cv.perFold.count, cv.perFold.map { String(format: "%.3f", $0) }.joined(separator: ", "))
            }
            if let apparent = metrics["apparent_auc"] ?? metrics["apparent_c_index"] {
                text += String(format: "apparent (training-data) value %.3f — optimistic; quote the cross-validated one\n", apparent)
            }
            return text
        }
    }

    func train(_ data: Dataset) throws -> Result {
        switch kind {
        case .logistic:
            // Default: a lightly penalised ridge logistic regression with a fixed λ, as LLR6; the model
            // section of a configuration file can ask for the lasso path with CV instead.
            let base = ElasticNetLogisticRegression(alpha: 0, lambda: 1e-4)
            let estimator = Pipeline(preprocessing: withReferenceLevels(preprocessing), model: try merged(base))
            return try run(estimator, data) { .logistic($0) }
        case .cox:
            // Unpenalised Cox has no intercept to absorb a full set of one-hot columns: drop the first level.
            let estimator = Pipeline(preprocessing: withReferenceLevels(preprocessing), model: try merged(CoxProportionalHazards()))
            return try run(estimator, data) { .cox($0) }
        case .coxnet:
            return try run(Pipeline(preprocessing: preprocessing, model: try merged(ElasticNetCox())), data) { .coxnet($0) }
        case .gbdt:
            // Boosted trees route missing values natively: no indicator columns.
            return try run(Pipeline(preprocessing: treePreprocessing(missingIndicators: false), model: try merged(Self.smallDataBoosting)), data) {
                .gradientBoosting($0)
            }
        case .forest:
            return try run(Pipeline(preprocessing: treePreprocessing(), model: try merged(RandomForest())), data) { .randomForest($0) }
        case .rsf:
            return try run(Pipeline(preprocessing: treePreprocessing(), model: try merged(RandomSurvivalForest())), data) {
                .randomSurvivalForest($0)
            }
        }
    }

    /// Resampled performance of this model family (the whole pipeline refitted in every split).
    func resample(_ data: Dataset, scheme: ResamplingScheme, metrics: [Metric]) throws -> ResamplingResult {
        func run<E: Estimator>(_ estimator: Pipeline<E>) throws -> ResamplingResult {
            try estimator.validate()
            return try Resampling.crossValidate(estimator, on: data, scheme: scheme, metrics: metrics, seed: seed)
        }
        switch kind {
        case .logistic:
            return try run(Pipeline(preprocessing: withReferenceLevels(preprocessing), model: try merged(ElasticNetLogisticRegression(alpha: 0, lambda: 1e-4))))
        case .cox:
            return try run(Pipeline(preprocessing: withReferenceLevels(preprocessing), model: try merged(CoxProportionalHazards())))
        case .coxnet:
            return try run(Pipeline(preprocessing: preprocessing, model: try merged(ElasticNetCox())))
        case .gbdt:
            return try run(Pipeline(preprocessing: treePreprocessing(missingIndicators: false), model: try merged(Self.smallDataBoosting)))
        case .forest:
            return try run(Pipeline(preprocessing: treePreprocessing(), model: try merged(RandomForest())))
        case .rsf:
            return try run(Pipeline(preprocessing: treePreprocessing(), model: try merged(RandomSurvivalForest())))
        }
    }

    /// Nested cross-validation: inside every outer training split, an inner k-fold picks the best of a
    /// small grid of settings for the family (by AUC or Harrell's C), so the outer estimate includes the
    /// cost of tuning. Grids: logistic ridge λ ∈ {1e-4, 0.01, 0.1}; Cox L2 ∈ {0, 0.01, 0.1}; boosting
    /// (learning rate, leaves) ∈ {(0.03, 4), (0.03, 8), (0.1, 4)}; forests minimum leaf ∈ {1, 5, 20}.
    func nestedResample(_ data: Dataset, outer: ResamplingScheme, metrics: [Metric]) throws -> NestedCrossValidationResult {
        let select: Metric = data.target.task == .binaryClassification ? .auc : .harrellsC
        let inner = ResamplingScheme.kFold(folds: 3)
        func run<E: Estimator>(_ candidates: [Pipeline<E>]) throws -> NestedCrossValidationResult {
            try candidates.forEach { try $0.validate() }
            return try Resampling.nestedCrossValidate(candidates: candidates, on: data, outer: outer, inner: inner,
                                                      selectBy: select, metrics: metrics, seed: seed)
        }
        let reference = withReferenceLevels(preprocessing)
        switch kind {
        case .logistic:
            return try run([1e-4, 0.01, 0.1].map { Pipeline(preprocessing: reference, model: ElasticNetLogisticRegression(alpha: 0, lambda: $0)) })
        case .cox:
            return try run([0, 0.01, 0.1].map { Pipeline(preprocessing: reference, model: CoxProportionalHazards(l2Penalty: $0)) })
        case .coxnet:
            return try run([0.5, 1].map { Pipeline(preprocessing: preprocessing, model: ElasticNetCox(alpha: $0)) })
        case .gbdt:
            let grid: [(Double, Int, Int)] = [(0.03, 4, 300), (0.03, 8, 300), (0.1, 4, 100)]
            return try run(grid.map { lr, leaves, iterations in
                var model = Self.smallDataBoosting
                model.learningRate = lr
                model.maxLeaves = leaves
                model.iterations = iterations
                return Pipeline(preprocessing: treePreprocessing(missingIndicators: false), model: model)
            })
        case .forest:
            return try run([1, 5, 20].map { Pipeline(preprocessing: treePreprocessing(), model: RandomForest(minSamplesLeaf: $0)) })
        case .rsf:
            return try run([3, 10].map { Pipeline(preprocessing: treePreprocessing(), model: RandomSurvivalForest(minSamplesLeaf: $0)) })
        }
    }

    /// Boosting defaults for cohorts of hundreds to a few thousand patients: small trees, slow
    /// learning, subsampling and an L2 penalty generalise better there than large-data defaults.
    static let smallDataBoosting = GradientBoostedTrees(iterations: 300, learningRate: 0.03, maxLeaves: 8, minSamplesLeaf: 20,
                                                       lambda: 1, subsample: 0.8, columnSampleByTree: 0.8)

    /// Trees are invariant to monotone transforms: no standardisation.
    private func treePreprocessing(missingIndicators: Bool = true) -> PreprocessingConfiguration {
        var trees = preprocessing
        trees.standardize = false
        if !missingIndicators { trees.missingIndicators = false }
        return trees
    }

    /// One-hot encoding without the first label (the reference level) unless the configuration file
    /// chose otherwise, for models whose full set of indicator columns would be collinear.
    private func withReferenceLevels(_ configuration: PreprocessingConfiguration) -> PreprocessingConfiguration {
        var copy = configuration
        if !explicitlySetsDropFirst { copy.dropFirstLevel = true }
        return copy
    }

    var explicitlySetsDropFirst = false

    private func merged<E: Estimator>(_ defaults: E) throws -> E {
        try ConfigurationMerging.merge(defaults, with: modelSettings, section: "model")
    }

    private func run<E: Estimator>(_ estimator: Pipeline<E>, _ data: Dataset,
                                   wrap: (FittedPipeline<E.Model>) -> TrainedModel) throws -> Result {
        try estimator.validate()
        var metrics: [String: Double] = [:]
        var cv: CrossValidation.Result?
        if folds >= 2 {
            Terminal.progress("\(folds)-fold cross-validation")
            let result = try CrossValidation.run(estimator, on: data, folds: folds, seed: seed)
            metrics["cv_\(result.metric)"] = result.mean
            metrics["cv_\(result.metric)_sd"] = result.standardDeviation
            cv = result
        }
        Terminal.progress("fitting on all \(data.rowCount) patients")
        let fitted = try estimator.fit(data, seed: seed)
        let apparent = CrossValidation.score(data.target, try fitted.predict(data.features))
        metrics["apparent_\(CrossValidation.metricName(data.target))"] = apparent
        return Result(model: wrap(fitted), metrics: metrics, crossValidation: cv)
    }
}
