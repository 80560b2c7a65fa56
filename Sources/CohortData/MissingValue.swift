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
        let utf8 = field.utf8
        guard let first = utf8.first, let last = utf8.last else { return true }
        if utf8.count > 24 { return false }
        if first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 {
            return tokens.contains(String(Substring(field).trimmingASCIIWhitespace()))
        }
        return tokens.contains(field)
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
