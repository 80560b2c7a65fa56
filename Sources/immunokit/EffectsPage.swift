import Foundation
import ImmunoKit

/// The HTML page of `immunokit effects`, also appended to the demo's report: average effects, propensity
/// overlap, covariate balance, IPW Kaplan–Meier curves (survival outcomes), uplift (TOC) curves with the RATE,
/// and the off-policy values of the recommend-with-abstention policy against its alternatives.
struct EffectsPage {
    var run: EffectsRun
    var scale: BenefitScale
    var outcomeName: String
    var horizon: Double
    var averageEffects: [CrossFitResult.AverageEffect]
    var overlap: OverlapDiagnostics
    var balance: BalanceTable
    var survival: (unweighted: WeightedSurvivalComparison, weighted: WeightedSurvivalComparison)?
    var uplift: [(arm: String, curve: UpliftCurve)]
    var rates: [EffectsSummary.Rate]
    var values: [PolicyValue]
    var abstentions: Int

    func render() -> HTMLReport {
        let data = run.data
        let names = data.armNames, reference = names[data.referenceArm]
        var page = HTMLReport(title: "Treatment effects: \(outcomeName)",
                              subtitle: "\(data.patientCount) patients · \(run.modelFile.learner)-learner (\(run.modelFile.outcomeModel)) · reference \(reference)")

        page.section("effects", "Average treatment effects")
        page.paragraph("Doubly robust (AIPW) average effect of each arm against \(reference), from cross-fitted propensity and outcome models. These are averages over the patients studied: the per-patient effects, their standard errors and the recommendations are in effects.tsv. Per-patient standard errors come from a bootstrap of the final model only: in simulation their 95% intervals covered about 70% of the true effects, so read them as relative, not calibrated, uncertainty.")
        let rows = averageEffects.map { ForestPlot.Row(label: $0.arm, estimate: $0.estimate, lower: $0.lower, upper: $0.upper,
                                                       annotation: "\(scale.signedNumber($0.estimate)) [\(scale.signedNumber($0.lower)), \(scale.signedNumber($0.upper))]") }
        page.figure(Self.fitted(ForestPlot(title: "Average effect vs \(reference)", xLabel: "difference in \(outcomeName)", rows: rows, reference: 0)).svg(),
                    caption: "AIPW estimates with 95% confidence intervals (influence-function standard errors).")
        for e in averageEffects {
            page.record("ate.\(e.arm)", e.estimate); page.record("ate.\(e.arm).lower", e.lower); page.record("ate.\(e.arm).upper", e.upper)
        }
        page.endSection()

        page.section("overlap", "Propensity overlap")
        page.paragraph(String(format: "%.1f%% of patients have a propensity below %.2f for some arm. Kish effective sample size under inverse-probability weights: %@.",
                              100 * overlap.extremeShare, overlap.threshold,
                              names.indices.map { "\(names[$0]) \(Int(overlap.effectiveSampleSize[$0].rounded())) of \(overlap.armSizes[$0])" }.joined(separator: ", ")))
        let overlapRows = overlap.distributions.map { d in
            ForestPlot.Row(label: "P(\(d.propensityArm)) | got \(d.receivedArm)", estimate: d.quantiles[3], lower: d.quantiles[1],
                           upper: d.quantiles[5], annotation: String(format: "median %.2f, n %d", d.quantiles[3], d.count))
        }
        page.figure(Self.fitted(ForestPlot(title: "Propensity by arm received", xLabel: "propensity (median, 5th–95th percentile)", rows: overlapRows)).svg(),
                    caption: "Each row: the cross-fitted probability of one arm among the patients who received an arm. Good overlap: every arm's propensity stays away from 0 among the patients of every arm.")
        overlap.messages.forEach { page.note($0) }
        page.record("overlap.extreme_share", overlap.extremeShare)
        page.endSection()

        page.section("balance", "Covariate balance")
        let worstBefore = balance.rows.map { abs($0.smdBefore) }.max() ?? .nan
        let worstAfter = balance.rows.compactMap { $0.smdAfter.map(abs) }.max() ?? .nan
        page.paragraph(String(format: "Largest absolute standardised mean difference: %.2f before weighting, %.2f after (0.1 is the usual threshold). Balance on the measured covariates says nothing about unmeasured ones.", worstBefore, worstAfter))
        let shown = balance.rows.sorted { abs($0.smdBefore) > abs($1.smdBefore) }.prefix(25)
        page.table(columns: ["covariate", "arm vs reference", "SMD before", "SMD after"],
                   rows: shown.map { [$0.covariate, "\($0.arm) vs \($0.reference)", String(format: "%.3f", $0.smdBefore),
                                      $0.smdAfter.map { String(format: "%.3f", $0) } ?? "—"] },
                   caption: "The 25 largest imbalances before weighting (all rows in balance.tsv)", numericColumns: [2, 3])
        page.record("balance.max_abs_smd_before", worstBefore)
        page.record("balance.max_abs_smd_after", worstAfter)
        page.endSection()

        if let survival {
            page.section("ipw-survival", "Survival by arm, unweighted and inverse-probability weighted")
            let end = horizon * 1.5
            var series: [LineChart.Series] = []
            for (label, comparison, dashed) in [("", survival.unweighted, true), (" (IPW)", survival.weighted, false)] {
                for (a, curve) in comparison.curves.enumerated() {
                    let x = [0] + curve.times.filter { $0 <= end }
                    series.append(.init(name: names[a] + label, x: x, y: x.map { curve.survival(at: $0) }, steps: true, dashed: dashed))
                }
            }
            page.figure(LineChart(title: "Kaplan–Meier by arm", xLabel: "time", yLabel: "survival", series: series,
                                  xRange: 0...end, yRange: 0...1).svg(),
                        caption: "Dashed: unweighted; solid: weighted by the inverse of the cross-fitted propensity of the arm received (a pseudo-population in which arm does not depend on the covariates).")
            let rmst = survival.weighted.restrictedMeanDifference(to: horizon)
            page.table(columns: ["arm", "IPW RMST to \(String(format: "%g", horizon))", "difference vs \(reference)"],
                       rows: names.indices.map { a in [names[a], String(format: "%.2f", survival.weighted.curves[a].restrictedMean(to: horizon)),
                                                       String(format: "%+.2f", rmst[a])] }, numericColumns: [1, 2])
            page.endSection()
        }

        page.section("uplift", "Who benefits: uplift and RATE")
        page.paragraph("Patients ranked by their out-of-fold predicted effect; the targeting operator characteristic (TOC) is the average effect among the top-ranked fraction minus the average effect overall, measured with AIPW scores. A ranking that finds the patients who benefit more rises above 0 on the left. RATE summarises the curve (AUTOC, Qini weighting) with a half-sample bootstrap CI (Yadlowsky et al. 2021).")
        let tocSeries = uplift.map { item in
            // From 5% on: the first few patients' average is too noisy to read.
            let points = item.curve.points.filter { $0.fraction >= 0.05 }
            return LineChart.Series(name: item.arm, x: points.map(\.fraction), y: points.map(\.toc))
        }
        page.figure(LineChart(title: "Targeting operator characteristic", xLabel: "fraction treated first",
                              yLabel: "TOC (\(outcomeName))", series: tocSeries, xRange: 0...1).svg(),
                    caption: "One curve per arm against \(reference), from the top 5% of patients on.")
        page.table(columns: ["arm", "target", "RATE", "95% CI", "p"],
                   rows: rates.map { [$0.arm, $0.target, String(format: "%.4g", $0.estimate),
                                      String(format: "%.4g to %.4g", $0.lower, $0.upper), String(format: "%.2g", $0.pValue)] },
                   numericColumns: [2, 4])
        for r in rates { page.record("rate.\(r.arm).\(r.target)", r.estimate) }
        page.endSection()

        page.section("policy", "Regimen recommendation and its value")
        page.paragraph("\(data.patientCount - abstentions) patients get a recommended arm and \(abstentions) get \"no clear benefit\" (the best arm's lower confidence bound does not beat the alternatives by the margin). The policy's value is estimated off-policy (doubly robust, AIPW), with current practice and treat-everyone-with-one-arm as baselines; abstaining patients keep the arm they received.")
        let valueRows = values.compactMap { v -> ForestPlot.Row? in
            guard let dr = v.doublyRobust else { return nil }
            return ForestPlot.Row(label: v.policy, estimate: dr.value, lower: dr.lower, upper: dr.upper,
                                  annotation: String(format: "%.3f [%.3f, %.3f]", dr.value, dr.lower, dr.upper))
        }
        page.figure(Self.fitted(ForestPlot(title: "Policy values (doubly robust)", xLabel: outcomeName, rows: valueRows)).svg(),
                    caption: "Expected \(outcomeName) if every patient were treated by the policy, with 95% CIs.")
        for v in values { if let dr = v.doublyRobust { page.record("policy.\(v.policy)", dr.value) } }
        page.endSection()
        return page
    }

    /// The plot with room for its longest row label (about 6.5 px per character), its plotting area kept at 520 px.
    static func fitted(_ plot: ForestPlot) -> ForestPlot {
        var plot = plot
        plot.labelWidth = max(200, 20 + 6.5 * Double(plot.rows.map(\.label.count).max() ?? 0))
        plot.width = plot.labelWidth + 520
        return plot
    }
}
