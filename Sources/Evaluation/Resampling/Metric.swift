import Learning

/// A named performance measure of predictions against outcomes, used by resampling and the bootstrap.
///
/// The predictions are what ``Learning/FittedModel/predict(_:)`` returns: probabilities for binary
/// targets, risk scores for survival. A metric throws ``EvaluationError/undefined(metric:reason:)``
/// where it is not defined (one class in a fold); resampling records those as NaN with a warning.
///
/// Custom metrics: `Metric(name: "sensitivity@0.3", higherIsBetter: true, tasks: [.binaryClassification]) { … }`.
public struct Metric: Sendable, CustomStringConvertible {
    /// What a metric is computed from.
    public struct Input: Sendable {
        public var target: Target
        public var predictions: [Double]
        /// The training rows' target, for metrics that need it (censoring weights of Uno's C); nil when
        /// the predictions were not produced by a fit (e.g. scoring a fixed model).
        public var trainingTarget: Target?

        public init(target: Target, predictions: [Double], trainingTarget: Target? = nil) {
            self.target = target
            self.predictions = predictions
            self.trainingTarget = trainingTarget
        }
    }

    enum Kind: Sendable { case auc, other }

    public let name: String
    /// Whether larger values are better (AUC, C) or worse (Brier score, log loss).
    public let higherIsBetter: Bool
    /// Tasks whose targets the metric accepts.
    public let tasks: Set<Task>
    let kind: Kind
    private let body: @Sendable (Input) throws -> Double

    public init(name: String, higherIsBetter: Bool, tasks: Set<Task>, _ body: @escaping @Sendable (Input) throws -> Double) {
        self.init(name: name, higherIsBetter: higherIsBetter, tasks: tasks, kind: .other, body)
    }

    init(name: String, higherIsBetter: Bool, tasks: Set<Task>, kind: Kind, _ body: @escaping @Sendable (Input) throws -> Double) {
        self.name = name
        self.higherIsBetter = higherIsBetter
        self.tasks = tasks
        self.kind = kind
        self.body = body
    }

    public var description: String { name }

    /// The metric of `predictions` against `target`.
    ///
    /// - Throws: ``EvaluationError/invalidInput(_:)`` for a target of the wrong kind, and whatever the
    ///   metric throws.
    public func evaluate(_ target: Target, _ predictions: [Double], trainingTarget: Target? = nil) throws -> Double {
        InputChecks.sameLength(target.count, predictions.count, "target and predictions")
        guard tasks.contains(target.task) else {
            throw EvaluationError.invalidInput("\(name) needs a \(tasks.map(\.rawValue).sorted().joined(separator: " or ")) target, got \(target.task.rawValue)")
        }
        return try body(Input(target: target, predictions: predictions, trainingTarget: trainingTarget))
    }

    /// The default metrics of a task: AUC, average precision, Brier score, log loss, calibration slope
    /// and calibration-in-the-large (binary); Harrell's C (survival); R² (regression).
    public static func defaults(for task: Task) -> [Metric] {
        switch task {
        case .binaryClassification: [.auc, .averagePrecision, .brierScore, .logLoss, .calibrationSlope, .calibrationInTheLarge]
        case .survival: [.harrellsC]
        case .regression: [.rSquared]
        }
    }

    private static func labels(_ input: Input) -> [Bool] { input.target.binaryLabels ?? [] }

    /// ROC AUC (``AreaUnderROC``), named "auc".
    public static let auc = Metric(name: "auc", higherIsBetter: true, tasks: [.binaryClassification], kind: .auc) {
        try AreaUnderROC.auc(scores: $0.predictions, labels: labels($0))
    }
    /// Average precision (``AveragePrecision``), "average_precision".
    public static let averagePrecision = Metric(name: "average_precision", higherIsBetter: true, tasks: [.binaryClassification]) {
        try AveragePrecision.compute(scores: $0.predictions, labels: labels($0))
    }
    /// Brier score, "brier".
    public static let brierScore = Metric(name: "brier", higherIsBetter: false, tasks: [.binaryClassification]) {
        try ProbabilityScores.brierScore(probabilities: $0.predictions, labels: labels($0))
    }
    /// Log loss, "log_loss".
    public static let logLoss = Metric(name: "log_loss", higherIsBetter: false, tasks: [.binaryClassification]) {
        try ProbabilityScores.logLoss(probabilities: $0.predictions, labels: labels($0))
    }
    /// Calibration slope (``LogisticCalibration``), "calibration_slope"; ideal 1 (higher is not better:
    /// do not select models by it).
    public static let calibrationSlope = Metric(name: "calibration_slope", higherIsBetter: true, tasks: [.binaryClassification]) {
        try LogisticCalibration(probabilities: $0.predictions, labels: labels($0)).slope
    }
    /// Calibration-in-the-large, "calibration_in_the_large"; ideal 0.
    public static let calibrationInTheLarge = Metric(name: "calibration_in_the_large", higherIsBetter: true, tasks: [.binaryClassification]) {
        try LogisticCalibration(probabilities: $0.predictions, labels: labels($0)).calibrationInTheLarge
    }
    /// Expected calibration error with 10 equal-width bins, "ece".
    public static let expectedCalibrationError = Metric(name: "ece", higherIsBetter: false, tasks: [.binaryClassification]) {
        try CalibrationBins(probabilities: $0.predictions, labels: labels($0)).expectedCalibrationError
    }
    /// Harrell's C of risk scores, "c_index".
    public static let harrellsC = Metric(name: "c_index", higherIsBetter: true, tasks: [.survival]) {
        guard let outcomes = SurvivalOutcomes($0.target) else { return .nan }
        return try ConcordanceIndex.harrell(outcomes, risk: $0.predictions).value
    }
    /// Uno's C with truncation τ (nil: none), "uno_c"; censoring weights from the training rows when
    /// known, otherwise from the evaluated rows.
    public static func unosC(truncation: Double? = nil) -> Metric {
        Metric(name: truncation.map { "uno_c@\($0)" } ?? "uno_c", higherIsBetter: true, tasks: [.survival]) { input in
            guard let outcomes = SurvivalOutcomes(input.target) else { return .nan }
            let training = input.trainingTarget.flatMap(SurvivalOutcomes.init) ?? outcomes
            return try ConcordanceIndex.uno(outcomes, risk: input.predictions, training: training, truncation: truncation).value
        }
    }
    /// Coefficient of determination, "r2".
    public static let rSquared = Metric(name: "r2", higherIsBetter: true, tasks: [.regression]) { input in
        guard case .continuous(let y) = input.target, !y.isEmpty else { return .nan }
        let mean = y.reduce(0, +) / Double(y.count)
        var total = 0.0, residual = 0.0
        for i in y.indices {
            total += (y[i] - mean) * (y[i] - mean)
            residual += (y[i] - input.predictions[i]) * (y[i] - input.predictions[i])
        }
        guard total > 0 else { throw EvaluationError.undefined(metric: "r2", reason: "the outcome is constant") }
        return 1 - residual / total
    }
}
