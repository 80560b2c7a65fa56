import CohortData
import Foundation
import Learning
import Testing
@testable import Treatment

@Suite("Treatment data: construction and input checks")
struct TreatmentDataTests {
    static let x = FeatureMatrix(names: ["age"], columns: [[50, 60, 70, 80]])

    @Test("bad input throws one error naming the field, never a patient value")
    func badInput() throws {
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "" } catch { return "\(error)" }
        }
        let survival = TreatmentOutcome.survival(time: [1, 2, 3, 4], event: [true, true, false, true])
        // Wrong lengths.
        var text = message { _ = try TreatmentData(covariates: Self.x, arm: [0, 1, 0], armNames: ["a", "b"], outcome: survival) }
        #expect(text.contains("covariates") && text.contains("one row per patient"))
        // An empty arm.
        text = message { _ = try TreatmentData(covariates: Self.x, arm: [0, 0, 0, 0], armNames: ["a", "b"], outcome: survival) }
        #expect(text.contains("arm \"b\"") && text.contains("at least one patient"))
        // Negative times.
        text = message {
            _ = try TreatmentData(covariates: Self.x, arm: [0, 1, 0, 1], armNames: ["a", "b"],
                                  outcome: .survival(time: [1, -2, 3, 4], event: [true, true, true, true]))
        }
        #expect(text.contains("survival time") && !text.contains("-2"))
        // No events in an arm.
        text = message {
            _ = try TreatmentData(covariates: Self.x, arm: [0, 1, 0, 1], armNames: ["a", "b"],
                                  outcome: .survival(time: [1, 2, 3, 4], event: [true, false, true, false]))
        }
        #expect(text.contains("at least one observed event"))
        // NaN outcome, infinite covariate, non-binary response, unknown arm label or reference.
        #expect(throws: TreatmentError.self) {
            try TreatmentData(covariates: Self.x, arm: [0, 1, 0, 1], armNames: ["a", "b"], outcome: .continuous([1, .nan, 2, 3]))
        }
        #expect(throws: TreatmentError.self) {
            try TreatmentData(covariates: FeatureMatrix(names: ["age"], columns: [[1, .infinity, 2, 3]]), arm: [0, 1, 0, 1],
                              armNames: ["a", "b"], outcome: .binary([0, 1, 0, 1]))
        }
        #expect(throws: TreatmentError.self) {
            try TreatmentData(covariates: Self.x, arm: [0, 1, 0, 1], armNames: ["a", "b"], outcome: .binary([0, 2, 0, 1]))
        }
        text = message {
            _ = try TreatmentData(covariates: Self.x, armLabels: ["a", "b", "c", "a"], armNames: ["a", "b"], reference: "a",
                                  outcome: .binary([0, 1, 0, 1]))
        }
        #expect(text.contains("arm label"))
        #expect(throws: TreatmentError.self) {
            try TreatmentData(covariates: Self.x, armLabels: ["a", "b", "b", "a"], reference: "z", outcome: .binary([0, 1, 0, 1]))
        }
        // Missing covariates (NaN) are allowed.
        let withMissing = try TreatmentData(covariates: FeatureMatrix(names: ["age"], columns: [[1, .nan, 2, 3]]),
                                            arm: [0, 1, 0, 1], armNames: ["a", "b"], outcome: .binary([0, 1, 0, 1]))
        #expect(withMissing.patientCount == 4)
    }

    @Test("learner settings are validated with the parameter, the value and the fix")
    func settings() throws {
        let data = try TreatmentData(covariates: Self.x, arm: [0, 1, 0, 1], armNames: ["a", "b"],
                                     outcome: .continuous([1, 2, 3, 4]))
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "" } catch { return "\(error)" }
        }
        let bad = MetaLearner(kind: .dr, estimand: .meanDifference, outcomeEstimator: LeastSquaresRegression(),
                              effectEstimator: LeastSquaresRegression(), folds: 1)
        #expect(message { _ = try bad.fit(data) }.contains("folds = 1"))
        let clip = MetaLearner(kind: .dr, estimand: .meanDifference, outcomeEstimator: LeastSquaresRegression(),
                               effectEstimator: LeastSquaresRegression(), propensityClip: 0.7)
        #expect(message { _ = try clip.fit(data) }.contains("propensityClip"))
        // An estimand that does not fit the outcome.
        let wrong = MetaLearner(kind: .t, estimand: .riskDifference, outcomeEstimator: LeastSquaresRegression())
        #expect(message { _ = try wrong.fit(data) }.contains("estimand"))
        // An outcome estimator that cannot fit the task.
        let survival = try TreatmentData(covariates: Self.x, arm: [0, 1, 0, 1], armNames: ["a", "b"],
                                         outcome: .survival(time: [1, 2, 3, 4], event: [true, true, true, true]))
        let noCurves = MetaLearner(kind: .t, estimand: .survivalProbability(at: 2), outcomeEstimator: LeastSquaresRegression())
        #expect(message { _ = try noCurves.fit(survival) }.contains("outcomeEstimator"))
        // More folds than patients of an arm.
        let many = MetaLearner(kind: .dr, estimand: .meanDifference, outcomeEstimator: LeastSquaresRegression(),
                               effectEstimator: LeastSquaresRegression(), folds: 3)
        #expect(message { _ = try many.fit(data) }.contains("fewer folds"))
    }

    @Test("IPCW pseudo-outcomes: without censoring Y* is min(T, τ) and 1{T > t}")
    func censoringTransform() throws {
        let time = [1.0, 5, 12, 30, 24]
        let event = [true, true, true, false, true]
        let rmst = try CensoringTransform.transform(time: time, event: event, arm: [0, 0, 0, 0, 0], armCount: 1,
                                                    estimand: .restrictedMeanSurvivalTime(horizon: 24))
        // The only censoring is at 30 > τ, so Ĝ = 1 before 30.
        #expect(rmst.values == [1, 5, 12, 24, 24])
        let s = try CensoringTransform.transform(time: time, event: event, arm: [0, 0, 0, 0, 0], armCount: 1,
                                                 estimand: .survivalProbability(at: 12))
        #expect(s.values == [0, 0, 0, 1, 1])
        // A patient censored at 6: Ĝ drops to 1 − 1/3 after 6 among those at risk (3 at risk: 6, 10, 20).
        let censored = try CensoringTransform.transform(time: [2, 6, 10, 20], event: [true, false, true, true],
                                                        arm: [0, 0, 0, 0], armCount: 1,
                                                        estimand: .restrictedMeanSurvivalTime(horizon: 15))
        #expect(censored.values[0] == 2 && censored.values[1] == 0)
        #expect(abs(censored.values[2] - 10 / (2.0 / 3)) < 1e-12)
        #expect(abs(censored.values[3] - 15 / (2.0 / 3)) < 1e-12)
    }

    @Test("builders: arms from the drug class and from a clinical column, pooled cohorts with union levels")
    func builders() throws {
        let ids = ["p1", "p2", "p3", "p4", "p5"]
        let treatment = CohortData.Treatment(drugClass: [.antiPD1PDL1, .chemotherapy, nil, .antiPD1PDL1, .chemotherapy],
                                             line: [nil, nil, nil, nil, nil], priorSystemicTherapy: [true, false, nil, true, false],
                                             regimen: [nil, nil, nil, nil, nil])
        let cohort = Cohort(
            name: "c1", patientIDs: ids,
            clinical: [ClinicalColumn(name: "age", values: .continuous([50, nil, 60, 70, 80])),
                       ClinicalColumn(name: "type", values: .categorical(["lung", "skin", "lung", nil, "skin"]))],
            outcomes: Outcomes(response: BinaryOutcome(name: "response", values: [true, false, true, nil, false], rule: "test")),
            treatment: treatment)
        let data = try TreatmentData.from(cohort, reference: "chemotherapy", covariates: ["age", "type", "prior_systemic_therapy"],
                                          outcome: .response)
        #expect(data.patientIDs == ["p1", "p2", "p5"])   // p3: no arm; p4: no response
        #expect(data.armNames == ["anti-PD-1/PD-L1", "chemotherapy"] && data.referenceArm == 1)
        #expect(data.arm == [0, 1, 1])
        #expect(data.covariates[1, 0].isNaN)
        #expect(data.covariates.categoricalLevels["type"] == ["lung", "skin"])
        let byColumn = try TreatmentData.from(cohort, arm: .clinicalColumn("type"), reference: "lung", covariates: ["age"],
                                              outcome: .response)
        #expect(byColumn.armNames == ["lung", "skin"] && byColumn.patientIDs == ["p1", "p2", "p3", "p5"])
        #expect(throws: TreatmentError.self) {
            try TreatmentData.from(cohort, reference: "chemotherapy", covariates: ["nope"], outcome: .response)
        }
        #expect(throws: TreatmentError.self) {
            try TreatmentData.from(cohort, reference: "chemotherapy", covariates: ["age"], outcome: .os)
        }
        var other = cohort
        other.name = "c2"
        other.clinical[1] = ClinicalColumn(name: "type", values: .categorical(["bladder", "lung", "lung", "lung", "lung"]))
        let pooled = try TreatmentData.pooling([(cohort, "ICI"), (other, "non-ICI")], reference: "non-ICI",
                                               covariates: ["age", "type"], outcome: .response)
        #expect(pooled.patientCount == 8)
        #expect(pooled.covariates.categoricalLevels["type"] == ["bladder", "lung", "skin"])
        #expect(pooled.patientIDs!.first == "c1:p1" && pooled.arm == [0, 0, 0, 0, 1, 1, 1, 1])
    }
}
