import Foundation

/// Streams a genes × samples expression matrix (one gene per line, one sample per column) into an
/// ``ExpressionBlock`` without holding the text: memory is the matrix as Doubles plus one I/O buffer.
///
/// Layout read: a header whose first `leadingColumns` names describe the gene (e.g. `gene`, or GCT's
/// `Name Description`, or cBioPortal's `Hugo_Symbol Entrez_Gene_Id`) followed by sample IDs; then
/// one line per gene. Missing-value tokens become NaN.
public enum ExpressionMatrixReader {
    /// What to do when a gene identifier occurs twice.
    public enum DuplicateGenes: Sendable {
        /// Throw `duplicateID` naming the gene's second line (default: a silent choice would change results).
        case reject
        /// Keep the first occurrence and count the rest in `duplicatesDropped`.
        case keepFirst
    }

    public struct Options: Sendable {
        public var unit: ExpressionUnit
        /// Columns before the first sample (≥ 1).
        public var leadingColumns: Int = 1
        /// Which leading column holds the gene identifier.
        public var idColumn: Int = 0
        /// A fallback identifier column when `idColumn` is empty (cBioPortal rows without a symbol).
        public var fallbackIDColumn: Int?
        public var duplicates: DuplicateGenes = .reject

        public init(unit: ExpressionUnit, leadingColumns: Int = 1, idColumn: Int = 0, fallbackIDColumn: Int? = nil,
                    duplicates: DuplicateGenes = .reject) {
            self.unit = unit
            self.leadingColumns = leadingColumns
            self.idColumn = idColumn
            self.fallbackIDColumn = fallbackIDColumn
            self.duplicates = duplicates
        }
    }

    public struct Result: Sendable {
        public var block: ExpressionBlock
        /// Lines dropped under ``DuplicateGenes/keepFirst`` or for lacking any identifier.
        public var duplicatesDropped: Int
        public var rowsWithoutIdentifier: Int
    }

    /// Reads a matrix file (plain or gzip).
    public static func read(_ url: URL, options: Options, format: DelimitedFormat? = nil) throws -> Result {
        try read(DelimitedReader(url: url, format: format), options: options)
    }

    /// Reads from an open reader positioned before the header.
    public static func read(_ reader: DelimitedReader, options: Options) throws -> Result {
        precondition(options.leadingColumns >= 1 && options.idColumn < options.leadingColumns,
                     "the gene identifier must be one of the leading columns")
        guard try reader.next() else {
            throw CohortDataError(.emptyFile, file: reader.name, expected: "a header line with sample IDs")
        }
        var header = reader.strings()
        let samples = Array(header.dropFirst(options.leadingColumns))
        guard !samples.isEmpty else {
            throw reader.error(.invalidHeader, expected: "at least one sample column after \(options.leadingColumns) gene column(s)")
        }
        if let dup = firstDuplicate(samples) {
            throw reader.error(.duplicateID, column: dup, expected: "unique sample IDs in the header", value: dup)
        }
        let n = samples.count
        // Rows are gathered in chunks and assembled once at the end, so that peak memory is the matrix
        // plus one chunk (a growing array would transiently need up to twice the matrix).
        let chunkRows = max(1, (1 << 20) / max(n, 1))
        var chunks: [[Double]] = []
        var current: [Double] = []
        current.reserveCapacity(chunkRows * n)
        var genes: [String] = []
        var seen: [String: Int] = [:]
        var dropped = 0
        var unnamed = 0
        var firstRow = true
        while try reader.next() {
            if firstRow, reader.fieldCount == header.count + 1 {
                // R's write.table with row names: the header lacks the row-name column.
                header.insert("", at: 0)
            }
            firstRow = false
            guard reader.fieldCount == n + options.leadingColumns else {
                throw reader.error(.raggedRow, expected: "\(n + options.leadingColumns) fields as in the header, found \(reader.fieldCount)")
            }
            var gene = reader.string(options.idColumn).trimmingCharacters(in: .whitespaces)
            if reader.isMissing(options.idColumn), let fallback = options.fallbackIDColumn, !reader.isMissing(fallback) {
                gene = reader.string(fallback).trimmingCharacters(in: .whitespaces)
            }
            if gene.isEmpty || (reader.isMissing(options.idColumn) && options.fallbackIDColumn == nil) {
                unnamed += 1
                continue
            }
            if let firstLine = seen[gene] {
                switch options.duplicates {
                case .reject:
                    throw reader.error(.duplicateID, column: header[options.idColumn],
                                       expected: "unique gene identifiers (\"\(gene)\" first appears on line \(firstLine))")
                case .keepFirst:
                    dropped += 1
                    continue
                }
            }
            seen[gene] = reader.lineNumber
            genes.append(gene)
            if current.count == chunkRows * n {
                chunks.append(current)
                current = []
                current.reserveCapacity(chunkRows * n)
            }
            for s in 0..<n {
                let field = options.leadingColumns + s
                let b = reader.bytes(field)
                if let v = NumberParser.parseDouble(b), v.isFinite {
                    current.append(v)
                } else if reader.isMissing(field) {
                    current.append(.nan)
                } else {
                    throw reader.error(.nonNumericValue, column: samples[s], expected: "a finite number or NA",
                                       value: reader.string(field))
                }
            }
        }
        chunks.append(current)
        current = []
        let total = genes.count * n
        let values = [Double](unsafeUninitializedCapacity: total) { out, count in
            var offset = 0
            for i in chunks.indices {
                chunks[i].withUnsafeBufferPointer { chunk in
                    _ = UnsafeMutableBufferPointer(rebasing: out[offset..<(offset + chunk.count)]).initialize(from: chunk)
                    offset += chunk.count
                }
                chunks[i] = []   // free as we go
            }
            count = offset
        }
        guard !genes.isEmpty else {
            throw CohortDataError(.emptyFile, file: reader.name, expected: "at least one gene row after the header")
        }
        let block = ExpressionBlock(genes: genes, sampleIDs: samples, unit: options.unit, geneMajorValues: values)
        return Result(block: block, duplicatesDropped: dropped, rowsWithoutIdentifier: unnamed)
    }
}
