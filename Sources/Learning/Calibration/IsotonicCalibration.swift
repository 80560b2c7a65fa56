/// Isotonic calibration: the non-decreasing step function of the score that best fits the labels in
/// weighted least squares, found by the pool-adjacent-violators algorithm; predictions interpolate
/// linearly between the fitted points and are clipped outside the fitted range.
///
/// As scikit-learn's `IsotonicRegression(out_of_bounds="clip")` (used by
/// `CalibratedClassifierCV(method="isotonic")`): equal scores are first merged into one point with the
/// weighted mean label and the summed weight.
///
/// Ayer M et al. (1955), Ann Math Stat 26:641; Zadrozny & Elkan (2002), KDD.
///
/// - Complexity: O(n log n) to fit, O(log k) per prediction for k fitted points.
public struct IsotonicCalibration: Sendable, Hashable, Codable {
    /// Increasing distinct scores and the fitted (non-decreasing) probability at each.
    public var thresholds: [Double]
    public var values: [Double]

    public init(thresholds: [Double], values: [Double]) {
        precondition(thresholds.count == values.count && !thresholds.isEmpty, "one value per threshold")
        self.thresholds = thresholds
        self.values = values
    }

    /// Fits on held-out scores and 0/1 labels.
    public static func fit(scores: [Double], labels: [Double], weights: [Double]? = nil) throws -> IsotonicCalibration {
        precondition(scores.count == labels.count, "one label per score")
        guard !scores.isEmpty else { throw EstimatorError.invalidData("calibration needs at least one held-out patient") }
        guard scores.allSatisfy(\.isFinite) else { throw EstimatorError.invalidData("calibration scores must be finite") }
        let w = weights ?? Array(repeating: 1, count: scores.count)
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        // Merge equal scores.
        var x: [Double] = [], y: [Double] = [], weight: [Double] = []
        for i in order {
            if let last = x.last, last == scores[i] {
                let total = weight[weight.count - 1] + w[i]
                if total > 0 { y[y.count - 1] = (y[y.count - 1] * weight[weight.count - 1] + labels[i] * w[i]) / total }
                weight[weight.count - 1] = total
            } else {
                x.append(scores[i]); y.append(labels[i]); weight.append(w[i])
            }
        }
        // Pool adjacent violators: blocks of (mean, weight, count).
        var means: [Double] = [], sums: [Double] = [], counts: [Int] = []
        for k in x.indices {
            means.append(y[k]); sums.append(weight[k]); counts.append(1)
            while means.count > 1, means[means.count - 2] > means[means.count - 1] {
                let m2 = means.removeLast(), w2 = sums.removeLast(), c2 = counts.removeLast()
                let m1 = means[means.count - 1], w1 = sums[sums.count - 1]
                let total = w1 + w2
                means[means.count - 1] = total > 0 ? (m1 * w1 + m2 * w2) / total : (m1 + m2) / 2
                sums[sums.count - 1] = total
                counts[counts.count - 1] += c2
            }
        }
        var fitted: [Double] = []
        for (block, count) in counts.enumerated() { fitted += Array(repeating: means[block], count: count) }
        return IsotonicCalibration(thresholds: x, values: fitted)
    }

    /// The calibrated probability for a score (linear interpolation, clipped at the ends).
    public func probability(_ score: Double) -> Double {
        if score <= thresholds[0] { return values[0] }
        if score >= thresholds[thresholds.count - 1] { return values[values.count - 1] }
        var lo = 0, hi = thresholds.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if thresholds[mid] <= score { lo = mid } else { hi = mid }
        }
        let span = thresholds[hi] - thresholds[lo]
        return values[lo] + (score - thresholds[lo]) / span * (values[hi] - values[lo])
    }
}
