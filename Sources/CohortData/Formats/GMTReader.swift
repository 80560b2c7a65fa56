import Foundation

/// Reads gene-set collections in GMT format into ``GeneSet`` values.
///
/// Format: https://software.broadinstitute.org/cancer/software/gsea/wiki/index.php/Data_formats —
/// one set per line, `name<TAB>description<TAB>gene<TAB>gene…`; lines have different lengths.
///
/// Accepted: plain or gzip input, CRLF line ends, blank lines, trailing empty fields (removed), spaces
/// around names and genes (trimmed), a missing description (`na`, `NA`, empty → `nil`). Quotes are
/// data, not quoting (GMT has none).
///
/// Rejected with a ``CohortDataError`` naming file, line and column: an empty file or one with only
/// blank lines (`emptyFile`), a line without any gene (`invalidValue`, column "genes"), an empty set
/// name (`invalidValue`), a set name seen before (`duplicateID`, naming the earlier line), a gene
/// listed twice in one set (`duplicateID`, unless ``Options/allowDuplicateGenes``), and a
/// truncated gzip stream (`truncatedCompressedFile`).
///
/// - Complexity: O(total genes listed).
public enum GMTReader {
    public struct Options: Sendable, Hashable {
        /// When `true`, a gene repeated within one set is kept once instead of being an error.
        /// Default `false`: a repeated gene usually means a broken export.
        public var allowDuplicateGenes: Bool

        public init(allowDuplicateGenes: Bool = false) {
            self.allowDuplicateGenes = allowDuplicateGenes
        }
    }

    /// The GMT format as read: tab-separated, no quoting, no comment lines.
    public static let format = DelimitedFormat(quote: nil)

    /// Reads every gene set of a GMT file, in file order.
    public static func read(_ url: URL, options: Options = Options()) throws -> [GeneSet] {
        try read(DelimitedReader(url: url, format: format), options: options)
    }

    /// Reads from an open reader (use ``format``: quoting off).
    public static func read(_ reader: DelimitedReader, options: Options = Options()) throws -> [GeneSet] {
        var sets: [GeneSet] = []
        var lineOfName: [String: Int] = [:]
        while try reader.nextLocated() {
            let count = reader.fieldCountIgnoringTrailingEmpty
            let name = reader.trimmed(0)
            guard !name.isEmpty else {
                throw reader.error(.invalidValue, column: "name", expected: "a gene-set name in the first field")
            }
            if let first = lineOfName[name] {
                throw reader.error(.duplicateID, column: "name",
                                   expected: "unique gene-set names (\"\(name)\" first appears on line \(first))")
            }
            guard count >= 3 else {
                throw reader.error(.invalidValue, column: "genes",
                                   expected: "name, description and at least one gene, separated by tabs (set \"\(name)\" has no genes)")
            }
            let description: String? = reader.isMissingOrNA(1) ? nil : reader.trimmed(1)
            var genes: [String] = []
            genes.reserveCapacity(count - 2)
            var seen = Set<String>()
            for i in 2..<count {
                let gene = reader.trimmed(i)
                if gene.isEmpty { continue }   // a doubled tab
                if !seen.insert(gene).inserted {
                    if options.allowDuplicateGenes { continue }
                    throw reader.error(.duplicateID, column: String(i + 1),
                                       expected: "each gene at most once in set \"\(name)\"", value: gene)
                }
                genes.append(gene)
            }
            guard !genes.isEmpty else {
                throw reader.error(.invalidValue, column: "genes",
                                   expected: "at least one gene in set \"\(name)\"")
            }
            lineOfName[name] = reader.lineNumber
            sets.append(GeneSet(name: name, description: description, genes: genes))
        }
        guard !sets.isEmpty else {
            throw CohortDataError(.emptyFile, file: reader.name, expected: "at least one gene set (name, description, genes)")
        }
        return sets
    }
}
