import CohortData
import Statistics
import Foundation
import Testing
import TestSupport
@testable import Signatures

@Suite("Overall expression (Jerby-Arnon) and IPRES")
struct OverallExpressionTests {
    struct Reference: Decodable {
        var values: [[Double?]]
        var up: [Int]
        var down: [Int]
        var oe_up: [Double]
        var oe_down: [Double]
        var programme: [Double]
    }

    static func block() throws -> (ExpressionBlock, Reference) {
        let ref = try JSONDecoder().decode(Reference.self, from: Fixtures.data("signatures_oe/oe_reference.json"))
        let genes = ref.values.indices.map { "G\($0)" }
        let block = ExpressionBlock(genes: genes, sampleIDs: ref.programme.indices.map { "S\($0)" }, unit: .log2TPM,
                                    geneMajorValues: ref.values.flatMap { $0.map { $0 ?? .nan } })
        return (block, ref)
    }

    @Test("OE equals the NumPy transcription to 1e-12, with missing values")
    func agreesWithReference() throws {
        let (block, ref) = try Self.block()
        let oe = OverallExpressionScoring(block)
        #expect(EstimatorConformance.maxDifference(oe.scores(genes: ref.up), ref.oe_up) < 1e-12)
        #expect(EstimatorConformance.maxDifference(oe.scores(genes: ref.down), ref.oe_down) < 1e-12)
    }

    @Test("an up/down OE signature recovers the planted programme and ignores a global shift of a sample")
    func recoversProgramme() throws {
        let (withMissing, ref) = try Self.block()
        // Complete data here: with a missing value, a gene's mean uses fewer samples and the shift below would
        // move it by a different amount.
        let block = ExpressionBlock(genes: withMissing.genes, sampleIDs: withMissing.sampleIDs, unit: .log2TPM,
                                    geneMajorValues: withMissing.values.map { $0.isNaN ? 5 : $0 })
        let signature = GeneSignature(
            name: "P", description: "planted", citation: .init(reference: "", pmid: "", doi: ""),
            genes: .init(up: ref.up.map { "G\($0)" }, down: ref.down.map { "G\($0)" }), method: .overallExpression,
            expectedUnit: .log2TPM, direction: .negative)
        let score = try SignatureScorer(expression: block).score(signature)
        let r = pearson(score.values, ref.programme)
        #expect(r > 0.95, "correlation with the planted programme \(r)")

        // Adding a constant to one sample's whole profile (library size on the log scale) leaves OE unchanged:
        // the bin-matched controls absorb it.
        var shifted = block.values
        let n = block.sampleCount
        for g in 0..<block.geneCount { shifted[g * n + 4] += 3 }
        let moved = ExpressionBlock(genes: block.genes, sampleIDs: block.sampleIDs, unit: .log2TPM, geneMajorValues: shifted)
        let again = try SignatureScorer(expression: moved).score(signature)
        #expect(EstimatorConformance.maxDifference(again.values, score.values) < 1e-9)
    }

    @Test("IPRES is the mean of its gene sets' ssGSEA scores z-scored across the cohort")
    func ipresCombination() throws {
        let catalog = try SignatureCatalog.builtIn()
        let ipres = try #require(catalog.signature(named: "IPRES"))
        let combination = try #require(ipres.combination)
        #expect(combination.kind == .meanZScore)
        #expect(combination.components.count == 19)  // the sets of the PredictioR IPRES table
        let components = try catalog.signatures(named: combination.components)
        // A cohort containing every IPRES gene, with a shared resistance programme on them.
        let genes = Array(Set(components.flatMap(\.genes.up))).sorted() + (0..<300).map { "BG\($0)" }
        var generator = Xoshiro256StarStar(seed: 16)
        let n = 10
        let programme = (0..<n).map { Double($0) / 3 }
        let ipresGenes = Set(components.flatMap(\.genes.up))
        var values: [Double] = []
        for g in genes {
            let base = Double.random(in: 2...9, using: &generator)
            for s in 0..<n {
                values.append(base + Double.random(in: -1...1, using: &generator) + (ipresGenes.contains(g) ? programme[s] : 0))
            }
        }
        let block = ExpressionBlock(genes: genes, sampleIDs: (0..<n).map { "S\($0)" }, unit: .log2TPM, geneMajorValues: values)
        let scorer = SignatureScorer(expression: block)
        let total = try scorer.score(ipres, catalog: catalog).values
        let parts = try components.map { try scorer.score($0).values }
        for s in 0..<n {
            let expected = parts.map { zScores($0)[s] }.reduce(0, +) / Double(parts.count)
            #expect(abs(total[s] - expected) < 1e-12)
        }
        #expect(pearson(total, programme) > 0.9)
    }

    func zScores(_ x: [Double]) -> [Double] {
        let m = x.reduce(0, +) / Double(x.count)
        let sd = (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)).squareRoot()
        return x.map { ($0 - m) / sd }
    }

    func pearson(_ a: [Double], _ b: [Double]) -> Double {
        let ma = a.reduce(0, +) / Double(a.count), mb = b.reduce(0, +) / Double(b.count)
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for i in a.indices { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb) }
        return sab / (saa * sbb).squareRoot()
    }
}
