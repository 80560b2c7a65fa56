import Foundation

/// One attribute (column) of a cBioPortal clinical file, with what its `#` header lines say about it.
public struct CBioPortalAttribute: Sendable, Hashable, Codable {
    /// The cBioPortal datatypes of clinical attributes.
    public enum Datatype: String, Sendable, Hashable, Codable, CaseIterable {
        case number = "NUMBER"
        case string = "STRING"
        case boolean = "BOOLEAN"
    }

    /// The column name (`OS_MONTHS`).
    public var name: String
    public var displayName: String?
    public var description: String?
    /// `nil` when the file has no `#` header lines (the type is then inferred from the values).
    public var datatype: Datatype?
    public var priority: String?
}

/// A cBioPortal clinical data file (`data_clinical_patient.txt`, `data_clinical_sample.txt`) read as
/// text, with the attribute metadata of its `#` header lines.
///
/// Format: https://docs.cbioportal.org/file-formats/#clinical-data — four lines starting with `#` (display
/// names, descriptions, datatypes `NUMBER`/`STRING`/`BOOLEAN`, priorities; older combined files have a
/// fifth, the attribute type, before the priorities), then the header of attribute names and one row per
/// patient or sample.
///
/// Accepted: files without `#` lines (types are then inferred, as ``DelimitedTable/inferredColumn(_:)``
/// does), missing tokens (`NA`, empty, `[Not Available]`, …), CRLF, gzip.
///
/// Rejected with a ``CohortDataError`` naming file, line and column: an empty file (`emptyFile`), one or
/// two `#` lines only or `#` lines whose field count differs from the header's (`invalidHeader`), a
/// datatype outside NUMBER/STRING/BOOLEAN (`unknownCode`), ragged rows (`raggedRow`), duplicate column
/// names (`duplicateID`), text in a NUMBER column (`nonNumericValue`), a BOOLEAN value other than
/// TRUE/FALSE/YES/NO/1/0 (`unknownCode`), and a truncated gzip stream (`truncatedCompressedFile`).
public struct CBioPortalClinicalFile: Sendable {
    public var table: DelimitedTable
    /// One entry per column of ``table``.
    public var attributes: [CBioPortalAttribute]
    /// The 1-based line of the header (after the `#` lines).
    public var headerLine: Int

    /// The format of cBioPortal data files: tab-separated, `#` metadata lines, quoting on.
    public static let format = DelimitedFormat(commentPrefix: UInt8(ascii: "#"))

    /// Reads a clinical file.
    public static func read(_ url: URL) throws -> CBioPortalClinicalFile {
        // Pass 1: the `#` metadata lines (the table reader below skips them).
        let metaReader = try DelimitedReader(url: url, format: .tsv)
        var meta: [[String]] = []
        var metaLines: [Int] = []
        while try metaReader.nextLocated() {
            let first = metaReader.string(0)
            guard first.hasPrefix("#") else { break }
            var fields = metaReader.strings()
            fields[0].removeFirst()
            meta.append(fields.map { String(Substring($0).trimmingASCIIWhitespace()) })
            metaLines.append(metaReader.lineNumber)
        }
        let headerLine = meta.isEmpty ? max(metaReader.lineNumber, 1) : metaReader.lineNumber
        // Pass 2: header and rows.
        let reader = try DelimitedReader(url: url, format: format)
        let table: DelimitedTable
        do {
            table = try DelimitedTable.read(reader)
        } catch var error as CohortDataError {
            if error.kind == .truncatedCompressedFile, error.line == nil { error.line = reader.lineNumber + 1 }
            throw error
        }
        let n = table.header.count
        if !meta.isEmpty, meta.count < 3 {
            throw CohortDataError(.invalidHeader, file: table.name, line: metaLines[0],
                                  expected: "four # lines before the header (display names, descriptions, datatypes, priorities), found \(meta.count)")
        }
        for (k, fields) in meta.enumerated() {
            var count = fields.count
            while count > n, fields[count - 1].isEmpty { count -= 1 }
            guard count == n else {
                throw CohortDataError(.invalidHeader, file: table.name, line: metaLines[k],
                                      expected: "\(n) fields as in the header on line \(headerLine), found \(fields.count)")
            }
        }
        var attributes: [CBioPortalAttribute] = []
        for (i, name) in table.header.enumerated() {
            var datatype: CBioPortalAttribute.Datatype?
            if meta.count >= 3 {
                let text = meta[2][i]
                guard let type = CBioPortalAttribute.Datatype(rawValue: text.uppercased()) else {
                    throw CohortDataError(.unknownCode, file: table.name, line: metaLines[2], column: name,
                                          expected: "a cBioPortal datatype (NUMBER, STRING or BOOLEAN) on the datatype line", value: text)
                }
                datatype = type
            }
            func field(_ k: Int) -> String? {
                guard k < meta.count, !meta[k][i].isEmpty else { return nil }
                return meta[k][i]
            }
            attributes.append(CBioPortalAttribute(name: name, displayName: field(0), description: field(1), datatype: datatype,
                                                  priority: field(meta.count >= 5 ? 4 : 3)))
        }
        return CBioPortalClinicalFile(table: table, attributes: attributes, headerLine: headerLine)
    }

    /// The index of column `name`; throws `missingColumn` naming the header line.
    public func requireColumn(_ name: String) throws -> Int {
        guard let index = table.columnIndex(name) else {
            throw CohortDataError(.missingColumn, file: table.name, line: headerLine, column: name,
                                  expected: "a column named \"\(name)\" in the header")
        }
        return index
    }

    /// Column `index` typed by its declared datatype (or inferred when there is none).
    public func column(_ index: Int) throws -> ClinicalColumn {
        let name = table.header[index]
        switch attributes[index].datatype {
        case .number?:
            return ClinicalColumn(name: name, values: .continuous(try table.doubles(index)))
        case .string?:
            return ClinicalColumn(name: name, values: .categorical(table.strings(index)))
        case .boolean?:
            let words: [String: Bool] = ["true": true, "false": false, "yes": true, "no": false, "1": true, "0": false]
            var values: [Bool?] = []
            for (r, text) in table.strings(index).enumerated() {
                guard let text else { values.append(nil); continue }
                guard let value = words[text.lowercased()] else {
                    throw CohortDataError(.unknownCode, file: table.name, line: table.lineNumbers[r], column: name,
                                          expected: "TRUE, FALSE, YES, NO, 1 or 0 in a BOOLEAN column", value: text)
                }
                values.append(value)
            }
            return ClinicalColumn(name: name, values: .binary(values))
        case nil:
            return table.inferredColumn(index)
        }
    }
}
