/// One signature's scores for every sample of an expression block, with its coverage.
public struct SignatureScore: Sendable, Hashable {
    public var signature: String
    /// The method actually used.
    public var method: ScoringMethod
    /// One score per sample, in the block's sample order; NaN where the sample could not be scored
    /// (its own coverage below the minimum, or no measured gene).
    public var values: [Double]
    public var coverage: SignatureCoverage
}

/// The result of scoring several signatures: scores, refusals (as values, not thrown) and warnings.
public struct SignatureScoreReport: Sendable {
    /// Sample IDs, in the order of every ``SignatureScore/values``.
    public var sampleIDs: [String]
    public var scores: [SignatureScore]
    /// Signatures that were not scored, with the reason.
    public var refusals: [SignatureScoringError]
    /// Coverage of every signature asked for, scored or refused.
    public var coverage: [SignatureCoverage]
    /// Unit warnings (raw counts where log TPM is expected, and the reverse).
    public var warnings: [String]

    /// The scores of the signature called `name`.
    public func score(_ name: String) -> SignatureScore? { scores.first { $0.signature == name } }
}
