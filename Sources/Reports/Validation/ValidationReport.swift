import CohortData
import Evaluation
import Explanation
import Foundation
import Learning

/// The HTML report (and its JSON twin) of a model validated on a cohort: cohort summary, ROC with a
/// bootstrap band, calibration, decision curve, Kaplan–Meier curves by predicted risk group with
/// numbers at risk, subgroup forest plot, dataset shift, permutation importance, out-of-distribution
/// flags, a model card and the TRIPOD+AI checklist with pointers into the report.
///
/// Collins GS et al. (2024), "TRIPOD+AI statement", BMJ 385:e078378; Mitchell M et al. (2019),
/// "Model cards for model reporting", FAT* '19.
public struct ValidationReport {
    public var html: String
    public var json: Data
    /// Standalone SVG figures by file name ("roc.svg", "calibration.svg"…).
    public var figures: [String: String]

    /// - Parameter appendix: pages of further analyses (discovery, explanation, treatment effects, dosing)
    ///   appended after the validation sections, each with its numbers under its prefix in the JSON twin.
    public init(artifact: ModelArtifact, cohort: Cohort, validation v: ExternalValidation, seed: UInt64 = 0,
                appendix: [(prefix: String, page: HTMLReport)] = []) throws {
        var report = HTMLReport(
            title: "Validation of a \(artifact.model.kind.rawValue) model for \(artifact.outcome) on \(cohort.name)",
            subtitle: "ImmunoKit \(artifact.immunokitVersion) · model fingerprint \(artifact.trainingFingerprint.prefix(12)) · \(v.patients) patients with the outcome")
        var figures: [String: String] = [:]
        let summary = CohortSummary(cohort)

        // Summary
        report.section("summary", "Summary")
        var headline: [[String]] = [["patients with the outcome", "\(v.patients)"]]
        if let b = v.binary {
            headline.append(["AUC (95% CI, DeLong)", String(format: "%.3f (%.3f–%.3f)", b.auc.estimate, b.auc.lower, b.auc.upper)])
            headline.append(["Brier score", String(format: "%.3f", b.brierScore)])
            if let c = b.calibration {
                headline.append(["calibration slope / in-the-large", String(format: "%.2f / %.2f", c.slope, c.calibrationInTheLarge)])
            }
            headline.append(["expected calibration error", String(format: "%.3f", b.bins.expectedCalibrationError)])
            report.record("auc", b.auc.estimate); report.record("auc_lower", b.auc.lower); report.record("auc_upper", b.auc.upper)
            report.record("brier", b.brierScore); report.record("log_loss", b.logLoss)
            report.record("average_precision", b.averagePrecision)
            report.record("ece", b.bins.expectedCalibrationError)
            if let c = b.calibration {
                report.record("calibration_slope", c.slope); report.record("calibration_in_the_large", c.calibrationInTheLarge)
            }
        }
        if let s = v.survival {
            headline.append(["Harrell's C (95% bootstrap CI)", String(format: "%.3f (%.3f–%.3f)", s.harrell.value, s.harrellLower, s.harrellUpper)])
            headline.append(["horizon for calibration", String(format: "%.1f", s.horizon)])
            report.record("harrell_c", s.harrell.value); report.record("harrell_c_lower", s.harrellLower)
            report.record("harrell_c_upper", s.harrellUpper); report.record("horizon", s.horizon)
        }
        if let trainingValue = artifact.metrics["cv_auc"] ?? artifact.metrics["cv_c_index"] {
            headline.append(["cross-validated value at training", String(format: "%.3f", trainingValue)])
            report.record("training_cv", trainingValue)
        }
        headline.append(["largest subgroup gap", v.largestGap ?? "none computable"])
        headline.append(["patients flagged out of distribution", "\(v.flags.count)"])
        report.record("flagged_patients", Double(v.flags.count))
        report.table(columns: ["measure", "value"], rows: headline)
        for w in v.warnings { report.note(w) }
        report.endSection()

        // Cohort
        report.section("cohort", "Cohort")
        var cohortRows: [[String]] = [["patients", "\(summary.patients)"]]
        if let r = summary.response { cohortRows.append(["response", "\(r.positive) responders, \(r.negative) non-responders, \(r.missing) missing"]) }
        if let os = summary.overallSurvival { cohortRows.append(["overall survival", "\(os.events) events of \(os.complete)"]) }
        if let pfs = summary.progressionFreeSurvival { cohortRows.append(["progression-free survival", "\(pfs.events) events of \(pfs.complete)"]) }
        for b in summary.blocks { cohortRows.append([b.name, b.detail]) }
        report.table(columns: ["", ""], rows: cohortRows, caption: "Cohort summary")
        let featureRows = summary.columns.filter { artifact.schema.names.contains($0.name) }.map {
            [$0.name, $0.kind, String(format: "%.0f%%", $0.missingFraction * 100),
             $0.levels.map { $0.prefix(6).joined(separator: ", ") } ?? $0.median.map { String(format: "median %.3g", $0) } ?? ""]
        }
        report.table(columns: ["model input", "type", "missing", "distribution"], rows: featureRows)
        report.endSection()

        // Discrimination and calibration
        if let b = v.binary {
            let labels = Self.binaryLabels(cohort, outcome: artifact.outcome, predictions: v.predictions)
            report.section("discrimination", "Discrimination")
            var roc = LineChart(title: "ROC curve", xLabel: "1 − specificity", yLabel: "sensitivity",
                                series: [.init(name: String(format: "model (AUC %.3f)", b.auc.estimate),
                                               x: b.roc.falsePositiveRates, y: b.roc.truePositiveRates, steps: true)],
                                xRange: 0...1, yRange: 0...1, diagonal: true)
            if let labels {
                let band = ROCBand(scores: labels.scores, labels: labels.labels, seed: seed)
                roc.series.insert(.init(name: "95% bootstrap band", x: band.falsePositiveRates, y: band.upper.indices.map {
                    (band.upper[$0] + band.lower[$0]) / 2 }, lower: band.lower, upper: band.upper, dashed: true), at: 0)
            }
            figures["roc.svg"] = roc.svg()
            report.figure(figures["roc.svg"]!, caption: "ROC curve with a pointwise 95% bootstrap band (200 stratified replicates). AUC CI by DeLong's method.")
            report.table(columns: ["threshold", "sensitivity", "specificity", "PPV", "NPV"], rows: b.thresholds.map { t in
                [String(format: "%.2f", t.threshold)] + [t.sensitivity, t.specificity, t.positivePredictiveValue, t.negativePredictiveValue].map {
                    String(format: "%.2f (%.2f–%.2f)", $0.estimate, $0.lower, $0.upper)
                }
            }, caption: "Performance at chosen probability thresholds (Wilson 95% CIs)")
            report.endSection()

            report.section("calibration", "Calibration")
            var series: [LineChart.Series] = [.init(name: "deciles (observed)", x: b.bins.bins.map(\.meanPredicted), y: b.bins.bins.map(\.observedRate))]
            if let smooth = b.smoothed { series.append(.init(name: "LOESS", x: smooth.predicted, y: smooth.observed)) }
            figures["calibration.svg"] = LineChart(title: "Calibration", xLabel: "predicted probability", yLabel: "observed rate",
                                                   series: series, xRange: 0...1, yRange: 0...1, diagonal: true).svg()
            report.figure(figures["calibration.svg"]!, caption: "Observed response rate against predicted probability; the dashed diagonal is perfect calibration.")
            report.paragraph(String(format: "Calibration-in-the-large %.3f (0 is ideal), calibration slope %.2f (1 is ideal), expected calibration error %.3f, Brier score %.3f, log loss %.3f.",
                                    b.calibration?.calibrationInTheLarge ?? .nan, b.calibration?.slope ?? .nan,
                                    b.bins.expectedCalibrationError, b.brierScore, b.logLoss))
            report.endSection()

            report.section("decision", "Decision curve")
            let dc = b.decisionCurve
            let keep = dc.thresholds.indices.filter { dc.thresholds[$0] <= 0.8 }
            figures["decision_curve.svg"] = LineChart(title: "Decision curve", xLabel: "threshold probability", yLabel: "net benefit", series: [
                .init(name: "model", x: keep.map { dc.thresholds[$0] }, y: keep.map { dc.netBenefit[$0] }),
                .init(name: "treat all", x: keep.map { dc.thresholds[$0] }, y: keep.map { dc.treatAll[$0] }, dashed: true),
                .init(name: "treat none", x: keep.map { dc.thresholds[$0] }, y: keep.map { dc.treatNone[$0] }, dashed: true),
            ], xRange: 0...0.8, yRange: -0.05...max(0.05, (dc.treatAll.max() ?? 0.1) * 1.1)).svg()
            report.figure(figures["decision_curve.svg"]!, caption: "Net benefit (Vickers & Elkin 2006) of acting on the model against treating everyone or no one.")
            report.endSection()
        }
        if let s = v.survival {
            report.section("survival", "Survival by predicted risk group")
            let names = ["low risk", "middle risk", "high risk"]
            let maxTime = s.riskGroups.compactMap { $0.times.last }.max() ?? 1
            var chart = LineChart(title: "Kaplan–Meier by predicted risk tertile", xLabel: "time", yLabel: "survival",
                                  series: s.riskGroups.enumerated().map { k, km in
                                      .init(name: names[min(k, 2)], x: [0] + km.times, y: [1] + km.survival, steps: true)
                                  }, xRange: 0...maxTime, yRange: 0...1)
            let ticks = (0...5).map { maxTime * Double($0) / 5 }
            chart.footerRows = s.riskGroups.enumerated().map { k, km in
                (label: names[min(k, 2)], cells: ticks.map { t in (x: t, text: "\(Self.atRisk(km, at: t))") })
            }
            figures["km_risk_groups.svg"] = chart.svg()
            report.figure(figures["km_risk_groups.svg"]!, caption: "Kaplan–Meier curves of patients grouped by tertile of predicted risk, with numbers at risk.")
            if let calibration = s.calibration {
                figures["survival_calibration.svg"] = LineChart(
                    title: String(format: "Calibration at t = %.1f", s.horizon), xLabel: "predicted survival", yLabel: "observed (Kaplan–Meier)",
                    series: [.init(name: "risk groups", x: calibration.groups.map(\.meanPredicted), y: calibration.groups.map(\.observed),
                                   lower: calibration.groups.map(\.lower), upper: calibration.groups.map(\.upper))],
                    xRange: 0...1, yRange: 0...1, diagonal: true).svg()
                report.figure(figures["survival_calibration.svg"]!, caption: "Predicted survival at the horizon against the Kaplan–Meier estimate per risk group, with 95% CIs.")
            }
            report.endSection()
        }

        // Subgroups
        report.section("subgroups", "Subgroups")
        let metricName = v.binary != nil ? "AUC" : "C-index"
        report.table(columns: ["variable", "level", "patients", v.binary != nil ? "responders" : "events", metricName], rows: v.subgroups.map { g in
            [g.variable, g.level, "\(g.patients)", "\(g.positives)",
             g.estimate.map { e in g.lower.map { String(format: "%.3f (%.3f–%.3f)", e, $0, g.upper ?? .nan) } ?? String(format: "%.3f", e) } ?? "n/a"]
        }, numericColumns: [2, 3])
        let forestRows = v.subgroups.filter { $0.estimate != nil && $0.patients >= 10 }.map { g in
            ForestPlot.Row(label: "\(g.variable): \(g.level)", estimate: g.estimate!, lower: g.lower ?? g.estimate!, upper: g.upper ?? g.estimate!,
                           annotation: String(format: "%.2f, n = %d", g.estimate!, g.patients))
        }
        for g in v.subgroups { if let e = g.estimate { report.record("subgroup.\(g.variable)=\(g.level)", e) } }
        if !forestRows.isEmpty {
            figures["subgroups.svg"] = ForestPlot(title: "\(metricName) by subgroup", xLabel: metricName, rows: forestRows, reference: 0.5).svg()
            report.figure(figures["subgroups.svg"]!, caption: "\(metricName) by subgroup (subgroups with ≥ 10 patients; DeLong 95% CIs for AUC).")
        }
        if let gap = v.largestGap { report.note("Largest gap between subgroups — \(gap).") }
        report.endSection()

        // Dataset shift
        report.section("shift", "Dataset shift")
        report.table(columns: ["feature", "SMD", "PSI", "verdict", "outside training", "missing (new / training)"], rows: v.shift.features.map { f in
            [f.name, f.standardizedMeanDifference.map { String(format: "%.2f", $0) } ?? "–",
             f.populationStabilityIndex.map { String(format: "%.3f", $0) } ?? "–", f.verdict,
             String(format: "%.0f%%", f.outsideTrainingFraction * 100),
             String(format: "%.0f%% / %.0f%%", f.missingFraction * 100, f.trainingMissingFraction * 100)]
        })
        for f in v.shift.features { if let psi = f.populationStabilityIndex { report.record("psi.\(f.name)", psi) } }
        if let domain = v.domainClassifierAUC {
            report.paragraph(String(format: "Domain classifier: gradient-boosted trees tell the new patients from the training patients with a cross-validated AUC of %.3f (0.5 = indistinguishable).", domain))
            report.record("domain_classifier_auc", domain)
        }
        report.paragraph("SMD: standardised mean difference from the training mean. PSI: population stability index over the training percentile bins (< 0.1 stable, 0.1–0.25 moderate, > 0.25 major).")
        report.endSection()

        // Importance
        report.section("importance", "Feature importance")
        let importance = Self.importance(artifact: artifact, cohort: cohort, seed: seed)
        if !importance.isEmpty {
            figures["importance.svg"] = BarChart(title: "Permutation importance on this cohort", xLabel: "drop in \(metricName) when shuffled",
                                                 bars: importance.prefix(20).map { ($0.feature, $0.drop) }).svg()
            report.figure(figures["importance.svg"]!, caption: "Mean drop in \(metricName) over 5 shuffles of each input (model-agnostic).")
            for item in importance { report.record("importance.\(item.feature)", item.drop) }
        }
        report.endSection()

        // Flags
        report.section("flags", "Out-of-distribution flags")
        report.paragraph("\(v.flags.count) of \(cohort.patientCount) patients have inputs the model did not see in training (values outside the training range, labels never seen). Their predictions are extrapolations.")
        report.table(columns: ["patient", "flags"], rows: v.flags.sorted { $0.key < $1.key }.prefix(50).map { [$0.key, $0.value.joined(separator: "; ")] })
        report.endSection()

        // Model card
        report.section("model-card", "Model card")
        report.definitions([
            ("Model", "\(artifact.model.kind.rawValue) pipeline (preprocessing and model fitted together); seed \(artifact.seed); artifact format \(artifact.formatVersion)."),
            ("Intended use", "Research use: estimating \(artifact.outcome == "response" ? "the probability of objective response" : "the risk of the event") under immune checkpoint blockade, to support — not replace — clinical judgement. Not validated for treatment decisions."),
            ("Training data", "\(artifact.trainingRows) patients; training-data fingerprint \(artifact.trainingFingerprint); \(artifact.notes["cohort"] ?? "cohort not recorded")."),
            ("Outcome", artifact.outcomeRule ?? artifact.outcome),
            ("Inputs", artifact.schema.names.joined(separator: ", ")),
            ("Metrics", artifact.metrics.sorted { $0.key < $1.key }.map { String(format: "%@ %.3f", $0.key, $0.value) }.joined(separator: "; ")),
            ("Limitations", "Performance may fall in cohorts whose case mix, assays or treatment differ from training (see Dataset shift); small subgroups give wide intervals; survival calibration assumes non-informative censoring."),
            ("Ethical considerations", "Check performance across sex, age and ancestry groups before use (see Subgroups); patient-level outputs are sensitive data; a low predicted probability must not by itself deny access to therapy."),
        ])
        report.endSection()

        // TRIPOD+AI
        report.section("tripod", "TRIPOD+AI checklist")
        let items: [(String, String, String)] = [
            ("1", "Title: identifies a prediction model study, the outcome and the population", "#summary"),
            ("5", "Data: sources and dates of the data", "#cohort"),
            ("6", "Participants: eligibility and number", "#cohort"),
            ("8", "Outcome: definition and how it was assessed", "#model-card"),
            ("9", "Predictors: definition and handling", "#cohort"),
            ("11", "Missing data: how handled (imputation with indicators, in the fitted pipeline)", "#model-card"),
            ("12", "Analytical methods: model type, preprocessing, internal validation", "#model-card"),
            ("12e", "Performance measures: discrimination, calibration, clinical utility", v.binary != nil ? "#discrimination" : "#survival"),
            ("14", "Fairness: performance in relevant subgroups", "#subgroups"),
            ("16", "Model output and thresholds", "#discrimination"),
            ("17", "Differences between development and evaluation data", "#shift"),
            ("23", "Model performance with CIs", "#summary"),
            ("24", "Model updating (recalibration) if done", "#model-card"),
            ("26", "Limitations", "#model-card"),
            ("27", "Usability of the model in the context of current care", "#model-card"),
        ]
        report.table(columns: ["item", "requirement", "where"], rows: items.map { [$0.0, $0.1, $0.2] },
                     caption: "Items addressed by this report (Collins et al. 2024); items on study design, ethics approval, registration and funding are for the authors to complete.")
        report.endSection()

        for (prefix, page) in appendix { report.append(page, prefix: prefix) }
        html = report.html()
        json = try report.json(extra: ["cohort": cohort.name, "model": artifact.model.kind.rawValue, "outcome": artifact.outcome,
                                       "fingerprint": artifact.trainingFingerprint])
        self.figures = figures
    }

