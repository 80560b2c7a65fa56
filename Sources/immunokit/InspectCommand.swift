import ArgumentParser
import Foundation
import ImmunoKit

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Summarise a cohort: patients, outcomes, events, missingness, modality coverage, warnings.",
        discussion: """
            Examples:
              immunokit inspect ../shared/data/cohorts/riaz2017
              immunokit inspect Chowell_train.csv --json > summary.json
              immunokit inspect my_table.tsv --mapping my_mapping.yaml
            """
    )

    @OptionGroup var cohortInput: CohortInputOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Write the summary as JSON to standard output.")
    var json = false

    func run() throws {
        output.apply()
        try reportingErrors(showValues: cohortInput.showValues) {
            let cohort = try cohortInput.read()
            let summary = CohortSummary(cohort)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                encoder.keyEncodingStrategy = .convertToSnakeCase
                Terminal.output(String(decoding: try encoder.encode(summary), as: UTF8.self) + "\n")
            } else {
                Terminal.output(SummaryText.render(summary))
            }
        }
    }
}
