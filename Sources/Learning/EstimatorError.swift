/// Errors of configuration and data that estimators report.
public enum EstimatorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A hyperparameter is outside its valid range.
    case invalidParameter(name: String, value: String, fix: String)
    /// The data cannot be fitted (empty, non-finite, wrong target kind, a single class…).
    case invalidData(String)
    /// A prediction input does not match the fitted model (missing feature, wrong count).
    case incompatibleInput(String)

    public var description: String {
        switch self {
        case .invalidParameter(let name, let value, let fix): "invalid \(name) = \(value): \(fix)"
        case .invalidData(let message): "invalid data: \(message)"
        case .incompatibleInput(let message): "incompatible input: \(message)"
        }
    }
}

/// Statistical trouble that does not stop a fit — separation, non-convergence, few events — returned
/// with the result and printed by the CLI as warnings.
public struct FitDiagnostics: Sendable, Hashable, Codable {
    public var converged: Bool
    public var iterations: Int
    public var messages: [String]

    public init(converged: Bool = true, iterations: Int = 0, messages: [String] = []) {
        self.converged = converged
        self.iterations = iterations
        self.messages = messages
    }
}
