import Evaluation
import Foundation
import Statistics
import Testing

/// Survival metrics against scikit-survival 0.28 and lifelines 0.30.3 (`evaluation.json`): 300 training
/// and 200 test patients on a half-month grid (tied times, ties between events and censorings).
@Suite struct SurvivalMetricsTests {
    let reference: ReferenceValues.Section
    let training: SurvivalOutcomes
    let test: SurvivalOutcomes
    let risk: [Double]

    init() throws {
        reference = try ReferenceValues.load().section("survival")
        training = SurvivalOutcomes(time: reference.doubles("train_time"), event: reference.bools("train_event"))
        test = SurvivalOutcomes(time: reference.doubles("test_time"), event: reference.bools("test_event"))
        risk = reference.doubles("risk")
    }

    @Test func harrellsCMatchesScikitSurvivalAndLifelines() throws {
        let c = try ConcordanceIndex.harrell(test, risk: risk)
        let r = reference.section("harrell")
        #expect(close(c.value, r.double("cindex"), 1e-12))
        #expect(c.concordant == Int(r.double("concordant")))
        #expect(c.discordant == Int(r.double("discordant")))
        #expect(c.tiedRisk == Int(r.double("tied_risk")))
        #expect(close(c.value, reference.double("lifelines_cindex"), 1e-12))
    }

    @Test func harrellsCCountsTiesAsHalf() throws {
        // Events at 1, 2, 3; risks tie for the first two. Comparable pairs: (1,2) tie, (1,3) concordant,
        // (2,3) concordant → (2 + ½)/3.
        let c = try ConcordanceIndex.harrell(SurvivalOutcomes(time: [1, 2, 3], event: [true, true, true]), risk: [2, 2, 1])
        #expect(close(c.value, 2.5 / 3, 1e-15))
        #expect(c.comparable == 3 && c.tiedRisk == 1)
    }

    @Test func unosCMatchesScikitSurvival() throws {
        let c = try ConcordanceIndex.uno(test, risk: risk, training: training)
        #expect(close(c.value, reference.double("uno"), 1e-10))
        let truncated = try ConcordanceIndex.uno(test, risk: risk, training: training, truncation: reference.double("tau"))
        #expect(close(truncated.value, reference.double("uno_tau"), 1e-10))
    }

    @Test func cumulativeDynamicAUCMatchesScikitSurvival() throws {
        let auc = try CumulativeDynamicAUC(test, risk: risk, training: training, times: reference.doubles("times"))
        #expect(close(auc.auc, reference.doubles("auc"), 1e-10))
        #expect(close(auc.meanAUC, reference.double("mean_auc"), 1e-10))
        #expect(throws: EvaluationError.self) {
            try CumulativeDynamicAUC(test, risk: risk, training: training, times: [1000])
        }
    }

    @Test func brierScoresMatchScikitSurvival() throws {
        let brier = try SurvivalBrierScore(test, survivalProbabilities: reference.matrix("survival_at_times"),
                                           training: training, times: reference.doubles("times"))
        #expect(close(brier.scores, reference.doubles("brier"), 1e-10))
        #expect(close(brier.integrated, reference.double("integrated_brier"), 1e-10))
    }

    @Test func kaplanMeierMatchesLifelines() throws {
        let km = try KaplanMeier(test)
        let times = reference.doubles("km_times")
        #expect(close(times.map { km.survival(at: $0) }, reference.doubles("km_survival"), 1e-12))
        for (t, ci) in zip(times, reference.matrix("km_ci")) {
            let (lo, hi) = km.confidenceInterval(at: t)
            #expect(close([lo, hi], ci, 1e-10), "interval at \(t)")
        }
    }

    @Test func greenwoodVarianceByHand() throws {
        // Times 1, 2, 2+, 3, 4+: S(1) = 4/5, S(3) = 4/5 · 1/2 (2 at risk at 3).
        let km = try KaplanMeier(time: [1, 2, 2, 3, 4], event: [true, true, false, true, false])
        #expect(close(km.survival(at: 1), 0.8, 1e-15))
        #expect(close(km.survival(at: 2), 0.6, 1e-15))
        #expect(close(km.survival(at: 3), 0.3, 1e-15))
        let terms: [Double] = [1.0 / 20, 1.0 / 12, 1.0 / 2]
        let greenwood = terms.reduce(0, +)
        #expect(close(km.variance(at: 3.5), 0.09 * greenwood, 1e-15))
        #expect(km.medianSurvivalTime == 3)
    }

    @Test func calibrationAtHorizonMatchesLifelinesByGroup() throws {
        let horizon = reference.double("horizon")
        let predicted = risk.map { exp(-pow(horizon / 20, 1.3) * exp($0)) }
        let calibration = try SurvivalCalibration(test, predictedSurvival: predicted, horizon: horizon, groupCount: 5)
        for (group, r) in zip(calibration.groups, reference.sections("calibration_groups")) {
            #expect(group.count == Int(r.double("count")) && group.events == Int(r.double("events")))
            #expect(close(group.meanPredicted, r.double("mean_predicted"), 1e-12))
            #expect(close(group.observed, r.double("observed"), 1e-12))
            #expect(close(group.lower, r.double("lower"), 1e-10) && close(group.upper, r.double("upper"), 1e-10))
        }
    }
}
