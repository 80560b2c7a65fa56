import Foundation

/// Writes gene sets as GMT, atomically (a reader never sees half a file).
///
/// Format: https://software.broadinstitute.org/cancer/software/gsea/wiki/index.php/Data_formats — one
/// line per set, `name<TAB>description<TAB>genes…`; a `nil` description is written as `na`.
///
/// Rejected (``CohortDataError``, before anything is written): an empty list of sets or a set
/// without genes (`invalidValue`), duplicate set names (`duplicateID`), and names, descriptions or
/// genes that are empty or contain a tab or line break (`invalidValue`), which would change the file's
/// structure. ``GMTReader`` reads the output back to the same sets.
public enum GMTWriter {
    /// Writes `sets` to `url`.
    /// - Complexity: O(total genes).
    public static func write(_ sets: [GeneSet], to url: URL) throws {
        try AtomicFile.write(text(sets, name: url.path), to: url)
    }

    /// The GMT text of `sets`.
    public static func text(_ sets: [GeneSet], name: String? = nil) throws -> String {
        guard !sets.isEmpty else {
            throw CohortDataError(.invalidValue, file: name, expected: "at least one gene set to write")
        }
        if let dup = firstDuplicate(sets.map(\.name)) {
            throw CohortDataError(.duplicateID, file: name, column: "name", expected: "unique gene-set names", value: dup)
        }
        func check(_ text: String, _ what: String) throws {
            if text.isEmpty || text.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
                throw CohortDataError(.invalidValue, file: name, column: what,
                                      expected: "a non-empty \(what) without tabs or line breaks", value: text)
            }
        }
        var out = ""
        for set in sets {
            try check(set.name, "name")
            guard !set.genes.isEmpty else {
                throw CohortDataError(.invalidValue, file: name, column: "genes",
                                      expected: "at least one gene in set \"\(set.name)\"")
            }
            let description = set.description ?? "na"
            try check(description, "description")
            out += set.name + "\t" + description
            for gene in set.genes {
                try check(gene, "gene")
                out += "\t" + gene
            }
            out += "\n"
        }
        return out
    }
}
