import Foundation

/// A problem with input data: names the file, line and column, says what was expected, and keeps the
/// offending value out of the message unless it is asked for.
///
/// Patient values are hidden by default (`description`) because error messages end up in logs, tickets
/// and chat; ``message(showingValues:)`` includes the value when a user asks for it (the CLI's
/// `--show-values`).
public struct CohortDataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem this is; tests and callers switch on it.
    public enum Kind: String, Sendable, Codable {
        case fileNotFound
        case unreadable
        case emptyFile
        case truncatedCompressedFile
        case raggedRow
        case duplicateID
        case nonNumericValue
        case unknownCode
        case mismatchedIDs
        case missingColumn
        case invalidHeader
        case invalidMapping
        case ambiguousGeneIdentifier
        case unsupportedLayout
        case invalidValue
    }

    public var kind: Kind
    /// The file (path as given by the user), when the problem is in a file.
    public var file: String?
    /// 1-based line number in the (decompressed) file.
    public var line: Int?
    /// Column name, or 1-based column number as text when the header is unknown.
    public var column: String?
    /// What the reader expected, in words: "a number", "46 fields, as in the header".
    public var expected: String
    /// The offending value; printed only by ``message(showingValues:)``.
    public var value: String?

    public init(
        _ kind: Kind, file: String? = nil, line: Int? = nil, column: String? = nil,
        expected: String, value: String? = nil
    ) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.expected = expected
        self.value = value
    }

    /// `file:line: column "X": expected …` with the value hidden.
    public var description: String { message(showingValues: false) }

    /// The message, with the offending value when `showingValues` is true.
    public func message(showingValues: Bool) -> String {
        var location: [String] = []
        if let file { location.append(file) }
        if let line { location.append("line \(line)") }
        if let column { location.append("column \"\(column)\"") }
        var text = location.isEmpty ? "" : location.joined(separator: ", ") + ": "
        text += expected
        if let value {
            text += showingValues ? " (found \"\(value)\")" : " (value hidden; use --show-values to see it)"
        }
        return text
    }

    /// The same error located in `file` (readers that parse a buffer add the file name afterwards).
    public func inFile(_ file: String) -> CohortDataError {
        var copy = self
        if copy.file == nil { copy.file = file }
        return copy
    }
}
