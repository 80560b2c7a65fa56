import Foundation
import Testing
import TestSupport
import ImmunoKit

/// End-to-end tests of the real binary: outputs, exit codes and messages.
@Suite("immunokit command line", .serialized)
struct CommandLineTests {
    @Test("every command has --help with an example")
    func help() throws {
        for command in ["demo", "simulate", "inspect", "convert"] {
            let result = try CLI.run([command, "--help"])
            #expect(result.status == 0, "\(command)")
            #expect(result.stdout.contains("Examples:"), "\(command)")
            #expect(result.stdout.contains("immunokit \(command)"), "\(command)")
        }
    }

    @Test("simulate writes a cohort that inspect reads; same seed, same bytes")
    func simulateAndInspect() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let a = try CLI.run(["simulate", "--patients", "150", "--seed", "9", "--output", dir.file("a").path, "--json"])
        #expect(a.status == 0, "\(a.stderr)")
        let b = try CLI.run(["simulate", "--patients", "150", "--seed", "9", "--output", dir.file("b").path, "--quiet"])
        #expect(b.status == 0)
        for file in ["clinical.tsv", "outcomes.tsv", "expression.tsv.gz", "truth.tsv", "cohort.json", "simulation.json"] {
            #expect(try Data(contentsOf: dir.file("a/\(file)")) == Data(contentsOf: dir.file("b/\(file)")), "\(file)")
        }
        let json = try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as? [String: String]
        #expect(json?["patients"] == "150")

        let inspect = try CLI.run(["inspect", dir.file("a").path, "--json"])
        #expect(inspect.status == 0)
        let summary = try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any]
        #expect(summary?["patients"] as? Int == 150)
        let cohort = try CohortReader.read(dir.file("a"))
        let response = try #require(summary?["response"] as? [String: Any])
        #expect(response["positive"] as? Int == cohort.outcomes.response?.positiveCount)

        let text = try CLI.run(["inspect", dir.file("a").path])
        #expect(text.stdout.contains("Cohort synthetic: 150 patients"))
        #expect(text.stdout.contains("expression: "))
    }

    @Test("exit codes: 64 for bad usage, 65 for bad data; one line naming the problem")
    func exitCodes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let usage = try CLI.run(["inspect"])
        #expect(usage.status == 64)
        let missing = try CLI.run(["inspect", dir.file("nope.tsv").path])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("not found"))

        let bad = try dir.write("bad.tsv", "id\tage\nP1\t50\nP2\t60\t7\n")
        let data = try CLI.run(["inspect", bad.path])
        #expect(data.status == 65)
        let lines = data.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(data.stderr.contains("bad.tsv, line 3"))

        let secret = try dir.write("secret.tsv", "id\tage\nP1\t50\nP2\tSECRET-VALUE\n")
        let mapping = try dir.write("m.json", #"{"patient_id": "id", "features": {"include": ["age"]}, "overall_survival": {"time": "age", "event": "id"}}"#)
        let hidden = try CLI.run(["inspect", secret.path, "--mapping", mapping.path])
        #expect(hidden.status == 65)
        #expect(!hidden.stderr.contains("SECRET-VALUE"))
        let shown = try CLI.run(["inspect", secret.path, "--mapping", mapping.path, "--show-values"])
        #expect(shown.stderr.contains("SECRET-VALUE"))

        let invalid = try CLI.run(["simulate", "--patients", "0", "--output", dir.file("x").path])
        #expect(invalid.status == 64)
        #expect(invalid.stderr.contains("patient"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("x").path))
    }

    @Test("convert refuses to overwrite, then writes a folder that reads back identically")
    func convert() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let table = try dir.write("t.csv", "SAMPLE_ID,Response,OS_Months,OS_Event,TMB,Albumin\n1,1,10.5,0,12,4.1\n2,0,3.25,1,2.5,3.2\n")
        let first = try CLI.run(["convert", table.path, "--output", dir.file("out").path])
        #expect(first.status == 0, "\(first.stderr)")
        let again = try CLI.run(["convert", table.path, "--output", dir.file("out").path])
        #expect(again.status == 64)
        let cohort = try CohortReader.read(dir.file("out"))
        #expect(cohort.patientIDs == ["1", "2"])
        #expect(cohort.outcomes.response?.values == [true, false])
        #expect(cohort.outcomes.overallSurvival?.time == [10.5, 3.25])
        #expect(cohort.column("TMB")?.values == .continuous([12, 2.5]))
    }

    @Test("demo runs end to end and names its folder")
    func demo() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let folder = dir.file("demo")
        let result = try CLI.run(["demo", "--output", folder.path, "--patients", "200"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(folder.path))
        let cohort = try CohortReader.read(folder.appendingPathComponent("cohort"))
        #expect(cohort.patientCount == 200)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("summary.json").path))
        // A second run replaces its own earlier demo folder…
        #expect(try CLI.run(["demo", "--output", folder.path, "--patients", "200", "--quiet"]).status == 0)
        // …but never a folder that is not a demo.
        let other = try dir.write("other/keep.txt", "x")
        let refused = try CLI.run(["demo", "--output", other.deletingLastPathComponent().path, "--quiet"])
        #expect(refused.status == 64)
        #expect(FileManager.default.fileExists(atPath: other.path))
    }

    @Test("a real ORCESTRA cohort converts and inspects", .enabled(if: SharedData.shouldRun("cohorts/gide2019")))
    func realCohort() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let input = try SharedData.require("cohorts/gide2019")
        let converted = try CLI.run(["convert", input.path, "--output", dir.file("gide").path, "--quiet"])
        #expect(converted.status == 0, "\(converted.stderr)")
        let inspect = try CLI.run(["inspect", dir.file("gide").path])
        #expect(inspect.stdout.contains("41 patients"))
        #expect(inspect.stdout.contains("19 responders, 19 non-responders"))
        #expect(inspect.stdout.contains("19961 genes"))
    }
}

@Suite("immunokit convert --hgnc", .enabled(if: SharedData.shouldRun("reference")))
struct ConvertHarmonizationTests {
    @Test("harmonises gene identifiers with the HGNC table and writes the report")
    func hgnc() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let hgnc = try SharedData.require("reference/hgnc_complete_set_2019-01.txt.gz")
        try dir.write("clinical.tsv", "sample_id\tpatientid\tresponse\nS1\tP1\tR\nS2\tP2\tNR\n")
        let matrix = try GzipCompression.compress(Array("gene\tS1\tS2\nC10orf54\t1\t2\nCD8A\t3\t4\nNOT_A_GENE\t0\t0\n".utf8))
        try matrix.write(to: dir.file("expr_log2tpm.tsv.gz"))
        let result = try CLI.run(["convert", dir.url.path, "--hgnc", hgnc.path, "--output", dir.file("out").path])
        #expect(result.status == 0, "\(result.stderr)")
        let cohort = try CohortReader.read(dir.file("out"))
        #expect(cohort.expression?.genes == ["VSIR", "CD8A", "NOT_A_GENE"])
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.file("out/gene_harmonization.json"))) as? [String: Any]
        #expect((report?["unmapped"] as? [String]) == ["NOT_A_GENE"])
    }
}
