/// Errors of the explanation layer, each naming what was wrong and how to fix it.
public enum ExplanationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The rows to explain do not have the model's features in the model's order.
    case incompatibleFeatures(expected: [String], found: [String])
    /// A parameter is out of range.
    case invalidParameter(name: String, value: String, fix: String)
    /// The model kind has no explainer here.
    case unsupportedModel(String)
    /// A named feature is not among the model's features.
    case unknownFeature(String)

    public var description: String {
        switch self {
        case .incompatibleFeatures(let expected, let found):
            let missing = expected.first { !found.contains($0) }
            return missing.map { "feature \"\($0)\" is missing from the rows to explain" }
                ?? "the rows to explain must have the features \(expected.joined(separator: ", ")) in this order"
        case .invalidParameter(let name, let value, let fix):
            return "invalid \(name) = \(value): \(fix)"
        case .unsupportedModel(let kind):
            return "no explainer for \(kind)"
        case .unknownFeature(let name):
            return "unknown feature \"\(name)\""
        }
    }
}
