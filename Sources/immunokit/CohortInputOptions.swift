import ArgumentParser
import Foundation
import ImmunoKit

/// Options shared by commands that read a cohort.
struct CohortInputOptions: ParsableArguments {
    @Argument(help: "A cohort folder (ImmunoKit, ORCESTRA or cBioPortal layout) or a table file (TSV/CSV, optionally gzip).")
    var input: String

    @Option(help: "A YAML or JSON mapping file naming the outcome, treatment and feature columns.")
    var mapping: String?

    @Option(help: "Cohort name (default: the folder or file name).")
    var name: String?

    @Flag(help: "Include offending values in error messages (they are hidden by default: they may be patient data).")
    var showValues = false

    func read() throws -> Cohort {
        let url = URL(fileURLWithPath: input)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw UsageError(message: "input not found: \(input)")
        }
        let mappingValue = try mapping.map { try CohortMapping.load(URL(fileURLWithPath: $0)) }
        Terminal.progress("reading \(input)")
        return try CohortReader.read(url, mapping: mappingValue, name: name)
    }
}

/// `--quiet` for commands that print progress.
struct OutputOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print no progress and no warnings.")
    var quiet = false

    func apply() { Terminal.quiet = quiet }
}
