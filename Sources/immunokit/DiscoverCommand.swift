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

            Examples:
              immunokit discover cohorts/riaz2017 --outcome response --genes --out riaz_scan.tsv
              immunokit discover msk --outcome os --features TMB,Albumin,NLR --by CancerType --out msk_os.tsv --json
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

    func validate() throws {
        guard Cohort.LearningOutcome(rawValue: outcome) != nil else {
            throw ValidationError("--outcome \"\(outcome)\" is not one of response, benefit, os, pfs")
        }
        guard minCount >= 2 else { throw ValidationError("--min-count \(minCount) must be at least 2") }
    }

    func run() throws {
        outputOptions.apply()
        let cohort = try cohortOptions.read()
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
        let columns = try cohort.featureColumns(names)
        let featureValues: [(name: String, values: [Double])] = columns.compactMap { c in
            guard let v = c.numericValues else { return nil }
            return (c.name, rows.map { v[$0] ?? .nan })
        }
        let skipped = columns.count - featureValues.count
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
                                         rows: rowsPlot, reference: isAUC ? 0.5 : 1).svg(), plots, "forest_meta.svg")
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
            if let plots { try writeScanPlots(results, featureValues: featureValues, outcome: scanOutcome, folder: plots) }
            let significant = results.filter { $0.qValueBH < 0.05 }.count
            Terminal.progress("\(results.count) features tested, \(significant) with BH q < 0.05")
            jsonObject = results.map { r -> [String: Any] in
                ["feature": r.feature, "test": r.test, "n": r.count, "effect": num(r.effect), "lower": num(r.lower),
                 "upper": num(r.upper), "p_value": num(r.pValue), "q_value_bh": num(r.qValueBH), "q_value_by": num(r.qValueBY),
                 "notes": r.notes]
            }
        }
        let outURL = URL(fileURLWithPath: out)
        try AtomicFile.write(lines.joined(separator: "\n") + "\n", to: outURL)
        Terminal.progress("wrote \(out)")
        if json {
            let jsonURL = outURL.deletingPathExtension().appendingPathExtension("json")
            let data = try JSONSerialization.data(withJSONObject: jsonObject, options: [.prettyPrinted, .sortedKeys])
            try AtomicFile.write(data, to: jsonURL)
            Terminal.progress("wrote \(jsonURL.path)")
        }
    }
}

extension DiscoverCommand {
    func writePlot(_ svg: String, _ folder: String, _ file: String) throws {
        let dir = URL(fileURLWithPath: folder, isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try AtomicFile.write(svg, to: dir.appendingPathComponent(file))
        Terminal.progress("wrote \(dir.appendingPathComponent(file).path)")
    }

    /// Forest plot of the 20 strongest features; for survival, Kaplan–Meier of the top feature.
    func writeScanPlots(_ results: [AssociationResult], featureValues: [(name: String, values: [Double])],
                        outcome: AssociationScan.Outcome, folder: String) throws {
        let top = results.filter { $0.pValue.isFinite && $0.lower.isFinite && $0.upper.isFinite }.prefix(20)
        guard let first = top.first else { return }
        let isAUC = first.test == "mann-whitney"
        let rows = top.map { r in
            ForestPlot.Row(label: r.feature, estimate: r.effect, lower: r.lower, upper: r.upper,
                           annotation: String(format: "%.2f (%.2f–%.2f) q=%.2g", r.effect, r.lower, r.upper, r.qValueBH))
        }
        try writePlot(ForestPlot(title: "Top associations with \(self.outcome)", xLabel: isAUC ? "AUC" : (first.test == "cox" ? "Hazard ratio per unit" : "Odds ratio"),
                                 rows: Array(rows), reference: isAUC ? 0.5 : 1).svg(), folder, "forest_top.svg")
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
        try writePlot(chart.svg(), folder, "km_top.svg")
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
