import Foundation
import Statistics

/// The Kaplan–Meier estimator of the survival function, with Greenwood's variance.
///
/// At the distinct observed times `t_1 < … < t_K` with `d_k` events among `n_k` at risk,
///
///     Ŝ(t) = Π_{t_k ≤ t} (1 − d_k / n_k),
///     Var Ŝ(t) = Ŝ(t)² Σ_{t_k ≤ t} d_k / (n_k (n_k − d_k))          (Greenwood 1926),
///
/// and the pointwise interval is the log(−log) ("exponential Greenwood") one, which stays in [0, 1]:
/// `Ŝ^{exp(±z σ / log Ŝ)}` with `σ² = Σ d_k/(n_k(n_k − d_k))` — lifelines' default, R `survfit`'s
/// `conf.type = "log-log"`.
///
/// Kaplan EL, Meier P (1958), JASA 53:457–481; Greenwood M (1926), Reports on Public Health and
/// Medical Subjects 33. Agreement: lifelines `KaplanMeierFitter` (survival and interval, 1e-12).
public struct KaplanMeier: Sendable, Hashable, Codable {
    /// Distinct observed times (events or censorings), increasing.
    public var times: [Double]
    /// Patients at risk just before each time.
    public var atRisk: [Int]
    public var events: [Int]
    public var censored: [Int]
    /// Ŝ at each time (after that time's events).
    public var survival: [Double]
    /// Σ d/(n(n − d)) up to each time (the Greenwood sum; +∞ once Ŝ reaches 0).
    public var greenwoodSum: [Double]

    /// - Throws: when a time is negative or not finite.
    /// - Complexity: O(N) after an O(N) radix sort.
    public init(time: [Double], event: [Bool]) throws {
        try InputChecks.survival(time: time, event: event)
        self.init(uncheckedTime: time, event: event)
    }

    public init(_ outcomes: SurvivalOutcomes) throws {
        try self.init(time: outcomes.time, event: outcomes.event)
    }

    init(uncheckedTime time: [Double], event: [Bool]) {
        let order = RadixSort.argsort(time)
        var times: [Double] = [], atRisk: [Int] = [], events: [Int] = [], censored: [Int] = []
        var remaining = time.count
        var k = 0
        while k < order.count {
            let t = time[order[k]]
            var d = 0, c = 0
            while k < order.count && time[order[k]] == t {
                if event[order[k]] { d += 1 } else { c += 1 }
                k += 1
            }
            times.append(t); atRisk.append(remaining); events.append(d); censored.append(c)
            remaining -= d + c
        }
        var s = 1.0, g = 0.0
        var survival: [Double] = [], greenwood: [Double] = []
        for k in times.indices {
            let n = Double(atRisk[k]), d = Double(events[k])
            if d > 0 {
                s *= 1 - d / n
                g += n > d ? d / (n * (n - d)) : .infinity
            }
            survival.append(s)
            greenwood.append(g)
        }
        self.times = times
        self.atRisk = atRisk
        self.events = events
        self.censored = censored
        self.survival = survival
        greenwoodSum = greenwood
    }

    /// Index of the last time ≤ t, or nil before the first time.
    func index(at t: Double) -> Int? {
        var lo = 0, hi = times.count
        while lo < hi { let mid = (lo + hi) / 2; if times[mid] <= t { lo = mid + 1 } else { hi = mid } }
        return lo == 0 ? nil : lo - 1
    }

    /// Ŝ(t): 1 before the first time, constant after the last (R `survfit`'s `extend = TRUE`).
    ///
    /// - Complexity: O(log K).
    public func survival(at t: Double) -> Double {
        index(at: t).map { survival[$0] } ?? 1
    }

    /// Greenwood's variance of Ŝ(t).
    public func variance(at t: Double) -> Double {
        guard let k = index(at: t) else { return 0 }
        return survival[k] * survival[k] * greenwoodSum[k]
    }

    /// The log(−log) pointwise interval for Ŝ(t) (default level 0.95). Both bounds equal Ŝ when Ŝ is
    /// 1 (before any event); (0, 0) once Ŝ reaches 0.
    ///
    /// - Complexity: O(log K).
    public func confidenceInterval(at t: Double, level: Double = 0.95) -> (lower: Double, upper: Double) {
        InputChecks.level(level)
        guard let k = index(at: t) else { return (1, 1) }
        let s = survival[k]
        if s <= 0 { return (0, 0) }
        if s >= 1 || greenwoodSum[k] == 0 { return (s, s) }
        let z = Normal().quantile(0.5 + level / 2)
        let spread = z * greenwoodSum[k].squareRoot() / log(s)
        // log(−log S) ± z·σ/log S, mapped back by S = exp(−exp(·)).
        let a = exp(-exp(log(-log(s)) + spread)), b = exp(-exp(log(-log(s)) - spread))
        return (min(a, b), max(a, b))
    }

    /// The median survival time: the first time with Ŝ ≤ 0.5 (nil if never reached).
    public var medianSurvivalTime: Double? {
        survival.firstIndex { $0 <= 0.5 }.map { times[$0] }
    }
}
