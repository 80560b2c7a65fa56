import ArgumentParser
import Foundation
import ImmunoKit

struct DiscoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Association scan of features against response or survival, with FDR and optional per-group meta-analysis.",
        discussion: """
            Tests every feature (clinical columns by default; --features for a list; --genes for every gene of
            the expression block, as gene:SYMBOL) against the outcome. Response: Mann–Whitney U with AUC
            (continuous), Fisher's exact test with odds ratio (0/1 features), or --logistic for per-unit odds
            ratios (Wald). OS/PFS: univariate Cox hazard ratio (Wald; LR p in notes). Benjamini–Hochberg and
            Benjamini–Yekutieli q-values over the features. With --by COLUMN the scan runs within each group
            (e.g. cohort or cancer type) and the per-group effects are pooled by REML random-effects
            meta-analysis, with leave-one-group-out stability.

            --stability runs stability selection (Meinshausen & Bühlmann 2010; --complementary-pairs for Shah &
            Samworth 2013): elastic-net paths on half-subsamples, selection probabilities and the bound on the
            expected number of false selections, written to stability.tsv beside --out. --enrichment ranks the
            genes by the scan's signed z (log effect / SE; pooled with --by) and writes enrichment.tsv beside --out:
            preranked GSEA (gene-set permutations) and hypergeometric over-representation of the genes with
            BH q < 0.05 among all tested genes, against the signature catalog (--enrichment catalog) or a GMT file.
            With --plots, volcano.svg shows every feature's effect against −log10 p.

            Examples:
              immunokit discover cohorts/riaz2017 --outcome response --genes --out riaz_scan.tsv
              immunokit discover msk --outcome os --features TMB,Albumin,NLR --by CancerType --out msk_os.tsv --json
              immunokit discover cohorts/gide2019 --outcome response --genes --stability --enrichment catalog --out gide.tsv
            """
    )

    @OptionGroup var cohortOptions: CohortInputOptions
    @OptionGroup var outputOptions: OutputOptions

    @Option(help: "Outcome: response, benefit, os or pfs.")
    var outcome: String = "response"

    @Option(help: "Comma-separated features (clinical columns or gene:SYMBOL). Default: every clinical column.")
    var features: String?

    @Flag(help: "Scan every gene of the expression block.")
    var genes = false

    @Flag(help: "Binary outcome: logistic odds ratios per unit instead of Mann–Whitney AUCs.")
    var logistic = false

    @Option(help: "A categorical column to stratify by (cohort, cancer type): per-group scans pooled by meta-analysis.")
    var by: String?

    @Option(help: "Minimum patients with the feature observed (default 10).")
    var minCount: Int = 10

    @Option(help: "Output table (TSV).")
    var out: String

    @Flag(help: "Also write the results as JSON next to --out (same name, .json).")
    var json = false

    @Option(help: "A folder for SVG plots: a forest plot of the top findings (per-group and pooled with --by) and, for OS/PFS, Kaplan–Meier curves of the top feature split at its maximally selected cut-point (corrected p) with numbers at risk.")
    var plots: String?

    @Flag(help: "Stability selection of the features (elastic-net paths on half-subsamples); writes stability.tsv beside --out.")
    var stability = false

    @Option(help: "Stability selection: selection-probability threshold π_thr in (0.5, 1] (default 0.75).")
    var stabilityThreshold: Double = 0.75

    @Option(help: "Stability selection: number of subsamples (default 100).")
    var subsamples: Int = 100

    @Flag(help: "Stability selection: complementary pairs of disjoint halves (Shah & Samworth 2013).")
    var complementaryPairs = false

    @Option(help: "Stability selection: the bound on the expected number of false selections that chooses the λ region (default 1).")
    var maxFalseSelections: Double = 1

    @Option(help: "Stability selection: elastic-net mixing α in (0, 1] (default 1, the lasso).")
    var alpha: Double = 1

    @Option(help: "Gene-set enrichment of the ranked genes against \"catalog\" (the bundled signatures) or a GMT file; writes enrichment.tsv beside --out.")
    var enrichment: String?

    @Option(help: "Enrichment: smallest gene set (genes found in the scan) to test (default 5; GSEA's default is 15).")
    var minSetSize: Int = 5

    @Option(help: "Enrichment: gene-set permutations for GSEA (default 1000).")
    var permutations: Int = 1000

    @Option(help: "Random seed for stability selection and GSEA permutations (default 42).")
    var seed: UInt64 = 42

    func validate() throws {
        guard Cohort.LearningOutcome(rawValue: outcome) != nil else {
            throw ValidationError("--outcome \"\(outcome)\" is not one of response, benefit, os, pfs")
        }
        guard minCount >= 2 else { throw ValidationError("--min-count \(minCount) must be at least 2") }
        if stability {
            do {
                try stabilitySettings.validate()
            } catch let error as DiscoveryError {
                throw ValidationError(error.description.replacingOccurrences(of: "stability selection: threshold", with: "--stability-threshold")
                    .replacingOccurrences(of: "stability selection: subsamples", with: "--subsamples")
                    .replacingOccurrences(of: "stability selection: alpha", with: "--alpha")
                    .replacingOccurrences(of: "stability selection: targetFalseSelections", with: "--max-false-selections"))
            }
        }
        if let enrichment {
            guard enrichment == "catalog" || FileManager.default.fileExists(atPath: enrichment) else {
                throw ValidationError("--enrichment \"\(enrichment)\": no such GMT file; give \"catalog\" or the path of a GMT file")
            }
            guard minSetSize >= 1 else { throw ValidationError("--min-set-size \(minSetSize) must be at least 1") }
            guard permutations >= 0 else { throw ValidationError("--permutations \(permutations) must be ≥ 0 (1000 is usual)") }
        }
    }

    var stabilitySettings: StabilitySelection {
        StabilitySelection(subsamples: subsamples, sampling: complementaryPairs ? .complementaryPairs : .halves,
                           threshold: stabilityThreshold, alpha: alpha, targetFalseSelections: maxFalseSelections)
    }

    func run() throws {
        outputOptions.apply()
        try reportingErrors(showValues: cohortOptions.showValues) {
            do {
                try analyse()
            } catch let error as DiscoveryError {
                Terminal.error(error.description)
                throw ExitCode(ExitStatus.badData)
            }
        }
    }

    func analyse() throws {
        let cohort = try cohortOptions.read()
        // Gene sets first: a bad GMT file stops the command before anything is computed or written.
        let geneSets = try enrichment.map { try loadGeneSets($0) }
        let (target, rows, rule) = try cohort.learningTarget(Cohort.LearningOutcome(rawValue: outcome)!)
        Terminal.progress("outcome: \(rule) (\(rows.count) patients)")
        var names: [String]
        if let features {
            names = features.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        } else if genes {
            guard let expression = cohort.expression else { throw UsageError(message: "--genes: the cohort has no expression block") }
            names = expression.geneIndex.keys.sorted().map { "gene:\($0)" }
        } else {
            names = cohort.clinical.map(\.name).filter { $0 != by }
        }
        let featureValues: [(name: String, values: [Double])]
        var skipped = 0
        if features == nil && genes {
            featureValues = Self.expressionFeatures(cohort, rows: rows)
        } else {
            let columns = try cohort.featureColumns(names)
            featureValues = columns.compactMap { c in
                guard let v = c.numericValues else { return nil }
                return (c.name, rows.map { v[$0] ?? .nan })
            }
            skipped = columns.count - featureValues.count
        }
        if skipped > 0 { Terminal.warning("\(skipped) non-numeric (categorical) features skipped") }
        let scanOutcome: AssociationScan.Outcome
        switch target {
        case .binary(let y): scanOutcome = .binary(y.map { $0 == 1 })
        case .survival(let t, let e): scanOutcome = .survival(time: t, event: e)
        case .continuous: throw UsageError(message: "continuous outcomes are not supported by discover")
        }
        let binaryTest: AssociationScan.BinaryTest = logistic ? .logistic : .mannWhitney
        var lines: [String] = []
        var jsonObject: Any
        let files = PendingFiles()
        // Per feature: log-scale effect, its z, p and BH q (pooled with --by): the volcano plot and the ranking.
        var summary: [(feature: String, effect: Double, z: Double, p: Double, q: Double)] = []
        var effectLabel = "log effect"
        if let by {
            guard let column = cohort.column(by) else { throw UsageError(message: "--by: no column \"\(by)\"") }
            let groups = rows.map { column.text(at: $0) ?? "" }
            var perGroup: [(cohort: String, results: [AssociationResult])] = []
            for group in Set(groups).sorted() where !group.isEmpty {
                let idx = groups.indices.filter { groups[$0] == group }
                let sub = featureValues.map { f in (name: f.name, values: idx.map { f.values[$0] }) }
                let subOutcome: AssociationScan.Outcome
                switch scanOutcome {
                case .binary(let y): subOutcome = .binary(idx.map { y[$0] })
                case .survival(let t, let e): subOutcome = .survival(time: idx.map { t[$0] }, event: idx.map { e[$0] })
                }
                perGroup.append((group, AssociationScan.run(features: sub, outcome: subOutcome, binaryTest: binaryTest,
                                                            minimumCount: minCount)))
            }
            let findings = CrossCohortMetaScan.run(cohortResults: perGroup).sorted { $0.pooled.pValue < $1.pooled.pValue }
            lines.append(["feature", "groups", "pooled_log_effect", "lower", "upper", "p_value", "q_value_bh", "tau2", "i2",
                          "q_heterogeneity_p", "loo_max_p", "loo_stable"].joined(separator: "\t"))
            for f in findings {
                lines.append([f.feature, f.cohortNames.joined(separator: ","), fmt(f.pooled.estimate), fmt(f.pooled.lower),
                              fmt(f.pooled.upper), fmt(f.pooled.pValue), fmt(f.qValueBH), fmt(f.pooled.tau2),
                              fmt(f.pooled.iSquared), fmt(f.pooled.qPValue), fmt(f.leaveOneOutPValues.max() ?? .nan),
                              f.isStable ? "yes" : "no"].joined(separator: "\t"))
            }
            jsonObject = try JSONSerialization.jsonObject(with: JSONEncoder().encode(findings.map(SafeFinding.init)))
            summary = findings.map { ($0.feature, $0.pooled.estimate, $0.pooled.z, $0.pooled.pValue, $0.qValueBH) }
            effectLabel = Self.effectLabel(findings.first?.perCohort.first?.test, pooled: true)
            if let plots, let top = findings.first {
                let isAUC = top.perCohort.first?.test == "mann-whitney"
                func back(_ x: Double) -> Double { isAUC ? 0.5 + x : exp(x) }
                var rowsPlot = zip(top.cohortNames, top.perCohort).map { name, r in
                    ForestPlot.Row(label: name, estimate: r.effect, lower: r.lower, upper: r.upper,
                                   annotation: String(format: "%.2f (%.2f–%.2f), n = %d", r.effect, r.lower, r.upper, r.count))
                }
                rowsPlot.append(ForestPlot.Row(label: "Pooled (REML)", estimate: back(top.pooled.estimate), lower: back(top.pooled.lower),
                                               upper: back(top.pooled.upper),
                                               annotation: String(format: "%.2f (%.2f–%.2f), I² %.0f%%", back(top.pooled.estimate),
                                                                  back(top.pooled.lower), back(top.pooled.upper), 100 * top.pooled.iSquared),
                                               isSummary: true))
                try writePlot(ForestPlot(title: "\(top.feature): per \(by) and pooled", xLabel: isAUC ? "AUC" : (top.perCohort.first?.test == "cox" ? "Hazard ratio" : "Odds ratio"),
                                         rows: rowsPlot, reference: isAUC ? 0.5 : 1).svg(), plots, "forest_meta.svg", into: files)
            }
        } else {
            let results = AssociationScan.run(features: featureValues, outcome: scanOutcome, binaryTest: binaryTest,
                                              minimumCount: minCount)
                .sorted { ($0.pValue.isNaN ? 2 : $0.pValue) < ($1.pValue.isNaN ? 2 : $1.pValue) }
            lines.append(["feature", "test", "n", "effect", "lower", "upper", "log_effect", "se", "p_value", "q_value_bh",
                          "q_value_by", "notes"].joined(separator: "\t"))
            for r in results {
                lines.append([r.feature, r.test, "\(r.count)", fmt(r.effect), fmt(r.lower), fmt(r.upper), fmt(r.logEffect),
                              fmt(r.standardError), fmt(r.pValue), fmt(r.qValueBH), fmt(r.qValueBY),
                              r.notes.joined(separator: "; ")].joined(separator: "\t"))
            }
            summary = results.map { r in
                (r.feature, r.logEffect, r.standardError > 0 ? r.logEffect / r.standardError : .nan, r.pValue, r.qValueBH)
            }
            effectLabel = Self.effectLabel(results.first { !$0.pValue.isNaN }?.test, pooled: false)
            if let plots { try writeScanPlots(results, featureValues: featureValues, outcome: scanOutcome, folder: plots, into: files) }
            let significant = results.filter { $0.qValueBH < 0.05 }.count
            Terminal.progress("\(results.count) features tested, \(significant) with BH q < 0.05")
            jsonObject = results.map { r -> [String: Any] in
                ["feature": r.feature, "test": r.test, "n": r.count, "effect": num(r.effect), "lower": num(r.lower),
                 "upper": num(r.upper), "p_value": num(r.pValue), "q_value_bh": num(r.qValueBH), "q_value_by": num(r.qValueBY),
                 "notes": r.notes]
            }
        }
        let outURL = URL(fileURLWithPath: out)
        let folder = outURL.deletingLastPathComponent()
        if let plots {
            let points = summary.map { VolcanoPlot.Point(label: $0.feature, effect: $0.effect, pValue: $0.p, qValue: $0.q) }
            try writePlot(VolcanoPlot(title: "Associations with \(outcome)\(by.map { ", pooled over \($0)" } ?? "")", xLabel: effectLabel,
                                      points: points).svg(), plots, "volcano.svg", into: files)
        }
        if stability {
            let table = try runStability(featureValues, outcome: scanOutcome)
            files.add(folder.appendingPathComponent("stability.tsv"), table)
        }
        if let geneSets {
            let table = try runEnrichment(summary, geneSets: geneSets)
            files.add(folder.appendingPathComponent("enrichment.tsv"), table)
        }
        // Everything is computed: now write, each file atomically.
        try AtomicFile.write(lines.joined(separator: "\n") + "\n", to: outURL)
        Terminal.progress("wrote \(out)")
        for (url, text) in files.items {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.write(text, to: url)
            Terminal.progress("wrote \(url.path)")
        }
        if json {
            let jsonURL = outURL.deletingPathExtension().appendingPathExtension("json")
            let data = try JSONSerialization.data(withJSONObject: jsonObject, options: [.prettyPrinted, .sortedKeys])
            try AtomicFile.write(data, to: jsonURL)
            Terminal.progress("wrote \(jsonURL.path)")
        }
    }
}

