import Foundation
import Testing
import TestSupport
@testable import CohortData

@Suite("ImmunoKit cohort folder")
struct CohortLayoutTests {
    static func example() -> Cohort {
        let ids = ["P1", "P2", "P3"]
        var cohort = Cohort(name: "example", patientIDs: ids, provenance: ["source": "test"])
        cohort.clinical = [
            ClinicalColumn(name: "age", values: .continuous([61.5, nil, 70]), unit: "years"),
            ClinicalColumn(name: "cancer type", values: .categorical(["melanoma", "NSCLC", nil])),
            ClinicalColumn(name: "MSI", values: .binary([true, false, nil])),
        ]
        cohort.outcomes = Outcomes(
            bestOverallResponse: [.partialResponse, .progressiveDisease, nil],
            response: BinaryOutcome(name: "response", values: [true, false, nil], rule: "RECIST CR/PR"),
            overallSurvival: SurvivalOutcome(name: "OS", time: [12.25, 3, nil], event: [false, true, nil], unit: .months))
        cohort.treatment = Treatment(drugClass: [.antiPD1PDL1, .iciCombination, nil], line: [1, 2, nil],
                                     priorSystemicTherapy: [false, true, nil], regimen: ["nivolumab", nil, nil])
        cohort.expression = ExpressionBlock(genes: ["CD8A", "GZMB"], sampleIDs: ["P3", "P1"], unit: .log2TPM,
                                            geneMajorValues: [1.25, -0.5, .nan, 3.0000001])
        cohort.mutations = MutationBlock(
            mutations: [Mutation(patientID: "P1", gene: "B2M", variantClassification: "Nonsense_Mutation",
                                 chromosome: "15", startPosition: 44_711_487, variantAlleleFraction: 0.31, tumorDepth: 80)],
            sequencedPatientIDs: ["P1", "P2"], panelSizeMb: 1.22)
        cohort.embeddings = [EmbeddingBlock(name: "uni/pathology", source: "UNI v1", dimensionNames: ["d1", "d2"],
                                            sampleIDs: ["P2"], values: [0.1, -2e-8])]
        return cohort
    }

    @Test("write then read gives the same cohort, every block included")
    func roundTrip() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let cohort = Self.example()
        let folder = dir.file("c")
        try CohortLayout.write(cohort, to: folder, additionalTables: ["truth.tsv": DataTable(columns: ["a"], rows: [["1"]])])
        #expect(try CohortReader.detect(folder) == .immunokit)
        let back = try CohortReader.read(folder)
        #expect(back.patientIDs == cohort.patientIDs)
        #expect(back.clinical == cohort.clinical)
        #expect(back.outcomes == cohort.outcomes)
        #expect(back.treatment == cohort.treatment)
        #expect(back.mutations == cohort.mutations)
        #expect(back.embeddings == cohort.embeddings)
        let e = try #require(back.expression)
        #expect(e.genes == ["CD8A", "GZMB"])
        #expect(e.sampleIDs == ["P3", "P1"])
        #expect(e.value(gene: 1, sample: 1) == 3.0000001)
        #expect(e.value(gene: 1, sample: 0).isNaN)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("truth.tsv").path))
    }

    @Test("writing is deterministic: same cohort, same bytes")
    func deterministic() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try CohortLayout.write(Self.example(), to: dir.file("a"))
        try CohortLayout.write(Self.example(), to: dir.file("b"))
        for name in ["cohort.json", "clinical.tsv", "outcomes.tsv", "expression.tsv.gz", "mutations.tsv"] {
            let a = try Data(contentsOf: dir.file("a/\(name)"))
            let b = try Data(contentsOf: dir.file("b/\(name)"))
            #expect(a == b, "\(name)")
        }
    }

    @Test("a mapping in YAML reads a table with inverted censoring codes (Riaz OS_SOR = 1 means censored)")
    func yamlMapping() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let table = try dir.write("clin.csv", "Patient,BOR,OS_time,OS_SOR,Drug,Age\nA,PR,10.5,1,nivolumab,50\nB,PD,3.2,0,CTLA4,61\nC,CR,20,1,,NA\n")
        let mappingURL = try dir.write("map.yaml", """
            patient_id: Patient
            recist: {column: BOR}
            overall_survival: {time: OS_time, event: OS_SOR, event_codes: ["0"], censored_codes: ["1"], unit: weeks}
            treatment:
              drug_class: {column: Drug}
            features: {units: {Age: years}}
            """)
        let cohort = try CohortReader.read(table, mapping: try CohortMapping.load(mappingURL))
        #expect(cohort.patientIDs == ["A", "B", "C"])
        #expect(cohort.outcomes.overallSurvival?.event == [false, true, false])
        #expect(cohort.outcomes.overallSurvival?.unit == .weeks)
        #expect(cohort.outcomes.response?.values == [true, false, true])   // derived from RECIST
        #expect(cohort.treatment.drugClass == [.antiPD1PDL1, .antiCTLA4, nil])
        #expect(cohort.column("Age")?.unit == "years")
        #expect(cohort.column("Age")?.values == .continuous([50, 61, nil]))
    }
}
