import Evaluation
import Foundation

/// Kaplan–Meier curves per group with Greenwood log(−log) confidence bands (``KaplanMeier`` of
/// Evaluation), the numbers at risk at chosen times, medians, and the log-rank test across the groups
/// (``LogRankTest``) — the content of a Kaplan–Meier figure.
///
/// For a continuous marker, ``init(marker:time:event:)`` splits at the maximally selected log-rank
/// cut-point (``MaximallySelectedRankStatistic``), and the reported p-value is the Lausen–Schumacher
/// corrected one, never the log-rank p-value of the selected split (which is biased low).
public struct SurvivalComparison: Sendable {
    public struct Group: Sendable {
        public var label: String
        public var curve: KaplanMeier
        public var count: Int
        public var events: Int
        /// Median survival time (nil when Ŝ stays above ½).
        public var median: Double?
    }

    public var groups: [Group]
    /// The log-rank test across the groups (its p-value is uncorrected for a data-driven split).
    public var logRank: LogRankTest
    /// When split at a data-driven cut-point: the maximally selected statistic with its corrected p-value.
    public var cutPoint: MaximallySelectedRankStatistic?

    /// The p-value to report: corrected for cut-point selection when a cut-point was selected, else log-rank.
    public var reportedPValue: Double { cutPoint?.pValue ?? logRank.pValue }

    /// - Parameters: a group label per patient (≥ 2 groups) and the survival outcome.
    /// - Complexity: O(n log n).
    public init(group: [String], time: [Double], event: [Bool]) throws {
        logRank = try LogRankTest(time: time, event: event, group: group)
        groups = try logRank.groups.map { label in
            let idx = group.indices.filter { group[$0] == label }
            let km = try KaplanMeier(time: idx.map { time[$0] }, event: idx.map { event[$0] })
            return Group(label: label, curve: km, count: idx.count, events: idx.filter { event[$0] }.count,
                         median: km.medianSurvivalTime)
        }
        cutPoint = nil
    }

    /// Splits at the maximally selected log-rank cut-point: "low" (x ≤ μ) and "high" (x > μ).
    public init(marker: [Double], time: [Double], event: [Bool], minimumProportion: Double = 0.1,
                maximumProportion: Double = 0.9) throws {
        let m = try MaximallySelectedRankStatistic(marker: marker, time: time, event: event,
                                                   minimumProportion: minimumProportion, maximumProportion: maximumProportion)
        try self.init(group: marker.map { $0 <= m.cutPoint ? "low" : "high" }, time: time, event: event)
        cutPoint = m
    }

    /// Patients still at risk at each time (those with follow-up ≥ t), per group — the table under the plot.
    public func numbersAtRisk(at times: [Double]) -> [[Int]] {
        groups.map { g in
            times.map { t in
                // atRisk[k] is the count just before times[k]; at t it is the first k with times[k] ≥ t.
                if let k = g.curve.times.firstIndex(where: { $0 >= t }) { return g.curve.atRisk[k] }
                return 0
            }
        }
    }
}
