/// The tokens that mean "missing" in delimited input.
///
/// Default: the empty field, `NA`, `na`, `N/A`, `NaN`, `nan`, `NULL`, `null`, `.` and `-` on its own are
/// read as missing (R, pandas, cBioPortal and ORCESTRA conventions). Any other text in a numeric
/// column is an error, never a silent NaN.
public struct MissingValueTokens: Sendable, Hashable, Codable {
    public var tokens: Set<String>

    public static let standard = MissingValueTokens(tokens: [
        "", "NA", "na", "N/A", "n/a", "NaN", "nan", "NAN", "NULL", "null", "None", ".", "-", "[Not Available]",
        "[Not Applicable]", "[Unknown]", "[Not Evaluated]",
    ])

    public init(tokens: Set<String>) { self.tokens = tokens }

    @inlinable
    public func isMissing(_ field: Substring) -> Bool {
        tokens.contains(String(field.trimmingASCIIWhitespace()))
    }

    @inlinable
    public func isMissing(_ field: String) -> Bool {
        tokens.contains(String(Substring(field).trimmingASCIIWhitespace()))
    }
}

extension Substring {
    /// The substring without leading and trailing spaces and tabs.
    @inlinable
    public func trimmingASCIIWhitespace() -> Substring {
        var start = startIndex
        var end = endIndex
        while start < end, self[start] == " " || self[start] == "\t" { start = index(after: start) }
        while end > start {
            let before = index(before: end)
            guard self[before] == " " || self[before] == "\t" else { break }
            end = before
        }
        return self[start..<end]
    }
}
