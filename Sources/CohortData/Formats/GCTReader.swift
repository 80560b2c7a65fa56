import Foundation

/// Reads GCT 1.2 and 1.3 expression files into a ``GCTDocument``.
///
/// Format: https://software.broadinstitute.org/cancer/software/gsea/wiki/index.php/Data_formats
///
/// GCT 1.2:
/// ```
/// #1.2
/// <genes>  <samples>
/// Name  Description  S1  S2 …
/// CD8A  na           5.1 3.2 …
/// ```
/// GCT 1.3 (CMap): `#1.3`, then `<genes> <samples> <rowMetaColumns> <columnMetaRows>`, a header
/// `id  <row-metadata names…>  <samples…>`, the column-metadata rows (name, `na` under the row
/// metadata, one value per sample), then one line per gene.
///
/// Accepted: plain or gzip input (detected from the bytes), CRLF line ends, trailing empty fields on the
/// version and dimension lines, missing values as `NA`/`na`/empty/`NaN` (read as NaN in the matrix).
///
/// Rejected with a ``CohortDataError`` naming file, line and column: an empty file (`emptyFile`), a
/// first line other than `#1.2`/`#1.3` (`invalidHeader`), a dimension line that is not whole numbers
/// (`nonNumericValue`), a header whose sample count differs from the declared one or a data row
/// count that differs from the declared one (`invalidHeader`, naming line 2 or the first extra row),
/// rows with a field count other than the header's (`raggedRow`), duplicate gene or sample IDs
/// (`duplicateID`), text in the matrix (`nonNumericValue`, naming the sample), and a truncated gzip
/// stream (`truncatedCompressedFile`).
///
/// - Complexity: O(genes × samples) time; memory is the matrix as Doubles plus one I/O buffer.
public enum GCTReader {
    /// Reads a GCT file; `unit` is the scale of its values (GCT does not record it).
    public static func read(_ url: URL, unit: ExpressionUnit) throws -> GCTDocument {
        try read(DelimitedReader(url: url, format: .tsv), unit: unit)
    }

