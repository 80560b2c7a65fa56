import Foundation
import Testing
import TestSupport
import ImmunoKit

/// `immunokit train` and `immunokit predict`, end to end on the real binary.
@Suite("immunokit train and predict", .serialized)
struct TrainPredictTests {
    @Test("train on a simulated cohort, predict on another site's cohort, flags and schema checks")
    func trainAndPredict() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(try CLI.run(["simulate", "--patients", "400", "--seed", "3", "--output", dir.file("train").path, "--quiet"]).status == 0)
        #expect(try CLI.run(["simulate", "--patients", "120", "--seed", "4", "--output", dir.file("test").path, "--quiet"]).status == 0)
        let model = dir.file("model.json").path
        let trained = try CLI.run(["train", dir.file("train").path, "--outcome", "response", "--model", "logistic",
                                   "--features", "tmb,albumin,nlr,ecog,cancer_type", "--cap", "tmb=50",
                                   "--out", model, "--json", "--quiet"])
        #expect(trained.status == 0, "\(trained.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(trained.stdout.utf8)) as? [String: String]
        let auc = try #require(summary?["cv_auc"].flatMap(Double.init))
        #expect(auc > 0.55 && auc < 1, "the simulated response depends on these features")

        let artifact = try ModelArtifact.load(URL(fileURLWithPath: model))
        #expect(artifact.schema.names == ["tmb", "albumin", "nlr", "ecog", "cancer_type"])
        #expect(artifact.trainingFingerprint.count == 64)
        #expect(artifact.metrics["cv_auc"] == auc)

        let predicted = try CLI.run(["predict", model, dir.file("test").path, "--out", dir.file("p.tsv").path, "--json"])
        #expect(predicted.status == 0, "\(predicted.stderr)")
        let table = try DelimitedTable.read(dir.file("p.tsv"))
        #expect(table.header == ["patient_id", "probability", "flags"])
        #expect(table.rowCount == 120)
        let probabilities = try table.doubles(1).compactMap { $0 }
        #expect(probabilities.count == 120 && probabilities.allSatisfy { $0 > 0 && $0 < 1 })

