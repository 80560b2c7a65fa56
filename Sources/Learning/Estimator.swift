import Statistics

/// The estimator contract (see DESIGN.md, "The estimator contract").
///
/// A conforming type is a *configuration*: a plain value holding only hyperparameters, with
/// documented defaults and ranges, checked in one place by ``validate()``. ``fit(_:generator:)``
/// returns a separate fitted value, so predicting with an unfitted model cannot compile. Randomness
/// comes only from the generator passed in: the same seed reproduces a fit bit for bit.
///
/// Every estimator passes the shared conformance suite in `TestSupport` (`EstimatorConformance`).
public protocol Estimator: Sendable, Codable, Hashable {
    associatedtype Model: FittedModel

    /// Tasks this estimator can fit.
    static var supportedTasks: Set<Task> { get }

    /// Checks every hyperparameter; throws ``EstimatorError/invalidParameter(name:value:fix:)`` naming
    /// the parameter, the bad value and the fix.
    func validate() throws

    /// Fits the model. Validates the configuration and the data first.
    func fit(_ data: Dataset, generator: inout Xoshiro256StarStar) throws -> Model
}

/// An estimator that bins its features before fitting (the histogram tree learners) and accepts bins
/// fitted once on a whole cohort through ``Dataset/binner``, so that many fits on subsets of the same
/// patients (cross-fitting folds, arms, bootstrap replicates) bin once.
public protocol BinningEstimator: Estimator {
    /// What decides the bins besides the data: estimators with equal settings fit equal bins.
    var binningSettings: BinningSettings { get }
    /// The bins this estimator would fit on `features` with case `weights`.
    func fitBinner(_ features: FeatureMatrix, weights: [Double]?) throws -> FeatureBinner
}

/// The settings that decide a ``FeatureBinner`` besides the data.
public struct BinningSettings: Sendable, Hashable {
    public var maxBins: Int
    public var categoricalFeatures: [String]

    public init(maxBins: Int, categoricalFeatures: [String]) {
        self.maxBins = maxBins
        self.categoricalFeatures = categoricalFeatures
    }
}

/// The bins of one feature matrix for several estimators, fitted once per distinct ``BinningSettings``
/// (for ``Dataset/binner``): a meta-learner's outcome, propensity and final-stage trees usually share them.
public final class SharedBinners {
    public let features: FeatureMatrix
    public let weights: [Double]?
    /// Bins already fitted on the first columns of ``features`` (``init(features:weights:sharing:)``).
    private let base: SharedBinners?
    private var fitted: [BinningSettings: FeatureBinner] = [:]
    private var transformed: [BinningSettings: BinnedFeatures] = [:]

    public init(features: FeatureMatrix, weights: [Double]?) {
        self.features = features
        self.weights = weights
        base = nil
    }

    /// Bins of `features` whose first columns are `base`'s features (same names, rows and weights) followed by
    /// extra numerical columns — a pooled outcome model's covariates plus arm indicators: the first columns
    /// take `base`'s bins and codes (fitted once for both), the extra columns are binned here. Binning is per
    /// feature, so this equals binning `features` whenever the estimator declares no extra column categorical
    /// (when it does, the trees notice the bins disagree with their settings and bin the data themselves).
    public init(features: FeatureMatrix, weights: [Double]?, sharing base: SharedBinners) {
        precondition(features.rowCount == base.features.rowCount
                     && Array(features.names.prefix(base.features.columnCount)) == base.features.names,
                     "the shared bins' features must be the first columns")
        self.features = features
        self.weights = weights
        self.base = base
    }

    /// The columns of ``features`` after `base`'s.
    private func extraColumns(after base: SharedBinners) -> FeatureMatrix {
        let n = features.rowCount, first = base.features.columnCount
        return FeatureMatrix(names: Array(features.names[first...]), rowCount: n,
                             columnMajor: Array(features.values[(first * n)...]))
    }

    /// The bins for `estimator` when it is a ``BinningEstimator``, else `nil`.
    public func binner(for estimator: some Estimator) throws -> FeatureBinner? {
        guard let binning = estimator as? any BinningEstimator else { return nil }
        if let known = fitted[binning.binningSettings] { return known }
        let binner: FeatureBinner
        if let base, let shared = try base.binner(for: estimator) {
            binner = shared.appending(try FeatureBinner(fitting: extraColumns(after: base), weights: weights,
                                                        maxBins: binning.binningSettings.maxBins))
        } else {
            binner = try binning.fitBinner(features, weights: weights)
        }
        fitted[binning.binningSettings] = binner
        return binner
    }

    /// ``features`` binned by ``binner(for:)`` (for ``Dataset/binned``, rows selected per fit), binned once per
    /// distinct ``BinningSettings``; `nil` when `estimator` does not bin.
    public func codes(for estimator: some Estimator) throws -> BinnedFeatures? {
        guard let binning = estimator as? any BinningEstimator, let binner = try binner(for: estimator) else { return nil }
        if let known = transformed[binning.binningSettings] { return known }
        let codes: BinnedFeatures
        if let base, let shared = try base.codes(for: estimator) {
            // Column-major: the extra columns' codes follow the shared ones.
            let extra = extraColumns(after: base)
            let extraBinner = FeatureBinner(selecting: binner, features: base.features.columnCount..<binner.featureCount)
            codes = BinnedFeatures(rowCount: features.rowCount, columnCount: features.columnCount,
                                   codes: shared.codes + extraBinner.transform(extra).codes)
        } else {
            codes = binner.transform(features)
        }
        transformed[binning.binningSettings] = codes
        return codes
    }
}

extension Estimator {
    /// Fits with a generator seeded by `seed`.
    public func fit(_ data: Dataset, seed: UInt64 = 0) throws -> Model {
        var generator = Xoshiro256StarStar(seed: seed)
        return try fit(data, generator: &generator)
    }
}

/// A fitted model: predicts, and is a Codable artifact.
public protocol FittedModel: Sendable, Codable {
    /// The features the model was fitted on, in order.
    var featureNames: [String] { get }
    var task: Task { get }
    /// Non-fatal trouble found while fitting.
    var diagnostics: FitDiagnostics { get }

    /// One score per row: the probability of the positive class (binary), the predicted value
    /// (regression) or a risk score increasing with hazard (survival).
    func predict(_ features: FeatureMatrix) throws -> [Double]
}

/// A fitted survival model that also gives survival curves.
public protocol SurvivalModel: FittedModel {
    /// `S(t | x)` for each row (outer) at each of `times` (inner).
    func survivalProbabilities(_ features: FeatureMatrix, at times: [Double]) throws -> [[Double]]
}

extension FittedModel {
    /// Checks that `features` has this model's features in order; throws
    /// ``EstimatorError/incompatibleInput(_:)`` naming the first mismatch.
    public func checkCompatible(_ features: FeatureMatrix) throws {
        guard features.names == featureNames else {
            let missing = featureNames.first { !features.names.contains($0) }
            if let missing {
                throw EstimatorError.incompatibleInput("feature \"\(missing)\" is missing")
            }
            throw EstimatorError.incompatibleInput(
                "features must be \(featureNames.joined(separator: ", ")) in this order")
        }
    }
}
