import Foundation
import Testing
import TestSupport
import ImmunoKit

/// `immunokit dosing`, end to end on the real binary.
@Suite("immunokit dosing", .serialized)
struct DosingCommandTests {
    @Test("writes summaries, exposures, bands, SVG charts and the HTML report; same seed, same bytes")
    func writesOutputs() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let arguments = ["dosing", "--drug", "pembrolizumab", "--regimens", "200mg q3w,400mg q6w,2mg/kg q3w", "--population", "60",
                         "--seed", "5", "--duration", "24", "--target", "10", "--svg", "--json", "--quiet"]
        let a = try CLI.run(arguments + ["--out", dir.file("a").path])
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stdout.contains("200 mg q3w: Ctrough,ss median"))
        for file in ["summary.tsv", "exposures.tsv", "bands.tsv", "report.html", "summary.json", "pk_200_mg_q3w.svg",
                     "pk_400_mg_q6w.svg", "pk_2_mg_kg_q3w.svg"] {
            #expect(FileManager.default.fileExists(atPath: dir.file("a/\(file)").path), "\(file)")
        }
        let b = try CLI.run(arguments + ["--out", dir.file("b").path])
        #expect(b.status == 0)
        for file in ["summary.tsv", "exposures.tsv", "bands.tsv"] {
            #expect(try Data(contentsOf: dir.file("a/\(file)")) == Data(contentsOf: dir.file("b/\(file)")), "\(file)")
        }
        let exposures = try DelimitedTable.read(dir.file("a/exposures.tsv"))
        #expect(exposures.rows.count == 180)
        let regimen = try exposures.requireColumn("regimen")
        let dose = try exposures.requireColumn("dose")
        let flat = exposures.rows.filter { $0[regimen] == "200 mg q3w" }
        #expect(flat.allSatisfy { Double($0[dose]) == 200 })
        let summary = try DelimitedTable.read(dir.file("a/summary.tsv"))
        let metric = try summary.requireColumn("metric")
        #expect(summary.rows.contains { $0[metric] == "time_above_target" })
        let report = try String(contentsOf: dir.file("a/report.html"), encoding: .utf8)
        #expect(report.contains("<svg"))
        #expect(report.contains("Concentration–time profiles"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.file("a/summary.json"))) as? [String: Any]
        #expect((json?["regimens"] as? [Any])?.count == 3)
        let svg = try String(contentsOf: dir.file("a/pk_400_mg_q6w.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("400 mg q6w"))
    }

    @Test("patients from a TSV and the tumour model")
    func patientsAndTumour() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let patients = try dir.write("patients.tsv", "patient_id\tweight_kg\tsex\talbumin_g_l\nA\t55\tF\t38\nB\t92\tM\t41\nC\t120\tM\t30\n")
        let result = try CLI.run(["dosing", "--drug", "nivolumab", "--regimens", "240mg q2w,480mg q4w", "--patients", patients.path,
                                  "--duration", "16", "--tumour", "--out", dir.file("n").path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("reference values used"))
        let exposures = try DelimitedTable.read(dir.file("n/exposures.tsv"))
        #expect(exposures.rows.count == 6)
        let tumour = try DelimitedTable.read(dir.file("n/tumour.tsv"))
        let schedule = try tumour.requireColumn("schedule")
        #expect(tumour.rows.map { $0[schedule] } == ["no treatment", "240 mg q2w", "480 mg q4w"])
    }

    @Test("bad regimens, bad patients and bad options: exit code and one line naming the problem, nothing written")
    func errors() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let unit = try CLI.run(["dosing", "--drug", "pembrolizumab", "--regimens", "200mg q3w,200mgs q3w", "--out", dir.file("x").path])
        #expect(unit.status == 64)
        #expect(unit.stderr == "immunokit: error: unknown unit 'mgs' in regimen 2 '200mgs q3w'; expected mg or mg/kg\n")
        #expect(!FileManager.default.fileExists(atPath: dir.file("x").path))

        let bad = try dir.write("p.tsv", "patient_id\tweight_kg\nP1\t70\nP2\tNaN\n")
        let data = try CLI.run(["dosing", "--drug", "nivolumab", "--patients", bad.path, "--out", dir.file("y").path])
        #expect(data.status == 65)
        #expect(data.stderr.contains("p.tsv line 3, column weight_kg"))
        #expect(!data.stderr.contains("NaN"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("y").path))

        let drug = try CLI.run(["dosing", "--drug", "ipilimumab", "--out", dir.file("z").path])
        #expect(drug.status == 64)
        #expect(drug.stderr.contains("ipilimumab"))
        let short = try CLI.run(["dosing", "--drug", "pembrolizumab", "--regimens", "400mg q6w", "--duration", "2", "--out", dir.file("z").path])
        #expect(short.status == 64)
        #expect(short.stderr.contains("durationDays"))

        let help = try CLI.run(["dosing", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Examples:") && help.stdout.contains("immunokit dosing"))
    }
}
