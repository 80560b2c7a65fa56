/// Every kind of model the CLI trains, each as a fitted pipeline, in one Codable value so that an
/// artifact can be loaded without knowing its kind in advance.
public enum TrainedModel: Sendable, Codable {
    case logistic(FittedPipeline<ElasticNetLogisticModel>)
    case cox(FittedPipeline<CoxProportionalHazardsModel>)
    case coxnet(FittedPipeline<ElasticNetCoxModel>)
    case gradientBoosting(FittedPipeline<GradientBoostedTreesModel>)
    case randomForest(FittedPipeline<RandomForestModel>)
    case randomSurvivalForest(FittedPipeline<RandomSurvivalForestModel>)

    public var kind: ModelKind {
        switch self {
        case .logistic: .logistic
        case .cox: .cox
        case .coxnet: .coxnet
        case .gradientBoosting: .gbdt
        case .randomForest: .forest
        case .randomSurvivalForest: .rsf
        }
    }

    var fitted: any FittedModel {
        switch self {
        case .logistic(let m): m
        case .cox(let m): m
        case .coxnet(let m): m
        case .gradientBoosting(let m): m
        case .randomForest(let m): m
        case .randomSurvivalForest(let m): m
        }
    }

    public var task: Task { fitted.task }
    public var featureNames: [String] { fitted.featureNames }
    public var diagnostics: FitDiagnostics { fitted.diagnostics }

    /// Probability (binary) or risk score (survival), with per-patient flags from preprocessing.
    public func predict(_ features: FeatureMatrix) throws -> (predictions: [Double], flags: [[String]]) {
        switch self {
        case .logistic(let m): try m.predictWithFlags(features)
        case .cox(let m): try m.predictWithFlags(features)
        case .coxnet(let m): try m.predictWithFlags(features)
        case .gradientBoosting(let m): try m.predictWithFlags(features)
        case .randomForest(let m): try m.predictWithFlags(features)
        case .randomSurvivalForest(let m): try m.predictWithFlags(features)
        }
    }

    /// Survival probabilities at `times` for survival models; `nil` for binary models.
    public func survivalProbabilities(_ features: FeatureMatrix, at times: [Double]) throws -> [[Double]]? {
        switch self {
        case .cox(let m): try m.survivalProbabilities(features, at: times)
        case .coxnet(let m): try m.survivalProbabilities(features, at: times)
        case .gradientBoosting(let m): m.task == .survival ? try m.survivalProbabilities(features, at: times) : nil
        case .randomSurvivalForest(let m): try m.survivalProbabilities(features, at: times)
        case .logistic, .randomForest: nil
        }
    }
}

/// The model families `immunokit train --model` offers.
public enum ModelKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Elastic-net (or plain / ridge) logistic regression — binary outcomes.
    case logistic
    /// Cox proportional hazards — survival outcomes.
    case cox
    /// Elastic-net Cox — survival outcomes with many features.
    case coxnet
    /// Histogram gradient-boosted trees — binary or survival outcomes.
    case gbdt
    /// Random forest — binary outcomes.
    case forest
    /// Random survival forest — survival outcomes.
    case rsf

    /// Tasks the family fits.
    public var tasks: Set<Task> {
        switch self {
        case .logistic, .forest: [.binaryClassification]
        case .cox, .coxnet, .rsf: [.survival]
        case .gbdt: [.binaryClassification, .survival]
        }
    }
}

extension FittedPipeline where Model: SurvivalModel {
    /// Survival curves through the pipeline's preprocessing.
    public func survivalProbabilities(_ features: FeatureMatrix, at times: [Double]) throws -> [[Double]] {
        try model.survivalProbabilities(preprocessing.transform(features).matrix, at: times)
    }
}
