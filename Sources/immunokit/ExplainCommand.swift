import ArgumentParser
import Foundation
import ImmunoKit

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a saved model's predictions: exact SHAP values per patient and feature, and per-patient explanations in words.",
        discussion: """
            Boosted trees and random forests use exact path-dependent TreeSHAP (Lundberg et al. 2020);
            logistic and Cox models use exact linear SHAP with independent features. Values are on the
            model's raw scale (log-odds for binary boosted trees and logistic models, probability for
            forests, log relative hazard for survival models) and add up, with the base value, to that
            output. They explain the pipeline's transformed features (imputed, encoded, standardised), as
            the model sees them (sentences quote the raw value of a standardised feature). Tree covers come from the explained cohort unless --reference is given.

            Writes the SHAP table (--out, one row per patient, one column per feature) and, next to it,
            <out>.explanations.tsv with each patient's contributions in words, largest first. Effects of
            log-odds SHAP values are given in probability points: the prediction minus the prediction with
            that feature's contribution removed.

            Examples:
              immunokit explain model.json cohort --out shap.tsv
              immunokit explain model.json cohort --out shap.tsv --patients 20 --json
            """
    )

    @Argument(help: "A model artifact written by `immunokit train`.")
    var modelPath: String

    @OptionGroup var cohortInput: CohortInputOptions

    @Option(name: [.customShort("o"), .customLong("out")], help: "Where to write the SHAP values (TSV).")
    var output: String

    @Option(help: "Explain only the first N patients (default: all).")
    var patients: Int?

    @Option(help: "Contributions listed per patient in the explanations file.")
    var top: Int = 5

    @Flag(help: "Also write the SHAP values and explanations as JSON next to the TSV (same name, .json).")
    var json = false

    @OptionGroup var outputOptions: OutputOptions

    func run() throws {
        outputOptions.apply()
        try reportingErrors(showValues: cohortInput.showValues) {
            if let patients, patients < 1 { throw UsageError(message: "--patients must be at least 1, not \(patients)") }
            guard top >= 1 else { throw UsageError(message: "--top must be at least 1, not \(top)") }
            let artifact = try ModelArtifact.load(URL(fileURLWithPath: modelPath))
            let cohort = try cohortInput.read()
            let columns = try cohort.featureColumns(artifact.schema.names)
            let full = FeatureMatrix(clinical: columns)
            try artifact.schema.check(full)
            let count = min(patients ?? full.rowCount, full.rowCount)
            let rows = Array(0..<count)
            let matrix = full.selectingRows(rows)
            let (shap, transformed) = try ModelExplainer.shapValues(artifact.model, features: matrix, reference: full)

            var table = DataTable(columns: ["patient_id", "base_value", "output"] + shap.featureNames)
            for i in rows {
                table.append([cohort.patientIDs[i], NumberFormatting.string(shap.baseValue),
                              NumberFormatting.string(shap.outputs[i])] + shap.row(i).map { NumberFormatting.string($0) })
            }
            let url = URL(fileURLWithPath: output)
            try table.writeTSV(to: url)

            var words = DataTable(columns: ["patient_id", "rank", "feature", "value", "shap", "effect", "explanation"])
            var explanations = [PatientExplanation]()
            for i in rows {
                // Sentences quote the patient's raw value where a transformed column is a raw feature
                // (standardised or capped); indicator and one-hot columns keep their 0/1 value.
                let values = shap.featureNames.enumerated().map { j, name in
                    matrix.index(of: name).map { matrix[i, $0] } ?? transformed[i, j]
                }
                let e = PatientExplanation(shap: shap, row: i, values: values, patient: cohort.patientIDs[i])
                explanations.append(e)
                for (rank, c) in e.contributions.prefix(top).enumerated() {
                    words.append([e.patient, String(rank + 1), c.feature, NumberFormatting.string(c.value),
                                  NumberFormatting.string(c.shap), NumberFormatting.string(c.effect), c.sentence])
                }
            }
            let wordsURL = url.deletingPathExtension().appendingPathExtension("explanations.tsv")
            try words.writeTSV(to: wordsURL)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity",
                                                                             negativeInfinity: "-Infinity", nan: "NaN")
                struct Output: Encodable {
                    var patients: [String]
                    var shap: SHAPValues
                    var explanations: [PatientExplanation]
                }
                let data = try encoder.encode(Output(patients: rows.map { cohort.patientIDs[$0] }, shap: shap,
                                                     explanations: explanations))
                try data.write(to: url.deletingPathExtension().appendingPathExtension("json"))
            }
            let importance = shap.meanAbsolute
            let ranked = shap.ranking.prefix(10)
            var summary = "mean |SHAP| (\(shap.scale.rawValue) scale), top features:\n"
            for j in ranked { summary += "  \(shap.featureNames[j])\t\(NumberFormatting.string(importance[j]))\n" }
            Terminal.output(summary)
            Terminal.output("wrote SHAP values for \(count) patients to \(output) and explanations to \(wordsURL.path)\n")
        }
    }
}
