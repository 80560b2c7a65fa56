/// Features, target and optional sample weights: what `fit` takes.
public struct Dataset: Sendable, Hashable, Codable {
    public var features: FeatureMatrix
    public var target: Target
    /// Non-negative case weights (default: all 1). A weight of 2 is equivalent to duplicating the row.
    public var weights: [Double]?
    /// Bins fitted once on a larger matrix these rows come from (``BinningEstimator/fitBinner(_:weights:)``),
    /// used as they are by the tree learners that bin (LightGBM's Dataset `reference`): cross-fitting then
    /// bins a cohort once instead of once per fold. `nil` (the default): each fit bins its own rows. Ignored
    /// when its feature count or categorical features do not match the estimator's.
    public var binner: FeatureBinner?
    /// The codes of `features` under `binner`, when the caller has them already (a cohort binned once, its
    /// rows selected per fold: ``SharedBinners/codes(for:)``), used by the tree learners instead of binning
    /// again. `nil` (the default): they bin. Ignored without `binner` or when its shape does not match the
    /// features; kept by ``selectingRows(_:)`` (dropped there if its row count is not the dataset's); not
    /// encoded.
    public var binned: BinnedFeatures?

    enum CodingKeys: String, CodingKey { case features, target, weights, binner }

    public init(features: FeatureMatrix, target: Target, weights: [Double]? = nil, binner: FeatureBinner? = nil,
                binned: BinnedFeatures? = nil) {
        precondition(features.rowCount == target.count,
                     "features have \(features.rowCount) rows but the target has \(target.count)")
        precondition(weights.map { $0.count == target.count } ?? true, "one weight per row")
        self.features = features
        self.target = target
        self.weights = weights
        self.binner = binner
        self.binned = binned
    }

    public var rowCount: Int { features.rowCount }

    /// The weight of row `i` (1 when no weights are given).
    @inlinable
    public func weight(_ i: Int) -> Double { weights?[i] ?? 1 }

    /// The dataset restricted to the rows at `indices`, in that order.
    public func selectingRows(_ indices: [Int]) -> Dataset {
        Dataset(features: features.selectingRows(indices), target: target.selectingRows(indices),
                weights: weights.map { w in indices.map { w[$0] } }, binner: binner,
                binned: binned.flatMap { $0.rowCount == rowCount ? $0.selectingRows(indices) : nil })
    }

    /// Checks what every estimator needs: at least one row and one feature, finite features (unless
    /// `allowMissingFeatures`, where NaN means missing), a target of the expected kind with valid values,
    /// finite non-negative weights with a positive sum. Throws ``EstimatorError/invalidData(_:)``.
    public func validate(for task: Task, allowMissingFeatures: Bool = false) throws {
        guard rowCount > 0 else { throw EstimatorError.invalidData("the dataset has no rows") }
        guard features.columnCount > 0 else { throw EstimatorError.invalidData("the dataset has no features") }
        for j in 0..<features.columnCount {
            for v in features.column(j) where !v.isFinite {
                if allowMissingFeatures && v.isNaN { continue }
                throw EstimatorError.invalidData(
                    "feature \"\(features.names[j])\" has a non-finite value (NaN or infinity); impute or remove it first")
            }
        }
        guard target.task == task else {
            throw EstimatorError.invalidData("this estimator needs a \(task.rawValue) target, got \(target.task.rawValue)")
        }
        switch target {
        case .binary(let y):
            guard y.allSatisfy({ $0 == 0 || $0 == 1 }) else {
                throw EstimatorError.invalidData("a binary target must be coded 0 or 1")
            }
        case .continuous(let y):
            guard y.allSatisfy(\.isFinite) else { throw EstimatorError.invalidData("the target has non-finite values") }
        case .survival(let time, _):
            guard time.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                throw EstimatorError.invalidData("survival times must be finite and ≥ 0")
            }
        }
        if let weights {
            guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                throw EstimatorError.invalidData("sample weights must be finite and ≥ 0")
            }
            guard weights.reduce(0, +) > 0 else { throw EstimatorError.invalidData("sample weights sum to zero") }
        }
    }
}
