import CohortData

/// Finds a signature's genes among an expression block's genes, through aliases and previous symbols.
///
/// Rules, in order: the exact name as a row of the block; otherwise both sides are resolved to
/// approved symbols with the harmonizer (``GeneIdentifierHarmonizer/resolve(_:)``: `FAM26F`, `CALHM6`,
/// `C10orf54`, `VSIR` … meet at one approved symbol) and matched on that. An ambiguous or unknown
/// identifier matches only exactly. When several rows resolve to the same symbol, the row whose own
/// name is the approved symbol wins, else the first.
///
/// - Complexity: construction O(genes); ``match(_:)`` O(length of the name).
public struct GeneMatcher: Sendable {
    /// How one signature gene was found.
    public struct Match: Sendable, Hashable {
        /// Row of the expression block.
        public var row: Int
        /// The block's name for the gene (differs from the signature's when matched through an alias).
        public var expressionName: String
    }

    private var exact: [String: Int] = [:]
    private var bySymbol: [String: Int] = [:]
    private let names: [String]
    public let harmonizer: GeneIdentifierHarmonizer

    public init(genes: [String], harmonizer: GeneIdentifierHarmonizer = .immuneSignatures) {
        self.names = genes
        self.harmonizer = harmonizer
        for (i, g) in genes.enumerated() where exact[g] == nil { exact[g] = i }
        for (i, g) in genes.enumerated() {
            guard let symbol = harmonizer.resolve(g).symbol else { continue }
            if let existing = bySymbol[symbol], genes[existing] == symbol { continue }
            if bySymbol[symbol] == nil || g == symbol { bySymbol[symbol] = i }
        }
    }

    /// The row for `gene`, or `nil` when the block does not have it.
    public func match(_ gene: String) -> Match? {
        if let row = exact[gene] { return Match(row: row, expressionName: names[row]) }
        if let symbol = harmonizer.resolve(gene).symbol, let row = bySymbol[symbol] {
            return Match(row: row, expressionName: names[row])
        }
        return nil
    }
}
