import CohortData
import Foundation
import Testing
@testable import Signatures

@Suite("Tumour mutational burden")
struct TumorMutationalBurdenTests {
    static func m(_ patient: String, _ gene: String, _ cls: String = "Missense_Mutation", vaf: Double? = 0.3, depth: Int? = 50,
                  ccf: Double? = nil) -> Mutation {
        Mutation(patientID: patient, gene: gene, variantClassification: cls, variantAlleleFraction: vaf, tumorDepth: depth,
                 cancerCellFraction: ccf)
    }

    @Test func filtersAndPanelSize() {
        let block = MutationBlock(mutations: [
            Self.m("A", "TP53"), Self.m("A", "KRAS", "Nonsense_Mutation"), Self.m("A", "TTN", "Silent"),
            Self.m("A", "X1", vaf: 0.04), Self.m("A", "X2", depth: 9), Self.m("A", "X3", vaf: nil, depth: nil),
            Self.m("B", "STK11", "Frame_Shift_Del"), Self.m("Z", "BRAF"),   // Z is not sequenced
        ], sequencedPatientIDs: ["A", "B", "C"])
        let result = TumorMutationalBurden.compute(block, panelSizeMb: 2)
        let byID = Dictionary(uniqueKeysWithValues: result.patients.map { ($0.patientID, $0) })
        #expect(result.patients.map(\.patientID) == ["A", "B", "C"])
        // A: TP53, KRAS, X3 (unknown quality kept) = 3 → 1.5 / Mb.
        #expect(byID["A"]!.mutationCount == 3 && byID["A"]!.tmbPerMb == 1.5 && byID["A"]!.unknownQualityCount == 1)
        #expect(byID["B"]!.mutationCount == 1 && byID["C"]!.mutationCount == 0 && byID["C"]!.tmbPerMb == 0)
        #expect(result.excludedByClassification == 1 && result.excludedByQuality == 2)
        // Strict: unknown VAF/depth excluded; thresholds off: everything non-synonymous counted.
        let strict = TumorMutationalBurden.compute(block, panelSizeMb: 2, configuration: .init(keepUnknown: false))
        #expect(strict.patients[0].mutationCount == 2)
        let loose = TumorMutationalBurden.compute(block, panelSizeMb: 1, configuration: .init(minimumVAF: 0, minimumDepth: 0))
        #expect(loose.patients[0].mutationCount == 5)
        // Counting every class.
        let all = TumorMutationalBurden.compute(block, panelSizeMb: 1,
                                                configuration: .init(countedClassifications: ["Missense_Mutation", "Nonsense_Mutation", "Silent"]))
        #expect(all.patients[0].mutationCount == 4)
        #expect(TumorMutationalBurden.Configuration(minimumVAF: 1.5).problems().count == 1)
    }

    @Test func clonalTMB() {
        let block = MutationBlock(mutations: [
            Self.m("A", "G1", ccf: 1.0), Self.m("A", "G2", ccf: 0.95), Self.m("A", "G3", ccf: 0.4),
            Self.m("B", "G1", ccf: 0.2), Self.m("B", "G2", ccf: nil),
        ], sequencedPatientIDs: ["A", "B"])
        let result = TumorMutationalBurden.compute(block, panelSizeMb: 0.5)
        #expect(result.patients[0].clonalCount == 2 && result.patients[0].clonalTMBPerMb == 4)
        #expect(result.patients[1].clonalCount == nil)   // one mutation without a CCF
        let flagged = TumorMutationalBurden.compute(block, panelSizeMb: 1, isClonal: { $0.gene == "G1" })
        #expect(flagged.patients.map(\.clonalCount) == [1, 1])
        let columns = result.clinicalColumns(for: ["B", "A", "Q"])
        #expect(columns.map(\.name) == ["tmb_per_mb", "tmb_mutations", "clonal_tmb_per_mb"])
        #expect(columns[0].values == .continuous([4, 6, nil]))
    }

    @Test func geneFlags() {
        let block = MutationBlock(mutations: [
            Self.m("A", "STK11"), Self.m("A", "KEAP1", "Silent"), Self.m("B", "KEAP1", "Splice_Site"), Self.m("B", "B2M", vaf: 0.01),
        ], sequencedPatientIDs: ["A", "B", "C"])
        let columns = GeneMutationFlags.clinicalColumns(block, genes: ["STK11", "KEAP1", "B2M"], for: ["A", "B", "C", "D"])
        #expect(columns.map(\.name) == ["mut_STK11", "mut_KEAP1", "mut_B2M"])
        #expect(columns[0].values == .binary([true, false, false, nil]))
        #expect(columns[1].values == .binary([false, true, false, nil]))   // silent does not count
        #expect(columns[2].values == .binary([false, false, false, nil]))  // VAF below 0.05
    }
}
