import Foundation
import Testing
import TestSupport
import CohortData
@testable import Signatures

/// Agreement of ssGSEA and singscore with reference values from
/// `Tests/Fixtures/signatures_scoring/generate_scoring.py` (numpy 2.4.6, pandas 3.1.1, gseapy 1.3.1).
///
/// The script re-implements GSVA's `.ssgsea`/`.rndWalk` (R GSVA itself is checked in GSVAAgreementTests)
/// and singscore's `rankGenes`/`simpleScore` in plain numpy, line by line from the R sources, and checks
/// its ssGSEA against gseapy 1.3.1 (`ssgsea(sample_norm_method="rank", correl_norm_type="rank",
/// weight=0.25, min_size=1, permutation_num=0)`: gseapy's ES equals GSVA's un-normalised score and its NES
/// GSVA's `ssgsea.norm = TRUE`, to 1.5e-13). The matrices are synthetic.
@Suite("Scoring agreement with GSVA, gseapy and singscore")
struct ScoringAgreementTests {
    struct Reference: Decodable {
        struct SingscoreUp: Decodable { var set: [Int]; var total: [Double]; var dispersion: [Double] }
        struct SingscoreUpDown: Decodable { var up: [Int]; var down: [Int]; var total: [Double]; var dispersion: [Double] }
        struct Ties: Decodable {
            var genes: Int; var samples: Int; var matrix: [Double]; var sets: [[Int]]
            var ssgsea: [[Double]]; var singscore_total: [Double]; var singscore_dispersion: [Double]
        }
        var genes: [String]
        var samples: [String]
        var matrix: [Double]
        var sets: [[Int]]
        var ssgsea: [[Double]]
        var ssgsea_norm: [[Double]]
        var gseapy_es: [[Double]]
        var gseapy_nes: [[Double]]
        var singscore_up: SingscoreUp
        var singscore_updown: SingscoreUpDown
        var ties: Ties
    }

    static func load() throws -> (Reference, ExpressionBlock) {
        let ref = try JSONDecoder().decode(Reference.self, from: Fixtures.data("signatures_scoring/scoring_reference.json"))
        let block = ExpressionBlock(genes: ref.genes, sampleIDs: ref.samples, unit: .log2TPM, geneMajorValues: ref.matrix)
        return (ref, block)
    }

    static func maxDifference(_ a: [Double], _ b: [[Double]]) -> Double {
        zip(a, b.flatMap { $0 }).map { abs($0 - $1) }.max() ?? .infinity
    }

    @Test("ssGSEA equals GSVA's un-normalised ssGSEA and gseapy's ES to 1e-6")
    func ssgseaAgreement() throws {
        let (ref, block) = try Self.load()
        let scores = SSGSEA.scores(block, geneSets: ref.sets)
        #expect(Self.maxDifference(scores, ref.ssgsea) < 1e-6)
        #expect(Self.maxDifference(scores, ref.gseapy_es) < 1e-6)
        // Much tighter in practice: the same sums in another order.
        #expect(Self.maxDifference(scores, ref.ssgsea) < 1e-10)
    }

    @Test("ssGSEA with cohort normalisation equals GSVA ssgsea.norm and gseapy's NES")
    func ssgseaNormalised() throws {
        let (ref, block) = try Self.load()
        let scores = SSGSEA.scores(block, geneSets: ref.sets, configuration: .init(normalizeCohort: true))
        #expect(Self.maxDifference(scores, ref.ssgsea_norm) < 1e-6)
        #expect(Self.maxDifference(scores, ref.gseapy_nes) < 1e-6)
    }

    @Test("singscore (up set; up and down sets) equals the reference simpleScore")
    func singscoreAgreement() throws {
        let (ref, block) = try Self.load()
        let up = Singscore.scores(block, upSets: [ref.singscore_up.set])
        #expect(zip(up.total, ref.singscore_up.total).allSatisfy { abs($0 - $1) < 1e-10 })
        #expect(zip(up.dispersion, ref.singscore_up.dispersion).allSatisfy { abs($0 - $1) < 1e-10 })
        let ud = Singscore.scores(block, upSets: [ref.singscore_updown.up], downSets: [ref.singscore_updown.down])
        #expect(zip(ud.total, ref.singscore_updown.total).allSatisfy { abs($0 - $1) < 1e-10 })
        #expect(zip(ud.dispersion, ref.singscore_updown.dispersion).allSatisfy { abs($0 - $1) < 1e-10 })
    }

    @Test("Tied values: average ranks in ssGSEA, minimum ranks in singscore, as the references")
    func ties() throws {
        let (ref, _) = try Self.load()
        let t = ref.ties
        let block = ExpressionBlock(genes: (0..<t.genes).map { "T\($0)" }, sampleIDs: (0..<t.samples).map { "S\($0)" },
                                    unit: .log2TPM, geneMajorValues: t.matrix)
        #expect(Self.maxDifference(SSGSEA.scores(block, geneSets: t.sets), t.ssgsea) < 1e-10)
        let s = Singscore.scores(block, upSets: [t.sets[0]], downSets: [t.sets[1]])
        #expect(zip(s.total, t.singscore_total).allSatisfy { abs($0 - $1) < 1e-10 })
        #expect(zip(s.dispersion, t.singscore_dispersion).allSatisfy { abs($0 - $1) < 1e-10 })
    }

    @Test("ssGSEA is single-sample by default: a patient's score does not change with the cohort")
    func singleSample() throws {
        let (ref, block) = try Self.load()
        let all = SSGSEA.scores(block, geneSets: ref.sets)
        let three = block.selectingSamples([5, 0, 9])
        let sub = SSGSEA.scores(three, geneSets: ref.sets)
        for i in ref.sets.indices {
            #expect(sub[i * 3 + 0] == all[i * 12 + 5])
            #expect(sub[i * 3 + 2] == all[i * 12 + 9])
        }
        // ... and normalisation makes it cohort-dependent.
        let normAll = SSGSEA.scores(block, geneSets: ref.sets, configuration: .init(normalizeCohort: true))
        let normSub = SSGSEA.scores(three, geneSets: ref.sets, configuration: .init(normalizeCohort: true))
        #expect(abs(normSub[0] - normAll[5]) > 1e-6)
    }

    @Test("A gene missing in one sample is left out of that sample's ranking only")
    func missingValues() throws {
        let (ref, block) = try Self.load()
        var holed = block
        let gene = ref.sets[0][0]
        holed.values[gene * 12 + 3] = .nan
        let scores = SSGSEA.scores(holed, geneSets: ref.sets)
        let full = SSGSEA.scores(block, geneSets: ref.sets)
        #expect(scores[3] != full[3])
        #expect(scores[4] == full[4])
        // Reference: drop the gene from sample 3 and score that sample alone.
        let others = (0..<300).filter { $0 != gene }
        let sample3 = others.map { block.values[$0 * 12 + 3] }
        let reduced = ExpressionBlock(genes: others.map { "G\($0)" }, sampleIDs: ["S3"], unit: .log2TPM, geneMajorValues: sample3)
        let remap = Dictionary(uniqueKeysWithValues: others.enumerated().map { ($1, $0) })
        let expected = SSGSEA.scores(reduced, geneSets: [ref.sets[0].compactMap { remap[$0] }])
        #expect(abs(scores[3] - expected[0]) < 1e-12)
    }
}
