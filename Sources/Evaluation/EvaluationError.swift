/// What the evaluation layer throws.
///
/// Programmer misuse (arrays of different lengths, a confidence level outside (0, 1)) traps with a
/// message instead; bad data and undefined metrics throw, so that a command-line run or a resampling
/// loop can report them.
public enum EvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The data cannot be evaluated as given: a non-finite score, a probability outside [0, 1],
    /// a negative survival time. The message says what was expected; it never quotes patient values.
    case invalidInput(String)
    /// The metric is not defined on these data (one class only, no comparable pairs, no events).
    case undefined(metric: String, reason: String)
    /// A setting is out of range: names the parameter, the bad value and the fix.
    case invalidParameter(name: String, value: String, fix: String)

    public var description: String {
        switch self {
        case .invalidInput(let message): "invalid input: \(message)"
        case .undefined(let metric, let reason): "\(metric) is undefined: \(reason)"
        case .invalidParameter(let name, let value, let fix): "invalid \(name) = \(value): \(fix)"
        }
    }
}
