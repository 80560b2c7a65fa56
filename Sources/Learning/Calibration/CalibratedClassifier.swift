import Foundation
import Statistics

/// A binary classifier whose probabilities are recalibrated on held-out data: out-of-fold predictions
/// from stratified k-fold refits of the inner estimator (default 5 folds) fit the calibrator (Platt on
/// the logit of the probability, or isotonic on the probability), then the inner estimator is refitted
/// on all rows. As scikit-learn's `CalibratedClassifierCV(ensemble=False)`.
public struct CalibratedClassifier<Inner: Estimator>: Estimator {
    public enum Method: String, Sendable, Hashable, Codable { case platt, isotonic }

    public var inner: Inner
    public var method: Method
    /// Folds for the held-out predictions (2…20; default 5).
    public var folds: Int

    public init(_ inner: Inner, method: Method = .platt, folds: Int = 5) {
        self.inner = inner
        self.method = method
        self.folds = folds
    }

    public static var supportedTasks: Set<Task> { [.binaryClassification] }

    public func validate() throws {
        try inner.validate()
        guard (2...20).contains(folds) else {
            throw EstimatorError.invalidParameter(name: "folds", value: "\(folds)", fix: "use 2 to 20 folds")
        }
    }

    public func fit(_ data: Dataset, generator: inout Xoshiro256StarStar) throws -> CalibratedModel<Inner.Model> {
        try validate()
        guard case .binary(let y) = data.target else {
            throw EstimatorError.invalidData("calibration needs a binary target")
        }
        guard data.rowCount >= folds else {
            throw EstimatorError.invalidData("calibration needs at least \(folds) rows for \(folds) folds")
        }
        let assignment = StratifiedFolds.assign(strata: y.map { Int($0) }, folds: folds, generator: &generator)
        var heldOut = [Double](repeating: .nan, count: data.rowCount)
        for f in 0..<folds {
            let train = (0..<data.rowCount).filter { assignment[$0] != f }
            let test = (0..<data.rowCount).filter { assignment[$0] == f }
            var foldGenerator = generator.split()
            let model = try inner.fit(data.selectingRows(train), generator: &foldGenerator)
            let p = try model.predict(data.features.selectingRows(test))
            for (k, row) in test.enumerated() { heldOut[row] = p[k] }
        }
        let calibrator: CalibratedModel<Inner.Model>.Calibrator
        switch method {
        case .platt:
            calibrator = .platt(try PlattCalibration.fit(scores: heldOut.map(clippedLogit), labels: y, weights: data.weights))
        case .isotonic:
            calibrator = .isotonic(try IsotonicCalibration.fit(scores: heldOut, labels: y, weights: data.weights))
        }
        let model = try inner.fit(data, generator: &generator)
        return CalibratedModel(model: model, calibrator: calibrator)
    }
}

/// log(p / (1 − p)) with p clipped to [1e-15, 1 − 1e-15].
func clippedLogit(_ p: Double) -> Double {
    let q = min(max(p, 1e-15), 1 - 1e-15)
    return log(q / (1 - q))
}

/// A fitted model followed by a fitted calibrator.
public struct CalibratedModel<Model: FittedModel>: FittedModel {
    public enum Calibrator: Sendable, Codable {
        case platt(PlattCalibration)
        case isotonic(IsotonicCalibration)
    }

    public var model: Model
    public var calibrator: Calibrator

    public var featureNames: [String] { model.featureNames }
    public var task: Task { model.task }
    public var diagnostics: FitDiagnostics { model.diagnostics }

    public func predict(_ features: FeatureMatrix) throws -> [Double] {
        let raw = try model.predict(features)
        switch calibrator {
        case .platt(let c): return raw.map { c.probability(clippedLogit($0)) }
        case .isotonic(let c): return raw.map(c.probability)
        }
    }
}
