import Foundation
import Testing
@testable import CohortData
import TestSupport

@Suite("MAF reader")
struct MAFReaderTests {
    static let header = "Hugo_Symbol\tChromosome\tStart_Position\tEnd_Position\tVariant_Classification\tReference_Allele\tTumor_Seq_Allele2\tTumor_Sample_Barcode\tHGVSp_Short\tt_alt_count\tt_ref_count\tt_depth\tccf_hat"

    @Test func readsRowsWithVAFAndCCF() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("m.maf", """
        #version 2.4
        \(Self.header)
        BRAF\t7\t140453136\t140453136\tMissense_Mutation\tA\tT\tS1\tp.V600E\t25\t75\t100\t0.9
        B2M\t15\t45003745\t45003746\tFrame_Shift_Del\tCT\t-\tS1\tp.L13fs\t10\t30\tNA\t1
        TP53\t17\t7577120\t7577120\tSilent\tC\tT\tS2\t\t0\t0\t\tNA

        """)
        let result = try MAFReader.read(url)
        #expect(result.mutations.count == 3)
        #expect(result.patientIDs == ["S1", "S2"])
        let braf = result.mutations[0]
        #expect(braf.gene == "BRAF" && braf.patientID == "S1" && braf.variantClassification == "Missense_Mutation")
        #expect(braf.chromosome == "7" && braf.startPosition == 140453136 && braf.endPosition == 140453136)
        #expect(braf.referenceAllele == "A" && braf.tumorAllele == "T" && braf.proteinChange == "p.V600E")
        #expect(braf.variantAlleleFraction == 0.25)       // alt / t_depth
        #expect(braf.tumorDepth == 100)
        #expect(braf.cancerCellFraction == 0.9)
        #expect(result.mutations[1].variantAlleleFraction == 0.25)   // alt / (alt + ref) without t_depth
        #expect(result.mutations[1].tumorDepth == 40)
        #expect(result.mutations[1].tumorAllele == nil)               // "-" is a missing token
        #expect(result.mutations[2].variantAlleleFraction == nil)     // depth 0
        #expect(result.mutations[2].proteinChange == nil)
        #expect(result.mutations[2].cancerCellFraction == nil)
        #expect(result.block().sequencedPatientIDs == ["S1", "S2"])
    }

    @Test func mapsSamplesToPatients() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("m.maf", "Hugo_Symbol\tVariant_Classification\tTumor_Sample_Barcode\nA\tSilent\tS1\nB\tSilent\tS2\nC\tSilent\tS3\n")
        let mapped = try MAFReader.read(url, options: .mapping(["S1": "P1", "S3": "P3"], unmappedSamples: .drop))
        #expect(mapped.mutations.map(\.patientID) == ["P1", "P3"])
        #expect(mapped.droppedRows == 1)
        let closure = try MAFReader.read(url, options: .init(patientForSample: { "patient-" + $0 }, ignoredSamples: ["S2"]))
        #expect(closure.mutations.map(\.patientID) == ["patient-S1", "patient-S3"])
        #expect(closure.sampleIDs == ["S1", "S3"])
    }

    @Test func headerOnlyIsNoMutations() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("h.maf", "#version 2.4\nHugo_Symbol\tVariant_Classification\tTumor_Sample_Barcode\n")
        #expect(try MAFReader.read(url).mutations.isEmpty)
    }

    // MARK: Bad input

    @Test func rejectsEmptyFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("e.maf", "#version 2.4\n")
        let error = try #require(throws: CohortDataError.self) { try MAFReader.read(url) }
        #expect(error.kind == .emptyFile)
        #expect(error.file == url.path)
    }

    @Test func rejectsMissingRequiredColumn() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("c.maf", "#version 2.4\nHugo_Symbol\tTumor_Sample_Barcode\nA\tS1\n")
        expectFormatError(.missingColumn, file: url, line: 2, column: "Variant_Classification") { _ = try MAFReader.read(url) }
    }

    @Test func rejectsRaggedRow() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("r.maf", "Hugo_Symbol\tVariant_Classification\tTumor_Sample_Barcode\nA\tSilent\tS1\nB\tSilent\n")
        expectFormatError(.raggedRow, file: url, line: 3) { _ = try MAFReader.read(url) }
    }

    @Test func rejectsUnknownVariantClassification() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("u.maf", "Hugo_Symbol\tVariant_Classification\tTumor_Sample_Barcode\nA\tSilent\tS1\nB\tMisense_Mutaton\tS1\n")
        let error = expectFormatError(.unknownCode, file: url, line: 3, column: "Variant_Classification") { _ = try MAFReader.read(url) }
        #expect(error?.expected.contains("Missense_Mutation") == true)
        #expect(error?.expected.contains("De_novo_Start_OutOfFrame") == true)
        // Accepted when the caller says so.
        let ok = try MAFReader.read(url, options: .init(additionalVariantClassifications: ["Misense_Mutaton"]))
        #expect(ok.mutations.count == 2)
    }

    @Test func rejectsTextInNumericColumn() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("n.maf", "Hugo_Symbol\tVariant_Classification\tTumor_Sample_Barcode\tt_alt_count\nA\tSilent\tS1\tmany-reads\n")
        let error = expectFormatError(.nonNumericValue, file: url, line: 2, column: "t_alt_count") { _ = try MAFReader.read(url) }
        #expect(error?.value == "many-reads")
    }

    @Test func rejectsDuplicateVariant() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("d.maf", """
        Hugo_Symbol\tChromosome\tStart_Position\tVariant_Classification\tReference_Allele\tTumor_Seq_Allele2\tTumor_Sample_Barcode
        BRAF\t7\t140453136\tMissense_Mutation\tA\tT\tS1
        BRAF\t7\t140453136\tMissense_Mutation\tA\tT\tS2
        BRAF\t7\t140453136\tMissense_Mutation\tA\tT\tS1

        """)
        let error = expectFormatError(.duplicateID, file: url, line: 4) { _ = try MAFReader.read(url) }
        #expect(error?.expected.contains("line 2") == true)
    }

    @Test func rejectsUnmappedSample() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("s.maf", "Hugo_Symbol\tVariant_Classification\tTumor_Sample_Barcode\nA\tSilent\tS1\nA\tSilent\tSAMPLE-X9\n")
        expectFormatError(.mismatchedIDs, file: url, line: 3, column: "Tumor_Sample_Barcode") {
            _ = try MAFReader.read(url, options: .mapping(["S1": "P1"]))
        }
    }

    @Test func rejectsAltCountAboveDepthAndCCFOutsideRange() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let depth = try dir.write("a.maf", "Hugo_Symbol\tVariant_Classification\tTumor_Sample_Barcode\tt_alt_count\tt_depth\nA\tSilent\tS1\t12\t10\n")
        expectFormatError(.invalidValue, file: depth, line: 2, column: "t_alt_count") { _ = try MAFReader.read(depth) }
        let ccf = try dir.write("c.maf", "Hugo_Symbol\tVariant_Classification\tTumor_Sample_Barcode\tccf\nA\tSilent\tS1\t45\n")
        expectFormatError(.invalidValue, file: ccf, line: 2, column: "ccf") { _ = try MAFReader.read(ccf) }
    }

    @Test func rejectsTruncatedGzip() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let classes = MAFReader.standardVariantClassifications
        let text = Self.header + "\n" + repeatedLines(4000) { i in
            "G\(i % 977)\t\(i % 22 + 1)\t\(1000 + i * 7919)\t\(1000 + i * 7919)\t\(classes[i % classes.count])\tA\tC\tS\(i % 50)\tp.X\(i)Y\t\(i % 30)\t\(i % 70 + 30)\t\(i % 30 + i % 70 + 30)\t\(Double(i % 100) / 100)"
        }
        let url = try writeTruncatedGzip(text, name: "m.maf.gz", in: dir)
        expectFormatError(.truncatedCompressedFile, file: url) { _ = try MAFReader.read(url) }
    }
}
