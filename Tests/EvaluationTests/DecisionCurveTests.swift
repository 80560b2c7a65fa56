import Evaluation
import Foundation
import Testing

/// Net benefit against `reference_dca.py` (the published formulas of Vickers & Elkin 2006 and
/// Vickers et al. 2008, with lifelines' Kaplan–Meier; R's dcurves is not available here), 1e-12.
@Suite struct DecisionCurveTests {
    @Test func binaryNetBenefitMatchesReference() throws {
        let r = try ReferenceValues.load().section("binary")
        let curve = try DecisionCurve(probabilities: r.doubles("p1"), labels: r.bools("labels"), thresholds: r.doubles("dca_thresholds"))
        #expect(close(curve.netBenefit, r.doubles("dca_model"), 1e-12))
        #expect(close(curve.treatAll, r.doubles("dca_treat_all"), 1e-12))
        #expect(curve.treatNone.allSatisfy { $0 == 0 })
        // At threshold 0 treating by the model (everyone has p ≥ 0) equals treating all: the prevalence.
        #expect(close(curve.netBenefit[0], curve.treatAll[0], 1e-15))
    }

    @Test func survivalNetBenefitMatchesReference() throws {
        let r = try ReferenceValues.load().section("survival")
        let b = try ReferenceValues.load().section("binary")
        let horizon = r.double("horizon")
        let risks = r.doubles("risk").map { 1 - exp(-pow(horizon / 20, 1.3) * exp($0)) }
        let outcomes = SurvivalOutcomes(time: r.doubles("test_time"), event: r.bools("test_event"))
        let curve = try DecisionCurve(risks: risks, outcomes: outcomes, horizon: horizon, thresholds: b.doubles("dca_thresholds"))
        #expect(close(curve.netBenefit, r.doubles("dca_model"), 1e-12))
        #expect(close(curve.treatAll, r.doubles("dca_treat_all"), 1e-12))
    }

    @Test func thresholdsOutsideTheRangeAreRejected() {
        #expect(throws: EvaluationError.self) {
            try DecisionCurve(probabilities: [0.2, 0.8], labels: [false, true], thresholds: [1.0])
        }
    }
}