/// `discover`'s output files, computed before any is written so that a failure leaves nothing half-written.
final class PendingFiles {
    var items: [(URL, String)] = []
    func add(_ url: URL, _ text: String) { items.append((url, text)) }
}

extension DiscoverCommand {
    func writePlot(_ svg: String, _ folder: String, _ file: String, into files: PendingFiles) throws {
        files.add(URL(fileURLWithPath: folder, isDirectory: true).appendingPathComponent(file), svg)
    }

    /// Every gene of the expression block as a `gene:SYMBOL` feature over `rows` (patients without a profile:
    /// NaN), in symbol order, the first of a repeated symbol. Reads the block directly: one pass per gene.
    static func expressionFeatures(_ cohort: Cohort, rows: [Int]) -> [(name: String, values: [Double])] {
        guard let expression = cohort.expression else { return [] }
        var sampleOf: [String: Int] = [:]
        for (s, id) in expression.sampleIDs.enumerated() where sampleOf[id] == nil { sampleOf[id] = s }
        let samples = rows.map { sampleOf[cohort.patientIDs[$0]] }
        return expression.geneIndex.sorted { $0.key < $1.key }.map { symbol, g in
            ("gene:\(symbol)", samples.map { s in s.map { expression.value(gene: g, sample: $0) } ?? .nan })
        }
    }

