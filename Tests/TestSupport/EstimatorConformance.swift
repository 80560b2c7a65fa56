import Foundation
import Learning
import Statistics
import Testing

/// The conformance suite every estimator passes (DESIGN.md, "The estimator contract"), in the spirit of
/// scikit-learn's `check_estimator`:
///
/// 1. empty data and non-finite features are rejected with ``EstimatorError/invalidData(_:)``;
/// 2. row order does not change the fit;
/// 3. a sample weight of 2 equals a duplicated row;
/// 4. save → load gives identical predictions;
/// 5. the same seed gives an identical model;
/// 6. one feature is fitted, and a single-class or event-free target is fitted or rejected clearly;
/// 7. every invalid configuration given is rejected by `validate()` naming its parameter.
///
/// Randomised estimators (bootstrap, subsampling) cannot satisfy 2 and 3 exactly; they say so through
/// ``Options`` with the reason, and are then checked for determinism only.
public enum EstimatorConformance {
    public struct Options: Sendable {
        /// Maximum absolute difference between predictions that must agree.
        public var tolerance: Double = 1e-8
        /// Whether NaN features are accepted as "missing" (boosted trees).
        public var acceptsMissingValues = false
        /// Why row order or duplicated-row equivalence cannot hold exactly (`nil` = they must hold).
        public var randomisedBecause: String?
        /// Configurations that `validate()` must reject, with the parameter name the error must mention.
        public var invalidConfigurations: [(configuration: any Estimator, parameter: String)] = []

        public init(tolerance: Double = 1e-8, acceptsMissingValues: Bool = false, randomisedBecause: String? = nil,
                    invalidConfigurations: [(configuration: any Estimator, parameter: String)] = []) {
            self.tolerance = tolerance
            self.acceptsMissingValues = acceptsMissingValues
            self.randomisedBecause = randomisedBecause
            self.invalidConfigurations = invalidConfigurations
        }
    }

    /// Runs every check of the suite on `estimator` with `data` (which must be fittable), recording
    /// failures as test issues.
    public static func check<E: Estimator>(_ estimator: E, on data: Dataset, options: Options = Options(),
                                           sourceLocation: SourceLocation = #_sourceLocation) throws {
        let model = try estimator.fit(data, seed: 11)
        let reference = try model.predict(data.features)
        #expect(reference.count == data.rowCount, "one prediction per row", sourceLocation: sourceLocation)
        let allFinite = reference.allSatisfy { $0.isFinite }
        #expect(allFinite, "predictions are finite", sourceLocation: sourceLocation)

        // 1. Empty data and non-finite features.
        let empty = Dataset(features: FeatureMatrix(names: data.features.names, rowCount: 0, columnMajor: []),
                            target: data.target.selectingRows([]))
        expectInvalidData("empty data", sourceLocation) { _ = try estimator.fit(empty, seed: 1) }
        var poisoned = data
        poisoned.features[0, 0] = .infinity
        expectInvalidData("an infinite feature", sourceLocation) { _ = try estimator.fit(poisoned, seed: 1) }
        if !options.acceptsMissingValues {
            poisoned.features[0, 0] = .nan
            expectInvalidData("a NaN feature", sourceLocation) { _ = try estimator.fit(poisoned, seed: 1) }
        }

        // 5. Determinism under a seed.
        let again = try estimator.fit(data, seed: 11).predict(data.features)
        #expect(again == reference, "the same seed gives the same model", sourceLocation: sourceLocation)

        // 4. Save → load.
        let encoded = try JSONEncoder().encode(model)
        let decoded = try JSONDecoder().decode(E.Model.self, from: encoded)
        let reloaded = try decoded.predict(data.features)
        #expect(reloaded == reference, "save → load gives identical predictions", sourceLocation: sourceLocation)

        if options.randomisedBecause == nil {
            // 2. Row order.
            let n = data.rowCount
            var generator = Xoshiro256StarStar(seed: 5)
            let permutation = (0..<n).shuffled(using: &generator)
            let permutedModel = try estimator.fit(data.selectingRows(permutation), seed: 11)
            let permuted = try permutedModel.predict(data.features)
            #expect(maxDifference(permuted, reference) <= options.tolerance,
                    "row order does not change the fit (max difference \(maxDifference(permuted, reference)))",
                    sourceLocation: sourceLocation)

            // 3. Weight 2 equals a duplicated row.
            var weights = [Double](repeating: 1, count: n)
            weights[0] = 2
            var weighted = data
            weighted.weights = weights
            let duplicated = data.selectingRows([0] + Array(0..<n))
            let a = try estimator.fit(weighted, seed: 11).predict(data.features)
            let b = try estimator.fit(duplicated, seed: 11).predict(data.features)
            #expect(maxDifference(a, b) <= options.tolerance,
                    "a weight of 2 equals a duplicated row (max difference \(maxDifference(a, b)))",
                    sourceLocation: sourceLocation)
        }

        // 6. One feature; one class.
        let single = Dataset(features: data.features.selectingColumns([0]), target: data.target, weights: data.weights)
        let singlePredictions = try estimator.fit(single, seed: 3).predict(single.features)
        #expect(singlePredictions.count == data.rowCount, "one feature is fitted", sourceLocation: sourceLocation)
        if let degenerate = degenerateTarget(data.target) {
            let oneClass = Dataset(features: data.features, target: degenerate)
            do {
                let predictions = try estimator.fit(oneClass, seed: 3).predict(data.features)
                let finite = predictions.allSatisfy { $0.isFinite }
                #expect(finite, "a single-class target fitted without rejection gives finite predictions",
                        sourceLocation: sourceLocation)
            } catch let error as EstimatorError {
                guard case .invalidData = error else {
                    Issue.record("a single-class target should be rejected as invalid data, got \(error)",
                                 sourceLocation: sourceLocation)
                    return
                }
            }
        }

        // 7. Invalid configurations.
        for (configuration, parameter) in options.invalidConfigurations {
            do {
                try configuration.validate()
                Issue.record("validate() accepted an invalid \(parameter)", sourceLocation: sourceLocation)
            } catch let error as EstimatorError {
                #expect(error.description.contains(parameter), "the error names \(parameter): \(error)",
                        sourceLocation: sourceLocation)
            }
        }
    }

    static func expectInvalidData(_ what: String, _ location: SourceLocation, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("\(what) was accepted", sourceLocation: location)
        } catch let error as EstimatorError {
            if case .invalidData = error { return }
            Issue.record("\(what): expected invalidData, got \(error)", sourceLocation: location)
        } catch {
            Issue.record("\(what): expected EstimatorError.invalidData, got \(error)", sourceLocation: location)
        }
    }

    static func degenerateTarget(_ target: Target) -> Target? {
        switch target {
        case .binary(let y): .binary(Array(repeating: 0, count: y.count))
        case .survival(let t, let e): .survival(time: t, event: Array(repeating: false, count: e.count))
        case .continuous: nil
        }
    }

    public static func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count)
        return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }
}
