import Statistics

/// Calibration of predicted survival at a horizon: predicted against Kaplan–Meier observed survival by
/// risk group.
///
/// Patients are sorted by predicted survival at the horizon `h` (ties in input order) and cut into `G`
/// groups of near-equal size (group g holds sorted positions `⌊gN/G⌋ ..< ⌊(g+1)N/G⌋`; default G = 10,
/// deciles). In each group the mean predicted `Ŝ_i(h)` is set against the group's Kaplan–Meier
/// `Ŝ_KM(h)` with its log(−log) interval: points on the diagonal mean good calibration. (The approach of
/// Royston & Altman 2013 and of `rms::calibrate(..., u = h)` with fixed groups.)
///
/// Royston P, Altman DG (2013), "External validation of a Cox prognostic model: principles and
/// methods", BMC Med Res Methodol 13:33. Agreement: lifelines `KaplanMeierFitter` per group, 1e-12.
public struct SurvivalCalibration: Sendable, Hashable, Codable {
    public struct Group: Sendable, Hashable, Codable {
        public var count: Int
        /// Events observed up to and including the horizon.
        public var events: Int
        public var meanPredicted: Double
        /// Kaplan–Meier survival at the horizon, with its interval.
        public var observed: Double
        public var lower: Double
        public var upper: Double
    }

    public var horizon: Double
    /// Groups from the lowest predicted survival (highest risk) to the highest.
    public var groups: [Group]

    /// - Parameters:
    ///   - predictedSurvival: Ŝ_i(horizon) per patient, in [0, 1].
    ///   - groupCount: 2 … N; default 10.
    ///   - confidenceLevel: for the Kaplan–Meier intervals, default 0.95.
    /// - Throws: on bad input.
    /// - Complexity: O(N log N).
    public init(_ outcomes: SurvivalOutcomes, predictedSurvival: [Double], horizon: Double, groupCount: Int = 10,
                confidenceLevel: Double = 0.95) throws {
        InputChecks.sameLength(outcomes.count, predictedSurvival.count, "survival outcomes and predictions")
        try outcomes.validate()
        try InputChecks.probabilities(predictedSurvival, "predicted survival probabilities")
        let n = outcomes.count
        guard groupCount >= 2, groupCount <= n else {
            throw EvaluationError.invalidParameter(name: "groupCount", value: "\(groupCount)",
                                                   fix: "use between 2 and the number of patients (\(n)) groups")
        }
        let order = RadixSort.argsort(predictedSurvival)
        var groups: [Group] = []
        for g in 0..<groupCount {
            let rows = Array(order[(n * g / groupCount)..<(n * (g + 1) / groupCount)])
            let sub = outcomes.selecting(rows)
            let km = KaplanMeier(uncheckedTime: sub.time, event: sub.event)
            let (lo, hi) = km.confidenceInterval(at: horizon, level: confidenceLevel)
            let events = rows.filter { outcomes.event[$0] && outcomes.time[$0] <= horizon }.count
            groups.append(Group(count: rows.count, events: events,
                                meanPredicted: rows.reduce(0) { $0 + predictedSurvival[$1] } / Double(rows.count),
                                observed: km.survival(at: horizon), lower: lo, upper: hi))
        }
        self.horizon = horizon
        self.groups = groups
    }
}
