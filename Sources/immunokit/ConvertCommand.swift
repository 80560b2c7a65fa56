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
              immunokit convert study_folder --hgnc hgnc_complete_set.txt.gz --output harmonised
            """
    )

    @OptionGroup var cohortInput: CohortInputOptions
    @OptionGroup var output: OutputOptions

    @Option(name: [.customShort("o"), .customLong("output")], help: "The folder to write (must not exist unless --overwrite).")
    var outputFolder: String

    @Option(help: "An HGNC complete-set table (hgnc_complete_set.txt[.gz]) to harmonise gene identifiers to approved symbols.")
    var hgnc: String?

    @Flag(help: "Harmonise gene identifiers with the built-in table of immune-signature genes (used with --hgnc too).")
    var harmonizeGenes = false

    @Flag(help: "Replace the output folder if it exists.")
    var overwrite = false

    @Flag(help: "Print what was written as JSON.")
    var json = false

    /// HGNC table (if given) merged with the built-in immune list; the built-in list alone with
    /// `--harmonize-genes`; `nil` when neither was asked for.
    func geneHarmonizer() throws -> GeneIdentifierHarmonizer? {
        if let hgnc {
            let url = URL(fileURLWithPath: hgnc)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw UsageError(message: "HGNC table not found: \(hgnc)")
            }
            return try GeneIdentifierHarmonizer.loadHGNC(url)
        }
        return harmonizeGenes ? .immuneSignatures : nil
    }

    func run() throws {
        output.apply()
        try reportingErrors(showValues: cohortInput.showValues) {
            let destination = URL(fileURLWithPath: outputFolder)
            if FileManager.default.fileExists(atPath: destination.path), !overwrite {
                throw UsageError(message: "output folder \(outputFolder) exists; choose another or pass --overwrite")
            }
            var cohort = try cohortInput.read()
            var additional: [String: Data] = [:]
            if let harmonizer = try geneHarmonizer() {
                Terminal.progress("harmonising gene identifiers (\(harmonizer.source))")
                let result = cohort.harmonizingGenes(with: harmonizer)
                cohort = result.cohort
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                encoder.keyEncodingStrategy = .convertToSnakeCase
                additional["gene_harmonization.json"] = try encoder.encode(result.report)
                let r = result.report
                Terminal.warning("genes: \(r.renamed.count) renamed, \(r.unmapped.count) unknown, \(r.ambiguous.count) ambiguous, \(r.collisions.count) collisions (details in gene_harmonization.json)")
            }
            Terminal.progress("writing \(outputFolder)")
            try CohortLayout.write(cohort, to: destination, additionalFiles: additional)
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
