import Foundation
import Testing
import CohortData
@testable import Signatures

@Suite("AUC, DeLong CI and random-effects pooling")
struct ResponseEvaluationTests {
    @Test("AUC is the Mann–Whitney probability with ties counted ½")
    func auc() throws {
        let a = try #require(ResponseAUC(scores: [0.9, 0.8, 0.4, 0.4, 0.3, 0.1], response: [true, true, true, false, false, false]))
        // Pairs: 0.9 and 0.8 beat all 3 negatives (6); 0.4 beats 0.3, 0.1 and ties 0.4 (2.5) → 8.5/9.
        #expect(abs(a.auc - 8.5 / 9) < 1e-12)
    }

    @Test("DeLong variance matches a hand computation")
    func delong() throws {
        let a = try #require(ResponseAUC(scores: [3, 1, 2, 0], response: [true, true, false, false]))
        // ψ: x=3 beats 2, 0 → V10 = 1; x=1 beats 0 only → V10 = 0.5. V01: y=2 → (1+0)/2 = .5; y=0 → 1.
        // AUC = 0.75; s²(V10) = 0.125; s²(V01) = 0.125; Var = 0.125/2 + 0.125/2 = 0.125.
        #expect(a.auc == 0.75)
        #expect(abs(a.variance - 0.125) < 1e-12)
        let ci = a.interval()
        #expect(abs(ci.lower - max(0, 0.75 - 1.959963984540054 * 0.125.squareRoot())) < 1e-9)
        #expect(ci.upper == 1)
    }

    @Test("DerSimonian–Laird: equal studies give τ² = 0; heterogeneous ones a positive τ² by hand")
    func pooling() throws {
        let same = try #require(RandomEffectsPool(estimates: [0.6, 0.6, 0.6], variances: [0.01, 0.02, 0.04]))
        #expect(abs(same.estimate - 0.6) < 1e-12)
        #expect(same.tau2 == 0)
        let het = try #require(RandomEffectsPool(estimates: [0.5, 0.9], variances: [0.01, 0.01]))
        // w = 100 each; mean 0.7; Q = 100(0.04) + 100(0.04) = 8; c = 200 − 20000/200 = 100; τ² = (8 − 1)/100.
        #expect(abs(het.tau2 - 0.07) < 1e-12)
        #expect(abs(het.estimate - 0.7) < 1e-12)
        #expect(abs(het.standardError - (0.08 / 2).squareRoot()) < 1e-12)
        #expect(abs(het.i2 - 7.0 / 8) < 1e-12)
    }

    @Test("The benchmark scores a cohort and reports AUC rows with coverage and refusals")
    func benchmarkRows() throws {
        let catalog = try SignatureCatalog.builtIn()
        let cyt = try #require(catalog.signature(named: "CYT"))
        let gep = try #require(catalog.signature(named: "GEP_18"))
        let ids = (0..<8).map { "P\($0)" }
        let expression = ExpressionBlock(genes: ["GZMA", "PRF1"], sampleIDs: ids, unit: .log2TPM,
                                         geneMajorValues: [1, 2, 3, 4, 5, 6, 7, 8, 2, 1, 4, 3, 6, 5, 8, 7])
        let response: [Bool?] = [false, false, false, true, false, true, true, nil]
        let cohort = Cohort(name: "toy", patientIDs: ids,
                            outcomes: Outcomes(response: BinaryOutcome(name: "response", values: response, rule: "test")),
                            expression: expression)
        let rows = SignatureBenchmark.evaluate(cohort, signatures: [cyt, gep], catalog: catalog)
        #expect(rows.count == 2)
        #expect(rows[0].status == "scored")
        #expect(rows[0].patients == 7)
        // CYT = (GZMA+PRF1)/2 = 1.5,1.5,3.5,3.5,5.5,5.5,7.5: positives 3.5,5.5,7.5 vs 1.5,1.5,3.5,5.5 → (4+3.5... ) by ψ.
        let pos = [3.5, 5.5, 7.5], neg = [1.5, 1.5, 3.5, 5.5]
        let expected = pos.reduce(0.0) { acc, x in acc + neg.reduce(0.0) { $0 + (x > $1 ? 1 : (x == $1 ? 0.5 : 0)) } } / 12
        #expect(abs((rows[0].auc ?? -1) - expected) < 1e-12)
        #expect(rows[1].status.hasPrefix("refused"))
        #expect(rows[1].coverage == 0)
        let pooled = SignatureBenchmark.pool(rows + rows.map { var r = $0; r.cohort = "toy2"; return r })
        #expect(pooled.count == 1)
        #expect(pooled[0].cohorts == 2)
    }
}