    static func atRisk(_ km: KaplanMeier, at t: Double) -> Int {
        if let k = km.times.firstIndex(where: { $0 >= t }) { return km.atRisk[k] }
        return 0
    }

    /// Predictions and labels of the patients with the binary outcome, for the ROC band.
    static func binaryLabels(_ cohort: Cohort, outcome: String, predictions: [String: Double]) -> (scores: [Double], labels: [Bool])? {
        guard let kind = Cohort.LearningOutcome(rawValue: outcome), let (target, rows, _) = try? cohort.learningTarget(kind),
              case .binary(let y) = target else { return nil }
        let scores = rows.compactMap { predictions[cohort.patientIDs[$0]] }
        guard scores.count == rows.count else { return nil }
        return (scores, y.map { $0 == 1 })
    }

    /// Permutation importance on this cohort (Explanation's, 5 seeded shuffles per input), largest first.
    static func importance(artifact: ModelArtifact, cohort: Cohort, seed: UInt64) -> [(feature: String, drop: Double)] {
        guard let outcome = Cohort.LearningOutcome(rawValue: artifact.outcome),
              let (target, rows, _) = try? cohort.learningTarget(outcome),
              let columns = try? cohort.featureColumns(artifact.schema.names) else { return [] }
        let data = Dataset(features: FeatureMatrix(clinical: columns.map { $0.selecting(rows) }), target: target)
        guard let result = try? PermutationImportance(model: TrainedModelAsFittedModel(model: artifact.model), data: data,
                                                      repeats: 5, seed: seed) else { return [] }
        return result.ranked.map { ($0.name, $0.mean) }
    }
}

/// A saved model seen through the `FittedModel` protocol (probability or risk per row), so the
/// model-agnostic tools of Explanation apply to it.
struct TrainedModelAsFittedModel: FittedModel {
    var model: TrainedModel
    var featureNames: [String] { model.featureNames }
    var task: Task { model.task }
    var diagnostics: FitDiagnostics { model.diagnostics }
    func predict(_ features: FeatureMatrix) throws -> [Double] { try model.predict(features).predictions }
}
