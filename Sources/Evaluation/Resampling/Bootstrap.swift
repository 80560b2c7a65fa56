import Learning
import Statistics

/// A bootstrap percentile interval.
public struct BootstrapInterval: Sendable, Hashable, Codable {
    /// The statistic on the original data.
    public var estimate: Double
    public var lower: Double
    public var upper: Double
    public var confidenceLevel: Double
    /// Standard deviation of the replicate values (the bootstrap standard error).
    public var standardError: Double
    /// Replicates drawn, and how many gave no value (an undefined metric in that resample).
    public var replicates: Int
    public var failed: Int
}

/// The nonparametric bootstrap (Efron & Tibshirani 1993, *An Introduction to the Bootstrap*, ch. 13):
/// resample patients with replacement, recompute the statistic, and take the `(1 − level)/2` and
/// `(1 + level)/2` type-7 quantiles of the replicate values as the interval.
///
/// Replicate `b` draws its rows with `Xoshiro256StarStar(seed: seed, stream: b + 1)`, so the
/// replicates — and the interval — do not depend on the thread count. With `strata`, rows are drawn
/// within each stratum, keeping its size (pROC's default for the AUC: class sizes fixed).
public enum Bootstrap {
    /// The rows of replicate `replicate`: `rowCount` draws with replacement, within strata if given.
    ///
    /// - Complexity: O(N).
    public static func sample(rowCount: Int, replicate: Int, seed: UInt64, strata: [Int]? = nil) -> [Int] {
        var generator = Xoshiro256StarStar(seed: seed, stream: UInt64(replicate + 1))
        guard let strata else {
            return (0..<rowCount).map { _ in Int.random(in: 0..<rowCount, using: &generator) }
        }
        InputChecks.sameLength(strata.count, rowCount, "strata and rows")
        var groups: [Int: [Int]] = [:]
        for i in 0..<rowCount { groups[strata[i], default: []].append(i) }
        var rows: [Int] = []
        rows.reserveCapacity(rowCount)
        for key in groups.keys.sorted() {
            let members = groups[key]!
            for _ in members.indices { rows.append(members[Int.random(in: 0..<members.count, using: &generator)]) }
        }
        return rows
    }

    /// Percentile interval of any statistic of the rows.
    ///
    /// - Parameters:
    ///   - statistic: the statistic of a list of row indices (with repeats); `0..<rowCount` gives the
    ///     estimate. Throwing ``EvaluationError/undefined(metric:reason:)`` marks a replicate failed;
    ///     other errors propagate.
    ///   - replicates: ≥ 2; default 1,000. `confidenceLevel` in (0, 1), default 0.95.
    /// - Complexity: `replicates` evaluations of the statistic, in parallel.
    public static func interval(rowCount: Int, replicates: Int = 1000, confidenceLevel: Double = 0.95, seed: UInt64 = 0,
                                strata: [Int]? = nil, threads: Int? = nil,
                                statistic: @escaping @Sendable ([Int]) throws -> Double) throws -> BootstrapInterval {
        precondition(replicates >= 2, "need at least 2 bootstrap replicates, got \(replicates)")
        InputChecks.level(confidenceLevel)
        let estimate = try statistic(Array(0..<rowCount))
        let values = try ParallelMap.map(replicates, threads: threads) { b -> Double in
            do {
                return try statistic(sample(rowCount: rowCount, replicate: b, seed: seed, strata: strata))
            } catch EvaluationError.undefined {
                return .nan
            }
        }
        return summarise(estimate: estimate, values: values, level: confidenceLevel)
    }

    /// Percentile interval of a metric of fixed predictions (e.g. a validated model's AUC at a new site).
    ///
    /// The AUC takes a fast path: scores are sorted once and each replicate is scored from its row
    /// multiplicities in O(N), with the same resamples as the general path.
    ///
    /// - Parameters:
    ///   - stratified: resample within classes for binary targets (default true); ignored otherwise.
    /// - Complexity: O(replicates · N) for the AUC; `replicates` metric evaluations otherwise.
    public static func interval(_ metric: Metric, target: Target, predictions: [Double], replicates: Int = 1000,
                                confidenceLevel: Double = 0.95, seed: UInt64 = 0, stratified: Bool = true,
                                threads: Int? = nil) throws -> BootstrapInterval {
        InputChecks.sameLength(target.count, predictions.count, "target and predictions")
        precondition(replicates >= 2, "need at least 2 bootstrap replicates, got \(replicates)")
        InputChecks.level(confidenceLevel)
        let n = target.count
        let strata: [Int]? = stratified ? target.binaryLabels.map { $0.map { $0 ? 1 : 0 } } : nil
        if metric.kind == .auc, let labels = target.binaryLabels {
            let estimate = try metric.evaluate(target, predictions)
            let order = RadixSort.argsort(predictions)
            // Tied-score group boundaries in sorted order.
            var ends = [Int](repeating: 0, count: n)
            var k = n
            while k > 0 {
                var start = k - 1
                while start > 0 && predictions[order[start - 1]] == predictions[order[k - 1]] { start -= 1 }
                for q in start..<k { ends[q] = k }
                k = start
            }
            let groupEnd = ends
            let values = try ParallelMap.map(replicates, threads: threads) { b -> Double in
                var count = [Int32](repeating: 0, count: n)
                for row in sample(rowCount: n, replicate: b, seed: seed, strata: strata) { count[row] += 1 }
                return weightedAUC(order: order, groupEnd: groupEnd, labels: labels, count: count)
            }
            return summarise(estimate: estimate, values: values, level: confidenceLevel)
        }
        return try interval(rowCount: n, replicates: replicates, confidenceLevel: confidenceLevel, seed: seed,
                            strata: strata, threads: threads) { rows in
            try metric.evaluate(target.selectingRows(rows), rows.map { predictions[$0] })
        }
    }

    /// AUC of rows with multiplicities, from a presorted order: O(N).
    private static func weightedAUC(order: [Int], groupEnd: [Int], labels: [Bool], count: [Int32]) -> Double {
        var negativesBelow = 0.0, numerator = 0.0, positives = 0.0
        var k = 0
        while k < order.count {
            let end = groupEnd[k]
            var p = 0.0, q = 0.0
            for r in k..<end {
                let i = order[r]
                if labels[i] { p += Double(count[i]) } else { q += Double(count[i]) }
            }
            numerator += p * (negativesBelow + 0.5 * q)
            negativesBelow += q
            positives += p
            k = end
        }
        guard positives > 0, negativesBelow > 0 else { return .nan }
        return numerator / (positives * negativesBelow)
    }

    static func summarise(estimate: Double, values: [Double], level: Double) -> BootstrapInterval {
        let valid = values.filter { !$0.isNaN }
        guard valid.count >= 2 else {
            return BootstrapInterval(estimate: estimate, lower: .nan, upper: .nan, confidenceLevel: level, standardError: .nan,
                                     replicates: values.count, failed: values.count - valid.count)
        }
        let q = Descriptive.quantiles(valid, [(1 - level) / 2, (1 + level) / 2])
        return BootstrapInterval(estimate: estimate, lower: q[0], upper: q[1], confidenceLevel: level,
                                 standardError: Descriptive.standardDeviation(valid),
                                 replicates: values.count, failed: values.count - valid.count)
    }
}
