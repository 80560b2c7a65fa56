import ArgumentParser
import Foundation
import ImmunoKit
import Treatment

struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Recommend a regimen per patient from an effect model, or say \"no clear benefit\", with the reasons in words.",
        discussion: """
            Loads an effect model written by `immunokit effects` (effect_model.json), predicts every arm's
            effect against the reference for each patient of the cohort, and recommends the arm with the
            largest expected benefit when the lower confidence bound of its advantage over every other allowed
            arm exceeds --margin (on the outcome scale: 0.02 = 2 points of response probability, or months of
            RMST); otherwise the patient gets "no clear benefit". X- and DR-learner models carry bootstrap
            standard errors; S- and T-learner models do not, so only the margin guards their recommendations.

            Writes a TSV with one row per patient: the recommendation (or "none"), the best arm, its expected
            benefit over the reference and lower bound, the runner-up, the decisive lower bound, each arm's
            effect and the reasons.

            Examples:
              immunokit recommend effects_synthetic/effect_model.json new_patients --margin 0.05 --out recs.tsv
              immunokit recommend msk_effects/effect_model.json msk --exclude ICI --out recs.tsv --json
            """
    )

    @Argument(help: "An effect model (effect_model.json from `immunokit effects`).")
    var model: String

    @Argument(help: "The patients: a cohort folder or table with the model's covariates.")
    var patients: String

    @Option(help: "Smallest advantage worth acting on, on the outcome scale (default 0).")
    var margin: Double = 0

    @Option(help: "Two-sided confidence level of the lower bounds (default 0.95).")
    var level: Double = 0.95

    @Option(help: "Comma-separated arms never to recommend.")
    var exclude: String?

    @Option(help: "Output table (TSV).")
    var out: String

    @Flag(help: "Also print the recommendations as JSON.")
    var json = false

    @Flag(help: "Include offending values in error messages (hidden by default: they may be patient data).")
    var showValues = false

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        guard margin.isFinite else { throw ValidationError("--margin must be a finite number on the outcome scale, e.g. 0.02") }
        guard level > 0, level < 1 else { throw ValidationError("--level must be in (0, 1), e.g. 0.95") }
    }

    func run() throws {
        outputOptions.apply()
        try reportingErrors(showValues: showValues) {
            let file = try EffectModelFile.load(URL(fileURLWithPath: model))
            guard FileManager.default.fileExists(atPath: patients) else { throw UsageError(message: "input not found: \(patients)") }
            let excluded = exclude.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
            for name in excluded where !file.armNames.contains(name) {
                throw UsageError(message: "--exclude: unknown arm \"\(name)\"; the model's arms are \(file.armNames.joined(separator: ", "))")
            }
            Terminal.progress("reading \(patients)")
            let cohort = try CohortReader.read(URL(fileURLWithPath: patients))
            let missing = file.featureNames.filter { name in (try? cohort.featureColumns([name])) == nil }
            guard missing.isEmpty else {
                throw UsageError(message: "the patients lack the model's covariate\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", "))")
            }
            let covariates = FeatureMatrix(clinical: try cohort.featureColumns(file.featureNames))
            let predictions = try file.predict(covariates)
            let k = file.armNames.count, n = cohort.patientCount
            let reference = file.armNames.firstIndex(of: file.referenceArm) ?? predictions.referenceArm
            let survival = !file.outcome.hasPrefix("riskDifference")
            let policy = RegimenPolicy(margin: margin, confidenceLevel: level, excludedArms: excluded,
                                       referenceArm: file.referenceArm,
                                       scale: survival ? .time(unit: "months") : .probability,
                                       outcomeName: survival ? "RMST" : "response probability")
            let estimates = (0..<n).map { i in
                ArmEstimates(patientID: cohort.patientIDs[i], reference: reference,
                             effects: (0..<k).map { predictions.effects[$0][i] },
                             effectStandardErrors: (0..<k).map { predictions.standardErrors?[$0][i] ?? 0 })
            }
            let recommendations = try policy.recommend(arms: file.armNames, patients: estimates)
            var table = DataTable(columns: ["patient_id", "recommended", "best_arm", "expected_benefit", "benefit_lower_bound",
                                            "runner_up", "advantage", "decisive_lower_bound"]
                                  + file.armNames.map { "effect_\($0)" } + ["reasons"])
            for (i, r) in recommendations.enumerated() {
                table.append([r.patientID, r.recommendedArm ?? "none", r.bestArm, NumberFormatting.string(r.expectedBenefit),
                              NumberFormatting.string(r.benefitLowerBound), r.runnerUpArm, NumberFormatting.string(r.advantage),
                              r.decisiveLowerBound.isFinite ? NumberFormatting.string(r.decisiveLowerBound) : nil]
                             + (0..<k).map { NumberFormatting.string(predictions.effects[$0][i]) }
                             + [r.reasons.joined(separator: " | ")])
            }
            try table.writeTSV(to: URL(fileURLWithPath: out))
            let abstained = recommendations.filter { $0.abstained }.count
            if file.hasStandardErrors == false {
                Terminal.warning("the \(file.learner)-learner model has no standard errors: lower bounds equal the estimates")
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
                Terminal.output(String(decoding: try encoder.encode(recommendations), as: UTF8.self) + "\n")
            } else {
                Terminal.output("\(n) patients: \(n - abstained) recommendations, \(abstained) with no clear benefit; wrote \(out)\n")
            }
        }
    }
}
