import Discovery
import Testing

@Suite struct MultipleTestingTests {
    @Test func matchesStatsmodelsBHandBY() {
        let ref = Reference.dict(Reference.json["fdr"])
        let p = Reference.doubles(ref["p"])
        let bh = MultipleTesting.benjaminiHochberg(p)
        let by = MultipleTesting.benjaminiYekutieli(p)
        for (a, b) in zip(bh, Reference.doubles(ref["bh"])) { #expect(abs(a - b) <= 1e-12) }
        for (a, b) in zip(by, Reference.doubles(ref["by"])) { #expect(abs(a - b) <= 1e-12) }
    }

    @Test func handComputedAndNaN() {
        // m = 3 finite: sorted 0.01, 0.02, 0.04 → 0.03, 0.03, 0.04.
        let q = MultipleTesting.benjaminiHochberg([0.04, .nan, 0.01, 0.02])
        #expect(q[1].isNaN)
        #expect(abs(q[0] - 0.04) < 1e-15 && abs(q[2] - 0.03) < 1e-15 && abs(q[3] - 0.03) < 1e-15)
        let by = MultipleTesting.benjaminiYekutieli([0.01, 0.02, 0.04])
        #expect(abs(by[2] - min(1, 0.04 * (1 + 0.5 + 1.0 / 3))) < 1e-15)
    }
}