    static func effectLabel(_ test: String?, pooled: Bool) -> String {
        let base: String
        switch test {
        case "mann-whitney": base = "AUC − 0.5"
        case "cox": base = "log hazard ratio"
        case "logistic", "fisher": base = "log odds ratio"
        default: base = "log effect"
        }
        return pooled ? "\(base) (pooled)" : base
    }

    /// Catalog signatures (up genes as NAME, down genes as NAME_DOWN) or the sets of a GMT file.
    func loadGeneSets(_ source: String) throws -> [String: [String]] {
        var sets: [String: [String]] = [:]
        if source == "catalog" {
            for signature in try SignatureCatalog.builtIn().signatures {
                if !signature.genes.up.isEmpty { sets[signature.name] = signature.genes.up }
                if !signature.genes.down.isEmpty { sets[signature.name + "_DOWN"] = signature.genes.down }
            }
        } else {
            for set in try GMTReader.read(URL(fileURLWithPath: source)) { sets[set.name] = set.genes }
        }
        return sets
    }

    /// Stability selection on the scanned features: patients missing more than half of the features (no
    /// expression profile, say) are left out, other missing values are imputed by the feature's median.
    func runStability(_ allValues: [(name: String, values: [Double])], outcome allOutcome: AssociationScan.Outcome) throws -> String {
        let n = allValues.first?.values.count ?? 0
        let rows = (0..<n).filter { i in
            2 * allValues.reduce(0) { $0 + ($1.values[i].isFinite ? 0 : 1) } <= allValues.count
        }
        if rows.count < n { Terminal.warning("stability selection: \(n - rows.count) patients missing more than half of the features left out") }
        let featureValues = allValues.map { f in (name: f.name, values: rows.map { f.values[$0] }) }
        let outcome: AssociationScan.Outcome
        switch allOutcome {
        case .binary(let y): outcome = .binary(rows.map { y[$0] })
        case .survival(let t, let e): outcome = .survival(time: rows.map { t[$0] }, event: rows.map { e[$0] })
        }
        var imputed = 0
        var kept: [(name: String, values: [Double])] = []
        for f in featureValues {
            let observed = f.values.filter(\.isFinite).sorted()
            guard observed.count >= 2, observed.first! < observed.last! else { continue }
            let m = observed.count
            let median = m % 2 == 1 ? observed[m / 2] : (observed[m / 2 - 1] + observed[m / 2]) / 2
            imputed += f.values.count - m
            kept.append((f.name, f.values.map { $0.isFinite ? $0 : median }))
        }
        guard !kept.isEmpty else { throw UsageError(message: "--stability: no feature has at least two distinct observed values") }
        if imputed > 0 { Terminal.warning("stability selection: \(imputed) missing values imputed by their feature's median") }
        if kept.count < featureValues.count {
            Terminal.warning("stability selection: \(featureValues.count - kept.count) constant or empty features left out")
        }
        let matrix = FeatureMatrix(names: kept.map(\.name), columns: kept.map(\.values))
        var generator = Xoshiro256StarStar(seed: seed)
        Terminal.progress("stability selection: \(subsamples) subsamples × \(kept.count) features")
        let result = try stabilitySettings.run(features: matrix, outcome: outcome, generator: &generator)
        for d in result.diagnostics { Terminal.warning("stability selection: \(d)") }
        Terminal.progress(String(format: "stability selection: %d features with Π ≥ %.2f; E[V] ≤ %.3g", result.selected.count,
                                 result.threshold, result.errorBound))
        var lines = ["# stability selection: \(result.subsamplesUsed) subsamples (\(stabilitySettings.sampling.rawValue)), " +
                     "π_thr \(fmt(result.threshold)), λ region \(fmt(result.lambdas[0]))…\(fmt(result.regionLambda)) " +
                     "(\(result.regionCount) of \(result.lambdas.count) fitted), q \(fmt(result.averageSelected)), " +
                     "E[V] ≤ \(fmt(result.errorBound)) (p = \(matrix.columnCount)), seed \(seed)"]
        lines.append(["feature", "selection_probability", "selected", "first_selected_lambda"].joined(separator: "\t"))
        let order = result.selectionProbabilities.indices.sorted {
            (-result.selectionProbabilities[$0], result.featureNames[$0]) < (-result.selectionProbabilities[$1], result.featureNames[$1])
        }
        let chosen = Set(result.selected)
        for j in order {
            let first = (0..<result.regionCount).first { result.selectionFrequencies[$0][j] > 0 }.map { fmt(result.lambdas[$0]) } ?? "NA"
            lines.append([result.featureNames[j], fmt(result.selectionProbabilities[j]), chosen.contains(j) ? "yes" : "no",
                          first].joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// GSEA of the genes ranked by their signed z, and over-representation of the genes with q < 0.05.
    func runEnrichment(_ summary: [(feature: String, effect: Double, z: Double, p: Double, q: Double)],
                       geneSets: [String: [String]]) throws -> String {
        let genesRanked = summary.filter { $0.feature.hasPrefix("gene:") && $0.z.isFinite }
        guard genesRanked.count >= 2 else {
            throw UsageError(message: "--enrichment needs a gene scan (--genes, or gene:SYMBOL features); found \(genesRanked.count) tested genes")
        }
        let symbols = genesRanked.map { String($0.feature.dropFirst(5)) }
        var generator = Xoshiro256StarStar(seed: seed &+ 1)
        let gsea = try PrerankedGSEA(minimumSize: minSetSize, permutations: permutations)
            .run(genes: symbols, scores: genesRanked.map(\.z), geneSets: geneSets, generator: &generator)
        let selected = zip(symbols, genesRanked).filter { $0.1.q < 0.05 }.map(\.0)
        let ora = try OverRepresentation(minimumSize: minSetSize, maximumSize: 500)
            .run(selected: selected, universe: symbols, geneSets: geneSets)
        let oraBySet = Dictionary(uniqueKeysWithValues: ora.map { ($0.setName, $0) })
        Terminal.progress("enrichment: \(gsea.count) gene sets tested; \(selected.count) genes with q < 0.05 for over-representation")
        var lines = ["# ranking: \(symbols.count) genes by signed z (log effect / SE); GSEA \(permutations) gene-set permutations, " +
                     "weight 1, seed \(seed &+ 1); over-representation of \(selected.count) genes with BH q < 0.05 among the \(symbols.count) tested"]
        lines.append(["gene_set", "size", "es", "nes", "p_value", "fdr_q", "leading_edge_size", "leading_edge", "ora_overlap",
                      "ora_expected", "ora_p_value", "ora_q_value_bh"].joined(separator: "\t"))
        for r in gsea {
            let o = oraBySet[r.setName]
            lines.append([r.setName, "\(r.matchedSize)", fmt(r.enrichmentScore), fmt(r.normalizedEnrichmentScore), fmt(r.pValue),
                          fmt(r.fdr), "\(r.leadingEdge.count)", r.leadingEdge.joined(separator: ","), o.map { "\($0.overlap)" } ?? "NA",
                          fmt(o?.expectedOverlap ?? .nan), fmt(o?.pValue ?? .nan), fmt(o?.qValueBH ?? .nan)].joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Forest plot of the 20 strongest features; for survival, Kaplan–Meier of the top feature.
    func writeScanPlots(_ results: [AssociationResult], featureValues: [(name: String, values: [Double])],
                        outcome: AssociationScan.Outcome, folder: String, into files: PendingFiles) throws {
        let top = results.filter { $0.pValue.isFinite && $0.lower.isFinite && $0.upper.isFinite }.prefix(20)
        guard let first = top.first else { return }
        let isAUC = first.test == "mann-whitney"
        let rows = top.map { r in
            ForestPlot.Row(label: r.feature, estimate: r.effect, lower: r.lower, upper: r.upper,
                           annotation: String(format: "%.2f (%.2f–%.2f) q=%.2g", r.effect, r.lower, r.upper, r.qValueBH))
        }
        try writePlot(ForestPlot(title: "Top associations with \(self.outcome)", xLabel: isAUC ? "AUC" : (first.test == "cox" ? "Hazard ratio per unit" : "Odds ratio"),
                                 rows: Array(rows), reference: isAUC ? 0.5 : 1).svg(), folder, "forest_top.svg", into: files)
        guard case .survival(let time, let event) = outcome,
              let values = featureValues.first(where: { $0.name == first.feature })?.values else { return }
        let idx = values.indices.filter { values[$0].isFinite }
        let x = idx.map { values[$0] }, t = idx.map { time[$0] }, e = idx.map { event[$0] }
        let comparison: SurvivalComparison
        if Set(x).isSubset(of: [0, 1]) {
            comparison = try SurvivalComparison(group: x.map { $0 == 1 ? "1" : "0" }, time: t, event: e)
        } else {
            comparison = try SurvivalComparison(marker: x, time: t, event: e)
        }
        let series = comparison.groups.map { g -> LineChart.Series in
            let band = g.curve.times.map { g.curve.confidenceInterval(at: $0) }
            return LineChart.Series(name: "\(first.feature) \(g.label) (n = \(g.count))", x: [0] + g.curve.times,
                                    y: [1] + g.curve.survival, lower: [1] + band.map(\.lower), upper: [1] + band.map(\.upper),
                                    steps: true)
        }
        let maxT = t.max() ?? 1
        let ticks = (0...5).map { Double($0) * maxT / 5 }
        let atRisk = comparison.numbersAtRisk(at: ticks)
        var chart = LineChart(title: String(format: "%@: %@ p = %.2g", first.feature,
                                            comparison.cutPoint == nil ? "log-rank" : String(format: "cut %.3g, Lausen–Schumacher", comparison.cutPoint!.cutPoint),
                                            comparison.reportedPValue),
                              xLabel: "Time", yLabel: "Survival probability", series: series, yRange: 0...1)
        chart.footerRows = zip(comparison.groups, atRisk).map { g, counts in
            (label: g.label, cells: zip(ticks, counts).map { (x: $0, text: "\($1)") })
        }
        try writePlot(chart.svg(), folder, "km_top.svg", into: files)
    }
}

private func fmt(_ x: Double) -> String { x.isNaN ? "NA" : String(format: "%.6g", x) }
private func num(_ x: Double) -> Any { x.isFinite ? x : NSNull() }

/// A JSON-safe summary of a cross-group finding (non-finite numbers become null).
private struct SafeFinding: Encodable {
    var feature: String, groups: [String], estimate: Double?, lower: Double?, upper: Double?, pValue: Double?
    var qValueBH: Double?, tau2: Double?, iSquared: Double?, leaveOneOutPValues: [Double?], stable: Bool
    init(_ f: CrossCohortFinding) {
        func s(_ x: Double) -> Double? { x.isFinite ? x : nil }
        feature = f.feature; groups = f.cohortNames; estimate = s(f.pooled.estimate); lower = s(f.pooled.lower)
        upper = s(f.pooled.upper); pValue = s(f.pooled.pValue); qValueBH = s(f.qValueBH); tau2 = s(f.pooled.tau2)
        iSquared = s(f.pooled.iSquared); leaveOneOutPValues = f.leaveOneOutPValues.map(s); stable = f.isStable
    }
}
