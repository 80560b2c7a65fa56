import Foundation
import ImmunoKit

extension DemoRun {
    /// Biomarker discovery on the simulated cohort: every numeric clinical feature and every gene scanned for
    /// response within each site (Mann–Whitney AUC), meta-analysed across sites (REML) with leave-one-site-out
    /// stability; a volcano plot, the top findings and a forest plot of the best one. The simulator's truth
    /// says which genes carry the inflamed programme, so the page can say whether they were found.
    static func discovery(_ simulated: SimulatedCohort) throws -> (page: HTMLReport, text: String) {
        let cohort = simulated.cohort
        let (target, rows, _) = try cohort.learningTarget(.response)
        guard case .binary(let y) = target, case .categorical(let siteOf)? = cohort.column("site")?.values else {
            throw DemoFailure(message: "the simulated cohort has no response or site column")
        }
        let numeric = cohort.clinical.filter { $0.numericValues != nil && $0.name != "site" }.map(\.name)
        let genes = cohort.expression.map { $0.genes.map { "gene:\($0)" } } ?? []
        let columns = try cohort.featureColumns(numeric + genes)
        // Continuous features only, so that every effect is on the AUC scale (binary ones would get Fisher's odds ratio).
        let features = columns.map { c in (name: c.name, values: rows.map { c.numericValues![$0] ?? .nan }) }
            .filter { Set($0.values.filter { !$0.isNaN }).count > 2 }
        let sites = rows.map { siteOf[$0] ?? "" }
        var perSite: [(cohort: String, results: [AssociationResult])] = []
        for site in Set(sites).sorted() where !site.isEmpty {
            let idx = sites.indices.filter { sites[$0] == site }
            let sub = features.map { f in (name: f.name, values: idx.map { f.values[$0] }) }
            perSite.append((site, AssociationScan.run(features: sub, outcome: .binary(idx.map { y[$0] == 1 }))))
        }
        let findings = CrossCohortMetaScan.run(cohortResults: perSite).sorted { $0.pooled.pValue < $1.pooled.pValue }

        var page = HTMLReport(title: "Biomarker discovery")
        page.section("discovery", "Biomarker discovery: response, meta-analysed across sites")
        let significant = findings.filter { $0.qValueBH < 0.05 }
        let stable = significant.filter(\.isStable)
        page.paragraph("\(features.count) continuous features (clinical values and \(genes.count) genes) tested for response within each of \(perSite.count) sites (Mann–Whitney; effect = AUC − 0.5), pooled by random-effects meta-analysis (REML). \(significant.count) pass Benjamini–Hochberg q < 0.05; \(stable.count) of them stay significant when any one site is left out.")
        let points = findings.map { VolcanoPlot.Point(label: $0.feature, effect: $0.pooled.estimate, pValue: $0.pooled.pValue, qValue: $0.qValueBH) }
        page.figure(VolcanoPlot(title: "Associations with response, pooled over sites", xLabel: "pooled AUC − 0.5", points: points).svg(),
                    caption: "Each point is a feature; coloured points pass q < 0.05 (Benjamini–Hochberg over all features).")
        page.table(columns: ["feature", "pooled AUC", "95% CI", "q", "I²", "stable leaving one site out"],
                   rows: findings.prefix(12).map { f in
                       [f.feature, String(format: "%.3f", 0.5 + f.pooled.estimate),
                        String(format: "%.3f–%.3f", 0.5 + f.pooled.lower, 0.5 + f.pooled.upper), String(format: "%.2g", f.qValueBH),
                        String(format: "%.0f%%", 100 * f.pooled.iSquared), f.isStable ? "yes" : "no"]
                   }, caption: "Top findings", numericColumns: [1, 3, 4])
        if let top = findings.first {
            let rowsPlot = zip(top.cohortNames, top.perCohort).map { site, r in
                ForestPlot.Row(label: site, estimate: r.effect, lower: r.lower, upper: r.upper,
                               annotation: String(format: "AUC %.2f (n %d)", r.effect, r.count))
            } + [ForestPlot.Row(label: "Pooled (REML)", estimate: 0.5 + top.pooled.estimate, lower: 0.5 + top.pooled.lower,
                                upper: 0.5 + top.pooled.upper, annotation: String(format: "AUC %.2f", 0.5 + top.pooled.estimate),
                                isSummary: true)]
            page.figure(ForestPlot(title: "\(top.feature) by site", xLabel: "AUC", rows: rowsPlot, reference: 0.5).svg(),
                        caption: "Per-site AUC with 95% CIs and the random-effects summary.")
        }
        page.record("features", Double(features.count))
        page.record("significant", Double(significant.count))
        page.record("stable", Double(stable.count))
        page.endSection()
        var text = "\nBiomarker discovery (response, \(features.count) features, meta-analysed over \(perSite.count) sites):\n"
        text += "  \(significant.count) pass q < 0.05, \(stable.count) of them stable leaving one site out; top: "
        text += findings.prefix(5).map { String(format: "%@ (AUC %.2f)", $0.feature, 0.5 + $0.pooled.estimate) }.joined(separator: ", ") + "\n"
        return (page, text)
    }

