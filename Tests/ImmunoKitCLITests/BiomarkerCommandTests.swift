import Foundation
import Testing
import TestSupport
import ImmunoKit

/// `immunokit tmb` and `immunokit deconvolve`, end to end on the real binary.
@Suite("immunokit tmb and deconvolve", .serialized)
struct BiomarkerCommandTests {
    static let maf = """
        #version 2.4
        Hugo_Symbol\tVariant_Classification\tTumor_Sample_Barcode\tt_alt_count\tt_depth
        STK11\tNonsense_Mutation\tSIM-0001\t20\t100
        TP53\tMissense_Mutation\tSIM-0001\t30\t90
        KRAS\tSilent\tSIM-0001\t25\t80
        B2M\tFrame_Shift_Del\tSIM-0002\t2\t100
        EGFR\tMissense_Mutation\tSIM-0002\t40\t120

        """

    @Test("TMB per sample with filters, gene flags, and appending to a cohort")
    func tmb() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let maf = try dir.write("m.maf", Self.maf)
        #expect(try CLI.run(["simulate", "--patients", "20", "--output", dir.file("c").path, "--quiet"]).status == 0)
        let result = try CLI.run(["tmb", maf.path, "--panel-size", "2", "--out", dir.file("tmb.tsv").path,
                                  "--cohort", dir.file("c").path, "--append-to-cohort", dir.file("c2").path, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let table = try DelimitedTable.read(dir.file("tmb.tsv"))
        let id = try table.requireColumn("patient_id")
        let tmbColumn = try table.requireColumn("tmb_per_mb")
        let bySample = Dictionary(uniqueKeysWithValues: table.rows.map { ($0[id], Double($0[tmbColumn])!) })
        // SIM-0001: 2 non-synonymous (the silent one is not counted) / 2 Mb; SIM-0002: the B2M VAF 0.02 fails.
        #expect(bySample["SIM-0001"] == 1)
        #expect(bySample["SIM-0002"] == 0.5)
        let cohort = try CohortReader.read(dir.file("c2"))
        #expect(cohort.column("tmb_per_mb") != nil)
        #expect(cohort.column("mut_STK11") != nil)
    }

    @Test("a bad MAF line or BED line is one error naming the file and line, and no output is written")
    func badInput() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let maf = try dir.write("bad.maf", Self.maf.replacingOccurrences(of: "TP53\tMissense_Mutation", with: "TP53\tMisense_Mutation"))
        let result = try CLI.run(["tmb", maf.path, "--panel-size", "2", "--out", dir.file("tmb.tsv").path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("bad.maf"))
        #expect(result.stderr.contains("line 4"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("tmb.tsv").path))

        let good = try dir.write("ok.maf", Self.maf)
        let bed = try dir.write("panel.bed", "chr1\t100\t200\nchr2\tstart\t300\n")
        let bedResult = try CLI.run(["tmb", good.path, "--panel-bed", bed.path, "--out", dir.file("tmb.tsv").path])
        #expect(bedResult.status == 65)
        #expect(bedResult.stderr.contains("panel.bed"))
        #expect(bedResult.stderr.contains("line 2"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("tmb.tsv").path))
    }

    @Test("deconvolution of a simulated cohort writes fractions that sum to at most one")
    func deconvolve() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(try CLI.run(["simulate", "--patients", "60", "--genes", "437", "--output", dir.file("c").path, "--quiet"]).status == 0)
        let result = try CLI.run(["deconvolve", dir.file("c").path, "--method", "mcpcounter", "--out", dir.file("f.tsv").path,
                                  "--append-to-cohort", dir.file("c2").path, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let table = try DelimitedTable.read(dir.file("f.tsv"))
        #expect(table.rowCount > 0)
        #expect(table.header.count > 5)
        let cohort = try CohortReader.read(dir.file("c2"))
        #expect(cohort.clinical.count > (try CohortReader.read(dir.file("c"))).clinical.count)
    }
}
