import Learning
import Statistics

/// The result of nested cross-validation: an honest estimate of the performance of the *whole
/// procedure* "choose a configuration by inner cross-validation, then refit it".
public struct NestedCrossValidationResult: Sendable, Hashable, Codable {
    /// The metric configurations were chosen by.
    public var selectionMetric: String
    /// Outer-split scores of the configuration chosen on each outer training set.
    public var outer: ResamplingResult
    /// Index into the candidates chosen on each outer split.
    public var selected: [Int]
    /// `innerScores[s][c]`: mean inner-CV score of candidate `c` on outer split `s`.
    public var innerScores: [[Double]]
}

extension Resampling {
    /// Nested cross-validation over a grid of estimator configurations.
    ///
    /// For each outer split, every candidate is cross-validated on the outer training rows only (inner
    /// scheme), the best mean inner score by `selectBy` wins (ties: the first candidate), it is refitted
    /// on all outer training rows and scored on the outer test rows. The outer scores estimate the
    /// performance of the selection procedure; the inner scores alone are optimistic (Varma & Simon
    /// 2006, BMC Bioinformatics 7:91).
    ///
    /// - Parameters:
    ///   - candidates: configurations (e.g. a grid of penalties), at least one.
    ///   - outer, inner: default 5-fold stratified each.
    ///   - selectBy: the selection metric (its ``Metric/higherIsBetter`` sets the direction).
    ///   - metrics: reported on the outer splits; default the task's defaults (the selection metric is
    ///     added when missing).
    /// - Complexity: outer·(candidates·inner + 1) fits, all in parallel.
    public static func nestedCrossValidate<E: Estimator>(candidates: [E], on data: Dataset,
                                                         outer: ResamplingScheme = .kFold(),
                                                         inner: ResamplingScheme = .kFold(),
                                                         selectBy metric: Metric, metrics: [Metric]? = nil,
                                                         seed: UInt64 = 0, threads: Int? = nil) throws -> NestedCrossValidationResult {
        guard !candidates.isEmpty else {
            throw EvaluationError.invalidParameter(name: "candidates", value: "[]", fix: "give at least one configuration")
        }
        var reported = metrics ?? Metric.defaults(for: data.target.task)
        if !reported.contains(where: { $0.name == metric.name }) { reported.insert(metric, at: 0) }
        let outerSplits = try outer.splits(for: data.target, seed: seed)
        // Inner splits, in outer-training-row coordinates, then mapped back to dataset rows.
        var innerSplits: [[ResamplingSplit]] = []
        for (s, split) in outerSplits.enumerated() {
            let sub = data.target.selectingRows(split.train)
            let local = try inner.restricted(to: split.train).splits(for: sub, seed: seed &+ UInt64(s + 1) &* 0x9E37_79B9)
            innerSplits.append(local.map { l in
                ResamplingSplit(name: l.name, repetition: l.repetition, fold: l.fold,
                                train: l.train.map { split.train[$0] }, test: l.test.map { split.train[$0] })
            })
        }
        var jobList: [NestedJob] = []
        for s in outerSplits.indices {
            for c in candidates.indices { for k in innerSplits[s].indices { jobList.append(NestedJob(outer: s, candidate: c, inner: k)) } }
        }
        let jobs = jobList, innerSplitList = innerSplits
        let innerValues: [Double] = try ParallelMap.map(jobs.count, threads: threads) { j in
            let job = jobs[j]
            let split = innerSplitList[job.outer][job.inner]
            var generator = Xoshiro256StarStar(seed: seed ^ 0x5EED_0F_1AAE, stream: UInt64(j + 1))
            let model = try candidates[job.candidate].fit(data.selectingRows(split.train), generator: &generator)
            let predictions = try model.predict(data.features.selectingRows(split.test))
            return (try? metric.evaluate(data.target.selectingRows(split.test), predictions,
                                         trainingTarget: data.target.selectingRows(split.train))) ?? .nan
        }
        var innerScores = outerSplits.indices.map { _ in [Double](repeating: .nan, count: candidates.count) }
        var collected = outerSplits.indices.map { _ in candidates.indices.map { _ in [Double]() } }
        for (j, job) in jobs.enumerated() { collected[job.outer][job.candidate].append(innerValues[j]) }
        var selected: [Int] = []
        for s in outerSplits.indices {
            for c in candidates.indices { innerScores[s][c] = MetricSummary(name: metric.name, values: collected[s][c]).mean }
            var best = 0
            for c in candidates.indices.dropFirst() {
                let a = innerScores[s][c], b = innerScores[s][best]
                if b.isNaN && !a.isNaN { best = c; continue }
                if metric.higherIsBetter ? a > b : a < b { best = c }
            }
            selected.append(best)
        }
        let chosen = selected
        let refits = try ParallelMap.map(outerSplits.count, threads: threads) { s -> (ResamplingSplit, [Double]) in
            let split = outerSplits[s]
            var generator = Xoshiro256StarStar(seed: seed, stream: UInt64(s + 1))
            let model = try candidates[chosen[s]].fit(data.selectingRows(split.train), generator: &generator)
            return (split, try model.predict(data.features.selectingRows(split.test)))
        }
        return NestedCrossValidationResult(selectionMetric: metric.name, outer: score(refits, data: data, metrics: reported),
                                           selected: selected, innerScores: innerScores)
    }
}

private struct NestedJob: Sendable {
    var outer: Int
    var candidate: Int
    var inner: Int
}
