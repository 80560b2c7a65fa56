import Statistics

/// The area under the precision–recall curve as average precision (no interpolation):
///
///     AP = Σ_k (R_k − R_{k−1}) · P_k,
///
/// over the distinct thresholds in decreasing order, where `P_k` and `R_k` are the precision and recall
/// of the rule `score ≥ threshold_k` (R₀ = 0). This is scikit-learn's `average_precision_score`; it is
/// not the trapezoidal area, which is optimistic for PR curves (Davis & Goadrich 2006, ICML).
///
/// The baseline of a random classifier is the prevalence, not 0.5: report both.
///
/// - Throws: on non-finite scores, or when there are no positives.
/// - Complexity: O(N) after an O(N) radix sort.
public enum AveragePrecision {
    public static func compute(scores: [Double], labels: [Bool]) throws -> Double {
        InputChecks.sameLength(scores.count, labels.count, "scores and labels")
        try InputChecks.finite(scores, "scores")
        let positives = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard positives > 0 else { throw EvaluationError.undefined(metric: "average precision", reason: "no positive outcomes") }
        let order = RadixSort.argsort(scores)
        var tp = 0, seen = 0, previousRecall = 0.0, ap = 0.0
        var k = order.count - 1
        while k >= 0 {
            let value = scores[order[k]]
            while k >= 0 && scores[order[k]] == value {
                if labels[order[k]] { tp += 1 }
                seen += 1
                k -= 1
            }
            let recall = Double(tp) / Double(positives)
            ap += (recall - previousRecall) * Double(tp) / Double(seen)
            previousRecall = recall
        }
        return ap
    }
}
