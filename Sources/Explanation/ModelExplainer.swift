import Learning

/// SHAP values for a saved model (``Learning/TrainedModel``), in the pipeline's **transformed** feature
/// space: the model inside a ``Learning/FittedPipeline`` sees imputed, capped, log-transformed,
/// one-hot-encoded and standardised features (``Learning/FittedPreprocessing/outputNames``), so the
/// explanation is of those columns — e.g. a standardised `albumin` or an indicator `sex=female` — and
/// the returned matrix holds the transformed values the SHAP values refer to.
///
/// - Boosted trees and random forests: exact path-dependent TreeSHAP (``TreeExplainer``) with the node
///   covers stored at training. For a model saved before covers were recorded, the covers are recomputed
///   from `reference` (pass the training cohort when available; by default the explained rows themselves,
///   making the base value their mean output).
/// - Logistic, Cox and elastic-net Cox: exact linear SHAP (``LinearExplainer``); logistic uses the
///   reference means, the Cox models their training means.
/// - Random survival forests: not supported (their leaves hold survival curves, not additive scores).
public enum ModelExplainer {
    /// SHAP values of `features` (raw model inputs, before preprocessing).
    ///
    /// - Complexity: that of the explainer (O(n · T · L · D²) for trees, O(n · p) for linear models).
    public static func shapValues(_ model: TrainedModel, features: FeatureMatrix, reference: FeatureMatrix? = nil)
        throws -> (shap: SHAPValues, transformed: FeatureMatrix) {
        switch try explainer(model, features: features, reference: reference) {
        case (.tree(let e), let x): return (try e.shapValues(x), x)
        case (.linear(let e), let x): return (try e.shapValues(x), x)
        }
    }

    /// Exact SHAP interaction values of `features` (trees: TreeSHAP interactions; linear models: the SHAP
    /// values on the diagonal, zero elsewhere).
    ///
    /// - Complexity: O(n · T · U · L · D²) for trees with U split features each; memory O(n · p²).
    public static func interactionValues(_ model: TrainedModel, features: FeatureMatrix,
                                         reference: FeatureMatrix? = nil)
        throws -> (interactions: SHAPInteractionValues, transformed: FeatureMatrix) {
        switch try explainer(model, features: features, reference: reference) {
        case (.tree(let e), let x): return (try e.interactionValues(x), x)
        case (.linear(let e), let x): return (try e.interactionValues(x), x)
        }
    }

    enum Explainer {
        case tree(TreeExplainer)
        case linear(LinearExplainer)
    }

    /// The explainer of `model` and the transformed rows to explain.
    static func explainer(_ model: TrainedModel, features: FeatureMatrix, reference: FeatureMatrix?)
        throws -> (Explainer, FeatureMatrix) {
        func transform(_ p: FittedPreprocessing) throws -> (FeatureMatrix, FeatureMatrix) {
            let x = try p.transform(features).matrix
            let r = try reference.map { try p.transform($0).matrix } ?? x
            return (x, r)
        }
        switch model {
        case .gradientBoosting(let m):
            let (x, r) = try transform(m.preprocessing)
            return (.tree(try TreeExplainer(model: m.model, reference: r)), x)
        case .randomForest(let m):
            let (x, r) = try transform(m.preprocessing)
            return (.tree(try TreeExplainer(model: m.model, reference: r)), x)
        case .logistic(let m):
            let (x, r) = try transform(m.preprocessing)
            return (.linear(try LinearExplainer(model: m.model, background: r)), x)
        case .cox(let m):
            let (x, _) = try transform(m.preprocessing)
            return (.linear(try LinearExplainer(model: m.model)), x)
        case .coxnet(let m):
            let (x, _) = try transform(m.preprocessing)
            return (.linear(try LinearExplainer(model: m.model)), x)
        case .randomSurvivalForest:
            throw ExplanationError.unsupportedModel("random survival forests (no additive score to explain)")
        }
    }
}
