import Statistics

/// The empirical ROC curve: one point per distinct score, from the strictest threshold down.
///
/// A patient is called positive when `score ≥ threshold`. The first point is (0, 0) at threshold
/// +∞; then, for each distinct score `s` in decreasing order, the false- and true-positive rates of
/// the rule `score ≥ s`. Matches scikit-learn `roc_curve(drop_intermediate=False)` exactly.
public struct ROCCurve: Sendable, Hashable, Codable {
    /// Decreasing thresholds, starting at +∞.
    public var thresholds: [Double]
    /// 1 − specificity at each threshold.
    public var falsePositiveRates: [Double]
    /// Sensitivity at each threshold.
    public var truePositiveRates: [Double]

    /// - Throws: on non-finite scores or a missing class.
    /// - Complexity: O(N) after an O(N) radix sort.
    public init(scores: [Double], labels: [Bool]) throws {
        InputChecks.sameLength(scores.count, labels.count, "scores and labels")
        try InputChecks.finite(scores, "scores")
        let (m, n) = try InputChecks.bothClasses(labels, metric: "ROC curve")
        let order = RadixSort.argsort(scores)
        var thresholds = [Double.infinity], fpr = [0.0], tpr = [0.0]
        var tp = 0, fp = 0
        var k = order.count - 1
        while k >= 0 {
            let value = scores[order[k]]
            while k >= 0 && scores[order[k]] == value {
                if labels[order[k]] { tp += 1 } else { fp += 1 }
                k -= 1
            }
            thresholds.append(value)
            fpr.append(Double(fp) / Double(n))
            tpr.append(Double(tp) / Double(m))
        }
        self.thresholds = thresholds
        falsePositiveRates = fpr
        truePositiveRates = tpr
    }

    /// Area under the curve by the trapezoidal rule (equals the Mann–Whitney AUC).
    ///
    /// - Complexity: O(points).
    public var area: Double {
        var a = 0.0
        for k in 1..<thresholds.count {
            a += (falsePositiveRates[k] - falsePositiveRates[k - 1]) * (truePositiveRates[k] + truePositiveRates[k - 1]) / 2
        }
        return a
    }
}
