import ArgumentParser
import Foundation
import ImmunoKit

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a saved model's predictions: exact SHAP values per patient and feature, a beeswarm summary plot, and per-patient explanations in words.",
        discussion: """
            Boosted trees and random forests use exact path-dependent TreeSHAP (Lundberg et al. 2020)
            with the node covers recorded at training (models saved before covers were recorded fall
            back to covers from the explained cohort, or --reference); logistic and Cox models use exact
            linear SHAP with independent features. Values are on the model's raw scale (log-odds for
            binary boosted trees and logistic models, probability for forests, log relative hazard for
            survival models) and add up, with the base value, to that output. They explain the
            pipeline's transformed features (imputed, encoded, standardised), as the model sees them
            (sentences quote the raw value of a standardised feature).

            Writes the SHAP table (--out, one row per patient, one column per feature) and, next to it,
            <out>.explanations.tsv with each patient's contributions in words, largest first, and
            <out>.beeswarm.svg, the summary plot (features by mean |SHAP|, one dot per patient coloured
            from low to high feature value). Effects of log-odds SHAP values are given in probability
            points: the prediction minus the prediction with that feature's contribution removed.

            --interactions also writes <out>.interactions.tsv: exact SHAP interaction values in long
            format (patient_id, feature_i, feature_j, value), every ordered pair; the matrix is
            symmetric, its diagonal holds the main effects, and each patient's values over feature_j
            sum to feature_i's SHAP value.

            Examples:
              immunokit explain model.json cohort --out shap.tsv
              immunokit explain model.json cohort --out shap.tsv --patients 20 --json --interactions
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

    @Flag(help: "Also write exact SHAP interaction values (<out>.interactions.tsv, long format).")
    var interactions = false

    @Option(help: "Features shown in the beeswarm plot (the most important; default 20).")
    var plotFeatures: Int = 20

    @OptionGroup var outputOptions: OutputOptions

    /// Interaction tables above this many cells (patients × features²) are refused.
    static let interactionCellLimit = 20_000_000

    /// The explained (transformed) columns with each column that is a raw input (standardised or capped)
    /// replaced by the patient's raw value, for sentences and plot colours; indicator and one-hot columns keep
    /// their 0/1 value.
    static func displayValues(_ transformed: FeatureMatrix, inputs: FeatureMatrix) -> FeatureMatrix {
        var raw = transformed
        for (j, name) in transformed.names.enumerated() {
            guard let k = inputs.index(of: name) else { continue }
            for i in 0..<inputs.rowCount { raw[i, j] = inputs[i, k] }
        }
        return raw
    }

    func run() throws {
        outputOptions.apply()
        try reportingErrors(showValues: cohortInput.showValues) {
            if let patients, patients < 1 { throw UsageError(message: "--patients must be at least 1, not \(patients)") }
            guard top >= 1 else { throw UsageError(message: "--top must be at least 1, not \(top)") }
            guard plotFeatures >= 1 else { throw UsageError(message: "--plot-features must be at least 1, not \(plotFeatures)") }
            let artifact = try ModelArtifact.load(URL(fileURLWithPath: modelPath))
            let cohort = try cohortInput.read()
            let columns = try cohort.featureColumns(artifact.schema.names)
            let full = FeatureMatrix(clinical: columns)
            try artifact.schema.check(full)
            let count = min(patients ?? full.rowCount, full.rowCount)
            let rows = Array(0..<count)
            let matrix = full.selectingRows(rows)
            let (shap, transformed) = try ModelExplainer.shapValues(artifact.model, features: matrix, reference: full)
            var interactionValues: SHAPInteractionValues?
            if interactions {
                let cells = count * shap.featureCount * shap.featureCount
                guard cells <= Self.interactionCellLimit else {
                    throw UsageError(message: "--interactions for \(count) patients × \(shap.featureCount)² features is \(cells) values; explain fewer patients with --patients")
                }
                interactionValues = try ModelExplainer.interactionValues(artifact.model, features: matrix, reference: full).interactions
            }

            var table = DataTable(columns: ["patient_id", "base_value", "output"] + shap.featureNames)
            for i in rows {
                table.append([cohort.patientIDs[i], NumberFormatting.string(shap.baseValue),
                              NumberFormatting.string(shap.outputs[i])] + shap.row(i).map { NumberFormatting.string($0) })
            }
            let raw = Self.displayValues(transformed, inputs: matrix)
            var words = DataTable(columns: ["patient_id", "rank", "feature", "value", "shap", "effect", "explanation"])
            var explanations = [PatientExplanation]()
            for i in rows {
                let e = PatientExplanation(shap: shap, row: i, values: raw.row(i), patient: cohort.patientIDs[i])
                explanations.append(e)
                for (rank, c) in e.contributions.prefix(top).enumerated() {
                    words.append([e.patient, String(rank + 1), c.feature, NumberFormatting.string(c.value),
                                  NumberFormatting.string(c.shap), NumberFormatting.string(c.effect), c.sentence])
                }
            }
            let plot = BeeswarmPlot(title: "SHAP summary: \(artifact.schema.names.count) inputs, \(count) patients",
                                    shap: shap, values: raw, maxFeatures: plotFeatures)
            var pairs: DataTable?
            if let interactionValues {
                var long = DataTable(columns: ["patient_id", "feature_i", "feature_j", "value"])
                let names = interactionValues.featureNames
                for i in rows {
                    for a in names.indices {
                        for b in names.indices {
                            long.append([cohort.patientIDs[i], names[a], names[b],
                                         NumberFormatting.string(interactionValues[i, a, b])])
                        }
                    }
                }
                pairs = long
            }

            // Everything is computed; now write (each file atomically).
            let url = URL(fileURLWithPath: output)
            let stem = url.deletingPathExtension()
            try table.writeTSV(to: url)
            let wordsURL = stem.appendingPathExtension("explanations.tsv")
            try words.writeTSV(to: wordsURL)
            let plotURL = stem.appendingPathExtension("beeswarm.svg")
            try AtomicFile.write(plot.svg(), to: plotURL)
            if let pairs { try pairs.writeTSV(to: stem.appendingPathExtension("interactions.tsv")) }
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
                try AtomicFile.write(data, to: stem.appendingPathExtension("json"))
            }
            let importance = shap.meanAbsolute
            let ranked = shap.ranking.prefix(10)
            var summary = "mean |SHAP| (\(shap.scale.rawValue) scale), top features:\n"
            for j in ranked { summary += "  \(shap.featureNames[j])\t\(NumberFormatting.string(importance[j]))\n" }
            Terminal.output(summary)
            Terminal.output("wrote SHAP values for \(count) patients to \(output), explanations to \(wordsURL.path) and the summary plot to \(plotURL.path)\n")
        }
    }
}
