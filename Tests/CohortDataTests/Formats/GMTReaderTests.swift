import Foundation
import Testing
@testable import CohortData
import TestSupport

@Suite("GMT reader and writer")
struct GMTReaderTests {
    @Test func readsSets() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("s.gmt", "IFNG_AYERS\thttp://example.org\tIFNG\tSTAT1\tIDO1\t\r\n\nCYT\tna\t GZMA \tPRF1\n")
        let sets = try GMTReader.read(url)
        #expect(sets == [
            GeneSet(name: "IFNG_AYERS", description: "http://example.org", genes: ["IFNG", "STAT1", "IDO1"]),
            GeneSet(name: "CYT", description: nil, genes: ["GZMA", "PRF1"]),
        ])
    }

    @Test func writerRoundTrips() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let sets = [GeneSet(name: "A", description: "first set", genes: ["CD8A", "CD8B"]),
                    GeneSet(name: "B", genes: ["CXCL9"])]
        let url = dir.file("out.gmt")
        try GMTWriter.write(sets, to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "A\tfirst set\tCD8A\tCD8B\nB\tna\tCXCL9\n")
        #expect(try GMTReader.read(url) == sets)
    }

    @Test func writerRejectsDuplicatesAndEmptySets() {
        #expect(throws: CohortDataError.self) { try GMTWriter.text([GeneSet(name: "A", genes: ["X"]), GeneSet(name: "A", genes: ["Y"])]) }
        #expect(throws: CohortDataError.self) { try GMTWriter.text([GeneSet(name: "A", genes: [])]) }
        #expect(throws: CohortDataError.self) { try GMTWriter.text([GeneSet(name: "A\tB", genes: ["X"])]) }
    }

    @Test func allowsDuplicateGenesWhenAsked() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("d.gmt", "A\tna\tX\tY\tX\n")
        #expect(try GMTReader.read(url, options: .init(allowDuplicateGenes: true))[0].genes == ["X", "Y"])
    }

    // MARK: Bad input

    @Test func rejectsEmptyFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("e.gmt", "\n\n")
        let error = try #require(throws: CohortDataError.self) { try GMTReader.read(url) }
        #expect(error.kind == .emptyFile)
        #expect(error.file == url.path)
    }

    @Test func rejectsSetWithoutGenes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("n.gmt", "A\tna\tX\nEMPTY_SET\tdescription\t\t\n")
        let error = expectFormatError(.invalidValue, file: url, line: 2, column: "genes") { _ = try GMTReader.read(url) }
        #expect(error?.expected.contains("EMPTY_SET") == true)
    }

    @Test func rejectsDuplicateSetName() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("dup.gmt", "A\tna\tX\nB\tna\tY\nA\tna\tZ\n")
        let error = expectFormatError(.duplicateID, file: url, line: 3, column: "name") { _ = try GMTReader.read(url) }
        #expect(error?.expected.contains("line 1") == true)
    }

    @Test func rejectsDuplicateGeneInSet() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("g.gmt", "A\tna\tCXCL9\tCXCL10\tCXCL9\n")
        expectFormatError(.duplicateID, file: url, line: 1, column: "5") { _ = try GMTReader.read(url) }
    }

    @Test func rejectsTruncatedGzip() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let text = repeatedLines(4000) { i in "SET_\(i)\tna\t" + (0..<8).map { "G\((i * 37 + $0 * 101) % 5003)" }.joined(separator: "\t") }
        let url = try writeTruncatedGzip(text, name: "sets.gmt.gz", in: dir)
        expectFormatError(.truncatedCompressedFile, file: url) { _ = try GMTReader.read(url) }
    }
}