    /// Reads GCT from an open reader positioned at the start of the input.
    public static func read(_ reader: DelimitedReader, unit: ExpressionUnit) throws -> GCTDocument {
        // Line 1: version.
        guard try reader.nextLocated() else {
            throw CohortDataError(.emptyFile, file: reader.name, expected: "a GCT file starting with #1.2 or #1.3")
        }
        let versionText = reader.trimmed(0)
        guard reader.fieldCountIgnoringTrailingEmpty == 1,
              let version = GCTDocument.Version(rawValue: String(versionText.dropFirst())), versionText.hasPrefix("#")
        else {
            throw reader.error(.invalidHeader, column: "1", expected: "the GCT version line \"#1.2\" or \"#1.3\"",
                               value: reader.strings().joined(separator: "\t"))
        }

        // Line 2: dimensions.
        guard try reader.nextLocated() else {
            throw CohortDataError(.emptyFile, file: reader.name, line: reader.lineNumber + 1,
                                  expected: "the GCT dimension line after the version line")
        }
        let dimensionNames = version == .v1_2
            ? ["rows", "columns"] : ["rows", "columns", "row metadata columns", "column metadata rows"]
        guard reader.fieldCountIgnoringTrailingEmpty == dimensionNames.count else {
            throw reader.error(.invalidHeader, expected: "\(dimensionNames.count) numbers on the GCT \(version.rawValue) dimension line (\(dimensionNames.joined(separator: ", "))), found \(reader.fieldCountIgnoringTrailingEmpty) fields")
        }
        var dimensions: [Int] = []
        for (i, name) in dimensionNames.enumerated() {
            dimensions.append(try reader.integer(i, column: name)!)
        }
        let dimensionLine = reader.lineNumber
        let declaredRows = dimensions[0]
        let declaredSamples = dimensions[1]
        let rowMetaCount = version == .v1_2 ? 1 : dimensions[2]
        let columnMetaCount = version == .v1_2 ? 0 : dimensions[3]
        let leading = 1 + rowMetaCount

        // Line 3: header.
        guard try reader.nextLocated() else {
            throw CohortDataError(.emptyFile, file: reader.name, line: reader.lineNumber + 1,
                                  expected: "the GCT header line (\(version == .v1_2 ? "Name, Description" : "id, row metadata"), samples)")
        }
        let header = reader.strings().map { String(Substring($0).trimmingASCIIWhitespace()) }
        let headerLine = reader.lineNumber
        guard header.count == leading + declaredSamples else {
            throw reader.error(.invalidHeader,
                               expected: "\(leading) leading column(s) and \(declaredSamples) sample columns as declared on line \(dimensionLine), found \(header.count - leading) sample columns")
        }
        let samples = Array(header[leading...])
        if let empty = samples.firstIndex(where: \.isEmpty) {
            throw reader.error(.invalidHeader, column: String(leading + empty + 1), expected: "a sample ID in every sample column")
        }
        if let dup = firstDuplicate(samples) {
            throw reader.error(.duplicateID, column: dup, expected: "unique sample IDs in the header")
        }
        let rowMetaNames = Array(header[1..<leading])
        if let dup = firstDuplicate(rowMetaNames) {
            throw reader.error(.duplicateID, column: dup, expected: "unique row-metadata names in the header")
        }

        // 1.3: column-metadata rows.
        var columnMetadata: [GCTMetadataField] = []
        for k in 0..<columnMetaCount {
            guard try reader.nextLocated() else {
                throw CohortDataError(.invalidHeader, file: reader.name, line: dimensionLine, column: "column metadata rows",
                                      expected: "\(columnMetaCount) column-metadata rows after the header, found \(k)")
            }
            guard reader.fieldCount == header.count else {
                throw reader.error(.raggedRow, expected: "\(header.count) fields as in the header, found \(reader.fieldCount)")
            }
            let name = reader.trimmed(0)
            guard !name.isEmpty else {
                throw reader.error(.invalidHeader, column: header[0], expected: "a column-metadata name in the first field")
            }
            if columnMetadata.contains(where: { $0.name == name }) || rowMetaNames.contains(name) {
                throw reader.error(.duplicateID, column: header[0], expected: "unique metadata names", value: name)
            }
            let values: [String?] = (0..<declaredSamples).map { s in
                reader.isMissingOrNA(leading + s) ? nil : reader.trimmed(leading + s)
            }
            columnMetadata.append(GCTMetadataField(name: name, values: values))
        }

        // Data rows.
        let n = declaredSamples
        var genes: [String] = []
        genes.reserveCapacity(min(declaredRows, 1 << 20))
        var values: [Double] = []
        values.reserveCapacity(min(declaredRows * n, 1 << 26))
        var rowMeta: [[String?]] = Array(repeating: [], count: rowMetaCount)
        var seen: [String: Int] = [:]
        while try reader.nextLocated() {
            guard genes.count < declaredRows else {
                throw reader.error(.invalidHeader, expected: "\(declaredRows) data rows as declared on line \(dimensionLine); this line is one more")
            }
            guard reader.fieldCount == header.count else {
                throw reader.error(.raggedRow, expected: "\(header.count) fields as in the header (line \(headerLine)), found \(reader.fieldCount)")
            }
            let gene = reader.trimmed(0)
            guard !gene.isEmpty, !reader.isMissing(0) else {
                throw reader.error(.invalidValue, column: header[0], expected: "a gene identifier in the first field")
            }
            if let first = seen[gene] {
                throw reader.error(.duplicateID, column: header[0],
                                   expected: "unique gene identifiers (this one first appears on line \(first))", value: gene)
            }
            seen[gene] = reader.lineNumber
            genes.append(gene)
            for m in 0..<rowMetaCount {
                rowMeta[m].append(reader.isMissingOrNA(1 + m) ? nil : reader.trimmed(1 + m))
            }
            for s in 0..<n {
                let field = leading + s
                if let v = NumberParser.parseDouble(reader.bytes(field)), v.isFinite {
                    values.append(v)
                } else if reader.isMissingOrNA(field) {
                    values.append(.nan)
                } else {
                    throw reader.error(.nonNumericValue, column: samples[s], expected: "a finite number or a missing-value token (NA, empty)",
                                       value: reader.string(field))
                }
            }
        }
        guard genes.count == declaredRows else {
            throw CohortDataError(.invalidHeader, file: reader.name, line: dimensionLine, column: "rows",
                                  expected: "\(declaredRows) data rows as declared, found \(genes.count)")
        }
        let block = ExpressionBlock(genes: genes, sampleIDs: samples, unit: unit, geneMajorValues: values)
        let rowMetadata = zip(rowMetaNames, rowMeta).map { GCTMetadataField(name: $0, values: $1) }
        return GCTDocument(version: version, block: block, rowMetadata: rowMetadata, columnMetadata: columnMetadata)
    }
}
