import CohortData
import Foundation
import Learning
import Simulation
import Statistics
import Testing
import TestSupport
@testable import Treatment

/// Off-policy evaluation and regret on simulated cohorts whose potential outcomes are known.
@Suite("Policy on simulated cohorts", .serialized)
struct PolicySimulationTests {
    /// A simulated cohort reduced to what the policy layer sees: covariates, arm received, response, true
    /// propensities and true response probabilities per arm (patients with a missing response dropped).
    struct Trial {
        var features: FeatureMatrix
        var arm: [Int]
        var response: [Double]
        var propensities: [[Double]]
        var truth: [[Double]]
    }

    static let arms = TreatmentArm.allCases

    static func trial(patients: Int, seed: UInt64) throws -> Trial {
        var configuration = SimulationConfiguration(patientCount: patients, seed: seed)
        configuration.expressionGeneCount = GenePanel.minimumGeneCount
        configuration.embeddingBlockCount = 0
        let simulated = try CohortSimulator.simulate(configuration)
        let cohort = simulated.cohort
        let rows = cohort.patientIDs.indices.filter { cohort.outcomes.response?.values[$0] != nil }
        func numeric(_ name: String, _ transform: (Double) -> Double = { $0 }) -> [Double] {
            let values = cohort.column(name)!.numericValues!
            let observed = rows.compactMap { values[$0] }.map(transform)
            let fill = observed.reduce(0, +) / Double(observed.count)
            return rows.map { values[$0].map(transform) ?? fill }
        }
        var names = ["log2_tmb", "pdl1_tps", "ecog", "albumin", "log_nlr", "prior_systemic_therapy"]
        var columns = [numeric("tmb") { log2(1 + $0) }, numeric("pdl1_tps"), numeric("ecog"), numeric("albumin"),
                       numeric("nlr") { log($0) }, numeric("prior_systemic_therapy")]
        let type = cohort.column("cancer_type")!
        for level in type.levels.dropFirst() {
            names.append("type_\(level)")
            columns.append(rows.map { type.text(at: $0) == level ? 1 : 0 })
        }
        let truth = simulated.truth.patients
        return Trial(features: FeatureMatrix(names: names, columns: columns),
                     arm: rows.map { truth[$0].assignedArm.ordinal },
                     response: rows.map { cohort.outcomes.response!.values[$0]! ? 1 : 0 },
                     propensities: rows.map { truth[$0].propensity.values },
                     truth: rows.map { truth[$0].responseProbability.values })
    }

    /// A cross-fitted T-learner: one ridge-penalised logistic regression per arm, fitted on one half of
    /// the patients and predicting the other half under every arm (so the policy and its DR value do not
    /// reuse a patient's own outcome).
    static func outcomeModel(_ trial: Trial) throws -> [[Double]] {
        let n = trial.arm.count
        var predictions = [[Double]](repeating: [Double](repeating: 0, count: arms.count), count: n)
        for fold in 0..<2 {
            let held = (0..<n).filter { $0 % 2 == fold }
            let heldFeatures = trial.features.selectingRows(held)
            for a in arms.indices {
                let rows = (0..<n).filter { trial.arm[$0] == a && $0 % 2 != fold }
                let data = Dataset(features: trial.features.selectingRows(rows), target: .binary(rows.map { trial.response[$0] }))
                let model = try ElasticNetLogisticRegression(alpha: 0, lambda: 0.01).fit(data)
                for (j, p) in try model.predict(heldFeatures).enumerated() { predictions[held[j]][a] = p }
            }
        }
        return predictions
    }

    @Test("DR values cover the true policy values; the learned policy's regret is well below treat-all ICI's")
    func regretAndCoverage() throws {
        var covered = 0, total = 0
        var learnedRegrets: [Double] = [], treatAllRegrets: [Double] = []
        for seed: UInt64 in [1, 2, 3] {
            let t = try Self.trial(patients: 2500, seed: seed)
            let n = t.arm.count, k = Self.arms.count
            let mu = try Self.outcomeModel(t)
            let evaluation = try OffPolicyEvaluation(armNames: Self.arms.map(\.rawValue), outcome: t.response, arm: t.arm,
                                                     propensities: t.propensities, predictions: mu)
            let estimates = mu.enumerated().map { i, m in ArmEstimates(patientID: "\(i)", expected: m, standardErrors: [Double](repeating: 0, count: k)) }
            let recommendations = try RegimenPolicy().recommend(arms: Self.arms.map(\.rawValue), patients: estimates)
            let learned = try PolicyAssignment.recommendations(recommendations, arms: Self.arms.map(\.rawValue), name: "learned")
            var policies = [learned, try .currentPractice(patients: n, armCount: k)]
            for a in 0..<k { policies.append(try .treatAll(a, name: "treat all \(Self.arms[a].rawValue)", patients: n, armCount: k)) }
            for policy in policies {
                let v = try evaluation.value(policy)
                let truth = try PolicyRegret(policy, potentialOutcomes: t.truth, propensities: t.propensities)
                let dr = try #require(v.doublyRobust)
                total += 1
                if abs(dr.value - truth.value) <= 1.959963984540054 * dr.standardError { covered += 1 }
                #expect(abs(dr.value - truth.value) <= 4 * dr.standardError, "\(policy.name): DR \(dr.value) vs true \(truth.value) (SE \(dr.standardError))")
                if policy.name == "learned" { learnedRegrets.append(truth.regret) }
                if policy.name == "treat all anti_pd1_pdl1" { treatAllRegrets.append(truth.regret) }
                if seed == 1 {
                    print(String(format: "[treatment] seed 1 %@: DR %.4f ± %.4f, IPW %.4f, SNIPW %.4f, true %.4f, regret %.4f",
                                 policy.name, dr.value, dr.standardError, v.inverseProbabilityWeighted.value,
                                 v.selfNormalized.value, truth.value, truth.regret))
                }
            }
        }
        print("[treatment] DR 95% CI covered the true value in \(covered)/\(total); learned regret \(learnedRegrets), treat-all anti-PD-1 regret \(treatAllRegrets)")
        #expect(Double(covered) >= 0.8 * Double(total))
        for (learned, all) in zip(learnedRegrets, treatAllRegrets) {
            #expect(learned < 0.5 * all, "learned regret \(learned) vs treat-all anti-PD-1 \(all)")
        }
    }
}
