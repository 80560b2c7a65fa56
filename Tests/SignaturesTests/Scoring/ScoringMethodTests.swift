import Foundation
import Testing
import TestSupport
import CohortData
@testable import Signatures

@Suite("Scoring methods, coverage and refusals")
struct ScoringMethodTests {
    static let citation = GeneSignature.Citation(reference: "test", pmid: "0", doi: "none")

    /// genes × samples from rows.
    static func block(_ rows: [String: [Double]], unit: ExpressionUnit = .log2TPM) -> ExpressionBlock {
        let genes = rows.keys.sorted()
        let n = rows.values.first!.count
        return ExpressionBlock(genes: genes, sampleIDs: (0..<n).map { "P\($0)" }, unit: unit,
                               geneMajorValues: genes.flatMap { rows[$0]! })
    }

    @Test("CYT is the mean of log values: log2 of the geometric mean of GZMA and PRF1")
    func cyt() throws {
        let catalog = try SignatureCatalog.builtIn()
        let cyt = try #require(catalog.signature(named: "CYT"))
        let e = Self.block(["GZMA": [log2(4), log2(16)], "PRF1": [log2(9), log2(1)], "ACTB": [10, 10]])
        let score = try SignatureScorer(expression: e).score(cyt)
        #expect(abs(score.values[0] - log2((4.0 * 9).squareRoot())) < 1e-12)
        #expect(abs(score.values[1] - log2((16.0 * 1).squareRoot())) < 1e-12)
    }

    @Test("GEP: published weights, log10 conversion and housekeeping normalisation")
    func gep() throws {
        let catalog = try SignatureCatalog.builtIn()
        let gep = try #require(catalog.signature(named: "GEP"))
        #expect(gep.weights?.count == 18)
        #expect(gep.housekeeping?.count == 11)
        var rows: [String: [Double]] = [:]
        var rng = SplitMixForTests(seed: 3)
        for g in gep.allGenes { rows[g] = [rng.next() * 8, rng.next() * 8] }
        let e = Self.block(rows)
        let score = try SignatureScorer(expression: e).score(gep)
        // By hand for sample 0.
        let c = log10(2.0)
        let hk = gep.housekeeping!.map { rows[$0]![0] * c }.reduce(0, +) / 11
        let expected = gep.weights!.reduce(0.0) { $0 + $1.weight * (rows[$1.gene]![0] * c - hk) }
        #expect(abs(score.values[0] - expected) < 1e-12)
        // Housekeeping normalisation: shifting a whole sample (library size on the log scale) changes nothing.
        var shifted = rows
        for g in shifted.keys { shifted[g]![1] = rows[g]![0] + 3 }
        let s2 = try SignatureScorer(expression: Self.block(shifted)).score(gep)
        #expect(abs(s2.values[1] - s2.values[0]) < 1e-12)
    }

    @Test("IMPRES counts pairs with the first gene higher and finds C10orf54 as VSIR through aliases")
    func impres() throws {
        let catalog = try SignatureCatalog.builtIn()
        let impres = try #require(catalog.signature(named: "IMPRES"))
        #expect(impres.pairs?.count == 15)
        var rows: [String: [Double]] = [:]
        for (i, g) in impres.allGenes.enumerated() { rows[g == "VSIR" ? "C10orf54" : g] = [Double(i), -Double(i)] }
        let e = Self.block(rows)
        let score = try SignatureScorer(expression: e).score(impres)
        #expect(score.coverage.fraction == 1)
        #expect(score.coverage.renamed["VSIR"] == "C10orf54")
        let order = impres.allGenes
        let expected0 = impres.pairs!.filter { order.firstIndex(of: $0.high)! > order.firstIndex(of: $0.low)! }.count
        #expect(score.values[0] == Double(expected0))
        #expect(score.values[1] == Double(15 - expected0))
    }

