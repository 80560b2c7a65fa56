import Foundation

/// A fitted ``ElasticNetLogisticRegression``: P(y = 1 | x) = σ(β₀ + xᵀβ) with σ(η) = 1/(1 + e^−η).
///
/// Holds the chosen coefficients (original feature scale), the whole regularisation path and, when λ
/// was chosen by cross-validation, the CV curve. A versioned `Codable` artifact.
public struct ElasticNetLogisticModel: FittedModel, Hashable {
    /// Artifact format version.
    public var formatVersion = 1
    public var featureNames: [String]
    public var task: Task { .binaryClassification }
    /// β on the original feature scale (zeros for features the penalty removed).
    public var coefficients: [Double]
    /// β₀.
    public var intercept: Double
    /// The λ of ``coefficients``.
    public var lambda: Double
    /// The ℓ₁/ℓ₂ mixing α the model was fitted with.
    public var alpha: Double
    /// Every λ fitted (one entry when a single λ was given).
    public var path: RegularizationPath
    /// The cross-validation curve, when λ was chosen by cross-validation.
    public var crossValidation: CrossValidationCurve?
    public var diagnostics: FitDiagnostics

    public init(featureNames: [String], coefficients: [Double], intercept: Double, lambda: Double, alpha: Double,
                path: RegularizationPath, crossValidation: CrossValidationCurve?, diagnostics: FitDiagnostics) {
        self.featureNames = featureNames
        self.coefficients = coefficients
        self.intercept = intercept
        self.lambda = lambda
        self.alpha = alpha
        self.path = path
        self.crossValidation = crossValidation
        self.diagnostics = diagnostics
    }

    /// Names of the features with non-zero coefficients, in feature order.
    public var selectedFeatures: [String] {
        zip(featureNames, coefficients).filter { $0.1 != 0 }.map(\.0)
    }

    /// The log-odds β₀ + xᵢᵀβ of each row.
    ///
    /// - Complexity: O(n · nnz(β)).
    public func linearPredictor(_ features: FeatureMatrix) throws -> [Double] {
        try checkCompatible(features)
        return Self.linearPredictor(features, coefficients: coefficients, intercept: intercept)
    }

    /// P(y = 1 | x) for each row.
    public func predict(_ features: FeatureMatrix) throws -> [Double] {
        try linearPredictor(features).map { eta in
            eta >= 0 ? 1 / (1 + exp(-eta)) : exp(eta) / (1 + exp(eta))
        }
    }

    static func linearPredictor(_ features: FeatureMatrix, coefficients: [Double], intercept: Double) -> [Double] {
        let n = features.rowCount
        var eta = [Double](repeating: intercept, count: n)
        features.values.withUnsafeBufferPointer { xb in
            eta.withUnsafeMutableBufferPointer { eb in
                for (j, b) in coefficients.enumerated() where b != 0 {
                    LinearKernels.axpy(n, b, xb.baseAddress! + j * n, eb.baseAddress!)
                }
            }
        }
        return eta
    }
}
