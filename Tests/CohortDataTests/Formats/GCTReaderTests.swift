import Foundation
import Testing
@testable import CohortData
import TestSupport

@Suite("GCT reader and writer")
struct GCTReaderTests {
    @Test func readsGCT12() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("a.gct", "#1.2\n3\t2\nName\tDescription\tS1\tS2\nCD8A\tna\t5.5\t1\nVSIR\tV-set\tNA\t-2e-3\nIFNG\t\t0\t3.25\n")
        let doc = try GCTReader.read(url, unit: .log2TPM)
        #expect(doc.version == .v1_2)
        #expect(doc.block.genes == ["CD8A", "VSIR", "IFNG"])
        #expect(doc.block.sampleIDs == ["S1", "S2"])
        #expect(doc.block.unit == .log2TPM)
        #expect(doc.block.value(gene: 0, sample: 0) == 5.5)
        #expect(doc.block.value(gene: 1, sample: 0).isNaN)
        #expect(doc.block.value(gene: 1, sample: 1) == -0.002)
        #expect(doc.block.value(gene: 2, sample: 1) == 3.25)
        #expect(doc.rowMetadata == [GCTMetadataField(name: "Description", values: [nil, "V-set", nil])])
        #expect(doc.columnMetadata.isEmpty)
    }

    @Test func readsGCT13WithMetadata() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let text = """
        #1.3\t\t\t\t
        2\t3\t2\t2
        id\tpr_gene_symbol\tpr_type\tA\tB\tC
        cell\tna\tna\tMCF7\tA375\tna
        dose\tna\tna\t1\t10\t100
        g1\tCD274\tlandmark\t1\t2\t3
        g2\tPDCD1\tna\t4\t5\tNaN

        """
        let url = try dir.write("b.gct", text)
        let doc = try GCTReader.read(url, unit: .normalizedLog)
        #expect(doc.version == .v1_3)
        #expect(doc.block.genes == ["g1", "g2"])
        #expect(doc.block.sampleIDs == ["A", "B", "C"])
        #expect(Array(doc.block.row(gene: 0)) == [1, 2, 3])
        #expect(doc.block.value(gene: 1, sample: 2).isNaN)
        #expect(doc.rowField("pr_gene_symbol")?.values == ["CD274", "PDCD1"])
        #expect(doc.rowField("pr_type")?.values == ["landmark", nil])
        #expect(doc.columnField("cell")?.values == ["MCF7", "A375", nil])
        #expect(doc.columnField("dose")?.values == ["1", "10", "100"])
    }

    @Test func writerRoundTripsExactly() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let block = ExpressionBlock(genes: ["CD274", "CXCL9"], sampleIDs: ["P1", "P2", "P3"], unit: .tpm,
                                    geneMajorValues: [0.1, 1e-7, .nan, 12345.678, 0, 2.5])
        let url = dir.file("out/round.gct")
        try GCTWriter.write(block, descriptions: ["PD-L1", nil], to: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.hasPrefix("#1.2\n2\t3\nName\tDescription\tP1\tP2\tP3\nCD274\tPD-L1\t0.1\t1e-07\tNA\n"))
        let back = try GCTReader.read(url, unit: .tpm)
        #expect(back.block.genes == block.genes)
        #expect(back.block.sampleIDs == block.sampleIDs)
        for (a, b) in zip(back.block.values, block.values) { #expect(a == b || (a.isNaN && b.isNaN)) }
        #expect(back.rowMetadata[0].values == ["PD-L1", nil])
        // No temporary file left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("out").path) == ["round.gct"])
    }

    @Test func writerRejectsTabsInIdentifiers() throws {
        let block = ExpressionBlock(genes: ["A\tB"], sampleIDs: ["P1"], unit: .tpm, geneMajorValues: [1])
        #expect(throws: CohortDataError.self) { try GCTWriter.text(block) }
    }

    // MARK: Bad input

    @Test func rejectsEmptyFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("e.gct", "")
        let error = try #require(throws: CohortDataError.self) { try GCTReader.read(url, unit: .tpm) }
        #expect(error.kind == .emptyFile)
        #expect(error.file == url.path)
    }

    @Test func rejectsUnknownVersion() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("v.gct", "#1.4\n1\t1\nName\tDescription\tS1\nG\tna\t1\n")
        expectFormatError(.invalidHeader, file: url, line: 1) { _ = try GCTReader.read(url, unit: .tpm) }
    }

    @Test func rejectsTextInDimensionLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("d.gct", "#1.2\nthree\t1\nName\tDescription\tS1\nG\tna\t1\n")
        expectFormatError(.nonNumericValue, file: url, line: 2, column: "rows") { _ = try GCTReader.read(url, unit: .tpm) }
    }

    @Test func rejectsRaggedRow() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("r.gct", "#1.2\n2\t2\nName\tDescription\tS1\tS2\nG1\tna\t1\t2\nG2\tna\t1\n")
        expectFormatError(.raggedRow, file: url, line: 5) { _ = try GCTReader.read(url, unit: .tpm) }
    }

    @Test func rejectsDuplicateGene() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("g.gct", "#1.2\n2\t1\nName\tDescription\tS1\nCD8A\tna\t1\nCD8A\tna\t2\n")
        let error = expectFormatError(.duplicateID, file: url, line: 5, column: "Name") { _ = try GCTReader.read(url, unit: .tpm) }
        #expect(error?.expected.contains("line 4") == true)
    }

    @Test func rejectsDuplicateSample() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("s.gct", "#1.2\n1\t2\nName\tDescription\tPT-0042\tPT-0042\nG\tna\t1\t2\n")
        expectFormatError(.duplicateID, file: url, line: 3, column: "PT-0042") { _ = try GCTReader.read(url, unit: .tpm) }
    }

    @Test func rejectsTextInMatrix() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("t.gct", "#1.2\n1\t2\nName\tDescription\tS1\tS2\nG\tna\t1\thigh-secret\n")
        let error = expectFormatError(.nonNumericValue, file: url, line: 4, column: "S2") { _ = try GCTReader.read(url, unit: .tpm) }
        #expect(error?.value == "high-secret")
    }

    @Test func rejectsFewerRowsThanDeclared() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("f.gct", "#1.2\n3\t1\nName\tDescription\tS1\nG1\tna\t1\nG2\tna\t2\n")
        let error = expectFormatError(.invalidHeader, file: url, line: 2, column: "rows") { _ = try GCTReader.read(url, unit: .tpm) }
        #expect(error?.expected.contains("found 2") == true)
    }

    @Test func rejectsMoreRowsThanDeclared() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("m.gct", "#1.2\n1\t1\nName\tDescription\tS1\nG1\tna\t1\nG2\tna\t2\n")
        expectFormatError(.invalidHeader, file: url, line: 5) { _ = try GCTReader.read(url, unit: .tpm) }
    }

    @Test func rejectsSampleCountOtherThanDeclared() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("c.gct", "#1.2\n1\t3\nName\tDescription\tS1\tS2\nG1\tna\t1\t2\n")
        expectFormatError(.invalidHeader, file: url, line: 3) { _ = try GCTReader.read(url, unit: .tpm) }
    }

    @Test func rejectsMissingColumnMetadataRows() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("cm.gct", "#1.3\n1\t1\t0\t2\nid\tS1\ncell\tMCF7\n")
        expectFormatError(.invalidHeader, file: url, line: 2, column: "column metadata rows") { _ = try GCTReader.read(url, unit: .tpm) }
    }

    @Test func rejectsTruncatedGzip() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let n = 3000
        let text = "#1.2\n\(n)\t3\nName\tDescription\tS1\tS2\tS3\n"
            + repeatedLines(n) { "G\($0)\tgene \($0 * 7919 % 1000)\t\(Double($0) * 0.37)\t\($0 % 13)\t\(Double($0 * 31 % 977) / 7)" }
        let url = try writeTruncatedGzip(text, name: "big.gct.gz", in: dir)
        expectFormatError(.truncatedCompressedFile, file: url) { _ = try GCTReader.read(url, unit: .tpm) }
    }
}
