import Learning

/// The observed outcome of a treatment-effect analysis, one entry per patient.
public enum TreatmentOutcome: Sendable, Hashable, Codable {
    /// Response coded 0 / 1 (effects are risk differences).
    case binary([Double])
    /// A real-valued outcome (effects are differences in means).
    case continuous([Double])
    /// Right-censored time to event: `event[i]` is true when the event was observed at `time[i]`
    /// (effects are differences in restricted mean survival time or in survival probability).
    case survival(time: [Double], event: [Bool])

    public var count: Int {
        switch self {
        case .binary(let y), .continuous(let y): y.count
        case .survival(let time, _): time.count
        }
    }

    /// The outcome as a Learning target.
    public var target: Target {
        switch self {
        case .binary(let y): .binary(y)
        case .continuous(let y): .continuous(y)
        case .survival(let time, let event): .survival(time: time, event: event)
        }
    }

    /// The outcome restricted to `rows`, in that order.
    public func selecting(_ rows: [Int]) -> TreatmentOutcome {
        switch self {
        case .binary(let y): .binary(rows.map { y[$0] })
        case .continuous(let y): .continuous(rows.map { y[$0] })
        case .survival(let t, let e): .survival(time: rows.map { t[$0] }, event: rows.map { e[$0] })
        }
    }

    var isSurvival: Bool { if case .survival = self { true } else { false } }
}
