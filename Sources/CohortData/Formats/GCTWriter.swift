import Foundation

/// Writes an ``ExpressionBlock`` as GCT 1.2, atomically (a reader never sees half a file).
///
/// Format: https://software.broadinstitute.org/cancer/software/gsea/wiki/index.php/Data_formats —
/// `#1.2`, `<genes>\t<samples>`, `Name\tDescription\t<samples…>`, then one line per gene. Missing
/// values (NaN) are written as `NA`; numbers use the shortest text that reads back as the same
/// Double, so ``GCTReader`` round-trips the matrix exactly.
///
/// Rejected (``CohortDataError`` `invalidValue`, before anything is written): gene IDs, sample IDs or
/// descriptions containing a tab or line break, and a description list whose length is not the gene count.
public enum GCTWriter {
    /// Writes `block` to `url` as GCT 1.2.
    /// - Parameter descriptions: one description per gene (`na` when `nil` or omitted).
    /// - Complexity: O(genes × samples); the text is built in memory, then moved into place.
    public static func write(_ block: ExpressionBlock, descriptions: [String?]? = nil, to url: URL) throws {
        try AtomicFile.write(text(block, descriptions: descriptions, name: url.path), to: url)
    }

    /// The GCT 1.2 text of `block`.
    public static func text(_ block: ExpressionBlock, descriptions: [String?]? = nil, name: String? = nil) throws -> String {
        if let descriptions, descriptions.count != block.geneCount {
            throw CohortDataError(.invalidValue, file: name, column: "Description",
                                  expected: "one description per gene (\(block.geneCount)), found \(descriptions.count)")
        }
        func check(_ text: String, _ what: String) throws {
            if text.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" }) || text.isEmpty {
                throw CohortDataError(.invalidValue, file: name, column: what,
                                      expected: "a non-empty \(what) without tabs or line breaks", value: text)
            }
        }
        for sample in block.sampleIDs { try check(sample, "sample ID") }
        for gene in block.genes { try check(gene, "gene ID") }
        var out = "#1.2\n\(block.geneCount)\t\(block.sampleCount)\nName\tDescription"
        for sample in block.sampleIDs { out += "\t" + sample }
        out += "\n"
        let n = block.sampleCount
        for g in 0..<block.geneCount {
            let description = descriptions?[g] ?? "na"
            if descriptions?[g] != nil { try check(description, "Description") }
            out += block.genes[g] + "\t" + description
            for s in 0..<n {
                let v = block.values[g * n + s]
                out += "\t" + (v.isNaN ? "NA" : formatNumber(v))
            }
            out += "\n"
        }
        return out
    }
}
