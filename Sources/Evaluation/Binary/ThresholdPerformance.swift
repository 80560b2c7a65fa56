import Statistics

/// Sensitivity, specificity, PPV and NPV of the rule "positive when score ≥ threshold", each with a
/// Wilson interval (``Proportion``).
///
///     sensitivity = TP / (TP + FN)    specificity = TN / (TN + FP)
///     PPV = TP / (TP + FP)            NPV = TN / (TN + FN)
///
/// PPV and NPV depend on the prevalence of the cohort they are measured in; at a new site with a
/// different prevalence, report them from that site's data.
public struct ThresholdPerformance: Sendable, Hashable, Codable {
    public var threshold: Double
    public var truePositives: Int
    public var falsePositives: Int
    public var trueNegatives: Int
    public var falseNegatives: Int
    public var sensitivity: Proportion
    public var specificity: Proportion
    public var positivePredictiveValue: Proportion
    public var negativePredictiveValue: Proportion

    /// Performance at each of `thresholds`.
    ///
    /// - Parameter confidenceLevel: for the Wilson intervals, default 0.95.
    /// - Throws: on non-finite scores.
    /// - Complexity: O(N log N + T log N) for T thresholds.
    public static func at(_ thresholds: [Double], scores: [Double], labels: [Bool],
                          confidenceLevel: Double = 0.95) throws -> [ThresholdPerformance] {
        InputChecks.sameLength(scores.count, labels.count, "scores and labels")
        try InputChecks.finite(scores, "scores")
        let order = RadixSort.argsort(scores)
        let sorted = order.map { scores[$0] }
        // positivesBelow[k] = positives among the k lowest scores.
        var positivesBelow = [Int](repeating: 0, count: sorted.count + 1)
        for (k, i) in order.enumerated() { positivesBelow[k + 1] = positivesBelow[k] + (labels[i] ? 1 : 0) }
        let p = positivesBelow[sorted.count], n = sorted.count - p
        return thresholds.map { t in
            var lo = 0, hi = sorted.count
            while lo < hi { let mid = (lo + hi) / 2; if sorted[mid] < t { lo = mid + 1 } else { hi = mid } }
            let fn = positivesBelow[lo], tn = lo - fn
            let tp = p - fn, fp = n - tn
            return ThresholdPerformance(
                threshold: t, truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn,
                sensitivity: Proportion(successes: tp, trials: tp + fn, confidenceLevel: confidenceLevel),
                specificity: Proportion(successes: tn, trials: tn + fp, confidenceLevel: confidenceLevel),
                positivePredictiveValue: Proportion(successes: tp, trials: tp + fp, confidenceLevel: confidenceLevel),
                negativePredictiveValue: Proportion(successes: tn, trials: tn + fn, confidenceLevel: confidenceLevel))
        }
    }
}
