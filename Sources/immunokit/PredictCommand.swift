import ArgumentParser
import Foundation
import ImmunoKit

struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict with a saved model: probability (binary) or risk, survival at chosen times, and per-patient flags.",
        discussion: """
            Inputs are checked against the model's feature schema: a missing feature is an error naming it;
            values outside the training range and labels never seen in training are flagged per patient.

            --explain adds each patient's largest contributions to the prediction (exact SHAP values:
            TreeSHAP for boosted trees and forests, linear SHAP for logistic and Cox models), ordered by
            size, as columns feature_<r>, effect_<r> and explanation_<r> for r = 1…--top (default 3).
            Effects are in probability points for binary models (log-odds models: the prediction minus
            the prediction without that contribution; before any recalibration), percent change in
            hazard for survival models; explanation_<r> says it in words, e.g. "albumin 2.9 lowers the
            predicted response probability by 7 points". Random survival forests cannot be explained.

            Examples:
              immunokit predict model.json new_site --out predictions.tsv
              immunokit predict cox.json cohort --times 12,24 --out survival.tsv --json
              immunokit predict model.json new_site --out predictions.tsv --explain --top 5
            """
    )

    @Argument(help: "A model artifact written by `immunokit train`.")
    var modelPath: String

    @OptionGroup var cohortInput: CohortInputOptions

    @Option(help: "Comma-separated times (in the outcome's unit) for survival probabilities (survival models).")
    var times: String?

    @Option(name: [.customShort("o"), .customLong("out")], help: "Where to write the predictions (TSV).")
    var output: String

    @Flag(help: "Also write the predictions as JSON next to the TSV (same name, .json).")
    var json = false

    @Flag(help: "Add each patient's largest contributions to the prediction, in words and numbers.")
    var explain = false

    @Option(help: "Contributions per patient with --explain (default 3).")
    var top: Int?

    @OptionGroup var outputOptions: OutputOptions

    func run() throws {
        outputOptions.apply()
        try reportingErrors(showValues: cohortInput.showValues) {
            if let top, top < 1 { throw UsageError(message: "--top must be at least 1, not \(top)") }
            if top != nil && !explain { throw UsageError(message: "--top needs --explain") }
            let timeValues = try times.map { text in
                try text.split(separator: ",").map { part -> Double in
                    guard let t = Double(part.trimmingCharacters(in: .whitespaces)), t >= 0 else {
                        throw UsageError(message: "--times expects non-negative numbers separated by commas, not \"\(text)\"")
                    }
                    return t
                }
            } ?? []
            let artifact = try ModelArtifact.load(URL(fileURLWithPath: modelPath))
            let cohort = try cohortInput.read()
            let columns = try cohort.featureColumns(artifact.schema.names)
            let matrix = FeatureMatrix(clinical: columns)
            try artifact.schema.check(matrix)
            let (predictions, flags) = try artifact.predict(matrix)
            let survival = timeValues.isEmpty ? nil : try artifact.model.survivalProbabilities(matrix, at: timeValues)
            if !timeValues.isEmpty && survival == nil {
                Terminal.warning("--times ignored: a \(artifact.task.rawValue) model gives no survival curve")
            }
            let k = top ?? 3
            var explanations: [PatientExplanation]?
            if explain {
                // Stored covers; a model saved without them uses the predicted cohort as the reference.
                let (shap, transformed) = try ModelExplainer.shapValues(artifact.model, features: matrix)
                explanations = cohort.patientIDs.indices.map { i in
                    let values = shap.featureNames.enumerated().map { j, name in
                        matrix.index(of: name).map { matrix[i, $0] } ?? transformed[i, j]
                    }
                    return PatientExplanation(shap: shap, row: i, values: values, patient: cohort.patientIDs[i])
                }
            }
            let label = artifact.task == .binaryClassification ? "probability" : "risk"
            var header = ["patient_id", label] + (survival == nil ? [] : timeValues.map { "survival_at_\(formatNumber($0))" }) + ["flags"]
            let explanationColumns = explain ? (1...k).flatMap { ["feature_\($0)", "effect_\($0)", "explanation_\($0)"] } : []
            header += explanationColumns
            var table = DataTable(columns: header)
            for p in cohort.patientIDs.indices {
                var row: [String?] = [cohort.patientIDs[p], NumberFormatting.string(predictions[p])]
                if let survival { row += survival[p].map { NumberFormatting.string($0) } }
                row.append(flags[p].isEmpty ? nil : flags[p].joined(separator: "; "))
                if let explanations {
                    let contributions = explanations[p].contributions
                    for r in 0..<k {
                        if r < contributions.count {
                            let c = contributions[r]
                            row += [c.feature, NumberFormatting.string(c.effect), c.sentence]
                        } else {
                            row += [nil, nil, nil]
                        }
                    }
                }
                table.append(row)
            }
            let url = URL(fileURLWithPath: output)
            try table.writeTSV(to: url)
            if json {
                let text = Set(["patient_id", "flags"] + explanationColumns.filter { !$0.hasPrefix("effect_") })
                let numeric = Set(table.columns.filter { !text.contains($0) })
                try table.writeJSON(to: url.deletingPathExtension().appendingPathExtension("json"), numericColumns: numeric)
            }
            let flagged = flags.filter { !$0.isEmpty }.count
            if flagged > 0 { Terminal.warning("\(flagged) of \(cohort.patientCount) patients have inputs outside what the model was trained on (see the flags column)") }
            Terminal.output("wrote \(cohort.patientCount) predictions to \(output)\n")
        }
    }
}
