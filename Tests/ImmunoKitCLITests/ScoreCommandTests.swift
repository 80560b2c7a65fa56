import Foundation
import Testing
import TestSupport
import ImmunoKit

/// `immunokit score` and `immunokit signatures`, end to end on the real binary.
@Suite("immunokit score and signatures", .serialized)
struct ScoreCommandTests {
    @Test("scores a simulated cohort, writes coverage, appends scores as features")
    func score() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(try CLI.run(["simulate", "--patients", "80", "--output", dir.file("c").path, "--quiet"]).status == 0)
        let result = try CLI.run(["score", dir.file("c").path, "--signatures", "CYT", "--out", dir.file("s.tsv").path,
                                  "--coverage", dir.file("cov.tsv").path, "--append-to-cohort", dir.file("c2").path, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let scores = try DelimitedTable.read(dir.file("s.tsv"))
        #expect(scores.header == ["patient_id", "CYT"])
        let coverage = try DelimitedTable.read(dir.file("cov.tsv"))
        #expect(coverage.rowCount >= 1)
        let cohort = try CohortReader.read(dir.file("c2"))
        let cyt = try #require(cohort.column("sig:CYT")?.numericValues)
        // CYT is the geometric mean of GZMA and PRF1 (Rooney 2015): it rises with the inflamed programme.
        #expect(cyt.compactMap { $0 }.count == (cohort.expression?.sampleCount ?? 0))
    }

    @Test("bad usage: an unknown method is 64; signatures --json lists the catalog with citations")
    func usage() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(try CLI.run(["simulate", "--patients", "30", "--output", dir.file("c").path, "--quiet"]).status == 0)
        let bad = try CLI.run(["score", dir.file("c").path, "--method", "magic", "--out", dir.file("s.tsv").path])
        #expect(bad.status == 64)
        #expect(!FileManager.default.fileExists(atPath: dir.file("s.tsv").path))
        let listing = try CLI.run(["signatures", "--json"])
        #expect(listing.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8))
        let entries = (json as? [[String: Any]]) ?? ((json as? [String: Any])?["signatures"] as? [[String: Any]]) ?? []
        #expect(entries.count >= 30)
        #expect(listing.stdout.contains("CYT"))
    }
}

@Suite("immunokit discover")
struct DiscoverCommandTests {
    @Test("an association scan with FDR, per site and pooled, with plots")
    func discover() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(try CLI.run(["simulate", "--patients", "400", "--seed", "13", "--output", dir.file("c").path, "--quiet"]).status == 0)
        let result = try CLI.run(["discover", dir.file("c").path, "--outcome", "os", "--features", "tmb,albumin,nlr,ecog,bmi",
                                  "--out", dir.file("a.tsv").path, "--plots", dir.file("plots").path, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let table = try DelimitedTable.read(dir.file("a.tsv"))
        #expect(table.rowCount == 5)
        #expect(table.header.contains { $0.lowercased().contains("q") })
        let plots = try FileManager.default.contentsOfDirectory(atPath: dir.file("plots").path)
        #expect(plots.contains { $0.hasSuffix(".svg") })
        let pooled = try CLI.run(["discover", dir.file("c").path, "--outcome", "response", "--features", "tmb,albumin",
                                  "--by", "site", "--out", dir.file("b.tsv").path, "--quiet"])
        #expect(pooled.status == 0, "\(pooled.stderr)")
    }
}

@Suite("immunokit explain")
struct ExplainCommandTests {
    @Test("SHAP values per patient that add up to the model output, with explanations in words")
    func explain() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(try CLI.run(["simulate", "--patients", "250", "--seed", "17", "--output", dir.file("c").path, "--quiet"]).status == 0)
        let model = dir.file("gbdt.json").path
        #expect(try CLI.run(["train", dir.file("c").path, "--outcome", "response", "--model", "gbdt", "--features",
                             "drug_class,tmb,albumin,nlr,ecog", "--folds", "0", "--out", model, "--quiet"]).status == 0)
        let result = try CLI.run(["explain", model, dir.file("c").path, "--out", dir.file("shap.tsv").path, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let table = try DelimitedTable.read(dir.file("shap.tsv"))
        let base = try table.requireColumn("base_value"), output = try table.requireColumn("output")
        let featureColumns = table.header.indices.filter { ![0, base, output].contains($0) }
        #expect(!featureColumns.isEmpty)
        for row in table.rows.prefix(50) {
            let sum = featureColumns.reduce(Double(row[base])!) { $0 + Double(row[$1])! }
            #expect(abs(sum - Double(row[output])!) < 1e-6, "SHAP values plus the base value equal the output")
        }
        #expect(FileManager.default.fileExists(atPath: dir.file("shap.explanations.tsv").path))
    }
}
