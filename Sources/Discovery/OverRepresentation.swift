import Foundation

/// One gene set's over-representation among selected genes (a row of ``OverRepresentation`` results).
public struct OverRepresentationResult: Sendable, Hashable, Codable {
    public var setName: String
    /// K: set members in the universe.
    public var setSizeInUniverse: Int
    /// k: set members among the selected genes.
    public var overlap: Int
    /// n: selected genes in the universe; N: the universe size (the same for every set of one analysis).
    public var selectedCount: Int
    public var universeSize: Int
    /// Expected overlap K·n/N and the fold enrichment k / (K·n/N).
    public var expectedOverlap: Double
    public var foldEnrichment: Double
    /// One-sided hypergeometric P(X ≥ k).
    public var pValue: Double
    /// Benjamini–Hochberg q-value over the tested sets.
    public var qValueBH: Double = .nan
    /// The overlapping genes, in the order of the selected list.
    public var overlapGenes: [String]
}

/// Over-representation analysis (ORA): is a gene set over-represented among selected genes (for example
/// those with scan q < 0.05) relative to a stated universe (for example every gene that was tested)?
///
/// For each set with K members in the universe of N genes, of which n are selected and k are selected set
/// members, the one-sided p-value is the hypergeometric upper tail (Fisher's exact test, one-sided)
///
///     p = P(X ≥ k),  X ~ Hypergeometric(N, K, n),
///
/// (``HypergeometricTail``), and Benjamini–Hochberg q-values are taken over the sets with K ≥ `minimumSize`.
/// Selected genes and set members outside the universe are ignored, so the universe must be stated: the
/// default choice of "all genes in the genome" inflates significance when only expressed genes were tested
/// (Timmons, Szkop & Gallagher 2015, Genome Biol 16:186). Matches `scipy.stats.hypergeom.sf(k − 1, N, K, n)`
/// to 1e-12 and `scipy.stats.false_discovery_control(p, method="bh")`.
///
/// - Rivals I, Personnaz L, Taing L, Potier MC (2007), "Enrichment or depletion of a GO category within a
///   class of genes: which test?", Bioinformatics 23:401–407.
public struct OverRepresentation: Sendable, Hashable, Codable {
    /// Smallest K (set members in the universe) for a set to be tested, ≥ 1. Default 5.
    public var minimumSize: Int
    /// Largest K, ≥ ``minimumSize``. Default 5000.
    public var maximumSize: Int

    public init(minimumSize: Int = 5, maximumSize: Int = 5000) {
        self.minimumSize = minimumSize
        self.maximumSize = maximumSize
    }

    public func validate() throws {
        guard minimumSize >= 1 else {
            throw DiscoveryError("over-representation: minimumSize \(minimumSize) must be at least 1")
        }
        guard maximumSize >= minimumSize else {
            throw DiscoveryError("over-representation: maximumSize \(maximumSize) must be ≥ minimumSize \(minimumSize)")
        }
    }

    /// Tests every set; results sorted by p-value, then set name. Sets outside the size range are left out.
    ///
    /// - Parameters:
    ///   - selected: the genes of interest (duplicates and genes outside the universe are ignored).
    ///   - universe: every gene that could have been selected (non-empty, without duplicates).
    ///   - geneSets: set name → member genes.
    /// - Throws: ``DiscoveryError`` for an empty or duplicated universe or invalid settings.
    /// - Complexity: O(|universe| + Σ |set|) plus the hypergeometric tails.
    public func run(selected: [String], universe: [String], geneSets: [String: [String]]) throws -> [OverRepresentationResult] {
        try validate()
        guard !universe.isEmpty else { throw DiscoveryError("over-representation: the universe is empty; give every gene that was tested") }
        let universeSet = Set(universe)
        guard universeSet.count == universe.count else {
            throw DiscoveryError("over-representation: the universe lists \(universe.count - universeSet.count) gene(s) more than once; give each gene once")
        }
        var chosen: [String] = [], seen = Set<String>()
        for g in selected where universeSet.contains(g) && seen.insert(g).inserted { chosen.append(g) }
        let n = chosen.count, bigN = universe.count
        var results: [OverRepresentationResult] = []
        for name in geneSets.keys.sorted() {
            let members = Set(geneSets[name]!.filter { universeSet.contains($0) })
            let k = members.count
            guard k >= minimumSize, k <= maximumSize else { continue }
            let overlap = chosen.filter { members.contains($0) }
            let expected = Double(k) * Double(n) / Double(bigN)
            let p = HypergeometricTail.upperTail(atLeast: overlap.count, universe: bigN, successes: k, drawn: n)
            results.append(OverRepresentationResult(setName: name, setSizeInUniverse: k, overlap: overlap.count,
                                                    selectedCount: n, universeSize: bigN, expectedOverlap: expected,
                                                    foldEnrichment: expected > 0 ? Double(overlap.count) / expected : .nan,
                                                    pValue: p, overlapGenes: overlap))
        }
        let q = MultipleTesting.benjaminiHochberg(results.map(\.pValue))
        for i in results.indices { results[i].qValueBH = q[i] }
        return results.sorted { ($0.pValue, $0.setName) < ($1.pValue, $1.setName) }
    }
}
