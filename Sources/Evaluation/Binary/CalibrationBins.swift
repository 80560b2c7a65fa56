/// Binned calibration: observed event rate against mean predicted probability in equal-width bins,
/// and the expected calibration error.
///
/// Bin `b` of `B` (default 10) holds probabilities in `(e_b, e_{b+1}]` with `e_k = k/B` (the first bin
/// also holds 0): the binning of scikit-learn's `calibration_curve(strategy="uniform")`. Then
///
///     ECE = Σ_b (n_b / N) · |ȳ_b − p̄_b|,     MCE = max_b |ȳ_b − p̄_b|
///
/// over non-empty bins (Naeini, Cooper & Hauskrecht 2015, AAAI). ECE depends on the bin count and is
/// biased upwards in small samples; prefer ``LogisticCalibration`` and ``SmoothedCalibrationCurve`` for
/// inference, and use ECE to compare models on the same data.
public struct CalibrationBins: Sendable, Hashable, Codable {
    public struct Bin: Sendable, Hashable, Codable {
        public var lower: Double
        public var upper: Double
        public var count: Int
        /// Mean predicted probability in the bin.
        public var meanPredicted: Double
        /// Observed share of positives in the bin.
        public var observedRate: Double
    }

    /// The non-empty bins, in increasing order.
    public var bins: [Bin]
    public var expectedCalibrationError: Double
    public var maximumCalibrationError: Double

    /// - Parameter binCount: number of equal-width bins on [0, 1], ≥ 1; default 10.
    /// - Throws: when a probability is outside [0, 1] or the input is empty.
    /// - Complexity: O(N log B).
    public init(probabilities: [Double], labels: [Bool], binCount: Int = 10) throws {
        InputChecks.sameLength(probabilities.count, labels.count, "probabilities and labels")
        precondition(binCount >= 1, "binCount must be ≥ 1, got \(binCount)")
        try InputChecks.probabilities(probabilities)
        guard !labels.isEmpty else { throw EvaluationError.undefined(metric: "calibration bins", reason: "no patients") }
        let step = 1.0 / Double(binCount)
        var edges = (0...binCount).map { Double($0) * step }
        edges[binCount] = 1
        let interior = Array(edges.dropFirst().dropLast())
        var count = [Int](repeating: 0, count: binCount)
        var sumP = [Double](repeating: 0, count: binCount), sumY = [Double](repeating: 0, count: binCount)
        for i in probabilities.indices {
            let p = probabilities[i]
            // Number of interior edges strictly below p (numpy searchsorted, side "left").
            var lo = 0, hi = interior.count
            while lo < hi { let mid = (lo + hi) / 2; if interior[mid] < p { lo = mid + 1 } else { hi = mid } }
            count[lo] += 1
            sumP[lo] += p
            sumY[lo] += labels[i] ? 1 : 0
        }
        var bins: [Bin] = []
        var ece = 0.0, mce = 0.0
        let n = Double(labels.count)
        for b in 0..<binCount where count[b] > 0 {
            let c = Double(count[b])
            let bin = Bin(lower: edges[b], upper: edges[b + 1], count: count[b], meanPredicted: sumP[b] / c, observedRate: sumY[b] / c)
            let gap = abs(bin.observedRate - bin.meanPredicted)
            ece += c / n * gap
            mce = max(mce, gap)
            bins.append(bin)
        }
        self.bins = bins
        expectedCalibrationError = ece
        maximumCalibrationError = mce
    }
}
