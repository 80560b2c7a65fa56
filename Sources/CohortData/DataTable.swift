import Foundation

/// A plain rectangular table of text cells with named columns: what the CLI writes as TSV or JSON.
///
/// Missing cells are `nil` and are written as `NA` in TSV and `null` in JSON.
public struct DataTable: Sendable, Hashable, Codable {
    public var columns: [String]
    public var rows: [[String?]]

    public init(columns: [String], rows: [[String?]] = []) {
        precondition(rows.allSatisfy { $0.count == columns.count }, "every row needs one cell per column")
        self.columns = columns
        self.rows = rows
    }

    public mutating func append(_ row: [String?]) {
        precondition(row.count == columns.count, "row has \(row.count) cells, table has \(columns.count) columns")
        rows.append(row)
    }

    /// Tab-separated text with a header line. Tabs and newlines inside cells are replaced by spaces so
    /// that every row stays one line with the header's field count.
    public func tsv() -> String {
        var out = columns.map(Self.clean).joined(separator: "\t") + "\n"
        for row in rows {
            out += row.map { $0.map(Self.clean) ?? "NA" }.joined(separator: "\t")
            out += "\n"
        }
        return out
    }

    /// A JSON array of objects, one per row, keys in column order; numbers stay strings unless
    /// `numericColumns` names them, in which case they are written as JSON numbers.
    public func json(numericColumns: Set<String> = []) throws -> Data {
        var text = "[\n"
        for (r, row) in rows.enumerated() {
            text += "  {"
            for (c, name) in columns.enumerated() {
                text += try Self.jsonString(name) + ": "
                if let cell = row[c] {
                    if numericColumns.contains(name), let value = Double(cell), value.isFinite {
                        text += cell
                    } else {
                        text += try Self.jsonString(cell)
                    }
                } else {
                    text += "null"
                }
                if c < columns.count - 1 { text += ", " }
            }
            text += r < rows.count - 1 ? "},\n" : "}\n"
        }
        text += "]\n"
        return Data(text.utf8)
    }

    /// Writes the table as TSV to `url`, atomically.
    public func writeTSV(to url: URL) throws { try AtomicFile.write(tsv(), to: url) }

    /// Writes the table as JSON to `url`, atomically.
    public func writeJSON(to url: URL, numericColumns: Set<String> = []) throws {
        try AtomicFile.write(json(numericColumns: numericColumns), to: url)
    }

    private static func clean(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return String(cell.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }

    private static func jsonString(_ text: String) throws -> String {
        let data = try JSONEncoder().encode(text)
        return String(decoding: data, as: UTF8.self)
    }
}
