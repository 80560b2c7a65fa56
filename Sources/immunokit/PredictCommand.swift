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

            Examples:
              immunokit predict model.json new_site --out predictions.tsv
              immunokit predict cox.json cohort --times 12,24 --out survival.tsv --json
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

    @OptionGroup var outputOptions: OutputOptions

    func run() throws {
        outputOptions.apply()
        try reportingErrors(showValues: cohortInput.showValues) {
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
            let label = artifact.task == .binaryClassification ? "probability" : "risk"
            var table = DataTable(columns: ["patient_id", label] + (survival == nil ? [] : timeValues.map { "survival_at_\(formatNumber($0))" }) + ["flags"])
            for p in cohort.patientIDs.indices {
                var row: [String?] = [cohort.patientIDs[p], NumberFormatting.string(predictions[p])]
                if let survival { row += survival[p].map { NumberFormatting.string($0) } }
                row.append(flags[p].isEmpty ? nil : flags[p].joined(separator: "; "))
                table.append(row)
            }
            let url = URL(fileURLWithPath: output)
            try table.writeTSV(to: url)
            if json {
                let numeric = Set(table.columns.filter { $0 != "patient_id" && $0 != "flags" })
                try table.writeJSON(to: url.deletingPathExtension().appendingPathExtension("json"), numericColumns: numeric)
            }
            let flagged = flags.filter { !$0.isEmpty }.count
            if flagged > 0 { Terminal.warning("\(flagged) of \(cohort.patientCount) patients have inputs outside what the model was trained on (see the flags column)") }
            Terminal.output("wrote \(cohort.patientCount) predictions to \(output)\n")
        }
    }
}
