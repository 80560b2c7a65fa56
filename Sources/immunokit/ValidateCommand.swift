import ArgumentParser
import Foundation
import ImmunoKit

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate a saved model on a new cohort: discrimination, calibration, decision curves, subgroups, dataset shift, out-of-distribution flags — as an HTML report and JSON.",
        discussion: """
            Writes report.html (self-contained: inline SVG, no scripts, no external files), report.json (every
            number in the report) and predictions.tsv into the output folder, atomically. With --svg, each
            plot is also written as a standalone SVG file.

            Examples:
              immunokit validate model.json ../shared/data/cohorts/gide2019 --out gide-validation
              immunokit validate cox.json new_site --horizon 12 --out site-b --svg --json
            """
    )

    @Argument(help: "A model artifact written by `immunokit train`.")
    var modelPath: String

    @OptionGroup var cohortInput: CohortInputOptions

    @Option(help: "Survival horizon for calibration and decision curves (default: the median follow-up).")
    var horizon: Double?

    @Option(help: "Comma-separated probability thresholds for sensitivity, specificity, PPV, NPV (default 0.2,0.3,0.5).")
    var thresholds: String = "0.2,0.3,0.5"

    @Option(name: [.customShort("o"), .customLong("out")], help: "The folder to write (replaced if it exists and holds an earlier report).")
    var output: String

    @Flag(help: "Also write every plot as a standalone SVG file.")
    var svg = false

    @Flag(help: "Print the headline numbers as JSON.")
    var json = false

    @Option(help: "Random seed for the bootstrap intervals and permutation importance.")
    var seed: UInt64 = 0

    @Option(help: "The training cohort, for the domain-classifier AUC (how distinguishable the new patients are).")
    var training: String?

    @OptionGroup var outputOptions: OutputOptions

    func run() throws {
        outputOptions.apply()
        try reportingErrors(showValues: cohortInput.showValues) {
            let cuts = try thresholds.split(separator: ",").map { part -> Double in
                guard let t = Double(part.trimmingCharacters(in: .whitespaces)), t > 0, t < 1 else {
                    throw UsageError(message: "--thresholds expects probabilities between 0 and 1, not \"\(thresholds)\"")
                }
                return t
            }
            let destination = URL(fileURLWithPath: output)
            if FileManager.default.fileExists(atPath: destination.path),
               !FileManager.default.fileExists(atPath: destination.appendingPathComponent("report.json").path) {
                throw UsageError(message: "\(output) exists and is not an earlier report folder; choose another --out")
            }
            let artifact = try ModelArtifact.load(URL(fileURLWithPath: modelPath))
            let cohort = try cohortInput.read()
            let trainingCohort = try training.map { try CohortReader.read(URL(fileURLWithPath: $0)) }
            Terminal.progress("validating on \(cohort.patientCount) patients")
            let validation = try ExternalValidation(artifact: artifact, cohort: cohort, horizon: horizon, thresholds: cuts, seed: seed,
                                                    training: trainingCohort)
            Terminal.progress("writing the report")
            let report = try ValidationReport(artifact: artifact, cohort: cohort, validation: validation, seed: seed)
            var predictions = DataTable(columns: ["patient_id", artifact.task == .binaryClassification ? "probability" : "risk", "flags"])
            for id in cohort.patientIDs {
                predictions.append([id, validation.predictions[id].map { NumberFormatting.string($0) },
                                    validation.flags[id].map { $0.joined(separator: "; ") }])
            }
            try AtomicFile.writeDirectory(at: destination) { dir in
                try Data(report.html.utf8).write(to: dir.appendingPathComponent("report.html"))
                try report.json.write(to: dir.appendingPathComponent("report.json"))
                try Data(predictions.tsv().utf8).write(to: dir.appendingPathComponent("predictions.tsv"))
                if svg {
                    for (name, figure) in report.figures { try Data(figure.utf8).write(to: dir.appendingPathComponent(name)) }
                }
            }
            validation.warnings.forEach(Terminal.warning)
            if json {
                Terminal.output(String(decoding: report.json, as: UTF8.self) + "\n")
            } else {
                if let b = validation.binary {
                    Terminal.output(String(format: "AUC %.3f (95%% CI %.3f–%.3f), calibration slope %.2f, Brier %.3f\n",
                                           b.auc.estimate, b.auc.lower, b.auc.upper, b.calibration?.slope ?? .nan, b.brierScore))
                }
                if let s = validation.survival {
                    Terminal.output(String(format: "Harrell's C %.3f (95%% CI %.3f–%.3f)\n", s.harrell.value, s.harrellLower, s.harrellUpper))
                }
                if let gap = validation.largestGap { Terminal.output("largest subgroup gap: \(gap)\n") }
                Terminal.output("report: \(destination.appendingPathComponent("report.html").path)\n")
            }
        }
    }
}
