import ArgumentParser
import Foundation
import ImmunoKit

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Compare several models by cross-validation (or leave-one-group-out) on one cohort, with paired DeLong tests.",
        discussion: """
            Every model is a pipeline (preprocessing included) refitted inside each split, so no information
            leaks from held-out patients. Binary outcomes: AUC, Brier score and calibration slope per split,
            and paired DeLong tests between models on the out-of-fold predictions. Survival: Harrell's C.
            With --by COLUMN each level of the column (a site, a cohort) is held out in turn.

            Examples:
              immunokit evaluate Chowell_train.csv --outcome response --models logistic,gbdt,forest \\
                  --features TMB,prior_systemic_therapy,Albumin,NLR,Age,CancerType --cap TMB=50 --cap NLR=25
              immunokit evaluate synthetic --outcome response --models logistic,gbdt --by site --json
            """
    )

    @OptionGroup var cohortInput: CohortInputOptions

    @Option(help: "Outcome: response, benefit, os or pfs.")
    var outcome: String

    @Option(help: "Comma-separated models to compare (\(ModelKind.allCases.map(\.rawValue).joined(separator: ", "))).")
    var models: String

    @Option(help: "Comma-separated features (default: all clinical columns).")
    var features: String?

    @Option(name: .customLong("cap"), help: "Cap a feature at an upper value, NAME=VALUE (repeatable).")
    var caps: [String] = []

    @Option(help: "Folds (default 5).")
    var folds = 5

    @Option(help: "Repeats of the k-fold split (default 1).")
    var repeats = 1

    @Option(help: "Hold out each level of this clinical column in turn instead of k-fold (leave-one-group-out).")
    var by: String?

    @Flag(help: "Nested cross-validation: tune each model on a small grid inside every outer training split (slower; unbiased by the tuning).")
    var nested = false

    @Option(help: "Random seed.")
    var seed: UInt64 = 42

    @Option(name: [.customShort("o"), .customLong("out")], help: "Write the comparison table (TSV).")
    var output: String?

    @Flag(help: "Print the comparison as JSON.")
    var json = false

    @Option(help: "Also write the comparison as a self-contained HTML report (with its JSON twin next to it).")
    var report: String?

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        guard Cohort.LearningOutcome(rawValue: outcome) != nil else { throw ValidationError("--outcome must be response, benefit, os or pfs") }
        for name in models.split(separator: ",") where ModelKind(rawValue: String(name)) == nil {
            throw ValidationError("--models: unknown model \"\(name)\"; choose from \(ModelKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard folds >= 2, repeats >= 1 else { throw ValidationError("--folds must be ≥ 2 and --repeats ≥ 1") }
        for cap in caps where cap.split(separator: "=").count != 2 || Double(cap.split(separator: "=").last ?? "") == nil {
            throw ValidationError("--cap expects NAME=VALUE, not \"\(cap)\"")
        }
    }

    struct Row: Codable {
        var model: String
        var metric: String
        var mean: Double
        var standardDeviation: Double
        var splits: Int
    }

    struct Comparison: Codable {
        var first: String
        var second: String
        var difference: Double
        var lower: Double
        var upper: Double
        var pValue: Double
    }

    /// The comparison as an HTML report: the table, a forest plot of the discrimination, calibration
    /// curves of the out-of-fold predictions, and the paired tests.
    func comparisonReport(cohort: Cohort, rows: [Row], comparisons: [Comparison], patients: Int, features: [String],
                          outOfFold: [String: [Double]], target: Target) -> HTMLReport {
        var page = HTMLReport(title: "Model comparison on \(cohort.name) (\(outcome))",
                              subtitle: "\(patients) patients · \(features.count) features · \(by.map { "leave-one-\($0)-out" } ?? "\(folds)-fold × \(repeats)")\(nested ? ", nested" : "")")
        page.section("table", "Cross-validated performance")
        page.table(columns: ["model", "metric", "mean", "sd", "splits"], rows: rows.map {
            [$0.model, $0.metric, String(format: "%.3f", $0.mean), String(format: "%.3f", $0.standardDeviation), "\($0.splits)"]
        }, numericColumns: [2, 3, 4])
        for row in rows { page.record("\(row.model).\(row.metric)", row.mean) }
        let discrimination = rows.filter { $0.metric == "auc" || $0.metric == "c_index" }
        if !discrimination.isEmpty {
            page.figure(ForestPlot(title: "Discrimination (mean ± 1.96 SD over splits)", xLabel: discrimination[0].metric,
                                   rows: discrimination.map { ForestPlot.Row(label: $0.model, estimate: $0.mean,
                                                                             lower: $0.mean - 1.96 * $0.standardDeviation,
                                                                             upper: $0.mean + 1.96 * $0.standardDeviation,
                                                                             annotation: String(format: "%.3f ± %.3f", $0.mean, $0.standardDeviation)) },
                                   reference: 0.5).svg(), caption: "Mean over resampling splits; bars span ± 1.96 standard deviations of the split values.")
        }
        page.endSection()
        if case .binary(let y) = target {
            page.section("calibration", "Calibration of the out-of-fold predictions")
            let labels = y.map { $0 == 1 }
            let series: [LineChart.Series] = outOfFold.sorted { $0.key < $1.key }.compactMap { name, p in
                guard let bins = try? CalibrationBins(probabilities: p, labels: labels) else { return nil }
                return LineChart.Series(name: name, x: bins.bins.map(\.meanPredicted), y: bins.bins.map(\.observedRate))
            }
            page.figure(LineChart(title: "Calibration", xLabel: "predicted probability", yLabel: "observed rate", series: series,
                                  xRange: 0...1, yRange: 0...1, diagonal: true).svg(),
                        caption: "Observed response rate by decile of out-of-fold predicted probability.")
            page.endSection()
            page.section("paired", "Paired DeLong tests")
            page.table(columns: ["comparison", "ΔAUC", "95% CI", "p"], rows: comparisons.map {
                ["\($0.first) − \($0.second)", String(format: "%+.3f", $0.difference), String(format: "%+.3f to %+.3f", $0.lower, $0.upper),
                 String(format: "%.3g", $0.pValue)]
            })
            for c in comparisons { page.record("delong.\(c.first)-\(c.second).p", c.pValue) }
            page.endSection()
        }
        return page
    }

    func run() throws {
        outputOptions.apply()
        try reportingErrors(showValues: cohortInput.showValues) {
            let cohort = try cohortInput.read()
            let (target, rows, _) = try cohort.learningTarget(Cohort.LearningOutcome(rawValue: outcome)!)
            let names = features.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } } ?? cohort.defaultFeatureNames
            let data = Dataset(features: FeatureMatrix(clinical: try cohort.featureColumns(names).map { $0.selecting(rows) }), target: target)
            var preprocessing = PreprocessingConfiguration()
            for cap in caps {
                let parts = cap.split(separator: "=")
                preprocessing.caps[String(parts[0])] = .init(upper: Double(parts[1])!)
            }
            var scheme = ResamplingScheme.kFold(folds: folds, repeats: repeats)
            if let by {
                guard let column = cohort.column(by), case .categorical(let values) = column.values else {
                    throw UsageError(message: "--by needs a categorical clinical column; \"\(by)\" is not one")
                }
                scheme = .leaveOneGroupOut(groups: rows.map { values[$0] ?? "(missing)" })
            }
            let kinds = models.split(separator: ",").map { ModelKind(rawValue: String($0))! }
            let metrics: [Metric] = target.task == .binaryClassification ? [.auc, .brierScore, .calibrationSlope] : [.harrellsC]
            var table: [Row] = []
            var outOfFold: [String: [Double]] = [:]
            for kind in kinds {
                guard kind.tasks.contains(target.task) else {
                    throw UsageError(message: "--models: \(kind.rawValue) cannot fit a \(target.task.rawValue) outcome")
                }
                Terminal.progress("resampling \(kind.rawValue)")
                let trainer = ModelTrainer(kind: kind, preprocessing: preprocessing, modelSettings: nil, folds: folds, seed: seed)
                let result: ResamplingResult
                if nested {
                    let nestedResult = try trainer.nestedResample(data, outer: scheme, metrics: metrics)
                    result = nestedResult.outer
                    Terminal.progress("\(kind.rawValue): settings chosen per outer split \(nestedResult.selected)")
                } else {
                    result = try trainer.resample(data, scheme: scheme, metrics: metrics)
                }
                for summary in result.summaries {
                    table.append(Row(model: kind.rawValue, metric: summary.name, mean: summary.mean,
                                     standardDeviation: summary.standardDeviation, splits: summary.count))
                }
                outOfFold[kind.rawValue] = result.outOfFoldPredictions()
                result.warnings.forEach(Terminal.warning)
            }
            var comparisons: [Comparison] = []
            if case .binary(let y) = target {
                let labels = y.map { $0 == 1 }
                for (i, a) in kinds.enumerated() {
                    for b in kinds.dropFirst(i + 1) {
                        let test = try DeLongTest(first: outOfFold[a.rawValue]!, second: outOfFold[b.rawValue]!, labels: labels)
                        comparisons.append(Comparison(first: a.rawValue, second: b.rawValue, difference: test.difference,
                                                      lower: test.lower, upper: test.upper, pValue: test.pValue))
                    }
                }
            }
            var tsv = DataTable(columns: ["model", "metric", "mean", "sd", "splits"])
            for row in table {
                tsv.append([row.model, row.metric, NumberFormatting.string(row.mean), NumberFormatting.string(row.standardDeviation), String(row.splits)])
            }
            if let output { try tsv.writeTSV(to: URL(fileURLWithPath: output)) }
            if let report {
                let page = comparisonReport(cohort: cohort, rows: table, comparisons: comparisons, patients: data.rowCount,
                                            features: names, outOfFold: outOfFold, target: target)
                let url = URL(fileURLWithPath: report)
                try AtomicFile.write(try page.json(extra: ["cohort": cohort.name, "outcome": outcome]),
                                     to: url.deletingPathExtension().appendingPathExtension("json"))
                try AtomicFile.write(page.html(), to: url)
            }
            if json {
                struct Output: Codable { var rows: [Row]; var pairedDeLong: [Comparison] }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
                Terminal.output(String(decoding: try encoder.encode(Output(rows: table, pairedDeLong: comparisons)), as: UTF8.self) + "\n")
            } else {
                var text = "\(data.rowCount) patients, \(names.count) features, \(by.map { "leave-one-\($0)-out" } ?? "\(folds)-fold × \(repeats)")\(nested ? ", nested (tuned inside every outer split)" : "")\n"
                for row in table {
                    text += row.model.padding(toLength: 10, withPad: " ", startingAt: 0) + row.metric.padding(toLength: 20, withPad: " ", startingAt: 0)
                        + String(format: "%.3f ± %.3f  (%d splits)\n", row.mean, row.standardDeviation, row.splits)
                }
                for c in comparisons {
                    text += String(format: "%@ − %@: ΔAUC %+.3f (95%% CI %+.3f to %+.3f), paired DeLong p = %.3g\n",
                                   c.first, c.second, c.difference, c.lower, c.upper, c.pValue)
                }
                Terminal.output(text)
            }
        }
    }
}
