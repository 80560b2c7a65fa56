import ArgumentParser
import Foundation
import ImmunoKit

struct DeconvolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deconvolve",
        abstract: "Estimate tumour-microenvironment cell populations from a cohort's expression.",
        discussion: """
            Methods:
              mcpcounter  MCP-counter abundance scores for 10 populations (Becht 2016); log2(TPM + 1).
              quantiseq   quanTIseq-style fractions of 10 immune cell types + other cells (Finotello 2019; TIL10).
              epic        EPIC-style fractions with uncharacterised cells (Racle 2017), TIL10-derived reference.
              estimate    ESTIMATE stromal, immune, ESTIMATE scores and purity (Yoshihara 2013).
            The output has one row per sample; coverage (reference genes found) and warnings go to
            standard error, or into the JSON document with --json.

            Examples:
              immunokit deconvolve ../shared/data/cohorts/riaz2017 --method quantiseq --out fractions.tsv
              immunokit deconvolve cohort --method mcpcounter --out mcp.tsv --json > mcp.json
              immunokit deconvolve cohort --method estimate --out purity.tsv --append-to-cohort cohort_with_purity
            """
    )

    enum MethodChoice: String, ExpressibleByArgument, CaseIterable {
        case mcpcounter, quantiseq, epic, estimate
    }

    @OptionGroup var cohortInput: CohortInputOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Deconvolution method: mcpcounter, quantiseq, epic or estimate (default quantiseq).")
    var method: MethodChoice = .quantiseq

    @Option(help: "Output table (TSV): sample_id then one column per population.")
    var out: String

    @Option(help: "Also write a copy of the cohort folder with the results as new clinical columns.")
    var appendToCohort: String?

    @Option(help: "Pseudocount of log2 expression (default: inferred from the data minimum).")
    var log2Pseudocount: Double?

    @Option(help: "Minimum fraction of a method's reference genes that must be measured (0…1; default 0.5).")
    var minimumCoverage: Double = 0.5

    @Flag(help: "quanTIseq: keep the signature genes aberrantly expressed in tumours (use for non-tumour samples).")
    var nonTumour = false

    @Flag(help: "Write the result (values, coverage, warnings) as JSON to standard output.")
    var json = false

    func validate() throws {
        guard (0...1).contains(minimumCoverage) else {
            throw ValidationError("--minimum-coverage must be between 0 and 1 (got \(minimumCoverage)); the default is 0.5")
        }
        if let c = log2Pseudocount, !(c > 0 && c.isFinite) {
            throw ValidationError("--log2-pseudocount must be a positive number (got \(c)); ORCESTRA data use 0.001")
        }
    }

    func run() throws {
        output.apply()
        try reportingErrors(showValues: cohortInput.showValues) {
            if let target = appendToCohort, FileManager.default.fileExists(atPath: target) {
                throw UsageError(message: "--append-to-cohort folder already exists: \(target)")
            }
            let cohort = try cohortInput.read()
            guard let expression = cohort.expression else {
                throw UsageError(message: "the cohort \(cohort.name) has no expression block; deconvolution needs RNA expression")
            }
            Terminal.progress("deconvolving \(expression.sampleCount) samples × \(expression.geneCount) genes with \(method.rawValue)")
            let result: DeconvolutionResult
            switch method {
            case .mcpcounter:
                result = try MCPCounter.estimate(expression, configuration: .init(minimumCoverage: minimumCoverage, log2Pseudocount: log2Pseudocount))
            case .quantiseq:
                result = try QuanTIseq.estimate(expression, configuration: .init(
                    tumourSamples: !nonTumour, minimumCoverage: minimumCoverage, log2Pseudocount: log2Pseudocount))
            case .epic:
                result = try EPICDeconvolution.estimate(expression, configuration: .init(minimumCoverage: minimumCoverage, log2Pseudocount: log2Pseudocount))
            case .estimate:
                result = try ESTIMATE.estimate(expression, minimumCoverage: minimumCoverage)
            }
            if result.values.allSatisfy({ $0.isNaN }) {
                throw CohortDataError(.invalidValue, column: "expression genes",
                                      expected: "enough of the \(method.rawValue) reference genes to estimate anything: " + result.warnings.joined(separator: "; "))
            }
            // Build everything first, then write: nothing is half-written.
            var cohortCopy: Cohort?
            if appendToCohort != nil {
                cohortCopy = try cohort.addingBiomarkerColumns(result.clinicalColumns(for: cohort.patientIDs))
            }
            try result.table().writeTSV(to: URL(fileURLWithPath: out))
            if let target = appendToCohort, let cohortCopy {
                try CohortLayout.write(cohortCopy, to: URL(fileURLWithPath: target))
            }
            for c in result.coverage {
                Terminal.progress("\(c.population): \(c.genesFound)/\(c.genesTotal) reference genes measured")
            }
            for w in result.warnings { Terminal.warning(w) }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                encoder.keyEncodingStrategy = .convertToSnakeCase
                encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "NA")
                Terminal.output(String(decoding: try encoder.encode(result), as: UTF8.self) + "\n")
            } else {
                Terminal.progress("wrote \(out)")
            }
        }
    }
}
