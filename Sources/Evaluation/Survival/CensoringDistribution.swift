/// The Kaplan–Meier estimate of the censoring distribution `G(t) = P(C > t)`, for inverse probability
/// of censoring weights (IPCW).
///
/// Censorings are the "events"; at a time where events and censorings tie, the events are taken to
/// happen first, so the censored are at risk with `n_k − d_k`:
///
///     Ĝ(t) = Π_{t_k ≤ t} (1 − c_k / (n_k − d_k)).
///
/// Ĝ is a right-continuous step function, 1 before the first time. Past the last training time it
/// keeps its last value (scikit-survival raises an error there instead). Without censoring Ĝ ≡ 1.
/// This is scikit-survival's `CensoringDistributionEstimator`; IPCW metrics use the Ĝ of the
/// *training* data, as there.
public struct CensoringDistribution: Sendable, Hashable, Codable {
    public var times: [Double]
    public var probabilities: [Double]

    /// - Throws: when a time is negative or not finite.
    /// - Complexity: O(N) after an O(N) radix sort.
    public init(_ outcomes: SurvivalOutcomes) throws {
        try outcomes.validate()
        let km = KaplanMeier(uncheckedTime: outcomes.time, event: outcomes.event)
        var g = 1.0
        var probabilities: [Double] = []
        for k in km.times.indices {
            let atRisk = km.atRisk[k] - km.events[k]
            if km.censored[k] > 0 && atRisk > 0 { g *= 1 - Double(km.censored[k]) / Double(atRisk) }
            probabilities.append(g)
        }
        times = km.times
        self.probabilities = probabilities
    }

    /// Ĝ(t).
    ///
    /// - Complexity: O(log K).
    public func probability(at t: Double) -> Double {
        var lo = 0, hi = times.count
        while lo < hi { let mid = (lo + hi) / 2; if times[mid] <= t { lo = mid + 1 } else { hi = mid } }
        return lo == 0 ? 1 : probabilities[lo - 1]
    }
}
