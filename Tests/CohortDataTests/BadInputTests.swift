import Foundation
import Testing
import TestSupport
@testable import CohortData

/// Every reader answers malformed input with one error naming file, line, column and expectation,
/// and keeps the offending value out of the message unless asked.
@Suite("Bad input")
struct BadInputTests {
    let mapping = CohortMapping(
        patientID: "id",
        response: .init(column: "bor", positive: ["R"], negative: ["NR"]),
        overallSurvival: .init(time: "os", event: "dead", unit: .months))

    func readTable(_ text: String, name: String = "clinical.tsv") throws -> (TemporaryDirectory, URL) {
        let dir = try TemporaryDirectory()
        return (dir, try dir.write(name, text))
    }

    @Test("ragged row: names file, line and both field counts")
    func raggedRow() throws {
        let (dir, url) = try readTable("id\tbor\tos\tdead\nP1\tR\t3\t1\nP2\tNR\t4\n")
        defer { dir.remove() }
        let error = try #require(throws: CohortDataError.self) { try DelimitedTable.read(url) }
        #expect(error.kind == .raggedRow)
        #expect(error.file == url.path)
        #expect(error.line == 3)
        #expect(error.description.contains("4 fields"))
    }

    @Test("duplicate patient ID: names both lines, hides the ID")
    func duplicatePatient() throws {
        let (dir, url) = try readTable("id\tbor\tos\tdead\nP1\tR\t3\t1\nP1\tNR\t4\t0\n")
        defer { dir.remove() }
        let table = try DelimitedTable.read(url)
        let error = try #require(throws: CohortDataError.self) { try mapping.cohort(from: table, name: "x") }
        #expect(error.kind == .duplicateID)
        #expect(error.line == 3)
        #expect(error.column == "id")
        #expect(!error.description.contains("P1"))
        #expect(error.message(showingValues: true).contains("P1"))
    }

    @Test("duplicate gene ID in an expression matrix")
    func duplicateGene() throws {
        let (dir, url) = try readTable("gene\tS1\tS2\nCD8A\t1\t2\nGZMB\t3\t4\nCD8A\t5\t6\n", name: "expr.tsv")
        defer { dir.remove() }
        let error = try #require(throws: CohortDataError.self) {
            _ = try ExpressionMatrixReader.read(url, options: .init(unit: .log2TPM))
        }
        #expect(error.kind == .duplicateID)
        #expect(error.line == 4)
        #expect(error.description.contains("line 2"))
    }

    @Test("text in a numeric column: names line and column, hides the text")
    func textInNumeric() throws {
        let (dir, url) = try readTable("id\tbor\tos\tdead\nP1\tR\t3\t1\nP2\tNR\tabout 4\t0\n")
        defer { dir.remove() }
        let table = try DelimitedTable.read(url)
        let error = try #require(throws: CohortDataError.self) { try mapping.cohort(from: table, name: "x") }
        #expect(error.kind == .nonNumericValue)
        #expect(error.line == 3)
        #expect(error.column == "os")
        #expect(!error.description.contains("about 4"))
    }

    @Test("text in an expression matrix names the sample column")
    func textInMatrix() throws {
        let (dir, url) = try readTable("gene\tS1\tS2\nCD8A\t1\thigh\n", name: "expr.tsv")
        defer { dir.remove() }
        let error = try #require(throws: CohortDataError.self) {
            _ = try ExpressionMatrixReader.read(url, options: .init(unit: .log2TPM))
        }
        #expect(error.kind == .nonNumericValue)
        #expect(error.line == 2)
        #expect(error.column == "S2")
    }

    @Test("empty files, and files with only a header")
    func emptyFile() throws {
        let (dir, url) = try readTable("")
        defer { dir.remove() }
        let error = try #require(throws: CohortDataError.self) { try DelimitedTable.read(url) }
        #expect(error.kind == .emptyFile)
        let header = try dir.write("expr.tsv", "gene\tS1\n")
        let matrixError = try #require(throws: CohortDataError.self) {
            _ = try ExpressionMatrixReader.read(header, options: .init(unit: .tpm))
        }
        #expect(matrixError.kind == .emptyFile)
    }

    @Test("unknown outcome code: names line, column and the accepted codes")
    func unknownCode() throws {
        let (dir, url) = try readTable("id\tbor\tos\tdead\nP1\tR\t3\t1\nP2\tmaybe\t4\t0\n")
        defer { dir.remove() }
        let table = try DelimitedTable.read(url)
        let error = try #require(throws: CohortDataError.self) { try mapping.cohort(from: table, name: "x") }
        #expect(error.kind == .unknownCode)
        #expect(error.line == 3)
        #expect(error.column == "bor")
        #expect(error.description.contains("R, NR"))
        #expect(!error.description.contains("maybe"))
    }

    @Test("unknown survival event code")
    func unknownEventCode() throws {
        let (dir, url) = try readTable("id\tbor\tos\tdead\nP1\tR\t3\t2\n")
        defer { dir.remove() }
        let table = try DelimitedTable.read(url)
        let error = try #require(throws: CohortDataError.self) { try mapping.cohort(from: table, name: "x") }
        #expect(error.kind == .unknownCode)
        #expect(error.column == "dead")
    }

    @Test("expression samples that match no patient")
    func mismatchedIDs() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("clinical.tsv", "sample_id\tpatientid\tresponse\nS1\tP1\tR\nS2\tP2\tNR\n")
        let matrix = try GzipCompression.compress(Array("gene\tS1\tS9\nCD8A\t1\t2\n".utf8))
        try matrix.write(to: dir.file("expr_log2tpm.tsv.gz"))
        let error = try #require(throws: CohortDataError.self) { try CohortReader.read(dir.url) }
        #expect(error.kind == .mismatchedIDs)
        #expect(error.column == "S9")
    }

    @Test("a missing mapped column lists what was expected")
    func missingColumn() throws {
        let (dir, url) = try readTable("patient\tbor\nP1\tR\n")
        defer { dir.remove() }
        let table = try DelimitedTable.read(url)
        let error = try #require(throws: CohortDataError.self) { try mapping.cohort(from: table, name: "x") }
        #expect(error.kind == .missingColumn)
        #expect(error.column == "id")
    }

    @Test("a mapping file with a misspelt key is rejected, naming the key")
    func badMapping() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("m.yaml", "patient_id: id\nresponce: {column: bor, positive: [R], negative: [NR]}\n")
        let error = try #require(throws: CohortDataError.self) { try CohortMapping.load(url) }
        #expect(error.kind == .invalidMapping)
        #expect(error.column == "responce")
    }

    @Test("a failed conversion leaves no partial output folder")
    func noPartialOutput() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var cohort = Cohort(name: "x", patientIDs: ["P1", "P2"])
        cohort.clinical = [ClinicalColumn(name: "age", values: .continuous([1]))]   // wrong length
        let destination = dir.file("out")
        #expect(throws: CohortDataError.self) { try CohortLayout.write(cohort, to: destination) }
        #expect(!FileManager.default.fileExists(atPath: destination.path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.url.path)
        #expect(leftovers.isEmpty)
    }
}
