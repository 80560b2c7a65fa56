import Learning

/// SHAP values for a saved model (``Learning/TrainedModel``), in the pipeline's **transformed** feature
/// space: the model inside a ``Learning/FittedPipeline`` sees imputed, capped, log-transformed,
/// one-hot-encoded and standardised features (``Learning/FittedPreprocessing/outputNames``), so the
/// explanation is of those columns — e.g. a standardised `albumin` or an indicator `sex=female` — and
/// the returned matrix holds the transformed values the SHAP values refer to.
///
/// - Boosted trees and random forests: exact path-dependent TreeSHAP (``TreeExplainer``); the node
///   covers come from `reference` (the artifact stores no training data, so pass the training cohort
///   when available; by default the explained rows themselves, making the base value their mean output).
/// - Logistic, Cox and elastic-net Cox: exact linear SHAP (``LinearExplainer``); logistic uses the
///   reference means, the Cox models their training means.
/// - Random survival forests: not supported (their leaves hold survival curves, not additive scores).
public enum ModelExplainer {
    public static func shapValues(_ model: TrainedModel, features: FeatureMatrix, reference: FeatureMatrix? = nil)
        throws -> (shap: SHAPValues, transformed: FeatureMatrix) {
        func transform(_ p: FittedPreprocessing) throws -> (FeatureMatrix, FeatureMatrix) {
            let x = try p.transform(features).matrix
            let r = try reference.map { try p.transform($0).matrix } ?? x
            return (x, r)
        }
        switch model {
        case .gradientBoosting(let m):
            let (x, r) = try transform(m.preprocessing)
            return (try TreeExplainer(model: m.model, reference: r).shapValues(x), x)
        case .randomForest(let m):
            let (x, r) = try transform(m.preprocessing)
            return (try TreeExplainer(model: m.model, reference: r).shapValues(x), x)
        case .logistic(let m):
            let (x, r) = try transform(m.preprocessing)
            return (try LinearExplainer(model: m.model, background: r).shapValues(x), x)
        case .cox(let m):
            let (x, _) = try transform(m.preprocessing)
            return (try LinearExplainer(model: m.model).shapValues(x), x)
        case .coxnet(let m):
            let (x, _) = try transform(m.preprocessing)
            return (try LinearExplainer(model: m.model).shapValues(x), x)
        case .randomSurvivalForest:
            throw ExplanationError.unsupportedModel("random survival forests (no additive score to explain)")
        }
    }
}
