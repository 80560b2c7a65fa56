import Learning
import Statistics

/// A metric corrected for optimism by the bootstrap.
public struct OptimismCorrectedMetric: Sendable, Hashable, Codable {
    public var name: String
    /// The metric of the model fitted on all rows, scored on the same rows.
    public var apparent: Double
    /// Mean over replicates of (score on the bootstrap sample − score on the original rows).
    public var optimism: Double
    /// `apparent − optimism`.
    public var corrected: Double
    /// Replicates with a defined value.
    public var replicates: Int
}

extension Resampling {
    /// Harrell's bootstrap optimism correction (the "enhanced bootstrap"; Efron 1983; Harrell,
    /// *Regression Modeling Strategies*, 2nd ed. 2015, §5.3.5; Steyerberg, *Clinical Prediction Models*,
    /// 2nd ed. 2019, §17.3):
    ///
    /// 1. fit on all rows, score on all rows: the apparent performance;
    /// 2. for b = 1…B: fit the whole estimator (preprocessing included) on a bootstrap sample, score it
    ///    on that sample (`A_b`) and on the original rows (`T_b`); optimism_b = A_b − T_b;
    /// 3. corrected = apparent − mean optimism.
    ///
    /// Replicate b draws rows with ``Bootstrap/sample(rowCount:replicate:seed:strata:)`` (unstratified)
    /// and fits with `Xoshiro256StarStar(seed: seed ^ 0xB007, stream: b + 1)`. A replicate whose fit
    /// fails or whose metric is undefined is skipped for that metric (see ``OptimismCorrectedMetric/replicates``).
    ///
    /// - Parameters:
    ///   - replicates: B ≥ 2; default 200 (Harrell's usual 200–400).
    /// - Complexity: B + 1 fits, in parallel.
    public static func optimismCorrected<E: Estimator>(_ estimator: E, on data: Dataset, metrics: [Metric]? = nil,
                                                       replicates: Int = 200, seed: UInt64 = 0,
                                                       threads: Int? = nil) throws -> [OptimismCorrectedMetric] {
        precondition(replicates >= 2, "need at least 2 bootstrap replicates, got \(replicates)")
        let metrics = metrics ?? Metric.defaults(for: data.target.task)
        var generator = Xoshiro256StarStar(seed: seed ^ 0xB007, stream: 0)
        let full = try estimator.fit(data, generator: &generator)
        let fullPredictions = try full.predict(data.features)
        let apparent = try metrics.map { try $0.evaluate(data.target, fullPredictions, trainingTarget: data.target) }
        let optimism: [[Double]] = try ParallelMap.map(replicates, threads: threads) { b in
            let rows = Bootstrap.sample(rowCount: data.rowCount, replicate: b, seed: seed)
            let boot = data.selectingRows(rows)
            var generator = Xoshiro256StarStar(seed: seed ^ 0xB007, stream: UInt64(b + 1))
            guard let model = try? estimator.fit(boot, generator: &generator),
                  let onBoot = try? model.predict(boot.features),
                  let onOriginal = try? model.predict(data.features) else {
                return metrics.map { _ in .nan }
            }
            return metrics.map { metric in
                guard let a = try? metric.evaluate(boot.target, onBoot, trainingTarget: boot.target),
                      let t = try? metric.evaluate(data.target, onOriginal, trainingTarget: boot.target) else { return .nan }
                return a - t
            }
        }
        return metrics.indices.map { m in
            let values = optimism.map { $0[m] }.filter { !$0.isNaN }
            let mean = values.isEmpty ? Double.nan : values.reduce(0, +) / Double(values.count)
            return OptimismCorrectedMetric(name: metrics[m].name, apparent: apparent[m], optimism: mean,
                                           corrected: apparent[m] - mean, replicates: values.count)
        }
    }
}
