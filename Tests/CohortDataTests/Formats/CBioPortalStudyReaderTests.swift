import Foundation
import Testing
@testable import CohortData
import TestSupport

@Suite("cBioPortal study reader")
struct CBioPortalStudyReaderTests {
    static let fixture = Fixtures.url("formats/cbioportal_study")

    /// A copy of the fixture study in a temporary folder, with `changes` applied (file name → new
    /// text, or `nil` to delete the file).
    func study(_ changes: [String: String?] = [:]) throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        let target = dir.file("study")
        try FileManager.default.copyItem(at: Self.fixture, to: target)
        for (name, text) in changes {
            let url = target.appendingPathComponent(name)
            if let text { try Data(text.utf8).write(to: url) } else { try FileManager.default.removeItem(at: url) }
        }
        return dir
    }

    func patientFile(rows: [String]) -> String {
        let fixture = try! String(contentsOf: Self.fixture.appendingPathComponent("data_clinical_patient.txt"), encoding: .utf8)
        let head = fixture.split(separator: "\n", omittingEmptySubsequences: false).prefix(5)
        return (head + rows.map { Substring($0) }).joined(separator: "\n") + "\n"
    }

    @Test func readsFixtureStudy() throws {
        let study = try CBioPortalStudyReader.read(Self.fixture)
        let cohort = study.cohort
        #expect(cohort.name == "synthetic_skcm_ici")
        #expect(cohort.patientIDs == ["SYN-P01", "SYN-P02", "SYN-P03", "SYN-P04", "SYN-P05"])
        try cohort.validate()

        // Typed columns from the datatype line; outcome columns are not repeated as clinical columns.
        #expect(cohort.column("AGE")?.values == .continuous([61, 48, 72, nil, 55]))
        #expect(cohort.column("SEX")?.values == .categorical(["Female", "Male", "Male", "Female", "Male"]))
        #expect(cohort.column("PRIOR_IO")?.values == .binary([false, true, false, false, nil]))
        #expect(cohort.column("OS_MONTHS") == nil && cohort.column("OS_STATUS") == nil)
        #expect(cohort.column("PATIENT_ID") == nil)

        // Outcomes.
        let os = try #require(cohort.outcomes.overallSurvival)
        #expect(os.time == [14.2, 30.5, 8.9, 22.0, nil])
        #expect(os.event == [true, false, true, false, nil])
        #expect(os.unit == .months)
        let pfs = try #require(cohort.outcomes.progressionFreeSurvival)
        #expect(pfs.event == [true, false, true, true, nil])
        #expect(pfs.time == [3.1, 30.5, 2.0, 11.4, nil])

        // One sample per patient: the first primary sample, otherwise the first sample.
        #expect(study.sampleForPatient == ["SYN-P01": "SYN-P01-T1", "SYN-P02": "SYN-P02-T1",
                                           "SYN-P03": "SYN-P03-T1", "SYN-P04": "SYN-P04-M1"])
        #expect(study.samplesByPatient["SYN-P03"] == ["SYN-P03-M1", "SYN-P03-T1"])
        #expect(cohort.provenance["sample_selection"] == "SYN-P01=SYN-P01-T1;SYN-P02=SYN-P02-T1;SYN-P03=SYN-P03-T1;SYN-P04=SYN-P04-M1")
        #expect(cohort.provenance["sample_selection_rule"] == CBioPortalStudyReader.sampleSelectionRule)
        #expect(cohort.column("TMB_NONSYNONYMOUS")?.values == .continuous([12.5, 3.2, 18.7, 0.8, nil]))
        #expect(cohort.column("SAMPLE_TYPE")?.values == .categorical(["Primary", "Metastasis", "Primary", "Metastasis", nil]))

        // Expression of the chosen samples, keyed by patient; Entrez ID when the symbol is missing.
        let expression = try #require(cohort.expression)
        #expect(expression.unit == .tpm)
        #expect(expression.sampleIDs == ["SYN-P01", "SYN-P02", "SYN-P03", "SYN-P04"])
        #expect(expression.genes == ["CD274", "CD8A", "VSIR", "3458"])
        #expect(Array(expression.row(gene: 0)) == [10.5, 2.1, 8.4, 0.5])
        #expect(expression.value(gene: 1, sample: 3).isNaN)
        #expect(cohort.provenance["expression_file"] == "data_mrna_seq_tpm.txt")

        // Mutations of the chosen samples; P02 sequenced without mutations; P05 has no sample.
        let mutations = try #require(cohort.mutations)
        #expect(mutations.mutations.map(\.gene) == ["BRAF", "NRAS", "B2M", "TP53"])
        #expect(mutations.mutations.map(\.patientID) == ["SYN-P01", "SYN-P03", "SYN-P03", "SYN-P04"])
        #expect(mutations.mutations[0].variantAlleleFraction == 0.3)
        #expect(mutations.mutations[0].proteinChange == "p.V600E")
        #expect(mutations.sequencedPatientIDs == ["SYN-P01", "SYN-P02", "SYN-P03", "SYN-P04"])
        #expect(cohort.provenance["sequenced_from"] == "data_gene_panel_matrix.txt")
        #expect(cohort.provenance["gene_panels"] == "WES")

        #expect(study.patientAttributes.first { $0.name == "OS_MONTHS" }?.datatype == .number)
        #expect(study.patientAttributes.first { $0.name == "AGE" }?.displayName == "Age at Diagnosis")
        #expect(study.sampleAttributes.first { $0.name == "SAMPLE_TYPE" }?.priority == "1")
    }

    @Test func optionalFilesMayBeMissing() throws {
        let dir = try study(["data_mrna_seq_tpm.txt": nil, "data_mutations.txt": nil, "data_gene_panel_matrix.txt": nil,
                             "meta_study.txt": nil])
        defer { dir.remove() }
        let cohort = try CBioPortalStudyReader.read(dir.file("study")).cohort
        #expect(cohort.expression == nil && cohort.mutations == nil)
        #expect(cohort.name == "study")
        #expect(cohort.patientCount == 5)
    }

    @Test func sequencedSamplesFromCaseListWithoutPanelMatrix() throws {
        let dir = try study(["data_gene_panel_matrix.txt": nil])
        defer { dir.remove() }
        let cohort = try CBioPortalStudyReader.read(dir.file("study")).cohort
        #expect(cohort.mutations?.sequencedPatientIDs == ["SYN-P01", "SYN-P02", "SYN-P03", "SYN-P04"])
        #expect(cohort.provenance["sequenced_from"] == "case_lists/cases_sequenced.txt")
    }

    @Test func survivalStatusCodes() {
        #expect(CBioPortalStudyReader.survivalEvent("1:DECEASED") == true)
        #expect(CBioPortalStudyReader.survivalEvent("0:LIVING") == false)
        #expect(CBioPortalStudyReader.survivalEvent("1:Recurred/Progressed") == true)
        #expect(CBioPortalStudyReader.survivalEvent("0:ProgressionFree") == false)
        #expect(CBioPortalStudyReader.survivalEvent("DECEASED") == true)
        #expect(CBioPortalStudyReader.survivalEvent("maybe") == nil)
    }

    // MARK: Bad input

    @Test func rejectsMissingPatientFile() throws {
        let dir = try study(["data_clinical_patient.txt": nil])
        defer { dir.remove() }
        let error = try #require(throws: CohortDataError.self) { try CBioPortalStudyReader.read(dir.file("study")) }
        #expect(error.kind == .fileNotFound)
        #expect(error.file?.hasSuffix("data_clinical_patient.txt") == true)
    }

    @Test func rejectsMissingSampleFile() throws {
        let dir = try study(["data_clinical_sample.txt": nil])
        defer { dir.remove() }
        let error = try #require(throws: CohortDataError.self) { try CBioPortalStudyReader.read(dir.file("study")) }
        #expect(error.kind == .fileNotFound)
        #expect(error.file?.hasSuffix("data_clinical_sample.txt") == true)
    }

    @Test func rejectsEmptyPatientFile() throws {
        let dir = try study(["data_clinical_patient.txt": ""])
        defer { dir.remove() }
        let error = try #require(throws: CohortDataError.self) { try CBioPortalStudyReader.read(dir.file("study")) }
        #expect(error.kind == .emptyFile)
        #expect(error.file?.hasSuffix("data_clinical_patient.txt") == true)
    }

    @Test func rejectsUnknownSurvivalStatus() throws {
        let dir = try study(["data_clinical_patient.txt": patientFile(rows: ["SYN-P01\t61\tFemale\tFALSE\t2:UNCLEAR-CODE\t14.2\t\t"])])
        defer { dir.remove() }
        let url = dir.file("study/data_clinical_patient.txt")
        let error = expectFormatError(.unknownCode, file: url, line: 6, column: "OS_STATUS") { _ = try CBioPortalStudyReader.read(dir.file("study")) }
        #expect(error?.value == "2:UNCLEAR-CODE")
    }

    @Test func rejectsTextInNumberColumn() throws {
        let dir = try study(["data_clinical_patient.txt": patientFile(rows: ["SYN-P01\t61\tFemale\tFALSE\t0:LIVING\t14.2\t\t", "SYN-P02\tsixty-one\tMale\tFALSE\t0:LIVING\t3\t\t"])])
        defer { dir.remove() }
        let url = dir.file("study/data_clinical_patient.txt")
        expectFormatError(.nonNumericValue, file: url, line: 7, column: "AGE") { _ = try CBioPortalStudyReader.read(dir.file("study")) }
    }

    @Test func rejectsRaggedRow() throws {
        let dir = try study(["data_clinical_patient.txt": patientFile(rows: ["SYN-P01\t61\tFemale\tFALSE\t0:LIVING\t14.2\t\t", "SYN-P02\t50"])])
        defer { dir.remove() }
        let url = dir.file("study/data_clinical_patient.txt")
        expectFormatError(.raggedRow, file: url, line: 7) { _ = try CBioPortalStudyReader.read(dir.file("study")) }
    }

    @Test func rejectsDuplicatePatient() throws {
        let dir = try study(["data_clinical_patient.txt": patientFile(rows: ["SYN-P01\t61\tFemale\tFALSE\t0:LIVING\t14.2\t\t", "SYN-P01\t62\tFemale\tFALSE\t0:LIVING\t14.2\t\t"])])
        defer { dir.remove() }
        let url = dir.file("study/data_clinical_patient.txt")
        let error = expectFormatError(.duplicateID, file: url, line: 7, column: "PATIENT_ID") { _ = try CBioPortalStudyReader.read(dir.file("study")) }
        #expect(error?.expected.contains("line 6") == true)
    }

    @Test func rejectsUnknownDatatype() throws {
        let text = patientFile(rows: ["SYN-P01\t61\tFemale\tFALSE\t0:LIVING\t14.2\t\t"])
            .replacingOccurrences(of: "#STRING\tNUMBER\tSTRING\tBOOLEAN", with: "#STRING\tINTEGER\tSTRING\tBOOLEAN")
        let dir = try study(["data_clinical_patient.txt": text])
        defer { dir.remove() }
        let url = dir.file("study/data_clinical_patient.txt")
        expectFormatError(.unknownCode, file: url, line: 3, column: "AGE") { _ = try CBioPortalStudyReader.read(dir.file("study")) }
    }

    @Test func rejectsSampleOfUnknownPatient() throws {
        let sample = try String(contentsOf: Self.fixture.appendingPathComponent("data_clinical_sample.txt"), encoding: .utf8)
            + "SYN-P99\tSYN-P99-T1\tPrimary\t1.0\tMelanoma\n"
        let dir = try study(["data_clinical_sample.txt": sample])
        defer { dir.remove() }
        let url = dir.file("study/data_clinical_sample.txt")
        expectFormatError(.mismatchedIDs, file: url, line: 12, column: "PATIENT_ID") { _ = try CBioPortalStudyReader.read(dir.file("study")) }
    }

    @Test func rejectsDuplicateSample() throws {
        let sample = try String(contentsOf: Self.fixture.appendingPathComponent("data_clinical_sample.txt"), encoding: .utf8)
            + "SYN-P02\tSYN-P01-T1\tPrimary\t1.0\tMelanoma\n"
        let dir = try study(["data_clinical_sample.txt": sample])
        defer { dir.remove() }
        let url = dir.file("study/data_clinical_sample.txt")
        expectFormatError(.duplicateID, file: url, line: 12, column: "SAMPLE_ID") { _ = try CBioPortalStudyReader.read(dir.file("study")) }
    }

    @Test func rejectsUnknownExpressionSample() throws {
        let expression = "Hugo_Symbol\tEntrez_Gene_Id\tSYN-P01-T1\tSYN-UNKNOWN-T9\nCD274\t29126\t1\t2\n"
        let dir = try study(["data_mrna_seq_tpm.txt": expression])
        defer { dir.remove() }
        let url = dir.file("study/data_mrna_seq_tpm.txt")
        expectFormatError(.mismatchedIDs, file: url, line: 1, column: "SYN-UNKNOWN-T9") { _ = try CBioPortalStudyReader.read(dir.file("study")) }
    }

    @Test func rejectsTextInExpression() throws {
        let expression = "Hugo_Symbol\tEntrez_Gene_Id\tSYN-P01-T1\nCD274\t29126\tvery-high\n"
        let dir = try study(["data_mrna_seq_tpm.txt": expression])
        defer { dir.remove() }
        let url = dir.file("study/data_mrna_seq_tpm.txt")
        expectFormatError(.nonNumericValue, file: url, line: 2, column: "SYN-P01-T1") { _ = try CBioPortalStudyReader.read(dir.file("study")) }
    }

    @Test func rejectsUnknownVariantClassificationInStudyMAF() throws {
        let maf = "Hugo_Symbol\tVariant_Classification\tTumor_Sample_Barcode\nBRAF\tMisense_Mutaton\tSYN-P01-T1\n"
        let dir = try study(["data_mutations.txt": maf])
        defer { dir.remove() }
        let url = dir.file("study/data_mutations.txt")
        expectFormatError(.unknownCode, file: url, line: 2, column: "Variant_Classification") { _ = try CBioPortalStudyReader.read(dir.file("study")) }
    }

    @Test func rejectsMutationsOfUnsequencedSample() throws {
        let maf = "Hugo_Symbol\tVariant_Classification\tTumor_Sample_Barcode\nBRAF\tSilent\tSYN-P01-T1\n"
        let panel = "SAMPLE_ID\tmutations\nSYN-P01-T1\tNA\n"
        let dir = try study(["data_mutations.txt": maf, "data_gene_panel_matrix.txt": panel])
        defer { dir.remove() }
        let error = try #require(throws: CohortDataError.self) { try CBioPortalStudyReader.read(dir.file("study")) }
        #expect(error.kind == .mismatchedIDs)
    }

    @Test func rejectsTruncatedGzipPatientFile() throws {
        let dir = try study()
        defer { dir.remove() }
        let rows = (0..<4000).map { "SYN-P\(10000 + $0)\t\(30 + $0 % 50)\t\($0 % 2 == 0 ? "Female" : "Male")\tFALSE\t0:LIVING\t\(Double($0 % 97) / 3)\t\t" }
        let url = try writeTruncatedGzip(patientFile(rows: rows), name: "study/data_clinical_patient.txt", in: dir)
        expectFormatError(.truncatedCompressedFile, file: url) { _ = try CBioPortalStudyReader.read(dir.file("study")) }
    }
}
