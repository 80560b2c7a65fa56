import Statistics

/// Preprocessing followed by a model: itself an estimator (it passes the same conformance suite), so
/// that resampling refits the preprocessing inside every fold and no information leaks from
/// validation rows.
public struct Pipeline<Model: Estimator>: Estimator {
    public var preprocessing: PreprocessingConfiguration
    public var model: Model

    public init(preprocessing: PreprocessingConfiguration = PreprocessingConfiguration(), model: Model) {
        self.preprocessing = preprocessing
        self.model = model
    }

    public static var supportedTasks: Set<Task> { Model.supportedTasks }

    public func validate() throws {
        try preprocessing.validate()
        try model.validate()
    }

    public func fit(_ data: Dataset, generator: inout Xoshiro256StarStar) throws -> FittedPipeline<Model.Model> {
        try validate()
        try data.validate(for: data.target.task, allowMissingFeatures: true)
        guard Model.supportedTasks.contains(data.target.task) else {
            throw EstimatorError.invalidData("the model cannot fit a \(data.target.task.rawValue) target")
        }
        for j in 0..<data.features.columnCount where data.features.column(j).contains(where: { $0.isInfinite }) {
            throw EstimatorError.invalidData("feature \"\(data.features.names[j])\" has an infinite value")
        }
        let fitted = try FittedPreprocessing(configuration: preprocessing, fitting: data.features, weights: data.weights)
        let transformed = try fitted.transform(data.features).matrix
        let inner = try model.fit(Dataset(features: transformed, target: data.target, weights: data.weights),
                                  generator: &generator)
        return FittedPipeline(preprocessing: fitted, model: inner, inputNames: data.features.names)
    }
}

/// A fitted pipeline: predicts from raw features (NaN = missing, categorical codes with labels).
public struct FittedPipeline<Model: FittedModel>: FittedModel {
    public var preprocessing: FittedPreprocessing
    public var model: Model
    /// The raw input features, in training order.
    public var inputNames: [String]

    public var featureNames: [String] { inputNames }
    public var task: Task { model.task }
    public var diagnostics: FitDiagnostics { model.diagnostics }

    public func predict(_ features: FeatureMatrix) throws -> [Double] {
        try model.predict(preprocessing.transform(features).matrix)
    }

    /// Predictions with per-patient flags (values outside the training range, unseen labels).
    public func predictWithFlags(_ features: FeatureMatrix) throws -> (predictions: [Double], flags: [[String]]) {
        let (matrix, flags) = try preprocessing.transform(features)
        return (try model.predict(matrix), flags.perRow)
    }
}
