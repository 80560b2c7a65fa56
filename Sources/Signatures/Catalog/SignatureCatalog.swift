import CohortData
import Foundation

/// The catalog of published immuno-oncology signatures bundled with ImmunoKit
/// (`Sources/Signatures/Resources/catalog.json`, format `immunokit-signature-catalog` version 1), or one
/// loaded from a file in the same format.
///
/// Each entry (``GeneSignature``) records its citation (PMID, DOI), where the gene list was taken from,
/// the genes (up/down), published weights, housekeeping genes or gene pairs, the scoring method,
/// the expected input unit, the direction of association with response, and the context.
public struct SignatureCatalog: Sendable, Hashable, Codable {
    public static let formatName = "immunokit-signature-catalog"
    public static let formatVersion = 1

    public var format: String
    public var version: Int
    public var note: String?
    public var signatures: [GeneSignature]

    public init(signatures: [GeneSignature], note: String? = nil) {
        self.format = Self.formatName
        self.version = Self.formatVersion
        self.note = note
        self.signatures = signatures
    }

    /// The bundled catalog (decoded once).
    public static func builtIn() throws -> SignatureCatalog {
        guard let url = Bundle.module.url(forResource: "catalog", withExtension: "json") else {
            throw CohortDataError(.fileNotFound, file: "catalog.json", expected: "the bundled signature catalog resource")
        }
        return try load(url)
    }

    /// Reads and checks a catalog file: format name and version, unique names and aliases, every
    /// signature with genes, a combination or external weights, weights and pairs naming genes, a
    /// minimum coverage in 0…1, and combinations naming catalog signatures.
    public static func load(_ url: URL) throws -> SignatureCatalog {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw CohortDataError(.unreadable, file: url.path, expected: "a readable signature catalog (JSON)")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let catalog: SignatureCatalog
        do { catalog = try decoder.decode(SignatureCatalog.self, from: data) } catch {
            throw CohortDataError(.invalidValue, file: url.path, expected: "a signature catalog in ImmunoKit's JSON format (\(error))")
        }
        try catalog.validate(file: url.lastPathComponent)
        return catalog
    }

    /// Checks the invariants listed on ``load(_:)``.
    public func validate(file: String? = nil) throws {
        func fail(_ column: String?, _ message: String) -> CohortDataError {
            CohortDataError(.invalidValue, file: file, column: column, expected: message)
        }
        guard format == Self.formatName, version == Self.formatVersion else {
            throw fail("format", "format \"\(Self.formatName)\" version \(Self.formatVersion) (found \"\(format)\" version \(version))")
        }
        var names: [String: String] = [:]
        for s in signatures {
            for key in [s.name] + s.aliases {
                let folded = key.lowercased()
                if let other = names[folded], other != s.name {
                    throw CohortDataError(.duplicateID, file: file, column: s.name,
                                          expected: "unique signature names and aliases (\"\(key)\" also names \(other))")
                }
                names[folded] = s.name
            }
        }
        for s in signatures {
            if s.allGenes.isEmpty && s.combination == nil && s.externalWeights == nil {
                throw fail(s.name, "genes, a combination or external weights")
            }
            if let m = s.minimumCoverage, !(0...1).contains(m) {
                throw fail(s.name, "minimum_coverage in 0…1 (found \(m))")
            }
            if s.method == .weightedSum && (s.weights ?? []).isEmpty && s.combination == nil {
                throw fail(s.name, "weights for a weighted-sum signature")
            }
            if s.method == .rankPairs && (s.pairs ?? []).isEmpty {
                throw fail(s.name, "gene pairs for a rank-pair signature")
            }
            for c in s.combination?.components ?? [] where signature(named: c) == nil {
                throw fail(s.name, "combination components that are catalog signatures (\"\(c)\" is not)")
            }
        }
    }

    /// The signature whose name or alias is `name` (case-insensitive).
    public func signature(named name: String) -> GeneSignature? {
        let folded = name.lowercased()
        return signatures.first { $0.name.lowercased() == folded }
            ?? signatures.first { $0.aliases.contains { $0.lowercased() == folded } }
    }

    /// The signatures named in `names` (names or aliases), in that order; throws naming the first unknown
    /// one and listing the valid names.
    public func signatures(named names: [String]) throws -> [GeneSignature] {
        try names.map { name in
            guard let s = signature(named: name) else {
                throw CohortDataError(.invalidValue, column: "signatures",
                                      expected: "a catalog signature name (unknown: \"\(name)\"; see `immunokit signatures` for the list)")
            }
            return s
        }
    }
}
