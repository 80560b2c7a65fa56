/// One approved gene with the other identifiers that name it, as in a row of the HGNC complete set.
public struct GeneRecord: Sendable, Hashable, Codable {
    /// The approved HGNC symbol ("VSIR").
    public var symbol: String
    /// The HGNC ID ("HGNC:30085"), when known.
    public var hgncID: String?
    /// Other names in use (HGNC `alias_symbol`: "VISTA", "PD-1H").
    public var aliases: [String]
    /// Former approved symbols (HGNC `prev_symbol`: "C10orf54").
    public var previousSymbols: [String]
    /// NCBI (Entrez) Gene ID as digits ("64115").
    public var entrezID: String?
    /// Ensembl gene ID without version ("ENSG00000107738").
    public var ensemblID: String?

    public init(symbol: String, hgncID: String? = nil, aliases: [String] = [], previousSymbols: [String] = [],
                entrezID: String? = nil, ensemblID: String? = nil) {
        self.symbol = symbol
        self.hgncID = hgncID
        self.aliases = aliases
        self.previousSymbols = previousSymbols
        self.entrezID = entrezID
        self.ensemblID = ensemblID
    }
}
