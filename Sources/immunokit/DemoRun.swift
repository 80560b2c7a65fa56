import Foundation
import ImmunoKit

/// The steps of `immunokit demo`, kept apart from argument parsing so that each step's output is a
/// value the command writes once, atomically.
struct DemoRun {
    var patients: Int
    var seed: UInt64

    struct Result {
        var simulated: SimulatedCohort
        var summary: CohortSummary
        var steps: [(name: String, seconds: Double)]
        var narrative: String
        var artifact: ModelArtifact
        var recalibrated: ModelArtifact
        var predictions: DataTable
        var report: ValidationReport

        func write(into dir: URL) throws {
            try simulated.write(to: dir.appendingPathComponent("cohort"))
            try artifact.save(to: dir.appendingPathComponent("model.json"))
            try recalibrated.save(to: dir.appendingPathComponent("model-recalibrated.json"))
            try predictions.writeTSV(to: dir.appendingPathComponent("predictions.tsv"))
            try Data(report.html.utf8).write(to: dir.appendingPathComponent("report.html"))
            try report.json.write(to: dir.appendingPathComponent("report.json"))
            try Data(SummaryText.render(summary).utf8).write(to: dir.appendingPathComponent("summary.txt"))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            try encoder.encode(summary).write(to: dir.appendingPathComponent("summary.json"))
            let record: [String: [String: String]] = [
                "demo": ["patients": String(simulated.cohort.patientCount),
                         "seed": String(simulated.truth.configuration.seed), "immunokit": "0.1.0"],
                "steps": Dictionary(uniqueKeysWithValues: steps.map { ($0.name, String(format: "%.3f", $0.seconds)) }),
            ]
            try encoder.encode(record).write(to: dir.appendingPathComponent("demo.json"))
            try Data(narrative.utf8).write(to: dir.appendingPathComponent("README.txt"))
        }
    }

    func run() throws -> Result {
        var steps: [(String, Double)] = []
        func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
            Terminal.progress(name)
            let start = Date()
            let value = try body()
            steps.append((name, Date().timeIntervalSince(start)))
            return value
        }
        var configuration = SimulationConfiguration(patientCount: patients, seed: seed)
        configuration.cohortName = "demo"
        let simulated = try timed("simulate \(patients) patients") { try simulate(configuration) }

        // Round trip through the on-disk layout, as every later command reads it.
        let roundTrip = try timed("write and read back the cohort folder") { () -> Cohort in
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("immunokit-demo-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: scratch) }
            try CohortLayout.write(simulated.cohort, to: scratch)
            return try CohortLayout.read(scratch)
        }
        guard roundTrip.patientIDs == simulated.cohort.patientIDs, roundTrip.outcomes == simulated.cohort.outcomes,
              roundTrip.clinical == simulated.cohort.clinical else {
            throw DemoFailure(message: "the cohort read back from disk differs from the one written")
        }
        let summary = timed("summarise") { CohortSummary(roundTrip) }
        let external = try timed("train on three sites, predict the fourth") { try Self.trainAndValidate(simulated) }
        let discovery = try timed("scan biomarkers across sites") { try Self.discovery(simulated) }
        let explanation = try timed("explain the model (SHAP)") { try Self.explanation(simulated, artifact: external.artifact) }
        let effects = try timed("estimate treatment effects, recommend, compare with the truth") {
            try Self.treatmentEffects(simulated, seed: seed)
        }
        let dosing = try timed("simulate pembrolizumab schedules") { try Self.dosing(seed: seed) }
        let (report, validationText) = try timed("validate at the fourth site and write the report") {
            try Self.validationReport(simulated, artifact: external.artifact,
                                      appendix: [("discovery", discovery.page), ("explanation", explanation.page),
                                                 ("effects", effects.page), ("dosing", dosing.page)])
        }
        let (recalibrated, recalibrationText) = try timed("recalibrate at the fourth site") {
            try Self.recalibrate(simulated, artifact: external.artifact)
        }
        let narrative = Self.narrative(simulated, summary) + external.narrative + validationText + recalibrationText + discovery.text
            + explanation.text + effects.text + dosing.text
            + "\nFiles: cohort/ (ImmunoKit layout, truth.tsv, simulation.json), summary.txt, summary.json, model.json,"
            + " model-recalibrated.json, predictions.tsv, report.json, demo.json\n"
        return Result(simulated: simulated, summary: summary, steps: steps, narrative: narrative,
                      artifact: external.artifact, recalibrated: recalibrated, predictions: external.predictions, report: report)
    }