    /// SHAP explanations of the demo model at the external site: the beeswarm summary and three patients'
    /// explanations in words.
    static func explanation(_ simulated: SimulatedCohort, artifact: ModelArtifact) throws -> (page: HTMLReport, text: String) {
        let (name, site) = externalSite(simulated)
        let full = FeatureMatrix(clinical: try site.featureColumns(artifact.schema.names))
        let (shap, transformed) = try ModelExplainer.shapValues(artifact.model, features: full, reference: full)
        let raw = ExplainCommand.displayValues(transformed, inputs: full)
        var page = HTMLReport(title: "Model explanation")
        page.section("explanation", "What drives the model's predictions (SHAP)")
        page.paragraph("Exact SHAP values of the logistic model (log-odds scale) for the \(full.rowCount) patients of site \(name): each dot is a patient, its position the feature's contribution, its colour the feature's value.")
        page.figure(BeeswarmPlot(title: "SHAP summary at \(name)", shap: shap, values: raw, maxFeatures: 12).svg(),
                    caption: "Features ordered by mean |SHAP|.")
        var text = "\nExplanations (SHAP, logistic model, site \(name)):\n"
        var examples: [String] = []
        for i in [0, full.rowCount / 2, full.rowCount - 1] where i >= 0 && i < full.rowCount {
            let e = PatientExplanation(shap: shap, row: i, values: raw.row(i), patient: site.patientIDs[i])
            examples.append(e.text(limit: 3))
        }
        for example in examples { page.paragraph(example) }
        text += examples.prefix(1).map { "  " + $0.replacingOccurrences(of: "\n", with: "\n  ") + "\n" }.joined()
        page.endSection()
        return (page, text)
    }

    /// Population PK of pembrolizumab, 200 mg q3w against 400 mg q6w, in 300 virtual patients over 24 weeks,
    /// with the Kuznetsov tumour–immune model under each schedule.
    static func dosing(seed: UInt64) throws -> (page: HTMLReport, text: String) {
        let command = try DosingCommand.parse(["--drug", "pembrolizumab", "--regimens", "200mg q3w,400mg q6w", "--population", "300",
                                               "--duration", "24", "--tumour", "--out", "unused", "--seed", String(seed)])
        let regimens = try Regimen.parseList("200mg q3w,400mg q6w", infusionHours: 0.5)
        let patients = try VirtualPopulation().patients(count: 300, seed: seed)
        let options = PKSimulationOptions(durationDays: 24 * 7, targetConcentration: nil)
        let model = CheckpointInhibitor.pembrolizumab.defaultModel
        let result = try PopulationPKSimulation.run(model: model, regimens: regimens, patients: patients, seed: seed,
                                                    includeVariability: true, options: options)
        let tumour = try TumourScheduleComparison.run(model: model, regimens: regimens, patients: patients, seed: seed,
                                                      includeVariability: true, durationDays: options.durationDays)
        var page = command.report(result, result.regimens.map { command.chart(for: $0, target: nil) }, tumour, notes: result.diagnostics)
        page.title = "Dosing"
        var text = "\nDosing (pembrolizumab population PK, 300 virtual patients, 24 weeks):\n"
        for regimen in result.regimens {
            let trough = regimen.summaries.first { $0.metric == "trough_steady_state" }
            let average = regimen.summaries.first { $0.metric == "cavg_steady_state" }
            text += String(format: "  %@: median trough at steady state %.1f µg/mL, average %.1f µg/mL\n", regimen.regimen.label,
                           trough?.median ?? .nan, average?.median ?? .nan)
        }
        return (page, text)
    }
}
