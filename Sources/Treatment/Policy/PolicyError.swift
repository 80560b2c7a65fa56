/// What regimen recommendation, off-policy evaluation and uplift/RATE evaluation throw.
///
/// Messages name the field and what was expected; they never quote patient values. Statistical trouble
/// (extreme weights, poor overlap, a curve on few patients) is not an error: it is returned in the
/// result's `diagnostics`.
public enum PolicyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The data cannot be used as given (arrays of different lengths, a non-finite value, an empty arm,
    /// an unknown arm name). The message says which field and what was expected.
    case invalidInput(String)
    /// A setting is out of range: names the parameter, the bad value and the fix.
    case invalidParameter(name: String, value: String, fix: String)

    public var description: String {
        switch self {
        case .invalidInput(let message): "invalid input: \(message)"
        case .invalidParameter(let name, let value, let fix): "invalid \(name) = \(value): \(fix)"
        }
    }
}