    /// The external site (the last site) as its own cohort.
    static func externalSite(_ simulated: SimulatedCohort) -> (name: String, cohort: Cohort) {
        let cohort = simulated.cohort
        guard case .categorical(let sites) = cohort.column("site")?.values, let external = Set(sites.compactMap { $0 }).max() else {
            return ("all", cohort)
        }
        return (external, cohort.selectingPatients(cohort.patientIDs.indices.filter { sites[$0] == external }))
    }

    /// The HTML validation report of the model at the external site.
    static func validationReport(_ simulated: SimulatedCohort, artifact: ModelArtifact,
                                 appendix: [(prefix: String, page: HTMLReport)]) throws -> (ValidationReport, String) {
        var (name, site) = externalSite(simulated)
        site.name = "demo site \(name)"
        let validation = try ExternalValidation(artifact: artifact, cohort: site)
        let report = try ValidationReport(artifact: artifact, cohort: site, validation: validation, appendix: appendix)
        var text = ""
        if let b = validation.binary {
            text += String(format: "  validation at %@: AUC %.3f (95%% CI %.3f–%.3f), calibration slope %.2f, ECE %.3f\n",
                           name, b.auc.estimate, b.auc.lower, b.auc.upper, b.calibration?.slope ?? .nan, b.bins.expectedCalibrationError)
        }
        if let gap = validation.largestGap { text += "  largest subgroup gap: \(gap)\n" }
        let shifted = validation.shift.features.filter { $0.verdict != "stable" && $0.verdict != "n/a" }.map(\.name)
        if !shifted.isEmpty { text += "  shifted inputs at the new site: \(shifted.joined(separator: ", "))\n" }
        return (report, text)
    }

    /// Logistic recalibration on the external site (fitted on half, judged on the other half), then
    /// refitted on the whole site and saved with its lineage.
    static func recalibrate(_ simulated: SimulatedCohort, artifact: ModelArtifact) throws -> (ModelArtifact, String) {
        let (name, site) = externalSite(simulated)
        let (target, rows, _) = try site.learningTarget(.response)
        guard case .binary(let y) = target else { return (artifact, "") }
        let matrix = FeatureMatrix(clinical: try site.featureColumns(artifact.schema.names).map { $0.selecting(rows) })
        let raw = try artifact.model.predict(matrix).predictions
        let half = rows.indices.filter { $0 % 2 == 0 }, other = rows.indices.filter { $0 % 2 == 1 }
        let fitted = try Recalibration.fit(.logistic, probabilities: half.map { raw[$0] }, labels: half.map { y[$0] })
        let labels = other.map { y[$0] == 1 }
        let before = try CalibrationBins(probabilities: other.map { raw[$0] }, labels: labels).expectedCalibrationError
        let after = try CalibrationBins(probabilities: other.map { fitted.apply(raw[$0]) }, labels: labels).expectedCalibrationError
        var updated = artifact
        updated.recalibration = try Recalibration.fit(.logistic, probabilities: raw, labels: y)
        updated.lineage.append("model.json, recalibrated (logistic) on demo site \(name), \(rows.count) patients")
        updated.metrics["local_heldout_ece"] = after
        updated.metrics["local_heldout_uncalibrated_ece"] = before
        return (updated, String(format: "  logistic recalibration at %@: expected calibration error %.3f → %.3f on held-out local patients\n",
                                name, before, after))
    }

    /// The features the demo model uses: routine labs, genomics, and two immune genes.
    static let demoFeatures = ["drug_class", "tmb", "albumin", "nlr", "ecog", "pdl1_tps", "cancer_type", "gene:CD8A", "gene:CXCL9"]

