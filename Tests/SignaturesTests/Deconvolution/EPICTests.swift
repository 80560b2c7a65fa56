import CohortData
import Foundation
import Testing
@testable import Signatures

@Suite("EPIC-style deconvolution")
struct EPICTests {
    /// Mixtures generated under EPIC's model (mRNA per cell from the reference, "other" cells at 0.4)
    /// are recovered, "other" cells included.
    @Test func recoversKnownFractionsOfSyntheticMixtures() throws {
        let reference = EPICReference.til10
        let world = SyntheticMixtures(seed: 31)
        // Truth in EPIC's terms: cell fractions fᵢ, f_other; mRNA proportions xᵢ ∝ fᵢ mᵢ over all cells.
        var rng = DeconvolutionRNG(seed: 32)
        let samples = 50
        var truth: [[Double]] = []
        var values = [Double](repeating: 0, count: world.genes.count * samples)
        for s in 0..<samples {
            let f = SyntheticMixtures.randomFractions(&rng, count: 10)
            truth.append(f)
            let m = reference.mRNAPerCell + [reference.otherCellsMRNA]
            let mass = zip(f, m).map { $0 * $1 }
            let total = mass.reduce(0, +)
            let x = mass.map { $0 / total }
            for g in world.genes.indices {
                var v = x[10] * world.tumour[g]
                for i in 0..<10 { v += x[i] * world.profiles[i][g] }
                values[g * samples + s] = Foundation.log2(v * Foundation.exp(0.1 * rng.normal()) + 1)
            }
        }
        let block = ExpressionBlock(genes: world.genes, sampleIDs: (0..<samples).map { "S\($0)" }, unit: .log2TPM, geneMajorValues: values)
        let result = try EPICDeconvolution.estimate(block)
        var error = 0.0
        for s in 0..<samples {
            let row = (0..<11).map { result.value(sample: s, column: $0) }
            #expect(abs(row.reduce(0, +) - 1) < 1e-9)
            for j in 0..<11 { error += abs(row[j] - truth[s][j]) }
        }
        let mae = error / Double(samples * 11)
        print("EPIC-style synthetic recovery: mean absolute error \(mae)")
        #expect(mae < 0.03)
    }

    /// The mRNA renormalisation: with equal mRNA per cell everywhere, cell fractions are the mRNA
    /// proportions; doubling one type's mRNA per cell halves its cells relative to the others.
    @Test func mRNARenormalisation() throws {
        let genes = ["G1", "G2", "G3", "G4"]
        // Two cell types with orthogonal profiles on G1/G2; G3/G4 are tumour-only.
        let profiles: [Double] = [1e5, 0, 0, 1e5, 0, 0, 0, 0]
        let equal = EPICReference(cellTypes: ["A", "B"], genes: genes, profiles: profiles, signatureGenes: ["G1", "G2"],
                                  mRNAPerCell: [1, 1], otherCellsMRNA: 1, coversTranscriptome: false)
        // Bulk (TPM, sums to 10⁶): 20 % A mRNA and 30 % B mRNA give G1 = 2·10⁴, G2 = 3·10⁴; the rest of
        // the transcriptome (G3, G4) holds the other cells and the non-signature genes of A and B.
        let bulk = [2e4, 3e4, 4.75e5, 4.75e5]
        let block = ExpressionBlock(genes: genes, sampleIDs: ["S"], unit: .tpm, geneMajorValues: bulk)
        let r1 = try EPICDeconvolution.estimate(block, reference: equal)
        #expect(abs(r1.value(sample: 0, column: 0) - 0.2) < 1e-6)
        #expect(abs(r1.value(sample: 0, column: 1) - 0.3) < 1e-6)
        #expect(abs(r1.value(sample: 0, column: 2) - 0.5) < 1e-6)
        var heavy = equal
        heavy.mRNAPerCell = [2, 1]
        let r2 = try EPICDeconvolution.estimate(block, reference: heavy)
        // cells ∝ (0.1, 0.3, 0.5) → (0.1111, 0.3333, 0.5556)
        #expect(abs(r2.value(sample: 0, column: 0) - 0.1 / 0.9) < 1e-6)
        #expect(abs(r2.value(sample: 0, column: 2) - 0.5 / 0.9) < 1e-6)
    }
}
