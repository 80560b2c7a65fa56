import ArgumentParser
import Foundation
import ImmunoKit

/// `immunokit score`: signature scores per patient, with coverage, and optionally their AUC for response.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score gene signatures per patient (ssGSEA, singscore, z-score, weighted, PC1, gene pairs), with coverage.",
        discussion: """
            Signatures come from the bundled catalog (`immunokit signatures`; default: all of them) or a
            GMT file. Each is scored with its published method unless --method is given. Genes are matched
            through aliases and previous symbols; a signature with too few genes found is refused, naming the
            missing genes (defaults: 80% for weighted sums and gene pairs, 50% otherwise; --min-coverage).
            ssGSEA is single-sample unless --normalize-cohort; z-score, PC1 and correlation scores depend on
            the cohort.

            Outputs: scores (patients × signatures, TSV) to --out or standard output; the coverage table to
            --coverage; with --evaluate response, the AUC of each signature for response with a DeLong 95% CI
            per cohort, and with several cohorts a DerSimonian–Laird random-effects summary per signature.

            Examples:
              immunokit score ../shared/data/cohorts/riaz2017 --signatures CYT,GEP_18,IMPRES --out scores.tsv --coverage coverage.tsv
              immunokit score cohort --gmt hallmark.gmt --method singscore --out scores.tsv
              immunokit score ../shared/data/cohorts/riaz2017 ../shared/data/cohorts/gide2019 --evaluate response
              immunokit score cohort --signatures CYT,IFNG_6 --append-to-cohort cohort_with_scores
              immunokit score cohort --json > scores.json
              immunokit score ../shared/data/cohorts/riaz2017 --signatures TIDE,TIDE_dysfunction,TIDE_exclusion --tide-model ../shared/data/signatures/tide_tidepy --tide-cancer melanoma

            TIDE's weights are not bundled (GPL-3): --tide-model names a folder holding TIDEpy's model export
            (tide_dysfunction_exclusion_signatures_entrez.csv, tide_signature_sd_by_dataset.csv,
            tide_gene_ref_symbol_to_entrez.csv); scores are divided by TIDE's standard deviation for --tide-cancer.
            """
    )

    @Argument(help: "One cohort (folder or table), or several with --evaluate.")
    var inputs: [String]

    @Option(help: "A YAML or JSON mapping file naming the outcome and expression columns (applies to every input).")
    var mapping: String?

    @Option(help: "Comma-separated catalog signature names or aliases (default: every catalog signature).")
    var signatures: String?

    @Option(help: "A GMT file of gene sets to score instead of catalog signatures.")
    var gmt: String?

    @Option(help: "Score every signature with this method: ssgsea, singscore, zscore, mean, weighted, pc1, pairs, correlation (default: each signature's published method; GMT sets default to ssgsea).")
    var method: String?

    @Flag(help: "Divide ssGSEA scores by the range of all scores (GSVA ssgsea.norm); makes scores depend on the cohort.")
    var normalizeCohort = false

    @Option(help: "ssGSEA rank weight τ (default 0.25, range 0…10).")
    var alpha: Double = 0.25

    @Option(help: "Minimum fraction of a signature's genes that must be found (0…1; default per method).")
    var minCoverage: Double?

    @Option(help: "An HGNC complete-set table (TSV) for alias matching beyond the built-in immune-gene table.")
    var hgnc: String?

    @Option(help: "Write the scores (patients × signatures) here as TSV (default: standard output).")
    var out: String?

    @Option(help: "Write the coverage table (signature, genes found, fraction, status, missing genes) here as TSV.")
    var coverage: String?

    @Option(help: "A folder with the TIDE model files (see below); enables TIDE, TIDE_dysfunction and TIDE_exclusion.")
    var tideModel: String?

    @Option(help: "Cancer type choosing TIDE's normalising standard deviation: melanoma, nsclc or other.")
    var tideCancer: String = "melanoma"

    @Option(help: "Evaluate the scores against an outcome; only \"response\" is supported.")
    var evaluate: String?

    @Option(help: "Write a copy of the cohort (ImmunoKit folder layout) with the scores as clinical columns sig:NAME.")
    var appendToCohort: String?

    @Flag(help: "Write results as JSON to standard output.")
    var json = false

    @Flag(help: "Include offending values in error messages.")
    var showValues = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if inputs.count > 1 && evaluate == nil {
            throw ValidationError("several cohorts are only accepted with --evaluate response (got \(inputs.count) inputs)")
        }
        if let evaluate, evaluate != "response" {
            throw ValidationError("--evaluate supports \"response\" only (got \"\(evaluate)\")")
        }
        if inputs.count > 1 && (out != nil || appendToCohort != nil) {
            throw ValidationError("--out and --append-to-cohort take a single cohort")
        }
        if let method, ScoringMethod(rawValue: method) == nil {
            throw ValidationError("--method must be one of \(ScoringMethod.allCases.map(\.rawValue).joined(separator: ", ")) (got \"\(method)\")")
        }
        if signatures != nil && gmt != nil { throw ValidationError("give --signatures or --gmt, not both") }
        if let minCoverage, !(0...1).contains(minCoverage) {
            throw ValidationError("--min-coverage must be between 0 and 1 (got \(minCoverage))")
        }
        if TIDEModel.Cancer(rawValue: tideCancer) == nil {
            throw ValidationError("--tide-cancer must be one of \(TIDEModel.Cancer.allCases.map(\.rawValue).joined(separator: ", ")) (got \"\(tideCancer)\")")
        }
        if !(alpha.isFinite && alpha >= 0 && alpha <= 10) {
            throw ValidationError("--alpha must be between 0 and 10 (got \(alpha)); the default is 0.25")
        }
    }

    func run() throws {
        output.apply()
        try reportingErrors(showValues: showValues) {
            let catalog = try SignatureCatalog.builtIn()
            let chosenMethod = method.flatMap(ScoringMethod.init(rawValue:))
            let selected: [GeneSignature]
            if let gmt {
                let url = URL(fileURLWithPath: gmt)
                guard FileManager.default.fileExists(atPath: url.path) else { throw UsageError(message: "GMT file not found: \(gmt)") }
                selected = try GMTReader.read(url).map { GeneSignature(geneSet: $0, method: chosenMethod ?? .ssgsea) }
            } else if let signatures {
                selected = try catalog.signatures(named: signatures.split(separator: ",").map {
                    String($0).trimmingCharacters(in: .whitespaces) })
            } else {
                selected = catalog.signatures
            }
            let harmonizer = try hgnc.map { try GeneIdentifierHarmonizer.loadHGNC(URL(fileURLWithPath: $0)) } ?? .immuneSignatures
            let options = SignatureScorer.Options(
                method: chosenMethod, ssgsea: SSGSEA.Configuration(alpha: alpha, normalizeCohort: normalizeCohort),
                minimumCoverage: minCoverage)
            let mappingValue = try mapping.map { try CohortMapping.load(URL(fileURLWithPath: $0)) }
            let tide = try tideModel.map { folder -> TIDEModel in
                guard FileManager.default.fileExists(atPath: folder) else { throw UsageError(message: "--tide-model folder not found: \(folder)") }
                return try TIDEModel.load(folder: URL(fileURLWithPath: folder))
            }
            let cancer = TIDEModel.Cancer(rawValue: tideCancer) ?? .melanoma
            /// The options for one cohort: TIDE's weights are matched to that cohort's genes.
            func scoringOptions(for cohort: Cohort) throws -> SignatureScorer.Options {
                guard let tide, let genes = cohort.expression?.genes else { return options }
                for (name, c) in tide.coverage(of: genes).sorted(by: { $0.key < $1.key }) where c.found < c.weighted {
                    Terminal.progress("\(cohort.name): \(name) has \(c.found) of \(c.weighted) weighted genes")
                }
                return try tide.apply(to: options, genes: genes, cancer: cancer)
            }
            func read(_ input: String) throws -> Cohort {
                let url = URL(fileURLWithPath: input)
                guard FileManager.default.fileExists(atPath: url.path) else { throw UsageError(message: "input not found: \(input)") }
                Terminal.progress("reading \(input)")
                return try CohortReader.read(url, mapping: mappingValue)
            }

            if evaluate != nil {
                var rows: [SignatureBenchmark.Row] = []
                for input in inputs {
                    let cohort = try read(input)
                    guard cohort.outcomes.response != nil else {
                        throw UsageError(message: "\(input): the cohort has no binary response to evaluate against")
                    }
                    Terminal.progress("scoring \(selected.count) signatures in \(cohort.name)")
                    rows += SignatureBenchmark.evaluate(cohort, signatures: selected, catalog: catalog, options: try scoringOptions(for: cohort),
                                                        harmonizer: harmonizer)
                }
                let pooled = inputs.count > 1 ? SignatureBenchmark.pool(rows) : []
                try writeEvaluation(rows, pooled)
                return
            }

            let cohort = try read(inputs[0])
            guard let expression = cohort.expression else {
                throw CohortDataError(.missingColumn, file: inputs[0], expected: "an expression block to score signatures on")
            }
            Terminal.progress("scoring \(selected.count) signatures")
            let report = SignatureScorer(expression: expression, harmonizer: harmonizer)
                .scoreAll(selected, options: try scoringOptions(for: cohort), catalog: catalog)
            for w in report.warnings { Terminal.warning(w) }
            for r in report.refusals { Terminal.warning("not scored: \(r.description)") }

            let scoresTable = Self.scoresTable(report)
            let coverageTable = Self.coverageTable(report)
            if let coverage { try coverageTable.writeTSV(to: URL(fileURLWithPath: coverage)) }
            if let appendToCohort {
                var copy = cohort
                let index = Dictionary(report.sampleIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
                for score in report.scores {
                    let name = "sig:\(score.signature)"
                    copy.clinical.removeAll { $0.name == name }
                    let values: [Double?] = cohort.patientIDs.map { id in
                        index[id].flatMap { score.values[$0].isFinite ? score.values[$0] : nil }
                    }
                    copy.clinical.append(ClinicalColumn(name: name, values: .continuous(values), unit: "score (\(score.method.rawValue))"))
                }
                copy.provenance["signature_scores"] = "immunokit score: \(report.scores.map(\.signature).joined(separator: ", "))"
                try CohortLayout.write(copy, to: URL(fileURLWithPath: appendToCohort))
            }
            if let out { try scoresTable.writeTSV(to: URL(fileURLWithPath: out)) }
            if json {
                let numeric = Set(report.scores.map(\.signature))
                let scoresJSON = String(decoding: try scoresTable.json(numericColumns: numeric), as: UTF8.self)
                let coverageJSON = String(decoding: try coverageTable.json(numericColumns: ["requested", "found", "fraction", "minimum", "min_sample_fraction"]), as: UTF8.self)
                let encoder = JSONEncoder()
                let refusals = String(decoding: try encoder.encode(report.refusals.map { ["signature": $0.signature, "reason": $0.message] }), as: UTF8.self)
                let warnings = String(decoding: try encoder.encode(report.warnings), as: UTF8.self)
                Terminal.output("{\"scores\": \(scoresJSON), \"coverage\": \(coverageJSON), \"refusals\": \(refusals), \"warnings\": \(warnings)}\n")
            } else if out == nil && appendToCohort == nil {
                Terminal.output(scoresTable.tsv())
            }
        }
    }

    static func number(_ v: Double?) -> String? {
        guard let v, v.isFinite else { return nil }
        return formatNumber((v * 1e6).rounded() / 1e6)
    }

    static func scoresTable(_ report: SignatureScoreReport) -> DataTable {
        var table = DataTable(columns: ["patient_id"] + report.scores.map(\.signature))
        for (s, id) in report.sampleIDs.enumerated() {
            table.append([id] + report.scores.map { score -> String? in
                let v = score.values[s]
                return v.isFinite ? formatNumber(v) : nil
            })
        }
        return table
    }

    static func coverageTable(_ report: SignatureScoreReport) -> DataTable {
        var table = DataTable(columns: ["signature", "method", "requested", "found", "fraction", "minimum",
                                        "min_sample_fraction", "status", "missing", "renamed"])
        for c in report.coverage {
            let refusal = report.refusals.first { $0.signature == c.signature }
            table.append([c.signature, c.method.rawValue, String(c.requested.count), String(c.found.count),
                          number(c.fraction), number(c.minimum), number(c.sampleFractions.min()),
                          refusal.map { "refused: \($0.message)" } ?? "scored",
                          c.missing.joined(separator: ","),
                          c.renamed.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")])
        }
        return table
    }

    func writeEvaluation(_ rows: [SignatureBenchmark.Row], _ pooled: [SignatureBenchmark.Pooled]) throws {
        var table = DataTable(columns: ["cohort", "signature", "method", "coverage", "patients", "responders",
                                        "non_responders", "auc", "lower", "upper", "status"])
        for r in rows {
            table.append([r.cohort, r.signature, r.method, Self.number(r.coverage), String(r.patients), String(r.responders),
                          String(r.nonResponders), Self.number(r.auc), Self.number(r.lower), Self.number(r.upper), r.status])
        }
        var summary = DataTable(columns: ["signature", "cohorts", "auc", "lower", "upper", "tau2", "i2"])
        for p in pooled {
            summary.append([p.signature, String(p.cohorts), Self.number(p.auc), Self.number(p.lower), Self.number(p.upper),
                            Self.number(p.tau2), Self.number(p.i2)])
        }
        if let out { try table.writeTSV(to: URL(fileURLWithPath: out)) }
        if json {
            let a = String(decoding: try table.json(numericColumns: ["coverage", "patients", "responders", "non_responders", "auc", "lower", "upper"]), as: UTF8.self)
            let b = String(decoding: try summary.json(numericColumns: ["cohorts", "auc", "lower", "upper", "tau2", "i2"]), as: UTF8.self)
            Terminal.output("{\"evaluation\": \(a), \"pooled\": \(b)}\n")
        } else {
            Terminal.output(table.tsv())
            if !pooled.isEmpty { Terminal.output("\nRandom-effects summary (DerSimonian–Laird):\n" + summary.tsv()) }
        }
    }
}
