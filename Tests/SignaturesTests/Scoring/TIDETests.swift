import CohortData
import Foundation
import Testing
import TestSupport
@testable import Signatures

/// TIDE against TIDEpy 1.3.9 on a synthetic matrix (Tests/Fixtures/signatures_tide/generate_tide.py). The TIDE
/// weights are GPL-3 and live only in the shared data folder, so this suite needs it.
@Suite("TIDE vs TIDEpy", .enabled(if: SharedData.shouldRun("signatures/tide_tidepy")))
struct TIDETests {
    struct Reference: Decodable {
        struct Scores: Decodable {
            var dysfunction: [Double]
            var exclusion: [Double]
            var tide: [Double]
            var ctl_flag: [Bool]
            var responder: [Bool]
        }
        var genes: [String]
        var samples: [String]
        var log2_tpm: [[Double]]
        var tidepy: [String: Scores]
    }

    static func load() throws -> (Reference, ExpressionBlock, TIDEModel) {
        let ref = try JSONDecoder().decode(Reference.self, from: Fixtures.data("signatures_tide/tide_reference.json"))
        let block = ExpressionBlock(genes: ref.genes, sampleIDs: ref.samples, unit: .log2TPM,
                                    geneMajorValues: ref.log2_tpm.flatMap { $0 })
        let model = try TIDEModel.load(folder: SharedData.require("signatures/tide_tidepy"))
        return (ref, block, model)
    }

    @Test("dysfunction, exclusion, CTL flag and TIDE equal TIDEpy to 1e-10", arguments: [TIDEModel.Cancer.melanoma, .nsclc])
    func agreesWithTIDEpy(cancer: TIDEModel.Cancer) throws {
        let (ref, block, model) = try Self.load()
        let expected = try #require(ref.tidepy[cancer.rawValue])
        let catalog = try SignatureCatalog.builtIn()
        let options = try model.apply(to: .init(), genes: block.genes, cancer: cancer)
        let scorer = SignatureScorer(expression: block)
        let report = scorer.scoreAll(try catalog.signatures(named: ["TIDE_dysfunction", "TIDE_exclusion", "TIDE"]),
                                     options: options, catalog: catalog)
        #expect(report.refusals.isEmpty, "\(report.refusals)")
        let scores = Dictionary(uniqueKeysWithValues: report.scores.map { ($0.signature, $0.values) })
        let dys = try #require(scores["TIDE_dysfunction"]), exc = try #require(scores["TIDE_exclusion"])
        let tide = try #require(scores["TIDE"])
        #expect(EstimatorConformance.maxDifference(dys, expected.dysfunction) < 1e-10)
        #expect(EstimatorConformance.maxDifference(exc, expected.exclusion) < 1e-10)
        #expect(EstimatorConformance.maxDifference(tide, expected.tide) < 1e-10)
        // The fixture has samples on both sides of the CTL rule, so both branches are checked.
        #expect(Set(expected.ctl_flag) == [true, false])
        for s in tide.indices {
            #expect(tide[s] == (expected.ctl_flag[s] ? dys[s] : exc[s]))
            #expect((tide[s] < 0) == expected.responder[s])
        }
    }

    @Test("the cancer type picks TIDE's standard deviations; a missing model file is named")
    func normalisationAndErrors() throws {
        let (_, _, model) = try Self.load()
        let melanoma = try model.divisors(for: .melanoma), other = try model.divisors(for: .other)
        let nsclc = try model.divisors(for: .nsclc)
        #expect(melanoma == other)
        #expect(nsclc.dysfunction != melanoma.dysfunction)
        #expect(model.dysfunctionWeights.count > 10_000 && model.exclusionWeights.count > model.dysfunctionWeights.count)

        let empty = try TemporaryDirectory()
        #expect {
            _ = try TIDEModel.load(folder: empty.url)
        } throws: { error in
            "\(error)".contains(TIDEModel.weightsFile)
        }
    }

    @Test("without the model, TIDE scores are refused with the file to supply")
    func refusedWithoutWeights() throws {
        let (_, block, _) = try Self.load()
        let catalog = try SignatureCatalog.builtIn()
        let report = SignatureScorer(expression: block).scoreAll(try catalog.signatures(named: ["TIDE_dysfunction", "TIDE"]),
                                                                catalog: catalog)
        #expect(report.scores.isEmpty)
        #expect(report.refusals.count == 2)
        #expect(report.refusals.allSatisfy { $0.message.contains("tide_dysfunction_exclusion_signatures_entrez.csv") })
    }
}
