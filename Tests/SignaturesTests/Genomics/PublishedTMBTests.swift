import CohortData
import Foundation
import Testing
import TestSupport
@testable import Signatures

/// TMB against the mutation counts published with two ICI cohorts.
@Suite("TMB vs published mutation counts")
struct PublishedTMBTests {
    static func csvRows(_ url: URL) throws -> [[String]] {
        try PublishedFractionsTests.csv(url).filter { !($0.count == 1 && $0[0].isEmpty) }
    }

    /// Riaz 2017 (CheckMate-038) Table S3 → MAF → TMB with the VAF/depth filters off and every listed
    /// class counted equals the authors' per-patient non-synonymous counts (MutCnt_pretheray.csv) for
    /// every one of the 68 patients. The table's VEP consequences are mapped to MAF classes.
    @Test(.enabled(if: SharedData.shouldRun("cohorts/riaz2017_bms038_mutations")))
    func riaz2017CountsMatchExactly() throws {
        let folder = try SharedData.require("cohorts/riaz2017_bms038_mutations")
        let rows = try Self.csvRows(folder.appendingPathComponent("pre_therapy_nonsynonmous_mutations.csv"))
        let h = rows[0]
        func col(_ name: String) -> Int { h.firstIndex(of: name)! }
        let classOf: (String) -> String = { consequence in
            if consequence.hasPrefix("stop_gained") { return "Nonsense_Mutation" }
            if consequence.hasPrefix("splice_") { return "Splice_Site" }
            if consequence.hasPrefix("start_lost") { return "Translation_Start_Site" }
            if consequence.hasPrefix("stop_lost") { return "Nonstop_Mutation" }
            return "Missense_Mutation"   // missense_variant (± splice region), protein_protein_contact
        }
        var maf = "Hugo_Symbol\tChromosome\tStart_Position\tEnd_Position\tVariant_Classification\tTumor_Sample_Barcode\tHGVSp_Short\tt_alt_count\tt_depth\n"
        for r in rows.dropFirst() where r.count == h.count {
            maf += [r[col("Hugo Symbol")], r[col("Chromosome")], r[col("Start")], r[col("End")], classOf(r[col("Variant Classification")]),
                    r[col("Patient")], r[col("HGVS_p")], r[col("Tac")], r[col("Tcov")]].joined(separator: "\t") + "\n"
        }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let mutations = try MAFReader.read(try dir.write("riaz.maf", maf))
        var published: [String: Int] = [:]
        for r in try Self.csvRows(folder.appendingPathComponent("MutCnt_pretheray.csv")).dropFirst() { published[r[1]] = Int(r[2]) }
        let block = mutations.block(sequencedPatientIDs: Array(published.keys).sorted())
        let unfiltered = TumorMutationalBurden.compute(block, panelSizeMb: 1, configuration: .init(minimumVAF: 0, minimumDepth: 0))
        #expect(unfiltered.patients.count == 68)
        for p in unfiltered.patients { #expect(p.mutationCount == published[p.patientID], "\(p.patientID)") }
        // With ImmunoKit's default filters (VAF ≥ 0.05, depth ≥ 10) a few low-VAF calls drop out.
        let filtered = TumorMutationalBurden.compute(block, panelSizeMb: 1)
        let same = filtered.patients.filter { $0.mutationCount == published[$0.patientID] }.count
        let total = filtered.patients.reduce(0) { $0 + $1.mutationCount }, publishedTotal = published.values.reduce(0, +)
        print("Riaz 2017: unfiltered counts equal the published counts for 68/68 patients; with default filters \(same)/68 equal, \(total) of \(publishedTotal) mutations kept")
        #expect(Double(total) > 0.9 * Double(publishedTotal))
    }

    /// Snyder 2014 NEJM Table S3 (one row per mutation × predicted peptide × allele) → distinct
    /// variants per patient. The TMB count equals the number of distinct (chromosome, position, ref,
    /// alt) per sample computed independently here, for all 64 patients; and it tracks the ORCESTRA
    /// re-called non-synonymous TMB of the 24 patients in nathanson2017 (different pipeline: rank agreement).
    @Test(.enabled(if: SharedData.shouldRun("cohorts/snyder2014")))
    func snyder2014MutationLoad() throws {
        let rows = try Self.csvRows(SharedData.require("cohorts/snyder2014/nejm_table_s3.csv"))
        let h = rows[0]
        func col(_ name: String) -> Int { h.firstIndex(of: name)! }
        var seen = Set<String>()
        var expected: [String: Int] = [:]
        var maf = "Hugo_Symbol\tChromosome\tStart_Position\tReference_Allele\tTumor_Seq_Allele2\tVariant_Classification\tTumor_Sample_Barcode\tt_depth\tt_alt_count\n"
        for r in rows.dropFirst() where r.count == h.count {
            let key = [r[col("Sample")], r[col("Chr")], r[col("Position")], r[col("Ref")], r[col("Alt")]].joined(separator: ":")
            guard seen.insert(key).inserted else { continue }
            expected[r[col("Sample")], default: 0] += 1
            let depth = Int(r[col("Tcov")])!
            let alt = Int((Double(r[col("Taf")])! / 100 * Double(depth)).rounded())   // Taf is a percentage
            maf += [r[col("Gene")], r[col("Chr")], r[col("Position")], r[col("Ref")], r[col("Alt")], "Missense_Mutation",
                    r[col("Sample")], String(depth), String(min(alt, depth))].joined(separator: "\t") + "\n"
        }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let block = try MAFReader.read(try dir.write("snyder.maf", maf)).block()
        let result = TumorMutationalBurden.compute(block, panelSizeMb: 1, configuration: .init(minimumVAF: 0, minimumDepth: 0))
        #expect(result.patients.count == 64)
        for p in result.patients { #expect(p.mutationCount == expected[p.patientID]) }

        guard SharedData.isAvailable("cohorts/nathanson2017/clinical.tsv") else { return }
        let clinical = try String(contentsOf: SharedData.require("cohorts/nathanson2017/clinical.tsv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map { $0.replacingOccurrences(of: "\"", with: "") } }
        let ch = clinical[0]
        let id = ch.firstIndex(of: "Study.ID")!, ns = ch.firstIndex(of: "nsTMB_raw")!
        let ours = Dictionary(uniqueKeysWithValues: result.patients.map { ($0.patientID, Double($0.mutationCount)) })
        var x: [Double] = [], y: [Double] = []
        for r in clinical.dropFirst() where r.count == ch.count {
            if let a = ours[r[id]], let b = Double(r[ns]) { x.append(a); y.append(b) }
        }
        let rho = DeconvolutionStats.spearman(x, y)
        print("Snyder 2014: Table S3 mutation load vs ORCESTRA nsTMB_raw, Spearman r = \(rho) (n = \(x.count))")
        #expect(x.count >= 20)
        #expect(rho > 0.7)
    }
}
