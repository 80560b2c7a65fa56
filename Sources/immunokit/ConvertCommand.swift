import ArgumentParser
import Foundation
import ImmunoKit

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert any supported cohort (ORCESTRA, cBioPortal, MSK, a mapped table) to the ImmunoKit layout.",
        discussion: """
            The output folder is written atomically: it appears complete or not at all.

            Examples:
              immunokit convert ../shared/data/cohorts/riaz2017 --output riaz
              immunokit convert clinical.csv --mapping mapping.yaml --output my_cohort
            """
    )

    @OptionGroup var cohortInput: CohortInputOptions
    @OptionGroup var output: OutputOptions

    @Option(name: [.customShort("o"), .customLong("output")], help: "The folder to write (must not exist unless --overwrite).")
    var outputFolder: String

    @Flag(help: "Replace the output folder if it exists.")
    var overwrite = false

    @Flag(help: "Print what was written as JSON.")
    var json = false

    func run() throws {
        output.apply()
        try reportingErrors(showValues: cohortInput.showValues) {
            let destination = URL(fileURLWithPath: outputFolder)
            if FileManager.default.fileExists(atPath: destination.path), !overwrite {
                throw UsageError(message: "output folder \(outputFolder) exists; choose another or pass --overwrite")
            }
            let cohort = try cohortInput.read()
            Terminal.progress("writing \(outputFolder)")
            try CohortLayout.write(cohort, to: destination)
            let summary = CohortSummary(cohort)
            summary.warnings.forEach(Terminal.warning)
            if json {
                let result: [String: String] = ["output": destination.path, "patients": String(cohort.patientCount),
                                                "name": cohort.name]
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                Terminal.output(String(decoding: try encoder.encode(result), as: UTF8.self) + "\n")
            } else {
                Terminal.output("wrote \(cohort.patientCount) patients to \(destination.path)\n")
            }
        }
    }
}
