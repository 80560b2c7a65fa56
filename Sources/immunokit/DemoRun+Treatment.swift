import Foundation
import ImmunoKit

extension DemoRun {
    /// The covariates of the demo's effect model: what a clinic has at the decision.
    static let effectCovariates = ["tmb", "pdl1_tps", "albumin", "nlr", "ecog", "cancer_type"]

    /// Treatment effects on the whole simulated cohort: a T-learner (a logistic regression per arm) for the
    /// response effect of each arm against chemotherapy, recommendations with abstention (margin 2 points),
    /// and — because the simulator knows every patient's response probability under every arm — the
    /// precision of the individual effects (PEHE) and the regret of the recommended policy against the truth.
    static func treatmentEffects(_ simulated: SimulatedCohort, seed: UInt64) throws -> (page: HTMLReport, text: String) {
        let cohort = simulated.cohort
        let present = Set(cohort.treatment.drugClass.compactMap { $0?.rawValue }).sorted()
        let data = try TreatmentData.from(cohort, arm: .drugClass, armNames: present, reference: DrugClass.chemotherapy.rawValue,
                                          covariates: effectCovariates, outcome: .response)
        let run = try EffectsAnalysis.fit(data: data, kind: .t, family: .linear, estimand: .riskDifference, folds: 5,
                                          seReplicates: 10, seed: seed)
        let report = try EffectsAnalysis.evaluate(run, margin: 0.02, rateReplicates: 100, seed: seed,
                                                  outcomeName: "response probability", scale: .probability, horizon: 24)

        // The truth: each patient's response probability under each arm, in the data's arm order.
        let truth = Dictionary(uniqueKeysWithValues: simulated.truth.patients.map { ($0.patientID, $0) })
        let arms = data.armNames.map { name in TreatmentArm.allCases.first { $0.drugClass.rawValue == name }! }
        let ids = data.patientIDs ?? []
        let potential = ids.map { id in arms.map { truth[id]!.responseProbability[$0] } }
        let propensities = ids.map { id in arms.map { truth[id]!.propensity[$0] } }
        let regret = try PolicyRegret(report.policy, potentialOutcomes: potential, propensities: propensities)
        let practice = try PolicyRegret(try PolicyAssignment.currentPractice(patients: ids.count, armCount: arms.count),
                                        potentialOutcomes: potential, propensities: propensities)
        let bestSingle = try arms.indices.map { a in
            try PolicyRegret(try PolicyAssignment.treatAll(a, name: data.armNames[a], patients: ids.count, armCount: arms.count),
                             potentialOutcomes: potential)
        }.min { $0.regret < $1.regret }!

        var text = "\nTreatment effects (T-learner, logistic regression per arm; response; reference chemotherapy):\n"
        for a in data.comparisonArms {
            let estimated = run.predictions.effects[a]
            let actual = ids.map { truth[$0]!.responseEffect(arms[a]) }
            let accuracy = try EffectAccuracy(estimates: estimated, truth: actual, standardErrors: run.predictions.standardErrors?[a])
            text += String(format: "  %@: true mean effect %+.3f, estimated %+.3f; PEHE %.3f (the true mean effect for everyone would give %.3f)%@\n",
                           data.armNames[a], accuracy.meanTruth, accuracy.meanEstimate, accuracy.pehe, accuracy.constantEffectPEHE,
                           accuracy.coverage.map { String(format: "; 95%% CI coverage %.0f%%", 100 * $0) } ?? "")
        }
        let recommended = report.summary.patients - report.summary.abstentions
        text += String(format: "  recommendations: %d patients get an arm, %d \"no clear benefit\" (margin 2 points)\n",
                       recommended, report.summary.abstentions)
        text += String(format: "  true response rate: optimal %.3f; recommended policy %.3f (regret %.3f); current practice %.3f (regret %.3f); best single arm (%@) %.3f (regret %.3f)\n",
                       regret.optimalValue, regret.value, regret.regret, practice.value, practice.regret,
                       bestSingle.policy, bestSingle.value, bestSingle.regret)
        var page = report.page
        page.section("effects-truth", "Against the simulator's truth")
        page.paragraph(text.trimmingCharacters(in: .whitespacesAndNewlines))
        page.record("regret.recommended", regret.regret)
        page.record("regret.current_practice", practice.regret)
        page.endSection()
        return (page, text)
    }
}
