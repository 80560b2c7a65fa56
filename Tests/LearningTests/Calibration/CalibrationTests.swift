import Foundation
import Testing
import TestSupport
import Statistics
@testable import Learning

/// Platt and isotonic calibration against scikit-learn 1.9.1 (`_SigmoidCalibration`,
/// `IsotonicRegression(out_of_bounds="clip")`); values from
/// `Tests/Fixtures/learning_calibration/generate_calibration.py`.
@Suite("Calibration")
struct CalibrationTests {
    struct Reference: Decodable {
        struct Platt: Decodable { var a: Double; var b: Double; var grid: [Double]? }
        struct Iso: Decodable { var grid: [Double]; var train: [Double]? }
        var scores: [Double]
        var labels: [Double]
        var weights: [Double]
        var grid: [Double]
        var platt: Platt
        var platt_weighted: Platt
        var platt_large_scores: Platt
        var isotonic: Iso
        var isotonic_weighted: Iso
    }

    let reference: Reference = try! JSONDecoder().decode(Reference.self, from: Fixtures.data("learning_calibration/calibration.json"))

    /// scikit-learn stops L-BFGS at a gradient tolerance of 1e-6; our Newton fit goes to 1e-12, so
    /// parameters agree to about 1e-5.
    @Test("Platt parameters and probabilities match scikit-learn")
    func platt() throws {
        let fit = try PlattCalibration.fit(scores: reference.scores, labels: reference.labels)
        #expect(abs(fit.a - reference.platt.a) < 1e-5)
        #expect(abs(fit.b - reference.platt.b) < 1e-5)
        for (x, p) in zip(reference.grid, reference.platt.grid!) { #expect(abs(fit.probability(x) - p) < 1e-6) }
        let weighted = try PlattCalibration.fit(scores: reference.scores, labels: reference.labels, weights: reference.weights)
        #expect(abs(weighted.a - reference.platt_weighted.a) < 1e-5)
        #expect(abs(weighted.b - reference.platt_weighted.b) < 1e-5)
        let large = try PlattCalibration.fit(scores: reference.scores.map { $0 * 40 }, labels: reference.labels)
        #expect(abs(large.a - reference.platt_large_scores.a) < 1e-6)
        #expect(abs(large.b - reference.platt_large_scores.b) < 1e-5)
    }

    @Test("isotonic predictions match scikit-learn, ties and weights included")
    func isotonic() throws {
        let fit = try IsotonicCalibration.fit(scores: reference.scores, labels: reference.labels)
        for (x, p) in zip(reference.grid, reference.isotonic.grid) { #expect(abs(fit.probability(x) - p) < 1e-12) }
        for (x, p) in zip(reference.scores, reference.isotonic.train!) { #expect(abs(fit.probability(x) - p) < 1e-12) }
        #expect(zip(fit.values, fit.values.dropFirst()).allSatisfy { $0.0 <= $0.1 })
        let weighted = try IsotonicCalibration.fit(scores: reference.scores, labels: reference.labels, weights: reference.weights)
        for (x, p) in zip(reference.grid, reference.isotonic_weighted.grid) { #expect(abs(weighted.probability(x) - p) < 1e-12) }
    }

    @Test("a single-class held-out set is rejected for Platt")
    func singleClass() {
        #expect(throws: EstimatorError.self) { _ = try PlattCalibration.fit(scores: [1, 2, 3], labels: [0, 0, 0]) }
    }

    /// A deliberately miscalibrated model (probabilities pushed towards 0 and 1) becomes calibrated:
    /// the mean predicted probability per decile approaches the observed rate.
    @Test("calibrating an overconfident model reduces the calibration error on new data")
    func calibratedClassifier() throws {
        func data(_ n: Int, seed: UInt64) -> Dataset {
            var g = Xoshiro256StarStar(seed: seed)
            var x: [Double] = [], y: [Double] = []
            for _ in 0..<n {
                let v = Normal().sample(using: &g)
                x.append(v)
                y.append(g.nextUniform() < 1 / (1 + exp(-v)) ? 1 : 0)
            }
            return Dataset(features: FeatureMatrix(names: ["x"], columns: [x]), target: .binary(y))
        }
        let train = data(2_000, seed: 1), test = data(5_000, seed: 2)
        let overconfident = OverconfidentEstimator(factor: 4)
        let raw = try overconfident.fit(train, seed: 3)
        let calibrated = try CalibratedClassifier(overconfident, method: .isotonic).fit(train, seed: 3)
        let platt = try CalibratedClassifier(overconfident, method: .platt).fit(train, seed: 3)
        func ece(_ p: [Double]) -> Double {
            guard case .binary(let y) = test.target else { return .nan }
            var total = 0.0
            for b in 0..<10 {
                let idx = p.indices.filter { min(Int(p[$0] * 10), 9) == b }
                guard !idx.isEmpty else { continue }
                let mp = idx.map { p[$0] }.reduce(0, +) / Double(idx.count)
                let my = idx.map { y[$0] }.reduce(0, +) / Double(idx.count)
                total += Double(idx.count) / Double(p.count) * abs(mp - my)
            }
            return total
        }
        let before = ece(try raw.predict(test.features))
        #expect(before > 0.1)
        #expect(ece(try calibrated.predict(test.features)) < 0.04)
        #expect(ece(try platt.predict(test.features)) < 0.03)
        try EstimatorConformance.check(CalibratedClassifier(overconfident, method: .platt), on: train,
                                       options: .init(randomisedBecause: "fold assignment depends on row order"))
    }
}

/// A test estimator: the true logistic model with its logit multiplied by `factor` (overconfident).
struct OverconfidentEstimator: Estimator {
    var factor: Double
    static var supportedTasks: Set<Task> { [.binaryClassification] }
    func validate() throws {
        guard factor > 0 else { throw EstimatorError.invalidParameter(name: "factor", value: "\(factor)", fix: "use > 0") }
    }
    func fit(_ data: Dataset, generator: inout Xoshiro256StarStar) throws -> Model {
        try validate()
        try data.validate(for: .binaryClassification)
        return Model(featureNames: data.features.names, factor: factor)
    }
    struct Model: FittedModel {
        var featureNames: [String]
        var factor: Double
        var task: Task { .binaryClassification }
        var diagnostics: FitDiagnostics { FitDiagnostics() }
        func predict(_ features: FeatureMatrix) throws -> [Double] {
            (0..<features.rowCount).map { 1 / (1 + exp(-factor * features[$0, 0])) }
        }
    }
}