        // Same seed and data → same artifact fingerprint and same predictions.
        let again = dir.file("again.json").path
        #expect(try CLI.run(["train", dir.file("train").path, "--outcome", "response", "--model", "logistic",
                             "--features", "tmb,albumin,nlr,ecog,cancer_type", "--cap", "tmb=50", "--out", again, "--quiet"]).status == 0)
        #expect(try ModelArtifact.load(URL(fileURLWithPath: again)).trainingFingerprint == artifact.trainingFingerprint)

        // A cohort lacking a required feature is refused, naming it.
        let table2 = try dir.write("other.csv", "SAMPLE_ID,Response,OS_Months,OS_Event,TMB\n1,1,3,1,5\n2,0,4,0,7\n")
        let refused = try CLI.run(["predict", model, table2.path, "--out", dir.file("x.tsv").path])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("\"tmb\""))
        #expect(!FileManager.default.fileExists(atPath: dir.file("x.tsv").path))
    }

    @Test("survival models give survival probabilities at the requested times")
    func survival() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(try CLI.run(["simulate", "--patients", "300", "--seed", "5", "--output", dir.file("c").path, "--quiet"]).status == 0)
        let model = dir.file("cox.json").path
        let trained = try CLI.run(["train", dir.file("c").path, "--outcome", "os", "--model", "cox",
                                   "--features", "albumin,nlr,ecog", "--out", model, "--quiet"])
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(trained.stdout.contains("C-index"))
        let predicted = try CLI.run(["predict", model, dir.file("c").path, "--times", "6,24", "--out", dir.file("s.tsv").path, "--quiet"])
        #expect(predicted.status == 0, "\(predicted.stderr)")
        let table = try DelimitedTable.read(dir.file("s.tsv"))
        #expect(table.header == ["patient_id", "risk", "survival_at_6", "survival_at_24", "flags"])
        let s6 = try table.doubles(2), s24 = try table.doubles(3)
        #expect(zip(s6, s24).allSatisfy { ($0.0 ?? 0) >= ($0.1 ?? 0) }, "survival does not increase with time")
    }

    @Test("bad usage: unknown model, a model that cannot fit the outcome, corrupt or newer artifacts")
    func badUsage() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(try CLI.run(["simulate", "--patients", "100", "--output", dir.file("c").path, "--quiet"]).status == 0)
        let unknown = try CLI.run(["train", dir.file("c").path, "--outcome", "response", "--model", "svm", "--out", "m.json"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("--model"))
        let mismatch = try CLI.run(["train", dir.file("c").path, "--outcome", "os", "--model", "logistic",
                                    "--out", dir.file("m.json").path])
        #expect(mismatch.status == 64)
        #expect(mismatch.stderr.contains("cannot fit"))

        let corrupt = try dir.write("corrupt.json", #"{"format": "immunokit-model", "formatVersion": 1, "task": 3}"#)
        let c = try CLI.run(["predict", corrupt.path, dir.file("c").path, "--out", dir.file("p.tsv").path])
        #expect(c.status == 65)
        #expect(c.stderr.contains("corrupt.json"))
        let newer = try dir.write("newer.json", #"{"format": "immunokit-model", "formatVersion": 99}"#)
        let n = try CLI.run(["predict", newer.path, dir.file("c").path, "--out", dir.file("p.tsv").path])
        #expect(n.status == 65)
        #expect(n.stderr.contains("newer"))
    }
}

@Suite("LLR6 on the MSK training cohort", .enabled(if: SharedData.shouldRun("cohorts/msk_chowell_train")))
struct LLR6Tests {
    /// Chang et al. 2024 (LORIS): logistic regression on TMB capped at 50, systemic therapy history,
    /// albumin, NLR capped at 25, age capped at 85 and cancer type; published test AUC ≈ 0.72.
    @Test("cross-validated AUC of the LLR6 recipe is near the published 0.72")
    func llr6() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let data = try SharedData.require("cohorts/msk_chowell_train/Chowell_train.csv")
        let result = try CLI.run(["train", data.path, "--outcome", "response", "--model", "logistic",
                                  "--features", "TMB,prior_systemic_therapy,Albumin,NLR,Age,CancerType",
                                  "--cap", "TMB=50", "--cap", "NLR=25", "--cap", "Age=85",
                                  "--out", dir.file("llr6.json").path, "--json", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: String]
        let auc = try #require(summary?["cv_auc"].flatMap(Double.init))
        #expect(auc > 0.68 && auc < 0.76)
    }
}

@Suite("immunokit train --config")
struct TrainConfigurationTests {
    @Test("a partial configuration file changes only what it names; an unknown setting is refused")
    func configuration() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(try CLI.run(["simulate", "--patients", "200", "--seed", "8", "--output", dir.file("c").path, "--quiet"]).status == 0)
        let lasso = try dir.write("lasso.yaml", "model:\n  alpha: 1\n  lambda: 0.05\npreprocessing:\n  missingIndicators: false\n")
        let trained = try CLI.run(["train", dir.file("c").path, "--outcome", "response", "--model", "logistic",
                                   "--features", "tmb,albumin,nlr,ecog,bmi,ldh", "--config", lasso.path,
                                   "--out", dir.file("m.json").path, "--quiet"])
        #expect(trained.status == 0, "\(trained.stderr)")
        let artifact = try ModelArtifact.load(dir.file("m.json"))
        guard case .logistic(let pipeline) = artifact.model else { Issue.record("not a logistic model"); return }
        #expect(pipeline.model.alpha == 1)
        #expect(!pipeline.preprocessing.outputNames.contains { $0.hasSuffix("__missing") })
        // A strong lasso penalty zeroes some coefficients.
        #expect(pipeline.model.coefficients.contains(0))

        let misspelt = try dir.write("bad.json", #"{"model": {"alpah": 1}}"#)
        let refused = try CLI.run(["train", dir.file("c").path, "--outcome", "response", "--model", "logistic",
                                   "--config", misspelt.path, "--out", dir.file("x.json").path])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("\"alpah\""))
        #expect(!FileManager.default.fileExists(atPath: dir.file("x.json").path))
    }
}
