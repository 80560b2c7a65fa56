import Foundation
import Testing
import TestSupport
import ImmunoKit

/// `immunokit effects` and `immunokit recommend`, end to end on the real binary.
@Suite("immunokit effects and recommend", .serialized)
struct TreatmentCommandTests {
    /// Drug-class names of the simulator's arms → the truth.tsv suffixes.
    static let truthNames = ["anti-PD-1/PD-L1": "anti_pd1_pdl1", "anti-PD-1/PD-L1+anti-CTLA-4": "ici_combination",
                             "chemotherapy": "chemotherapy", "ICI+chemotherapy": "ici_chemotherapy"]

    static func column(_ table: DelimitedTable, _ name: String) throws -> [String] {
        let j = try table.requireColumn(name)
        return table.rows.map { $0[j] }
    }

    @Test("simulated cohort → effects → recommend: policy values match the per-patient scores, regret beats treat-all")
    func effectsThenRecommend() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let cohort = dir.file("c").path
        #expect(try CLI.run(["simulate", "--patients", "700", "--seed", "5", "--output", cohort, "--quiet"]).status == 0)
        let out = dir.file("eff").path
        let result = try CLI.run(["effects", cohort, "--treatment", "drug-class", "--outcome", "response", "--learner", "t",
                                  "--model", "linear", "--features", "tmb,pdl1_tps,ecog,albumin,nlr,cancer_type",
                                  "--rate-replicates", "50", "--out", out, "--json", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        for name in ["effects.tsv", "overlap.tsv", "balance.tsv", "uplift.tsv", "rate.tsv", "policy_values.tsv",
                     "effect_model.json", "summary.json"] {
            #expect(files.contains(name), "missing \(name)")
        }
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((summary["reference"] as? String) == "chemotherapy")
        #expect(summary["outcomeModels"] as? String == "per-arm")   // the DR evaluation's design

        // The DR value of the recommended policy is the mean of each patient's AIPW score under the
        // recommended arm (the observed outcome where the policy abstains): recomputed from effects.tsv.
        let effects = try DelimitedTable.read(dir.file("eff/effects.tsv"))
        let recommended = try Self.column(effects, "recommended")
        let outcome = try Self.column(effects, "outcome").map { Double($0)! }
        let arms = try Self.column(effects, "arm")
        var psi: [Double] = []
        for i in 0..<effects.rowCount {
            if recommended[i] == "none" { psi.append(outcome[i]); continue }
            psi.append(Double(effects.rows[i][try effects.requireColumn("dr_score_\(recommended[i])")])!)
        }
        let values = try DelimitedTable.read(dir.file("eff/policy_values.tsv"))
        let policies = try Self.column(values, "policy"), dr = try Self.column(values, "dr").map { Double($0)! }
        let recommendedValue = dr[try #require(policies.firstIndex(of: "recommended"))]
        let mean = psi.reduce(0, +) / Double(psi.count)
        #expect(abs(recommendedValue - mean) <= 1e-12, "DR value \(recommendedValue) vs recomputed \(mean)")
        let practice = dr[try #require(policies.firstIndex(of: "current practice"))]
        #expect(abs(practice - outcome.reduce(0, +) / Double(outcome.count)) <= 1e-12)

        // Regret against the simulator's true response probabilities.
        let truth = try DelimitedTable.read(dir.file("c/truth.tsv"))
        let ids = try Self.column(truth, "patient_id")
        var truthRow: [String: Int] = [:]
        for (i, id) in ids.enumerated() { truthRow[id] = i }
        func p(_ id: String, _ arm: String) throws -> Double {
            Double(truth.rows[truthRow[id]!][try truth.requireColumn("p_response_\(Self.truthNames[arm]!)")])!
        }
        let patientIDs = try Self.column(effects, "patient_id")
        var optimal = 0.0, learned = 0.0, treatAll = 0.0
        for (i, id) in patientIDs.enumerated() {
            let probabilities = try Self.truthNames.keys.map { try p(id, $0) }
            optimal += probabilities.max()!
            learned += try p(id, recommended[i] == "none" ? arms[i] : recommended[i])
            treatAll += try p(id, "anti-PD-1/PD-L1")
        }
        let n = Double(patientIDs.count)
        let regretLearned = (optimal - learned) / n, regretTreatAll = (optimal - treatAll) / n
        print("[treatment-cli] regret: learned \(regretLearned), treat-all anti-PD-1 \(regretTreatAll)")
        #expect(regretLearned < 0.6 * regretTreatAll)

        // recommend: the saved model reproduces the in-sample effects; a huge margin abstains for everyone;
        // an excluded arm is never recommended.
        let recs = dir.file("recs.tsv").path
        let rec = try CLI.run(["recommend", dir.file("eff/effect_model.json").path, cohort, "--out", recs, "--quiet"])
        #expect(rec.status == 0, "\(rec.stderr)")
        let table = try DelimitedTable.read(URL(fileURLWithPath: recs))
        #expect(table.rowCount == 700)
        let recEffect = try Self.column(table, "effect_ICI+chemotherapy"), recIDs = try Self.column(table, "patient_id")
        let fitEffect = try Self.column(effects, "effect_ICI+chemotherapy")
        var index: [String: Int] = [:]
        for (i, id) in recIDs.enumerated() { index[id] = i }
        for (i, id) in patientIDs.enumerated().prefix(50) {
            #expect(abs(Double(recEffect[index[id]!])! - Double(fitEffect[i])!) <= 1e-12)
        }
        let huge = try CLI.run(["recommend", dir.file("eff/effect_model.json").path, cohort, "--margin", "10",
                                "--out", dir.file("none.tsv").path, "--quiet"])
        #expect(huge.status == 0)
        #expect(try Self.column(try DelimitedTable.read(dir.file("none.tsv")), "recommended").allSatisfy { $0 == "none" })
        let excluded = try CLI.run(["recommend", dir.file("eff/effect_model.json").path, cohort, "--exclude", "ICI+chemotherapy",
                                    "--out", dir.file("ex.tsv").path, "--quiet"])
        #expect(excluded.status == 0)
        let exRecommended = try Self.column(try DelimitedTable.read(dir.file("ex.tsv")), "recommended")
        #expect(!exRecommended.contains("ICI+chemotherapy") && exRecommended.contains { $0 != "none" })
    }

    @Test("bad input: a missing covariate, an unknown arm, a missing model — one clear error and no partial output")
    func badInput() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let cohort = dir.file("c").path
        #expect(try CLI.run(["simulate", "--patients", "120", "--seed", "2", "--output", cohort, "--quiet"]).status == 0)
        let missing = try CLI.run(["effects", cohort, "--treatment", "drug-class", "--features", "tmb,no_such_column",
                                   "--learner", "t", "--model", "linear", "--out", dir.file("a").path])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("no_such_column"))
        #expect(missing.stderr.split(separator: "\n").filter { $0.contains("error") }.count == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.file("a").path))
        let unknownArm = try CLI.run(["effects", cohort, "--treatment", "drug-class", "--reference", "radiotherapy",
                                      "--features", "tmb", "--out", dir.file("b").path])
        #expect(unknownArm.status == 64)
        #expect(unknownArm.stderr.contains("radiotherapy"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("b").path))
        let noColumn = try CLI.run(["effects", cohort, "--treatment", "arm_column", "--out", dir.file("c2").path])
        #expect(noColumn.status == 64 && noColumn.stderr.contains("arm_column"))
        let noModel = try CLI.run(["recommend", dir.file("nope.json").path, cohort, "--out", dir.file("r.tsv").path])
        #expect(noModel.status == 64)
        #expect(!FileManager.default.fileExists(atPath: dir.file("r.tsv").path))
        let badLearner = try CLI.run(["effects", cohort, "--treatment", "drug-class", "--learner", "magic", "--out", dir.file("d").path])
        #expect(badLearner.status == 64)
        let badPooling = try CLI.run(["effects", cohort, "--treatment", "drug-class", "--outcome-models", "shared",
                                      "--out", dir.file("e").path])
        #expect(badPooling.status == 64 && badPooling.stderr.contains("--outcome-models") && badPooling.stderr.contains("pooled"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("e").path))
        // Pooled outcome models run end to end, and differ from per-arm ones.
        func drEffects(_ outcomeModels: String) throws -> [String] {
            let out = dir.file("dr-\(outcomeModels)").path
            let run = try CLI.run(["effects", cohort, "--treatment", "drug-class", "--learner", "dr", "--model", "linear",
                                   "--features", "tmb,albumin,ecog", "--outcome-models", outcomeModels, "--se-replicates", "0",
                                   "--rate-replicates", "10", "--out", out, "--quiet"])
            #expect(run.status == 0, "\(run.stderr)")
            // The summary records the design.
            let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
            #expect((summary as? [String: Any])?["outcomeModels"] as? String == outcomeModels)
            let table = try DelimitedTable.read(URL(fileURLWithPath: out + "/effects.tsv"))
            return try Self.column(table, table.header.first { $0.hasPrefix("dr_score_") }!)
        }
        #expect(try drEffects("pooled") != drEffects("per-arm"))
        let help = try CLI.run(["effects", "--help"])
        #expect(help.stdout.contains("Examples") && help.stdout.contains("--arm"))
        let recommendHelp = try CLI.run(["recommend", "--help"])
        #expect(recommendHelp.stdout.contains("no clear benefit"))
    }
}
