import Foundation
import Testing
import TestSupport
import ImmunoKit

/// `immunokit discover --stability --enrichment --plots`, end to end on the real binary.
@Suite("immunokit discover: stability selection, enrichment, volcano", .serialized)
struct DiscoverStabilityEnrichmentTests {
    static let gmt = """
        T_CELL\tT cells and cytotoxicity\tCD8A\tCD8B\tCD3E\tCD3D\tCD3G\tCD2\tGZMA\tGZMB\tGZMK\tPRF1\tNKG7\tIFNG\tCXCL9\tCXCL10\tLCK\tZAP70\tNOT_A_GENE
        HOUSEKEEPING\tna\tACTB\tGAPDH\tABCF1\tG6PD\tGUSB\tHPRT1\tPGK1\tPOLR2A\tRPLP0\tSDHA\tTBP\tTUBB\tPPIA\tTFRC\tOAZ1
        TINY\tna\tCD8A\tCD8B

        """

    @Test("stability.tsv, enrichment.tsv and volcano.svg on a simulated cohort")
    func stabilityEnrichmentVolcano() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(try CLI.run(["simulate", "--patients", "300", "--seed", "13", "--genes", "269", "--output", dir.file("c").path,
                             "--quiet"]).status == 0)
        let gmt = try dir.write("sets.gmt", Self.gmt)
        let result = try CLI.run(["discover", dir.file("c").path, "--outcome", "response", "--genes", "--stability",
                                  "--subsamples", "20", "--enrichment", gmt.path, "--permutations", "300",
                                  "--out", dir.file("out/scan.tsv").path, "--plots", dir.file("plots").path, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")

        // Stability selection: one row per gene, probabilities in [0, 1] in decreasing order, "yes" exactly at ≥ 0.75,
        // and the header's bound within the target of 1.
        let stabilityText = try String(contentsOf: dir.file("out/stability.tsv"), encoding: .utf8)
        let comment = try #require(stabilityText.split(separator: "\n").first)
        let bound = try #require(comment.components(separatedBy: "E[V] ≤ ").last?.split(separator: " ").first.flatMap { Double($0) })
        #expect(bound > 0 && bound <= 1)
        let stability = try DelimitedTable.read(dir.file("out/stability.tsv"), format: DelimitedFormat(commentPrefix: UInt8(ascii: "#")))
        #expect(stability.rowCount == 269)
        let probability = try stability.requireColumn("selection_probability"), chosen = try stability.requireColumn("selected")
        let probabilities = stability.rows.map { Double($0[probability])! }
        #expect(probabilities.allSatisfy { (0...1).contains($0) })
        #expect(zip(probabilities, probabilities.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(stability.rows.allSatisfy { ($0[chosen] == "yes") == (Double($0[probability])! >= 0.75) })

        // Enrichment: the ranking is the scan's log effect / SE. Recompute T_CELL's ES from scan.tsv by the GSEA walk.
        let scan = try DelimitedTable.read(dir.file("out/scan.tsv"))
        let feature = try scan.requireColumn("feature"), logEffect = try scan.requireColumn("log_effect"), se = try scan.requireColumn("se")
        var ranked: [(gene: String, z: Double)] = scan.rows.compactMap { row in
            guard let e = Double(row[logEffect]), let s = Double(row[se]), s > 0 else { return nil }
            return (String(row[feature].dropFirst(5)), e / s)
        }
        ranked.sort { $0.z > $1.z }
        let members = Set(Self.gmt.split(separator: "\n")[0].split(separator: "\t").dropFirst(2).map(String.init))
        let hits = ranked.filter { members.contains($0.gene) }
        let total = hits.reduce(0) { $0 + abs($1.z) }
        var running = 0.0, best = 0.0
        for r in ranked {
            running += members.contains(r.gene) ? abs(r.z) / total : -1 / Double(ranked.count - hits.count)
            if abs(running) > abs(best) { best = running }
        }
        let enrichment = try DelimitedTable.read(dir.file("out/enrichment.tsv"), format: DelimitedFormat(commentPrefix: UInt8(ascii: "#")))
        let set = try enrichment.requireColumn("gene_set"), es = try enrichment.requireColumn("es"), size = try enrichment.requireColumn("size")
        let lead = try enrichment.requireColumn("leading_edge"), oraP = try enrichment.requireColumn("ora_p_value")
        let tCell = try #require(enrichment.rows.first { $0[set] == "T_CELL" })
        #expect(abs(Double(tCell[es])! - best) < 1e-5, "ES \(tCell[es]) vs \(best) recomputed from scan.tsv")
        #expect(Int(tCell[size]) == 16)  // NOT_A_GENE is not in the ranking
        #expect(Set(tCell[lead].split(separator: ",").map(String.init)).isSubset(of: members))
        #expect(Double(tCell[oraP]) != nil)
        #expect(enrichment.rows.contains { $0[set] == "HOUSEKEEPING" })
        #expect(!enrichment.rows.contains { $0[set] == "TINY" })  // below --min-set-size 5

        // Volcano: one point per tested gene, the top gene labelled.
        let svg = try String(contentsOf: dir.file("plots/volcano.svg"), encoding: .utf8)
        let pColumn = try scan.requireColumn("p_value")
        let tested = scan.rows.filter { Double($0[pColumn]) != nil && Double($0[logEffect]) != nil }
        #expect(svg.components(separatedBy: "<circle cx=").count - 1 == tested.count + 3)  // + 3 legend dots
        #expect(svg.contains(">\(scan.rows[0][feature])</text>"))
    }

    @Test("an unknown GMT file, a broken GMT file or an invalid π_thr is one clear error and writes nothing")
    func badInput() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(try CLI.run(["simulate", "--patients", "120", "--seed", "3", "--genes", "269", "--output", dir.file("c").path,
                             "--quiet"]).status == 0)
        let missing = try CLI.run(["discover", dir.file("c").path, "--genes", "--enrichment", dir.file("nope.gmt").path,
                                   "--out", dir.file("o/scan.tsv").path])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("nope.gmt"))
        #expect(missing.stderr.split(separator: "\n").filter { !$0.isEmpty }.count <= 3)
        #expect(!FileManager.default.fileExists(atPath: dir.file("o").path))

        let broken = try dir.write("broken.gmt", "GOOD\tna\tCD8A\tCD8B\nEMPTY\tna\n")
        let bad = try CLI.run(["discover", dir.file("c").path, "--genes", "--enrichment", broken.path, "--stability",
                               "--out", dir.file("o/scan.tsv").path])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("broken.gmt") && bad.stderr.contains("line 2"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("o").path))

        let threshold = try CLI.run(["discover", dir.file("c").path, "--features", "tmb,albumin", "--stability",
                                     "--stability-threshold", "0.4", "--out", dir.file("o/scan.tsv").path])
        #expect(threshold.status == 64)
        #expect(threshold.stderr.contains("--stability-threshold") && threshold.stderr.contains("(0.5, 1]"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("o").path))
    }
}
