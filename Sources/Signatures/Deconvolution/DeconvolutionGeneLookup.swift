import CohortData

/// Finds the expression row of a reference gene, accepting the names a gene has carried.
///
/// Deconvolution references were published with the symbols of their day (TIL10 2019, MCP-counter
/// 2016, ESTIMATE 2013); expression data carry today's symbols, or older ones. A gene is found, in
/// order: by its name as published; by a newer name from ``renamedGenes`` (HGNC renamings checked for
/// the genes of these references); by the built-in alias table
/// (`GeneIdentifierHarmonizer.immuneSignatures`) resolving an expression row name to it.
public struct DeconvolutionGeneLookup: Sendable {
    /// Old symbol → current HGNC symbols, for the genes of the built-in references that were renamed
    /// (HGNC symbol reports; checked 2024).
    public static let renamedGenes: [String: [String]] = [
        // MCP-counter.
        "ELTD1": ["ADGRL4"], "SDPR": ["CAVIN2"], "CXorf36": ["DIPK2B"], "VNN3": ["VNN3P"],
        // TIL10.
        "FAM160B1": ["FHIP2A"], "FAM46C": ["TENT5C"], "GUCY1A3": ["GUCY1A1"], "AKAP2": ["PALM2AKAP2"],
        // ESTIMATE.
        "WISP1": ["CCN4"], "GPR124": ["ADGRA2"], "LPPR4": ["PLPPR4"], "TXNDC3": ["NME8"], "ODZ4": ["TENM4"],
        "FYB": ["FYB1"],
    ]

    private let rowOf: [String: Int]

    /// Indexes `genes` (the expression block's row names).
    public init(genes: [String]) {
        var index: [String: Int] = [:]
        for (i, g) in genes.enumerated() where index[g] == nil { index[g] = i }
        // Rows whose name the alias table maps to another approved symbol also answer to that symbol.
        let harmonizer = GeneIdentifierHarmonizer.immuneSignatures
        for (i, g) in genes.enumerated() {
            if let symbol = harmonizer.resolve(g).symbol, index[symbol] == nil { index[symbol] = i }
        }
        rowOf = index
    }

    /// The row of `gene`, or `nil` when neither it nor a newer name is measured.
    public func row(of gene: String) -> Int? {
        if let r = rowOf[gene] { return r }
        for newer in Self.renamedGenes[gene] ?? [] { if let r = rowOf[newer] { return r } }
        if let symbol = GeneIdentifierHarmonizer.immuneSignatures.resolve(gene).symbol, let r = rowOf[symbol] { return r }
        return nil
    }
}
