import Foundation

/// How well the arms overlap in propensity: the distributions for plotting, effective sample sizes under
/// weighting, and the share of extreme propensities.
///
/// For each arm a and each received arm b, ``distributions`` summarises π̂ₐ(x) among patients who received
/// b (quantiles and a histogram of ``binCount`` equal bins on [0, 1]): with good overlap the histograms of
/// π̂ₐ among a-patients and among the others cover the same range. ``effectiveSampleSize`` is Kish's
/// (Σw)²/Σw² per received arm under inverse-probability weights 1/π̂ (Kish 1965; as reported by R's
/// WeightIt/cobalt): far below the arm's size means a few patients carry the weighted analysis.
/// ``extremeShare`` is the share of patients with some π̂ₐ below ``threshold`` (default 0.05, the usual
/// trimming bound). Warnings are returned in ``messages``.
public struct OverlapDiagnostics: Sendable, Hashable, Codable {
    /// Summary of π̂ₐ among the patients who received one arm.
    public struct Distribution: Sendable, Hashable, Codable {
        /// Arm whose propensity is summarised (a).
        public var propensityArm: String
        /// Arm the patients received (b).
        public var receivedArm: String
        public var count: Int
        public var mean: Double
        /// Minimum, 5 %, 25 %, 50 %, 75 %, 95 % quantiles and maximum.
        public var quantiles: [Double]
        /// Patients per bin; bin k covers [k/B, (k+1)/B), the last bin includes 1.
        public var histogram: [Int]
    }

    public static let quantileLevels = [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1]

    public var distributions: [Distribution]
    public var armNames: [String]
    /// Patients per received arm.
    public var armSizes: [Int]
    /// Kish's effective sample size per received arm under weights 1/π̂.
    public var effectiveSampleSize: [Double]
    /// Share of patients with min over arms of π̂ₐ < ``threshold``.
    public var extremeShare: Double
    /// Per arm a, the share of patients with π̂ₐ < ``threshold``.
    public var extremeShareByArm: [Double]
    public var threshold: Double
    public var binCount: Int
    public var messages: [String]

    /// - Parameters:
    ///   - threshold: bound for "extreme" propensities, in (0, 0.5). Default 0.05.
    ///   - binCount: histogram bins, ≥ 2. Default 20.
    /// - Complexity: O(K² n log n) for K arms.
    public init(_ scores: PropensityScores, threshold: Double = 0.05, binCount: Int = 20) throws {
        guard threshold > 0, threshold < 0.5 else {
            throw TreatmentError.invalidParameter(name: "threshold", value: "\(threshold)", fix: "use a value in (0, 0.5), e.g. 0.05")
        }
        guard binCount >= 2 else {
            throw TreatmentError.invalidParameter(name: "binCount", value: "\(binCount)", fix: "use at least 2 bins, e.g. 20")
        }
        let k = scores.armNames.count, n = scores.patientCount
        var distributions: [Distribution] = []
        var sizes = [Int](repeating: 0, count: k)
        for b in scores.arm { sizes[b] += 1 }
        for a in 0..<k {
            for b in 0..<k {
                let values = (0..<n).filter { scores.arm[$0] == b }.map { scores.probabilities[a][$0] }.sorted()
                var histogram = [Int](repeating: 0, count: binCount)
                for v in values { histogram[min(binCount - 1, max(0, Int(v * Double(binCount))))] += 1 }
                distributions.append(Distribution(
                    propensityArm: scores.armNames[a], receivedArm: scores.armNames[b], count: values.count,
                    mean: values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count),
                    quantiles: Self.quantileLevels.map { PropensityWeights.quantile(values, $0) }, histogram: histogram))
            }
        }
        var ess = [Double](repeating: 0, count: k)
        for b in 0..<k {
            let w = (0..<n).filter { scores.arm[$0] == b }.map { 1 / max(scores.probabilities[b][$0], .leastNormalMagnitude) }
            ess[b] = kishEffectiveSampleSize(w)
        }
        var extreme = 0
        var byArm = [Double](repeating: 0, count: k)
        for i in 0..<n {
            var any = false
            for a in 0..<k where scores.probabilities[a][i] < threshold { byArm[a] += 1; any = true }
            if any { extreme += 1 }
        }
        var messages: [String] = []
        for b in 0..<k where sizes[b] > 0 && ess[b] < 0.5 * Double(sizes[b]) {
            messages.append(String(format: "arm \"%@\": effective sample size %.0f under inverse-probability weights is below half its %d patients; consider trimming or truncated weights",
                                   scores.armNames[b], ess[b], sizes[b]))
        }
        let share = n > 0 ? Double(extreme) / Double(n) : 0
        if share > 0.1 {
            messages.append(String(format: "%.0f%% of patients have a propensity below %.2f for some arm: overlap is limited", 100 * share, threshold))
        }
        self.distributions = distributions
        armNames = scores.armNames
        armSizes = sizes
        effectiveSampleSize = ess
        extremeShare = share
        extremeShareByArm = byArm.map { n > 0 ? $0 / Double(n) : 0 }
        self.threshold = threshold
        self.binCount = binCount
        self.messages = messages
    }
}
