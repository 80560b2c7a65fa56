/// What the treatment-effect layer throws for bad input.
///
/// Messages name the field and what was expected; they never quote patient values. Statistical trouble
/// (poor overlap, few events, non-convergence) is not an error: it is returned as diagnostics with the
/// result.
public enum TreatmentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The data cannot be used as given: wrong lengths, non-finite values, an empty arm, an unknown name.
    case invalidData(field: String, expected: String)
    /// A setting is out of range: names the parameter, the bad value and the fix.
    case invalidParameter(name: String, value: String, fix: String)
    /// A fitted model was asked for something it cannot give (a survival curve from a classifier, an arm
    /// it was not fitted on, features that do not match).
    case incompatible(String)

    public var description: String {
        switch self {
        case .invalidData(let field, let expected): "invalid \(field): expected \(expected)"
        case .invalidParameter(let name, let value, let fix): "invalid \(name) = \(value): \(fix)"
        case .incompatible(let message): "incompatible request: \(message)"
        }
    }
}
