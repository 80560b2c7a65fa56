import Foundation

/// Maps gene identifiers of any common kind to approved HGNC symbols.
///
/// The table comes from the user (``loadHGNC(_:)``: the HGNC "complete set", as published at
/// https://www.genenames.org/download/statistics-and-files/) or from the small built-in table of
/// immune-signature genes (``immuneSignatures``).
///
/// Lookup order for ``resolve(_:)`` (the first rule that matches decides):
/// 1. an approved symbol → `.approved` (an approved symbol always wins over an alias or previous
///    symbol of another gene: `C7` is the complement gene, not CXCL10);
/// 2. an HGNC ID (`HGNC:30085`), an Ensembl gene ID (`ENSG…`, a version suffix `.12` is ignored), or an
///    Entrez Gene ID (digits) → `.mapped`;
/// 3. a previous symbol or alias → `.mapped` when exactly one approved gene lists it, `.ambiguous`
///    (all candidates, sorted) when several do — never guessed;
/// 4. the same in a case-insensitive comparison (`Cd274`, `pd-l1`) → `.mapped(…, via: …IgnoringCase)`
///    or `.ambiguous`;
/// 5. otherwise `.unknown`.
///
/// - Complexity: construction O(total identifiers); ``resolve(_:)`` O(length of the identifier).
public struct GeneIdentifierHarmonizer: Sendable {
    /// The genes, in table order.
    public let records: [GeneRecord]
    /// Where the table came from ("HGNC complete set: <path>", "built-in immune-signature table").
    public let source: String

    private var approved: [String: Int] = [:]
    private var approvedFolded: [String: [Int]] = [:]
    private var previous: [String: [Int]] = [:]
    private var aliases: [String: [Int]] = [:]
    private var previousFolded: [String: [Int]] = [:]
    private var aliasesFolded: [String: [Int]] = [:]
    private var entrez: [String: [Int]] = [:]
    private var ensembl: [String: [Int]] = [:]
    private var hgnc: [String: [Int]] = [:]

    /// Builds the lookup tables. Approved symbols must be unique (a programmer error otherwise: the
    /// HGNC loader reports duplicates in a file as ``CohortDataError``).
    public init(records: [GeneRecord], source: String) {
        self.records = records
        self.source = source
        func add(_ key: String?, _ i: Int, to table: inout [String: [Int]]) {
            guard let key, !key.isEmpty else { return }
            if table[key]?.contains(i) != true { table[key, default: []].append(i) }
        }
        for (i, record) in records.enumerated() {
            precondition(approved[record.symbol] == nil, "approved symbol \(record.symbol) listed twice")
            approved[record.symbol] = i
            add(Self.fold(record.symbol), i, to: &approvedFolded)
            for p in record.previousSymbols {
                add(p, i, to: &previous)
                add(Self.fold(p), i, to: &previousFolded)
            }
            for a in record.aliases {
                add(a, i, to: &aliases)
                add(Self.fold(a), i, to: &aliasesFolded)
            }
            add(record.entrezID, i, to: &entrez)
            add(record.ensemblID.map(Self.stripVersion), i, to: &ensembl)
            add(record.hgncID?.uppercased(), i, to: &hgnc)
        }
    }

    public var count: Int { records.count }

    /// Looks up one identifier (surrounding spaces ignored). See the type's documentation for the rules.
    public func resolve(_ identifier: String) -> GeneIdentifierResolution {
        let id = String(Substring(identifier).trimmingASCIIWhitespace())
        guard !id.isEmpty else { return .unknown }
        if let i = approved[id] { return .approved(records[i].symbol) }
        let upper = id.uppercased()
        if upper.hasPrefix("HGNC:"), let hits = hgnc[upper] { return outcome(hits, .hgncID) }
        if upper.hasPrefix("ENSG"), let hits = ensembl[Self.stripVersion(upper)] { return outcome(hits, .ensemblID) }
        if id.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let hits = entrez[id] { return outcome(hits, .entrezID) }
        if let result = synonym(previous[id] ?? [], aliases[id] ?? [], .previousSymbol, .alias) { return result }
        let folded = Self.fold(id)
        if let hits = approvedFolded[folded] { return outcome(hits, .approvedSymbolIgnoringCase) }
        if let result = synonym(previousFolded[folded] ?? [], aliasesFolded[folded] ?? [],
                                .previousSymbolIgnoringCase, .aliasIgnoringCase) { return result }
        return .unknown
    }

    /// The approved symbol for `identifier`, or `nil` when it is unknown or ambiguous.
    public func approvedSymbol(for identifier: String) -> String? { resolve(identifier).symbol }

    private func outcome(_ hits: [Int], _ via: GeneIdentifierMatch) -> GeneIdentifierResolution {
        hits.count == 1 ? .mapped(records[hits[0]].symbol, via: via) : .ambiguous(hits.map { records[$0].symbol }.sorted())
    }

    /// Previous symbols and aliases are pooled: a name that is the previous symbol of one gene and an
    /// alias of another is ambiguous.
    private func synonym(_ prev: [Int], _ alias: [Int], _ prevKind: GeneIdentifierMatch,
                         _ aliasKind: GeneIdentifierMatch) -> GeneIdentifierResolution? {
        if prev.isEmpty && alias.isEmpty { return nil }
        var all = prev
        for i in alias where !all.contains(i) { all.append(i) }
        if all.count > 1 { return .ambiguous(all.map { records[$0].symbol }.sorted()) }
        return .mapped(records[all[0]].symbol, via: prev.isEmpty ? aliasKind : prevKind)
    }

    static func fold(_ text: String) -> String { text.uppercased() }

    static func stripVersion(_ id: String) -> String {
        let upper = id.uppercased()
        guard let dot = upper.firstIndex(of: "."), upper[upper.index(after: dot)...].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return upper
        }
        return String(upper[..<dot])
    }
}
