import CohortData
import Foundation
import Learning
import Testing
import TestSupport
@testable import Treatment

/// MSK ICI (Chowell 2022 training split) pooled with MSK non-ICI patients: how the overall-survival benefit
/// of ICI (RMST to 24 months) varies with TMB, albumin, NLR and cancer type. Observational: see the caveats
/// printed at the end.
@Suite(.enabled(if: SharedData.shouldRun("cohorts/msk_nonici/MSK_nonICB.csv")))
struct RealDataTreatmentTests {
    @Test("ICI survival benefit is larger with higher TMB (Samstein 2019, Chowell 2022 direction)")
    func mskICIBenefitByBiomarker() throws {
        let ici = try CohortReader.read(try SharedData.require("cohorts/msk_chowell_train/Chowell_train.csv"))
        let non = try CohortReader.read(try SharedData.require("cohorts/msk_nonici/MSK_nonICB.csv"))
        let covariates = ["TMB", "Albumin", "NLR", "Age", "CancerType"]
        let data = try TreatmentData.pooling([(ici, "ICI"), (non, "non-ICI")], reference: "non-ICI",
                                             covariates: covariates, outcome: .os)
        // The non-ICI file has TMB, NLR and age capped (50, 25, 85; LORIS preprocessing): cap both arms alike.
        var preprocessing = PreprocessingConfiguration()
        preprocessing.caps = ["TMB": .init(upper: 50), "NLR": .init(upper: 25), "Age": .init(upper: 85)]
        let trees = Pipeline(preprocessing: preprocessing,
                             model: GradientBoostedTrees(iterations: 100, learningRate: 0.05, maxLeaves: 8, minSamplesLeaf: 20))
        let learner = MetaLearner(kind: .dr, estimand: .restrictedMeanSurvivalTime(horizon: 24), outcomeEstimator: trees,
                                  effectEstimator: trees, folds: 5, standardErrorReplicates: 0)
        let fit = try learner.fit(data, seed: 2024)
        let cf = try #require(fit.crossFit)
        let a = try #require(data.armNames.firstIndex(of: "ICI")), r = data.referenceArm
        let n = data.patientCount
        let contrast = (0..<n).map { cf.scores[a][$0] - cf.scores[r][$0] }
        func column(_ name: String) -> [Double] {
            let j = data.covariates.index(of: name)!
            return Array(data.covariates.column(j))
        }
        let tmb = column("TMB").map { min($0, 50) }, albumin = column("Albumin"), nlr = column("NLR").map { min($0, 25) }
        let typeCodes = column("CancerType")
        let typeLevels = data.covariates.categoricalLevels["CancerType"] ?? []
        let types = typeCodes.map { $0.isFinite && Int($0) < typeLevels.count ? typeLevels[Int($0)] : nil }

        // Overlap and the average effect.
        let scores = PropensityScores(armNames: data.armNames, referenceArm: r, arm: data.arm, probabilities: cf.propensities)
        let overlap = try OverlapDiagnostics(scores)
        let balance = try BalanceTable(data, weights: try PropensityWeights(scores).weights)
        let ate = try #require(cf.doublyRobustEffects().first)
        print(String(format: "[treatment] MSK pooled: n %d (ICI %d, non-ICI %d); DR ICI effect on RMST(24 mo) %+.2f months [%.2f, %.2f]",
                     n, data.arm.filter { $0 == a }.count, data.arm.filter { $0 == r }.count, ate.estimate, ate.lower, ate.upper))
        print(String(format: "[treatment] overlap: %.1f%% of patients with a propensity < 0.05; ESS ICI %.0f, non-ICI %.0f; max |SMD| before %.2f, after IPW %.2f",
                     100 * overlap.extremeShare, overlap.effectiveSampleSize[a], overlap.effectiveSampleSize[r],
                     balance.rows.map { abs($0.smdBefore) }.max() ?? .nan, balance.rows.compactMap { $0.smdAfter.map(abs) }.max() ?? .nan))
        for d in overlap.distributions where d.propensityArm == "ICI" {
            print(String(format: "[treatment]   P(ICI | x) among %@: median %.2f, 5%%–95%% %.2f–%.2f", d.receivedArm, d.quantiles[3], d.quantiles[1], d.quantiles[5]))
        }

        // Subgroups defined by covariates only.
        let sortedTMB = tmb.sorted()
        let quartileCuts = [0.25, 0.5, 0.75].map { sortedTMB[Int($0 * Double(n - 1))] }
        let quartile = tmb.map { x -> String? in "TMB Q\(1 + quartileCuts.filter { x > $0 }.count)" }
        let byQuartile = try SubgroupEffects(scores: contrast, groups: quartile)
        let byTMB10 = try SubgroupEffects(scores: contrast, groups: tmb.map { $0 >= 10 ? "TMB ≥ 10" : "TMB < 10" })
        let byAlbumin = try SubgroupEffects(scores: contrast, groups: albumin.map { $0 < 3.5 ? "albumin < 3.5" : "albumin ≥ 3.5" })
        let byNLR = try SubgroupEffects(scores: contrast, groups: nlr.map { $0 >= 5 ? "NLR ≥ 5" : "NLR < 5" })
        var typeCount: [String: (Int, Int)] = [:]
        for i in 0..<n { if let t = types[i] { typeCount[t, default: (0, 0)].0 += data.arm[i] == a ? 1 : 0; typeCount[t, default: (0, 0)].1 += data.arm[i] == r ? 1 : 0 } }
        let bigTypes = Set(typeCount.filter { $0.value.0 >= 30 && $0.value.1 >= 30 }.keys)
        let byType = try SubgroupEffects(scores: contrast, groups: types.map { t in t.flatMap { bigTypes.contains($0) ? $0 : nil } })
        for (label, s) in [("TMB quartile (cuts \(quartileCuts.map { String(format: "%.1f", $0) }.joined(separator: ", ")))", byQuartile),
                           ("TMB ≥ 10", byTMB10), ("albumin", byAlbumin), ("NLR", byNLR), ("cancer type (≥ 30 per arm)", byType)] {
            print("[treatment] ICI effect on RMST(24 mo) by \(label):")
            for g in s.groups {
                print(String(format: "[treatment]   %@ (n %d): %+.2f months [%.2f, %.2f]", g.name, g.count, g.estimate, g.lower, g.upper))
            }
        }
        let tmbDifference = try byTMB10.difference("TMB ≥ 10", "TMB < 10")
        let quartileDifference = try byQuartile.difference("TMB Q4", "TMB Q1")
        let albuminDifference = try byAlbumin.difference("albumin ≥ 3.5", "albumin < 3.5")
        let nlrDifference = try byNLR.difference("NLR < 5", "NLR ≥ 5")
        for d in [tmbDifference, quartileDifference, albuminDifference, nlrDifference] {
            print(String(format: "[treatment] difference %@ − %@: %+.2f months [%.2f, %.2f], p %.2g", d.first, d.second, d.estimate, d.lower, d.upper, d.pValue))
        }

        // TMB itself as a pre-specified prioritisation rule for ICI (no fitting, so no overfitting).
        for target in RankWeightedAverageTreatmentEffect.Target.allCases {
            let rate = try RankWeightedAverageTreatmentEffect(priorities: tmb, scores: contrast,
                                                              configuration: .init(target: target, seed: 7))
            print(String(format: "[treatment] RATE of TMB for ICI benefit (%@): %.2f months [%.2f, %.2f], p %.2g", target.rawValue,
                         rate.estimate, rate.lower, rate.upper, rate.pValue))
            if target == .autoc { #expect(rate.estimate > 0) }
        }
        print("[treatment] caveats: observational pooling of two MSK cohorts; confounding by line of therapy and prior treatment, treatment era (ICI 2015–2017 vs non-ICI), selection into ICI by fitness and expected benefit, cancer-type mix, and immortal-time / left truncation (OS counted from ICI start, sequencing timing differs) could all shift these effects; only the covariates TMB, albumin, NLR, age and cancer type are adjusted for.")

        // Published direction: higher TMB, larger ICI survival benefit.
        #expect(tmbDifference.estimate > 0)
        #expect(quartileDifference.estimate > 0)
        #expect(byTMB10.group("TMB ≥ 10")!.estimate > 0)
    }
}
