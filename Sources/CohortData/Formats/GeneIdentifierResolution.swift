/// How an identifier that is not an approved symbol was matched to one.
public enum GeneIdentifierMatch: String, Sendable, Hashable, Codable, CaseIterable {
    case previousSymbol = "previous symbol"
    case alias = "alias"
    case entrezID = "Entrez ID"
    case ensemblID = "Ensembl ID"
    case hgncID = "HGNC ID"
    /// The approved symbol written in another case ("Cd274").
    case approvedSymbolIgnoringCase = "approved symbol, ignoring case"
    case previousSymbolIgnoringCase = "previous symbol, ignoring case"
    case aliasIgnoringCase = "alias, ignoring case"
}

/// The outcome of looking up one gene identifier.
public enum GeneIdentifierResolution: Sendable, Hashable {
    /// The identifier is an approved symbol.
    case approved(String)
    /// The identifier names exactly one approved gene, found `via` another identifier kind.
    case mapped(String, via: GeneIdentifierMatch)
    /// The identifier is an alias or previous symbol of several approved genes (sorted); never guessed.
    case ambiguous([String])
    /// No gene has this identifier.
    case unknown

    /// The approved symbol, for `.approved` and `.mapped`; `nil` otherwise.
    public var symbol: String? {
        switch self {
        case .approved(let s), .mapped(let s, _): s
        case .ambiguous, .unknown: nil
        }
    }
}