    @Test("Coverage below the minimum is refused, naming the missing genes; --min-coverage lowers it")
    func refusal() throws {
        let catalog = try SignatureCatalog.builtIn()
        let gep = try #require(catalog.signature(named: "GEP_18"))
        var rows: [String: [Double]] = [:]
        for g in gep.allGenes.prefix(15) { rows[g] = [1, 2, 3] }
        let scorer = SignatureScorer(expression: Self.block(rows))
        do {
            _ = try scorer.score(gep)
            Issue.record("GEP with 15 of 29 genes should be refused")
        } catch let error as SignatureScoringError {
            #expect(error.kind == .insufficientCoverage)
            #expect(error.missingGenes.contains("TIGIT"))
            #expect(error.description.contains("TIGIT"))
            #expect(error.description.contains("below the minimum of 80%"))
        }
        let report = scorer.scoreAll([gep], options: .init(minimumCoverage: 0.5))
        #expect(report.refusals.isEmpty)
        #expect(report.coverage[0].found.count == 15)
    }

    @Test("Per-sample coverage: a sample missing too many genes gets no score")
    func perSample() throws {
        let set = GeneSignature(name: "S", citation: Self.citation, genes: .init(up: ["A", "B", "C", "D"]), method: .mean)
        let e = Self.block(["A": [1, .nan], "B": [2, .nan], "C": [3, .nan], "D": [4, 5]])
        let score = try SignatureScorer(expression: e).score(set)
        #expect(score.values[0] == 2.5)
        #expect(score.values[1].isNaN)
        #expect(score.coverage.sampleFractions == [1, 0.25])
    }

    @Test("z-scores depend on the cohort unless a stored reference is used")
    func zscore() throws {
        let set = GeneSignature(name: "Z", citation: Self.citation, genes: .init(up: ["A", "B"]), method: .zScore)
        let e = Self.block(["A": [1, 2, 3, 10], "B": [0, 4, 2, 6]])
        let full = try SignatureScorer(expression: e).score(set).values
        // By hand: A mean 4, sd √(50/3); B mean 3, sd √(20/3).
        let za = (1 - 4) / (50.0 / 3).squareRoot(), zb = (0 - 3) / (20.0 / 3).squareRoot()
        #expect(abs(full[0] - (za + zb) / 2) < 1e-12)
        let sub = e.selectingSamples([0, 1, 2])
        let cohortSub = try SignatureScorer(expression: sub).score(set).values
        #expect(abs(cohortSub[0] - full[0]) > 1e-3)
        let stats = ZScoreScoring.GeneStatistics(e)
        let stored = try SignatureScorer(expression: sub).score(set, options: .init(zReference: .stored(stats))).values
        #expect(abs(stored[0] - full[0]) < 1e-12)
    }

