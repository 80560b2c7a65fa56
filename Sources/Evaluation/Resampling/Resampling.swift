import Learning
import Statistics

/// Leak-free, seeded, parallel resampling of a whole estimator.
///
/// The unit that is resampled is an ``Learning/Estimator`` — normally a ``Learning/Pipeline``, so that
/// imputation, scaling, encoding and any supervised step live *inside* it. For every split the
/// estimator's `fit` receives `data.selectingRows(split.train)` and nothing else: there is no way to
/// hand it preprocessing fitted elsewhere, and held-out rows reach the fitted model only through
/// `predict`. Preprocessing computed on the whole dataset *before* calling these functions is the one
/// leak this API cannot see; do not pre-process outside the pipeline.
///
/// Seeding: split `s` is fitted with `Xoshiro256StarStar(seed: seed, stream: s + 1)` and splits are
/// drawn from the same seed, so results are identical for any thread count. Splits run in parallel
/// with `DispatchQueue.concurrentPerform`, chunked to `threads` (default: the active core count).
public enum Resampling {
    /// A model fitted on one split and its predictions for the split's test rows.
    public struct SplitFit<Model: FittedModel>: Sendable {
        public var split: ResamplingSplit
        public var model: Model
        /// Predictions for `split.test`, in that order.
        public var predictions: [Double]
    }

    /// Fits `estimator` on each split's training rows and predicts its test rows.
    ///
    /// - Complexity: one fit and one prediction per split, spread over `threads`.
    public static func fitSplits<E: Estimator>(_ estimator: E, on data: Dataset, splits: [ResamplingSplit],
                                               seed: UInt64 = 0, threads: Int? = nil) throws -> [SplitFit<E.Model>] {
        try ParallelMap.map(splits.count, threads: threads) { s in
            let split = splits[s]
            var generator = Xoshiro256StarStar(seed: seed, stream: UInt64(s + 1))
            let model = try estimator.fit(data.selectingRows(split.train), generator: &generator)
            let predictions = try model.predict(data.features.selectingRows(split.test))
            return SplitFit(split: split, model: model, predictions: predictions)
        }
    }

    /// Cross-validates `estimator`: fits it on every split's training rows and scores every metric on
    /// the held-out rows.
    ///
    /// - Parameters:
    ///   - scheme: default 5-fold stratified, once.
    ///   - metrics: default ``Metric/defaults(for:)`` of the target's task.
    ///   - seed: seeds the splits and every fit.
    ///   - threads: parallel splits; default the active core count.
    /// - Throws: the first fitting or prediction error (by split order), and scheme errors. Metrics that
    ///   are undefined on a split are recorded as NaN with a warning.
    /// - Complexity: one fit per split.
    public static func crossValidate<E: Estimator>(_ estimator: E, on data: Dataset,
                                                   scheme: ResamplingScheme = .kFold(),
                                                   metrics: [Metric]? = nil, seed: UInt64 = 0,
                                                   threads: Int? = nil) throws -> ResamplingResult {
        let metrics = metrics ?? Metric.defaults(for: data.target.task)
        let splits = try scheme.splits(for: data.target, seed: seed)
        let fits = try fitSplits(estimator, on: data, splits: splits, seed: seed, threads: threads)
        return score(fits.map { ($0.split, $0.predictions) }, data: data, metrics: metrics)
    }

    /// Scores held-out predictions of each split.
    static func score(_ fits: [(ResamplingSplit, [Double])], data: Dataset, metrics: [Metric]) -> ResamplingResult {
        var warnings: [String] = []
        var scores: [[Double]] = []
        for (split, predictions) in fits {
            let target = data.target.selectingRows(split.test)
            let training = data.target.selectingRows(split.train)
            scores.append(metrics.map { metric in
                do {
                    return try metric.evaluate(target, predictions, trainingTarget: training)
                } catch {
                    warnings.append("\(split.name): \(error)")
                    return .nan
                }
            })
        }
        return ResamplingResult(splits: fits.map(\.0), metrics: metrics.map(\.name), scores: scores,
                                predictions: fits.map(\.1), rowCount: data.rowCount, warnings: warnings)
    }
}

/// Scores of every split, with held-out predictions.
public struct ResamplingResult: Sendable, Hashable, Codable {
    public var splits: [ResamplingSplit]
    /// Metric names, in the order of the inner arrays of ``scores``.
    public var metrics: [String]
    /// `scores[s][m]`: metric `m` on split `s` (NaN where undefined).
    public var scores: [[Double]]
    /// Held-out predictions of split `s`, aligned with `splits[s].test`.
    public var predictions: [[Double]]
    public var rowCount: Int
    /// Why some scores are NaN.
    public var warnings: [String]

    /// Per-split values of one metric.
    public func values(of metric: String) -> [Double]? {
        metrics.firstIndex(of: metric).map { m in scores.map { $0[m] } }
    }

    /// Mean, standard deviation and range of a metric over splits (NaN splits left out).
    public func summary(of metric: String) -> MetricSummary? {
        values(of: metric).map { MetricSummary(name: metric, values: $0) }
    }

    /// All metrics' summaries, in order.
    public var summaries: [MetricSummary] { metrics.map { summary(of: $0)! } }

    /// Out-of-fold predictions of one repetition: each row's prediction from the model that did not see
    /// it (NaN for rows no split of that repetition tested).
    ///
    /// - Complexity: O(N).
    public func outOfFoldPredictions(repetition: Int = 0) -> [Double] {
        var out = [Double](repeating: .nan, count: rowCount)
        for (s, split) in splits.enumerated() where split.repetition == repetition {
            for (k, row) in split.test.enumerated() { out[row] = predictions[s][k] }
        }
        return out
    }
}

/// Summary of a metric over resampling splits.
public struct MetricSummary: Sendable, Hashable, Codable {
    public var name: String
    /// Number of splits with a defined value.
    public var count: Int
    public var mean: Double
    /// Sample standard deviation over splits (0 for one split).
    public var standardDeviation: Double
    public var minimum: Double
    public var maximum: Double

    public init(name: String, values: [Double]) {
        let v = values.filter { !$0.isNaN }
        self.name = name
        count = v.count
        mean = v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count)
        let m = mean
        standardDeviation = v.count > 1 ? (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count - 1)).squareRoot() : 0
        minimum = v.min() ?? .nan
        maximum = v.max() ?? .nan
    }
}
