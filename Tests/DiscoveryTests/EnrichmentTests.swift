import Discovery
import Foundation
import Statistics
import Testing
import TestSupport

/// Preranked GSEA and over-representation against gseapy 1.3.1 and scipy 1.17
/// (Tests/Fixtures/discovery_enrichment/enrichment.json, written by generate_enrichment.py).
@Suite struct EnrichmentTests {
    nonisolated(unsafe) static let json: [String: Any] = {
        let data = try! Fixtures.data("discovery_enrichment/enrichment.json")
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()

    static func prerankInput() -> (genes: [String], scores: [Double], sets: [String: [String]], reference: [[String: Any]]) {
        let pr = Reference.dict(json["prerank"])
        let sets = (pr["gene_sets"] as! [String: Any]).mapValues { Reference.strings($0) }
        return (Reference.strings(pr["genes"]), Reference.doubles(pr["metric"]), sets, pr["results"] as! [[String: Any]])
    }

    @Test func enrichmentScoresAndLeadingEdgesEqualGseapyPrerank() throws {
        let (genes, scores, sets, reference) = Self.prerankInput()
        var g = Xoshiro256StarStar(seed: 1)
        let results = try PrerankedGSEA(permutations: 0).run(genes: genes, scores: scores, geneSets: sets, generator: &g)
        // TOO_SMALL (10 genes) is below min_size 15, as in gseapy; PARTLY_OUTSIDE matches 25 of 35.
        #expect(Set(results.map(\.setName)) == Set(reference.map { $0["term"] as! String }))
        #expect(results.first { $0.setName == "PARTLY_OUTSIDE" }?.matchedSize == 25)
        for ref in reference {
            let r = try #require(results.first { $0.setName == ref["term"] as! String })
            #expect(abs(r.enrichmentScore - Reference.double(ref["es"])) <= 1e-10, "\(r.setName) ES")
            #expect(r.leadingEdge == Reference.strings(ref["lead"]), "\(r.setName) leading edge")
            #expect(r.matchedGenes == Reference.strings(ref["matched"]), "\(r.setName) matched genes")
            #expect(r.normalizedEnrichmentScore.isNaN && r.pValue.isNaN)
        }
    }

    @Test func permutationStatisticsAgreeWithGseapyWithinMonteCarloError() throws {
        let (genes, scores, sets, reference) = Self.prerankInput()
        var g = Xoshiro256StarStar(seed: 2026)
        let results = try PrerankedGSEA(permutations: 2000).run(genes: genes, scores: scores, geneSets: sets, generator: &g)
        var maxNES = 0.0, maxP = 0.0
        for ref in reference {
            let r = try #require(results.first { $0.setName == ref["term"] as! String })
            let nes = Reference.double(ref["nes"]), p = Reference.double(ref["p"]), fdr = Reference.double(ref["fdr"])
            // NES: the same-signed null mean from ~1000 draws each side (both tools) has a relative SE of ~1.5%:
            // allow 6%. Nominal p: binomial SE √(p(1−p)/1000) per tool; allow 4 joint SEs + 0.004.
            #expect(abs(r.normalizedEnrichmentScore - nes) <= 0.06 * abs(nes), "\(r.setName) NES \(r.normalizedEnrichmentScore) vs \(nes)")
            let tolP = 4 * (2 * p * (1 - p) / 1000).squareRoot() + 0.004
            #expect(abs(r.pValue - p) <= tolP, "\(r.setName) p \(r.pValue) vs \(p)")
            // FDR q is a ratio of two Monte-Carlo shares: the same call at 0.05 for the clear sets, loose elsewhere.
            if fdr < 0.01 { #expect(r.fdr < 0.05, "\(r.setName) q \(r.fdr) vs \(fdr)") }
            if fdr > 0.5 { #expect(r.fdr > 0.25, "\(r.setName) q \(r.fdr) vs \(fdr)") }
            maxNES = max(maxNES, abs(r.normalizedEnrichmentScore - nes))
            maxP = max(maxP, abs(r.pValue - p))
        }
        print("[enrichment] vs gseapy.prerank: max |ΔNES| \(maxNES), max |Δp| \(maxP)")
        // Same seed, same result; another seed, another null.
        var again = Xoshiro256StarStar(seed: 2026)
        #expect(try PrerankedGSEA(permutations: 2000).run(genes: genes, scores: scores, geneSets: sets, generator: &again) == results)
    }

    @Test func significanceFormulasEqualGseapysReferenceImplementation() {
        let s = Reference.dict(Self.json["significance"])
        let nulls = (s["null"] as! [Any]).map { Reference.doubles($0) }
        let out = PrerankedGSEA.significance(enrichmentScores: Reference.doubles(s["es"]), nulls: nulls)
        for (a, b) in zip(out.nes, Reference.doubles(s["nes"])) { #expect(abs(a - b) <= 1e-12 * max(1, abs(b))) }
        // Ratios of counts: equal up to the last bit lost when the JSON fixture is parsed.
        for (a, b) in zip(out.p, Reference.doubles(s["p"])) { #expect(abs(a - b) <= 1e-15 * max(1, abs(b))) }
        for (a, b) in zip(out.fdr, Reference.doubles(s["fdr"])) { #expect(abs(a - b) <= 1e-12) }
    }

    @Test func hypergeometricUpperTailEqualsScipy() {
        var worst = 0.0
        for case let row as [String: Any] in Self.json["hypergeometric"] as! [Any] {
            let n = (row["N"] as! NSNumber).intValue, k = (row["K"] as! NSNumber).intValue
            let drawn = (row["n"] as! NSNumber).intValue, hits = (row["k"] as! NSNumber).intValue
            let expected = Reference.double(row["sf"])
            let value = HypergeometricTail.upperTail(atLeast: hits, universe: n, successes: k, drawn: drawn)
            let rel = abs(value - expected) / max(expected, 1e-300)
            worst = max(worst, rel)
            #expect(rel <= 1e-12, "N \(n) K \(k) n \(drawn) k \(hits): \(value) vs \(expected)")
        }
        print("[enrichment] hypergeometric tail vs scipy: max relative error \(worst)")
    }

    @Test func overRepresentationEqualsScipyWithBHQValues() throws {
        let o = Reference.dict(Self.json["ora"])
        let sets = (Reference.dict(Reference.dict(Self.json["prerank"])["gene_sets"])).mapValues { Reference.strings($0) }
        let results = try OverRepresentation(minimumSize: 1).run(selected: Reference.strings(o["selected"]),
                                                                  universe: Reference.strings(o["universe"]), geneSets: sets)
        let reference = (o["results"] as! [[String: Any]]).filter { !($0["p"] is NSNull) }
        #expect(results.count == reference.count)
        for ref in reference {
            let r = try #require(results.first { $0.setName == ref["term"] as! String })
            #expect(r.setSizeInUniverse == (ref["K"] as! NSNumber).intValue && r.overlap == (ref["k"] as! NSNumber).intValue)
            #expect(abs(r.pValue - Reference.double(ref["p"])) <= 1e-12 * Reference.double(ref["p"]))
            #expect(abs(r.qValueBH - Reference.double(ref["q"])) <= 1e-12)
        }
        #expect(zip(results, results.dropFirst()).allSatisfy { $0.pValue <= $1.pValue })
    }

    @Test func badInputIsOneClearError() {
        var g = Xoshiro256StarStar(seed: 3)
        #expect(throws: DiscoveryError.self) {
            try PrerankedGSEA().run(genes: ["A", "B"], scores: [1], geneSets: [:], generator: &g)
        }
        do {
            _ = try PrerankedGSEA().run(genes: ["A", "B", "A"], scores: [1, 2, 3], geneSets: [:], generator: &g)
            Issue.record("duplicate gene accepted")
        } catch { #expect("\(error)".contains("\"A\"") && "\(error)".contains("more than once")) }
        do {
            _ = try PrerankedGSEA().run(genes: ["A", "B"], scores: [1, .nan], geneSets: [:], generator: &g)
            Issue.record("NaN accepted")
        } catch { #expect("\(error)".contains("\"B\"")) }
        #expect(throws: DiscoveryError.self) { try PrerankedGSEA(minimumSize: 10, maximumSize: 5).validate() }
        #expect(throws: DiscoveryError.self) { try OverRepresentation().run(selected: ["A"], universe: [], geneSets: [:]) }
        #expect(throws: DiscoveryError.self) { try OverRepresentation().run(selected: ["A"], universe: ["A", "A"], geneSets: [:]) }
    }
}
