/// Which of a signature's genes were found in the data, per signature and per sample.
///
/// For rank-pair signatures the units are pairs (a pair counts when both genes are found); otherwise
/// genes (up, down, weighted and housekeeping genes together). `fraction` is found / requested over
/// the expression block's genes; `sampleFractions[s]` also leaves out genes missing (NaN) in sample `s`.
public struct SignatureCoverage: Sendable, Hashable, Codable {
    public var signature: String
    public var method: ScoringMethod
    /// Genes (or pairs, written `A>B`) the signature asks for.
    public var requested: [String]
    /// Those found, as named in the signature.
    public var found: [String]
    /// Those not found.
    public var missing: [String]
    /// Signature name → expression name, for genes found under another name (alias, previous symbol).
    public var renamed: [String: String]
    /// Per-sample fraction of requested units measured in that sample.
    public var sampleFractions: [Double]
    /// The minimum fraction required (method default or the signature's or the caller's override).
    public var minimum: Double

    /// Found / requested (1 when nothing is requested, e.g. combinations).
    public var fraction: Double { requested.isEmpty ? 1 : Double(found.count) / Double(requested.count) }

    /// Whether scoring is refused for the whole cohort (coverage below the minimum).
    public var isRefused: Bool { fraction < minimum }
}
