/// A named set of genes, as in a GMT file (MSigDB, published immune signatures).
public struct GeneSet: Sendable, Hashable, Codable {
    /// The set's name, unique within a collection ("HALLMARK_INTERFERON_GAMMA_RESPONSE").
    public var name: String
    /// Free text (GMT's second column: often a URL or `na`); `nil` when missing.
    public var description: String?
    /// Gene identifiers in file order, without duplicates.
    public var genes: [String]

    public init(name: String, description: String? = nil, genes: [String]) {
        self.name = name
        self.description = description
        self.genes = genes
    }
}
