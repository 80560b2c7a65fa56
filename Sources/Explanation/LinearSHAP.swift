import Learning

/// Exact SHAP values for linear models with independent features.
///
/// For a model that is linear on its explained scale, f(x) = b + Σ_j β_j x_j, and features treated as
/// independent (the interventional value function v(S) = E[f(x_S, X_S̄)]), the Shapley value of feature
/// j is exactly φ_j = β_j (x_j − E[X_j]) and the base value is f(E[X]) (Lundberg & Lee 2017, NeurIPS,
/// "A unified approach to interpreting model predictions", Corollary 1; `shap.LinearExplainer` with
/// `feature_perturbation="interventional"`).
///
/// - Logistic regression (``ElasticNetLogisticModel``): on the logit scale, base = β₀ + Σ β_j E[X_j].
/// - Cox (``CoxProportionalHazardsModel``): on the log-hazard scale of the model's centred predictor
///   (x − x̄)ᵀβ; with the training means as the background, the base value is 0.
public struct LinearExplainer: Sendable {
    public let featureNames: [String]
    public let coefficients: [Double]
    /// E[X_j] over the background.
    public let means: [Double]
    /// The output is `outputOffset + Σ β_j x_j`.
    public let outputOffset: Double
    public let scale: ExplanationScale

    public init(featureNames: [String], coefficients: [Double], means: [Double], outputOffset: Double,
                scale: ExplanationScale) {
        precondition(coefficients.count == featureNames.count && means.count == featureNames.count)
        self.featureNames = featureNames
        self.coefficients = coefficients
        self.means = means
        self.outputOffset = outputOffset
        self.scale = scale
    }

    /// Logistic regression on the logit scale, with feature means taken from `background` (normally the
    /// training features; NaN entries are skipped).
    public init(model: ElasticNetLogisticModel, background: FeatureMatrix) throws {
        try model.checkCompatible(background)
        self.init(featureNames: model.featureNames, coefficients: model.coefficients,
                  means: Self.columnMeans(background), outputOffset: model.intercept, scale: .logOdds)
    }

    /// Cox proportional hazards on the log-hazard scale (x − x̄)ᵀβ, with the model's training means as the
    /// background unless `background` is given.
    public init(model: CoxProportionalHazardsModel, background: FeatureMatrix? = nil) throws {
        var means = model.means
        if let background {
            try model.checkCompatible(background)
            means = Self.columnMeans(background)
        }
        let offset = -zip(model.coefficients, model.means).reduce(0) { $0 + $1.0 * $1.1 }
        self.init(featureNames: model.featureNames, coefficients: model.coefficients, means: means,
                  outputOffset: offset, scale: .logHazard)
    }

    /// Elastic-net Cox on the log-hazard scale (x − x̄)ᵀβ, like the unpenalised Cox initialiser.
    public init(model: ElasticNetCoxModel, background: FeatureMatrix? = nil) throws {
        var means = model.means
        if let background {
            try model.checkCompatible(background)
            means = Self.columnMeans(background)
        }
        let offset = -zip(model.coefficients, model.means).reduce(0) { $0 + $1.0 * $1.1 }
        self.init(featureNames: model.featureNames, coefficients: model.coefficients, means: means,
                  outputOffset: offset, scale: .logHazard)
    }

    public var baseValue: Double {
        outputOffset + zip(coefficients, means).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// φ_ij = β_j (x_ij − E[X_j]) for every row.
    ///
    /// - Complexity: O(n · p).
    public func shapValues(_ features: FeatureMatrix) throws -> SHAPValues {
        guard features.names == featureNames else {
            throw ExplanationError.incompatibleFeatures(expected: featureNames, found: features.names)
        }
        let n = features.rowCount, p = featureNames.count
        var phi = [Double](repeating: 0, count: n * p)
        var outputs = [Double](repeating: outputOffset, count: n)
        for j in 0..<p {
            let b = coefficients[j], m = means[j]
            for i in 0..<n {
                let x = features.values[j * n + i]
                phi[i * p + j] = b == 0 ? 0 : b * (x - m)
                outputs[i] += b == 0 ? 0 : b * x
            }
        }
        return SHAPValues(featureNames: featureNames, rowCount: n, values: phi, baseValue: baseValue,
                          outputs: outputs, scale: scale)
    }

    /// Exact SHAP interaction values of the linear model: with no interaction terms every
    /// ∇_ij(S) = 0, so Φ_ij = 0 off the diagonal and the diagonal is the SHAP value, Φ_jj = φ_j
    /// (Lundberg et al. 2020, *Nat Mach Intell* 2:56, interaction values; `shap.LinearExplainer` has none).
    ///
    /// - Complexity: O(n · p²) (the dense result).
    public func interactionValues(_ features: FeatureMatrix) throws -> SHAPInteractionValues {
        let shap = try shapValues(features)
        let n = shap.rowCount, p = featureNames.count
        var values = [Double](repeating: 0, count: n * p * p)
        for i in 0..<n { for j in 0..<p { values[(i * p + j) * p + j] = shap.values[i * p + j] } }
        return SHAPInteractionValues(featureNames: featureNames, rowCount: n, values: values, baseValue: shap.baseValue,
                                     outputs: shap.outputs, scale: scale)
    }

    static func columnMeans(_ features: FeatureMatrix) -> [Double] {
        let n = features.rowCount
        return (0..<features.columnCount).map { j in
            var s = 0.0, c = 0
            for i in 0..<n { let v = features.values[j * n + i]; if !v.isNaN { s += v; c += 1 } }
            return c > 0 ? s / Double(c) : 0
        }
    }
}
