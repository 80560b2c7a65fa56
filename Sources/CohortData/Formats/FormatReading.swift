import Foundation

// Small helpers shared by the format readers in this folder (GCT, GMT, MAF, cBioPortal, HGNC).
// Internal: the public surface is the readers themselves.

extension DelimitedReader {
    /// ``next()``, with errors raised below the tokenizer (a truncated gzip stream, an unreadable
    /// file) located at the line being read, so that every reader's errors name a line.
    func nextLocated() throws -> Bool {
        do {
            return try next()
        } catch var error as CohortDataError {
            if error.file == nil { error.file = name }
            if error.line == nil { error.line = lineNumber + 1 }
            throw error
        }
    }

    /// Field `index` trimmed of spaces and tabs; empty when the record is shorter.
    func trimmed(_ index: Int) -> String {
        guard index < fieldCount else { return "" }
        return String(Substring(string(index)).trimmingASCIIWhitespace())
    }

    /// Whether field `index` is a missing-value token or GCT/GMT's lower-case `na`.
    func isMissingOrNA(_ index: Int) -> Bool {
        isMissing(index) || trimmed(index).lowercased() == "na"
    }

    /// The number of fields once trailing empty fields are ignored (files written by spreadsheets
    /// often pad short lines with tabs).
    var fieldCountIgnoringTrailingEmpty: Int {
        var n = fieldCount
        while n > 0, bytes(n - 1).allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { n -= 1 }
        return n
    }

    /// Field `index` as a non-negative integer; throws `nonNumericValue` naming the line and
    /// `column` otherwise. `nil` for a missing-value token when `allowMissing`.
    func integer(_ index: Int, column: String, allowMissing: Bool = false) throws -> Int? {
        let text = trimmed(index)
        if allowMissing, isMissing(index) { return nil }
        if let value = Int(text), value >= 0 { return value }
        // "12.0" as written by R or pandas.
        if let value = Double(text), value >= 0, value == value.rounded(), value < 1e15 { return Int(value) }
        throw error(.nonNumericValue, column: column,
                    expected: allowMissing ? "a whole number ≥ 0 or a missing-value token" : "a whole number ≥ 0",
                    value: text)
    }
}

/// Header names mapped to their first index, matched exactly, then case-insensitively.
struct HeaderIndex {
    let names: [String]
    private let exact: [String: Int]
    private let lowered: [String: Int]

    init(_ names: [String]) {
        self.names = names
        var exact: [String: Int] = [:]
        var lowered: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            if exact[name] == nil { exact[name] = i }
            if lowered[name.lowercased()] == nil { lowered[name.lowercased()] = i }
        }
        self.exact = exact
        self.lowered = lowered
    }

    func index(_ name: String) -> Int? { exact[name] ?? lowered[name.lowercased()] }

    /// The first of `candidates` present in the header.
    func index(anyOf candidates: [String]) -> Int? {
        for name in candidates { if let i = index(name) { return i } }
        return nil
    }
}