    @Test("PC1: sign fixed so the loadings sum to a positive number; equals a rank-one structure")
    func pc1() throws {
        // Three genes driven by one factor f, one of them inversely.
        let f: [Double] = [-2, -1, 0, 1, 2, 3]
        let e = Self.block(["A": f.map { 2 * $0 + 1 }, "B": f.map { $0 - 5 }, "C": f.map { -$0 }])
        let r = try PrincipalComponentScoring.scores(e, genes: [0, 1, 2])
        #expect(r.loadings.reduce(0, +) > 0)
        // Perfect rank-one: loadings ±1/√3 and scores proportional to f.
        #expect(r.loadings.allSatisfy { abs(abs($0) - 1 / 3.0.squareRoot()) < 1e-9 })
        let ratio = r.scores[5] / (f[5] - 0.5)
        for (s, x) in zip(r.scores, f) { #expect(abs(s - ratio * (x - 0.5)) < 1e-9) }
    }

    @Test("singscore with an unknown direction uses |rank − ⌈median⌉| and no centring")
    func singscoreUnknownDirection() {
        // 6 genes, one sample: ranks 1…6; median 3.5 → ceil 4; |r − 4| = 3,2,1,0,1,2.
        let e = ExpressionBlock(genes: ["a", "b", "c", "d", "e", "f"], sampleIDs: ["s"], unit: .log2TPM,
                                geneMajorValues: [1, 2, 3, 4, 5, 6])
        let s = Singscore.scores(e, upSets: [[0, 5]], configuration: .init(knownDirection: false))
        // mean(3, 2) = 2.5; k' = 1, N' = 3: low 1, high 3 → 0.75
        #expect(abs(s.total[0] - 0.75) < 1e-12)
    }

    @Test("Unit check: raw counts stated as log TPM, and linear data for a log-scale signature, warn")
    func unitWarnings() throws {
        let catalog = try SignatureCatalog.builtIn()
        let cyt = try #require(catalog.signature(named: "CYT"))
        let counts = Self.block(["GZMA": [1200, 400, 35], "PRF1": [800, 20, 77]], unit: .log2TPM)
        let report = SignatureScorer(expression: counts).scoreAll([cyt])
        #expect(report.warnings.contains { $0.contains("raw counts") })
        let linear = Self.block(["GZMA": [120, 40, 35], "PRF1": [80, 20, 77]], unit: .tpm)
        #expect(SignatureScorer(expression: linear).scoreAll([cyt]).warnings.contains { $0.contains("expects log-scale") })
        let fine = Self.block(["GZMA": [1, 4, 3.5], "PRF1": [8, 2, 7.7]])
        #expect(SignatureScorer(expression: fine).scoreAll([cyt]).warnings.isEmpty)
    }

    @Test("Combinations: ESTIMATE score is stromal + immune and purity follows Yoshihara's formula")
    func estimateCombination() throws {
        let catalog = try SignatureCatalog.builtIn()
        let names = ["ESTIMATE_stromal", "ESTIMATE_immune", "ESTIMATE_score", "ESTIMATE_purity"]
        let sigs = try catalog.signatures(named: names)
        var rng = SplitMixForTests(seed: 9)
        var rows: [String: [Double]] = [:]
        for g in sigs[0].genes.up + sigs[1].genes.up { rows[g] = (0..<4).map { _ in rng.next() * 10 } }
        for i in 0..<200 { rows["X\(i)"] = (0..<4).map { _ in rng.next() * 10 } }
        let report = SignatureScorer(expression: Self.block(rows)).scoreAll(sigs, catalog: catalog)
        #expect(report.refusals.isEmpty)
        let s = report.score("ESTIMATE_stromal")!.values, i = report.score("ESTIMATE_immune")!.values
        let total = report.score("ESTIMATE_score")!.values, purity = report.score("ESTIMATE_purity")!.values
        for k in 0..<4 {
            #expect(abs(total[k] - (s[k] + i[k])) < 1e-9)
            #expect(abs(purity[k] - cos(0.6049872018 + 0.0001467884 * total[k])) < 1e-12)
        }
    }

    @Test("TIDE weights are not bundled: scoring names the file and licence; supplied weights give correlations")
    func tide() throws {
        let catalog = try SignatureCatalog.builtIn()
        let tide = try #require(catalog.signature(named: "TIDE_dysfunction"))
        let e = Self.block(["A": [1, 2, 3, 4], "B": [4, 3, 2, 2], "C": [0, 1, 0, 1], "D": [5, 5, 6, 7]])
        #expect(throws: SignatureScoringError.self) { try SignatureScorer(expression: e).score(tide) }
        let weights = ["A": 1.0, "B": -1.0, "C": 0.5, "D": 0.2]
        let s = try SignatureScorer(expression: e).score(tide, options: .init(externalWeights: [tide.name: weights]))
        // Sample 0 centred: A −1.5, B 1.25, C −0.5, D −0.75 → correlation with (1, −1, .5, .2).
        let x = [-1.5, 1.25, -0.5, -0.75], w = [1.0, -1, 0.5, 0.2]
        #expect(abs(s.values[0] - CorrelationScoring.pearson(x, w)) < 1e-12)
        #expect(s.values[0] < -0.5)
    }
}

/// A tiny deterministic generator in [0, 1) for test data.
struct SplitMixForTests {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> Double {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
}
