/// What an estimator learns to predict.
public enum Target: Sendable, Hashable, Codable {
    /// Binary outcome coded 0 / 1 (response).
    case binary([Double])
    /// A real-valued outcome.
    case continuous([Double])
    /// Right-censored time to event: `event[i]` is true when the event was observed at `time[i]`.
    case survival(time: [Double], event: [Bool])

    public var count: Int {
        switch self {
        case .binary(let y), .continuous(let y): y.count
        case .survival(let time, _): time.count
        }
    }

    public var task: Task {
        switch self {
        case .binary: .binaryClassification
        case .continuous: .regression
        case .survival: .survival
        }
    }

    /// The target restricted to the rows at `indices`.
    public func selectingRows(_ indices: [Int]) -> Target {
        switch self {
        case .binary(let y): .binary(indices.map { y[$0] })
        case .continuous(let y): .continuous(indices.map { y[$0] })
        case .survival(let t, let e): .survival(time: indices.map { t[$0] }, event: indices.map { e[$0] })
        }
    }
}

/// The kind of prediction problem.
public enum Task: String, Sendable, Hashable, Codable, CaseIterable {
    case binaryClassification = "binary"
    case regression
    case survival
}
