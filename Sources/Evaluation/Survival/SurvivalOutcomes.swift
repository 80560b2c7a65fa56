import Learning

/// Right-censored outcomes: `event[i]` is true when patient `i`'s event was observed at `time[i]`,
/// false when they were censored then.
public struct SurvivalOutcomes: Sendable, Hashable, Codable {
    public var time: [Double]
    public var event: [Bool]

    /// - Precondition: equal lengths.
    public init(time: [Double], event: [Bool]) {
        InputChecks.sameLength(time.count, event.count, "survival times and event indicators")
        self.time = time
        self.event = event
    }

    /// The outcomes of a survival target, or nil for other targets.
    public init?(_ target: Target) {
        guard case .survival(let time, let event) = target else { return nil }
        self.init(time: time, event: event)
    }

    public var count: Int { time.count }

    /// Throws unless every time is finite and ≥ 0.
    func validate() throws { try InputChecks.survival(time: time, event: event) }

    func selecting(_ rows: [Int]) -> SurvivalOutcomes {
        SurvivalOutcomes(time: rows.map { time[$0] }, event: rows.map { event[$0] })
    }
}

extension Target {
    /// The outcomes of a binary target as booleans (1 = true), or nil for other targets.
    public var binaryLabels: [Bool]? {
        guard case .binary(let y) = self else { return nil }
        return y.map { $0 == 1 }
    }
}
