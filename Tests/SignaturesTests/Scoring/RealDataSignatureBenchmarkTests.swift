import Foundation
import Testing
import TestSupport
import CohortData
@testable import Signatures

/// The signature benchmark on the public ICI cohorts of `../shared/data/cohorts`: every catalog signature
/// in every expression cohort, AUC for response with a DeLong CI, coverage, refusals, and the
/// random-effects summary. Prints the full table (set `IMMUNOKIT_SIGNATURE_TABLE=path` to also write it).
@Suite("Real cohorts: signature benchmark", .enabled(if: SharedData.shouldRun("cohorts")))
struct RealDataSignatureBenchmarkTests {
    static let orcestra = ["riaz2017", "gide2019", "vanallen2015", "nathanson2017", "miao2018", "mariathasan2018",
                           "padron2022", "zhao2019", "hwang2020", "jerbyarnon2018", "roh2017"]
    static let panels: Set<String> = ["hwang2020", "jerbyarnon2018", "roh2017"]

    static func cohorts() throws -> [Cohort] {
        var out = try orcestra.map { try CohortReader.read(try SharedData.require("cohorts/\($0)"), name: $0) }
        let folder = try SharedData.require("cohorts/hugo2016/predictior")
        var mapping = CohortMapping.orcestra
        mapping.expression = .init(file: "expr_all27_1801genes_log2tpm.tsv.gz", unit: .log2TPM)
        mapping.progressionFreeSurvival = nil
        out.append(try CohortReader.read(folder.appendingPathComponent("clinical_all27.tsv"), mapping: mapping, name: "hugo2016"))
        return out
    }

    @Test("Every catalog signature × cohort has a row with coverage; panels refuse, not crash; CYT AUC in Riaz > 0.5")
    func benchmark() throws {
        let catalog = try SignatureCatalog.builtIn()
        var rows: [SignatureBenchmark.Row] = []
        for cohort in try Self.cohorts() {
            rows += SignatureBenchmark.evaluate(cohort, signatures: catalog.signatures, catalog: catalog)
        }
        let pooled = SignatureBenchmark.pool(rows)
        func f(_ v: Double?) -> String { v.map { String(format: "%.3f", $0) } ?? "NA" }
        var text = "cohort\tsignature\tmethod\tcoverage\tn\tR\tNR\tAUC\t95% CI\tstatus\n"
        for r in rows {
            let status = r.status.hasPrefix("refused") ? String(r.status.prefix(60)) : r.status
            text += "\(r.cohort)\t\(r.signature)\t\(r.method)\t\(f(r.coverage))\t\(r.patients)\t\(r.responders)\t\(r.nonResponders)\t\(f(r.auc))\t\(f(r.lower))–\(f(r.upper))\t\(status)\n"
        }
        text += "\nsignature\tcohorts\tpooled AUC\t95% CI\ttau2\tI2\n"
        for p in pooled { text += "\(p.signature)\t\(p.cohorts)\t\(f(p.auc))\t\(f(p.lower))–\(f(p.upper))\t\(f(p.tau2))\t\(f(p.i2))\n" }
        print(text)
        if let path = ProcessInfo.processInfo.environment["IMMUNOKIT_SIGNATURE_TABLE"] {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }

        let cohorts = Set(rows.map(\.cohort))
        #expect(cohorts.count == 12)
        #expect(rows.count == 12 * catalog.signatures.count)
        for c in cohorts { #expect(Set(rows.filter { $0.cohort == c }.map(\.signature)) == Set(catalog.signatures.map(\.name))) }
        let riazCYT = try #require(rows.first { $0.cohort == "riaz2017" && $0.signature == "CYT" })
        #expect((riazCYT.auc ?? 0) > 0.5)
        #expect(riazCYT.coverage == 1)
        // Whole-transcriptome cohorts cover the small published signatures fully.
        for c in ["riaz2017", "gide2019", "vanallen2015"] {
            for name in ["CYT", "IFNG_6", "GEP_18", "IMPRES", "TLS"] {
                let row = try #require(rows.first { $0.cohort == c && $0.signature == name })
                #expect(row.status == "scored", "\(c) \(name): \(row.status)")
                #expect(row.coverage >= 0.9, "\(c) \(name)")
            }
        }
        // Panel cohorts: some signatures refused for coverage, reported with missing genes, no crash.
        for c in Self.panels {
            let refused = rows.filter { $0.cohort == c && $0.status.hasPrefix("refused: only") }
            #expect(!refused.isEmpty, "\(c) should refuse some signatures")
            #expect(rows.filter { $0.cohort == c }.contains { $0.coverage < 0.5 })
        }
        // TIDE weights are not bundled: refused everywhere with the reason.
        #expect(rows.filter { $0.signature == "TIDE_dysfunction" }.allSatisfy { $0.status.contains("not bundled") })
        #expect(pooled.contains { $0.signature == "CYT" && $0.cohorts >= 8 })
    }
}
