/// Why a signature could not be scored. The message names the signature, and for low coverage the
/// missing genes and the minimum (with the way out: `--min-coverage`).
public struct SignatureScoringError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Fewer genes found than the method's minimum coverage.
        case insufficientCoverage
        /// The method needs published weights or pairs that the signature does not have (or are not bundled).
        case missingModel
        /// The cohort has no expression block.
        case noExpression
        /// Too few samples for a cohort-dependent method.
        case tooFewSamples
    }

    public var kind: Kind
    public var signature: String
    public var message: String
    /// The genes not found (for ``Kind/insufficientCoverage``).
    public var missingGenes: [String]

    public init(_ kind: Kind, signature: String, message: String, missingGenes: [String] = []) {
        self.kind = kind
        self.signature = signature
        self.message = message
        self.missingGenes = missingGenes
    }

    public var description: String { "signature \(signature): \(message)" }

    static func coverage(_ c: SignatureCoverage) -> SignatureScoringError {
        func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }
        let shown = c.missing.prefix(20).joined(separator: ", ") + (c.missing.count > 20 ? ", …" : "")
        return SignatureScoringError(
            .insufficientCoverage, signature: c.signature,
            message: "only \(c.found.count) of \(c.requested.count) genes found (\(percent(c.fraction))), below the minimum of \(percent(c.minimum)) for \(c.method.rawValue); missing: \(shown) (lower the minimum with --min-coverage if this is intended)",
            missingGenes: c.missing)
    }
}
