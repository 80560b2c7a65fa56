import Foundation

/// A small delimited table held in memory as text: a header and rows, each row with the header's
/// field count. For clinical tables, mapping tables and annotation; large numeric matrices use
/// ``ExpressionMatrixReader``, which streams.
public struct DelimitedTable: Sendable {
    /// The file name used in error messages.
    public var name: String
    public var header: [String]
    public var rows: [[String]]
    /// The 1-based line of each row in the file.
    public var lineNumbers: [Int]
    public var format: DelimitedFormat

    public init(name: String, header: [String], rows: [[String]], lineNumbers: [Int], format: DelimitedFormat = .tsv) {
        self.name = name
        self.header = header
        self.rows = rows
        self.lineNumbers = lineNumbers
        self.format = format
    }

    /// Reads a whole table: the first record is the header.
    ///
    /// - Throws: ``CohortDataError`` for an empty file (`emptyFile`), a row whose field count differs
    ///   from the header's (`raggedRow`, naming the line and both counts), and duplicate header names
    ///   (`duplicateID`). A header one field shorter than the rows (R's `write.table` with row names)
    ///   gets an empty first name.
    public static func read(_ url: URL, format: DelimitedFormat? = nil) throws -> DelimitedTable {
        let reader = try DelimitedReader(url: url, format: format)
        return try read(reader)
    }

    /// Reads from an open reader (whose comment lines, if any, are already configured).
    public static func read(_ reader: DelimitedReader) throws -> DelimitedTable {
        guard try reader.next() else {
            throw CohortDataError(.emptyFile, file: reader.name, expected: "a header line and at least one row")
        }
        var header = reader.strings()
        var rows: [[String]] = []
        var lines: [Int] = []
        var first = true
        while try reader.next() {
            if first, reader.fieldCount == header.count + 1 { header.insert("", at: 0) }
            first = false
            guard reader.fieldCount == header.count else {
                throw reader.error(.raggedRow, expected: "\(header.count) fields as in the header, found \(reader.fieldCount)")
            }
            rows.append(reader.strings())
            lines.append(reader.lineNumber)
        }
        if let dup = firstDuplicate(header.filter { !$0.isEmpty }) {
            throw CohortDataError(.duplicateID, file: reader.name, line: 1, column: dup, expected: "unique column names in the header")
        }
        return DelimitedTable(name: reader.name, header: header, rows: rows, lineNumbers: lines, format: reader.format)
    }

    public var rowCount: Int { rows.count }

    /// Index of the column called `name`, if present (exact match first, then case-insensitive).
    public func columnIndex(_ name: String) -> Int? {
        if let exact = header.firstIndex(of: name) { return exact }
        let lower = name.lowercased()
        return header.firstIndex { $0.lowercased() == lower }
    }

    /// Index of the column called `name`; throws `missingColumn` listing what is there.
    public func requireColumn(_ name: String) throws -> Int {
        guard let index = columnIndex(name) else {
            throw CohortDataError(.missingColumn, file: self.name, line: 1, column: name,
                                  expected: "a column named \"\(name)\" in the header")
        }
        return index
    }

    /// Whether the cell is a missing-value token.
    public func isMissing(_ row: Int, _ column: Int) -> Bool {
        format.missing.isMissing(rows[row][column])
    }

    /// The text of a column with missing tokens as `nil`.
    public func strings(_ column: Int) -> [String?] {
        rows.indices.map { r in
            let cell = rows[r][column]
            if format.missing.isMissing(cell) { return nil }
            let utf8 = cell.utf8
            if utf8.first == 0x20 || utf8.first == 0x09 || utf8.last == 0x20 || utf8.last == 0x09 {
                return String(Substring(cell).trimmingASCIIWhitespace())
            }
            return cell
        }
    }

    /// A column as numbers (`nil` for missing tokens); throws `nonNumericValue` naming the line.
    public func doubles(_ column: Int) throws -> [Double?] {
        try rows.indices.map { r in
            let cell = rows[r][column]
            if let value = NumberParser.parseDouble(cell) {
                guard value.isFinite else {
                    throw CohortDataError(.nonNumericValue, file: name, line: lineNumbers[r], column: header[column],
                                          expected: "a finite number", value: cell)
                }
                return value
            }
            if format.missing.isMissing(cell) { return nil }
            throw CohortDataError(.nonNumericValue, file: name, line: lineNumbers[r], column: header[column],
                                  expected: "a number or a missing-value token (NA, empty)", value: cell)
        }
    }

    /// Whether every non-missing cell of the column is a finite number (and at least one is present).
    public func isNumeric(_ column: Int) -> Bool {
        var any = false
        for r in rows.indices where !isMissing(r, column) {
            guard let v = NumberParser.parseDouble(rows[r][column]), v.isFinite else { return false }
            any = true
        }
        return any
    }

    /// Infers a typed clinical column: numeric columns whose values are all 0/1 become binary, other
    /// numeric columns continuous, everything else categorical (yes/no, true/false become binary).
    public func inferredColumn(_ column: Int) -> ClinicalColumn {
        let name = header[column]
        if isNumeric(column), let values = try? doubles(column) {
            if values.allSatisfy({ $0 == nil || $0 == 0 || $0 == 1 }) {
                return ClinicalColumn(name: name, values: .binary(values.map { $0.map { $0 == 1 } }))
            }
            return ClinicalColumn(name: name, values: .continuous(values))
        }
        let text = strings(column)
        let booleans: [String: Bool] = ["yes": true, "no": false, "true": true, "false": false, "y": true, "n": false]
        let lowered = text.map { $0?.lowercased() }
        if lowered.contains(where: { $0 != nil }), lowered.allSatisfy({ $0 == nil || booleans[$0!] != nil }) {
            return ClinicalColumn(name: name, values: .binary(lowered.map { $0.flatMap { booleans[$0] } }))
        }
        return ClinicalColumn(name: name, values: .categorical(text))
    }
}
