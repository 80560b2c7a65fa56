import Foundation

/// How a delimited text file is laid out.
///
/// Defaults follow RFC 4180 with the conventions of R, pandas and cBioPortal: fields may be quoted
/// with `"` (a doubled `""` inside is one quote, and quoted fields may hold delimiters and line
/// breaks); `\r\n` and `\n` both end a line; a UTF-8 byte-order mark at the start is skipped; blank
/// lines are skipped.
public struct DelimitedFormat: Sendable, Hashable {
    /// Field separator byte: `\t` (default) or `,`.
    public var delimiter: UInt8
    /// Quote byte; `nil` turns quoting off (every `"` is data).
    public var quote: UInt8?
    /// Lines starting with this byte are skipped (cBioPortal's `#` metadata lines); `nil` = none.
    public var commentPrefix: UInt8?
    /// Tokens read as missing.
    public var missing: MissingValueTokens

    public init(delimiter: UInt8 = UInt8(ascii: "\t"), quote: UInt8? = UInt8(ascii: "\""),
                commentPrefix: UInt8? = nil, missing: MissingValueTokens = .standard) {
        self.delimiter = delimiter
        self.quote = quote
        self.commentPrefix = commentPrefix
        self.missing = missing
    }

    public static let tsv = DelimitedFormat()
    public static let csv = DelimitedFormat(delimiter: UInt8(ascii: ","))

    /// Comma for `.csv` / `.csv.gz`, tab otherwise (`.tsv`, `.txt`, `.maf`, `.gct`).
    public static func guess(for url: URL) -> DelimitedFormat {
        var name = url.lastPathComponent.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        return name.hasSuffix(".csv") ? .csv : .tsv
    }
}
