import Foundation
import Testing
@testable import CohortData
import TestSupport

/// Runs `body`, which must throw a ``CohortDataError`` of `kind` located in `file` (and at `line` /
/// `column` when given), with a non-empty expectation and — when the error carries a distinctive value —
/// a description that does not show it. Returns the error for further checks.
@discardableResult
func expectFormatError(
    _ kind: CohortDataError.Kind, file: URL, line: Int? = nil, column: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
) -> CohortDataError? {
    do {
        try body()
        Issue.record("expected a CohortDataError of kind \(kind), but nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as CohortDataError {
        #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
        #expect(error.file == file.path, "\(error)", sourceLocation: sourceLocation)
        #expect(error.line != nil, "the error names no line: \(error)", sourceLocation: sourceLocation)
        if let line { #expect(error.line == line, "\(error)", sourceLocation: sourceLocation) }
        if let column { #expect(error.column == column, "\(error)", sourceLocation: sourceLocation) }
        #expect(!error.expected.isEmpty, sourceLocation: sourceLocation)
        if let value = error.value, value.count >= 4 {
            #expect(!error.description.contains(value), "description shows the value: \(error)", sourceLocation: sourceLocation)
            #expect(error.message(showingValues: true).contains(value), sourceLocation: sourceLocation)
        }
        return error
    } catch {
        Issue.record("expected a CohortDataError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Writes `text` gzip-compressed and then cut to half its size (a truncated download).
func writeTruncatedGzip(_ text: String, name: String, in folder: TemporaryDirectory) throws -> URL {
    let plain = try folder.write(name + ".plain", text)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["gzip", "-c", "-n", plain.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(data.count > 40 && data[0] == 0x1F && data[1] == 0x8B)
    let url = folder.file(name)
    try data.prefix(data.count / 2).write(to: url)
    return url
}

/// A long, varied text so that half its gzip stream still decodes a few lines.
func repeatedLines(_ count: Int, _ line: (Int) -> String) -> String {
    (0..<count).map(line).joined(separator: "\n") + "\n"
}
