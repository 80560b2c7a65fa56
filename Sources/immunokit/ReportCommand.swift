import ArgumentParser
import Foundation
import ImmunoKit

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the validation report of a model on a cohort as one self-contained HTML file and a JSON file with every number in it.",
        discussion: """
            The same analysis as `immunokit validate`, written as two files (NAME.html and NAME.json) instead of
            a folder: cohort summary, ROC with a bootstrap band, calibration, decision curve, Kaplan–Meier curves
            by predicted risk group with numbers at risk, subgroup forest plot, dataset shift, feature
            importance, model card and the TRIPOD+AI checklist. The HTML has no scripts and no external files.

            Examples:
              immunokit report model.json site_b --out site_b_report.html
              immunokit report cox.json cohort --horizon 24 --out cox_report.html --svg-dir figures
            """
    )

    @Argument(help: "A model artifact written by `immunokit train` (or `immunokit recalibrate`).")
    var modelPath: String

    @OptionGroup var cohortInput: CohortInputOptions

    @Option(help: "Survival horizon for calibration and decision curves (default: the median follow-up).")
    var horizon: Double?

    @Option(name: [.customShort("o"), .customLong("out")], help: "The HTML file to write; the JSON goes next to it with the .json extension.")
    var output: String

    @Option(help: "Also write every plot as a standalone SVG file into this folder.")
    var svgDir: String?

    @Option(help: "Random seed for the bootstrap band and permutation importance.")
    var seed: UInt64 = 0

    @Option(help: "The training cohort, for the domain-classifier AUC (how distinguishable the new patients are).")
    var training: String?

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        guard output.lowercased().hasSuffix(".html") else { throw ValidationError("--out must name an .html file, not \"\(output)\"") }
    }

    func run() throws {
        outputOptions.apply()
        try reportingErrors(showValues: cohortInput.showValues) {
            let artifact = try ModelArtifact.load(URL(fileURLWithPath: modelPath))
            let cohort = try cohortInput.read()
            let trainingCohort = try training.map { try CohortReader.read(URL(fileURLWithPath: $0)) }
            Terminal.progress("validating on \(cohort.patientCount) patients")
            let validation = try ExternalValidation(artifact: artifact, cohort: cohort, horizon: horizon, seed: seed,
                                                    training: trainingCohort)
            let report = try ValidationReport(artifact: artifact, cohort: cohort, validation: validation, seed: seed)
            let html = URL(fileURLWithPath: output)
            let json = html.deletingPathExtension().appendingPathExtension("json")
            if let svgDir {
                try AtomicFile.writeDirectory(at: URL(fileURLWithPath: svgDir)) { dir in
                    for (name, figure) in report.figures { try Data(figure.utf8).write(to: dir.appendingPathComponent(name)) }
                }
            }
            try AtomicFile.write(report.json, to: json)
            try AtomicFile.write(report.html, to: html)
            validation.warnings.forEach(Terminal.warning)
            Terminal.output("report: \(html.path)\nnumbers: \(json.path)\n")
        }
    }
}