    /// Trains a logistic model on every site but the last and predicts the last (an external site with
    /// its own case mix and expression batch effect), comparing with the AUC of the true probabilities.
    static func trainAndValidate(_ simulated: SimulatedCohort) throws
        -> (artifact: ModelArtifact, predictions: DataTable, narrative: String) {
        let cohort = simulated.cohort
        guard case .categorical(let sites) = cohort.column("site")?.values, let external = Set(sites.compactMap { $0 }).max() else {
            throw DemoFailure(message: "the simulated cohort has no site column")
        }
        let trainRows = cohort.patientIDs.indices.filter { sites[$0] != external }
        let testRows = cohort.patientIDs.indices.filter { sites[$0] == external }
        let training = cohort.selectingPatients(trainRows)
        let (target, rows, rule) = try training.learningTarget(.response)
        let columns = try training.featureColumns(demoFeatures).map { $0.selecting(rows) }
        let data = Dataset(features: FeatureMatrix(clinical: columns), target: target)
        let trainer = ModelTrainer(kind: .logistic,
                                   preprocessing: PreprocessingConfiguration(caps: ["tmb": .init(upper: 50)], logTransform: ["nlr"]),
                                   modelSettings: nil, folds: 5, seed: 42)
        let result = try trainer.train(data)
        let artifact = ModelArtifact(
            immunokitVersion: ImmunoKitCommand.configuration.version, outcome: "response", outcomeRule: rule,
            schema: FeatureSchema(training: data.features), model: result.model, seed: 42,
            trainingFingerprint: TrainCommand.fingerprint(data), trainingRows: data.rowCount, metrics: result.metrics,
            notes: ["cohort": "demo (sites other than \(external))"])

        let test = cohort.selectingPatients(testRows)
        let testMatrix = FeatureMatrix(clinical: try test.featureColumns(demoFeatures))
        let (probabilities, flags) = try artifact.predict(testMatrix)
        var table = DataTable(columns: ["patient_id", "probability", "true_probability", "response", "flags"])
        let truth = Dictionary(uniqueKeysWithValues: simulated.truth.patients.map { ($0.patientID, $0) })
        for (k, id) in test.patientIDs.enumerated() {
            let observed = test.outcomes.response?.values[k]
            table.append([id, NumberFormatting.string(probabilities[k]),
                          truth[id].map { NumberFormatting.string($0.assignedResponseProbability) },
                          observed.map { $0 ? "1" : "0" }, flags[k].isEmpty ? nil : flags[k].joined(separator: "; ")])
        }
        let labelled = test.patientIDs.indices.filter { test.outcomes.response?.values[$0] != nil }
        let labels = Target.binary(labelled.map { test.outcomes.response!.values[$0]! ? 1 : 0 })
        let externalAUC = CrossValidation.score(labels, labelled.map { probabilities[$0] })
        let oracleAUC = CrossValidation.score(labels, labelled.map { truth[test.patientIDs[$0]]!.assignedResponseProbability })
        var text = "\nModel: logistic regression on \(demoFeatures.joined(separator: ", "))\n"
        text += String(format: "  trained on %d patients from the other sites: cross-validated AUC %.3f ± %.3f\n",
                       data.rowCount, result.metrics["cv_auc"] ?? .nan, result.metrics["cv_auc_sd"] ?? .nan)
        text += String(format: "  external site %@ (%d patients): AUC %.3f; the true probabilities reach %.3f\n",
                       external, labelled.count, externalAUC, oracleAUC)
        let flagged = flags.filter { !$0.isEmpty }.count
        if flagged > 0 { text += "  \(flagged) external patients have inputs outside the training range (flagged in predictions.tsv)\n" }
        return (artifact, table, text)
    }

    /// What the demo found, in words: the cohort, and what the known truth says a model should recover.
    static func narrative(_ simulated: SimulatedCohort, _ summary: CohortSummary) -> String {
        let truth = simulated.truth.patients
        var text = "ImmunoKit demo — synthetic ICI cohort with known truth\n\n"
        text += "\(summary.patients) patients across \(simulated.truth.sites.count) sites"
        if let r = summary.response { text += "; \(r.positive) responders, \(r.negative) non-responders" }
        if let os = summary.overallSurvival { text += "; \(os.events) deaths" }
        text += ".\n\nResponse by arm (observed rate vs mean true probability):\n"
        for arm in TreatmentArm.allCases {
            let members = truth.indices.filter { truth[$0].assignedArm == arm }
            guard !members.isEmpty else { continue }
            let observed = members.compactMap { simulated.cohort.outcomes.response?.values[$0] }
            let rate = Double(observed.filter { $0 }.count) / Double(max(observed.count, 1))
            let expected = members.map { truth[$0].responseProbability[arm] }.reduce(0, +) / Double(members.count)
            text += "  " + arm.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)
                + String(format: "n=%4d  observed %.2f  true %.2f\n", members.count, rate, expected)
        }
        let effects = truth.map { $0.responseEffect(.antiPD1PDL1) }
        let tmbs = truth.map(\.tmb)
        let medianTMB = tmbs.sorted()[tmbs.count / 2]
        let high = zip(tmbs, effects).filter { $0.0 >= medianTMB }.map(\.1)
        let low = zip(tmbs, effects).filter { $0.0 < medianTMB }.map(\.1)
        func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(max(v.count, 1)) }
        text += String(format: "\nTrue benefit of anti-PD-1/PD-L1 over chemotherapy (response probability):\n"
                       + "  TMB ≥ median (%.1f mut/Mb): %+.3f    TMB < median: %+.3f\n", medianTMB, mean(high), mean(low))
        if !summary.warnings.isEmpty {
            text += "\nWarnings from inspect:\n" + summary.warnings.map { "  ! \($0)\n" }.joined()
        }
        return text
    }
}

struct DemoFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
