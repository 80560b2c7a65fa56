import Foundation
import Statistics
import Testing
import TestSupport
@testable import Treatment

/// The regimen policy: decisions against an independent transcription, the words, abstention, exclusions,
/// toxicity trade-offs, ties and bad input.
@Suite("Regimen policy")
struct PolicyRegimenTests {
    static let arms = ["anti-PD-1", "ICI combination", "chemotherapy", "ICI + chemotherapy"]

    @Test("decisions, benefits and bounds agree with the reference rule on 120 random patients (1e-12)")
    func decisionsMatchReference() throws {
        var checked = 0
        for c in PolicyReference.list(PolicyReference.json["regimen"]) {
            let s = PolicyReference.dict(c["settings"])
            let excluded = PolicyReference.ints(s["excluded"]).map { Self.arms[$0] }
            let policy = RegimenPolicy(margin: PolicyReference.double(s["margin"]),
                                       confidenceLevel: PolicyReference.double(s["level"]), excludedArms: excluded,
                                       toxicityWeight: PolicyReference.double(s["lam"]), referenceArm: "chemotherapy")
            let patients = PolicyReference.list(c["patients"])
            let estimates = patients.enumerated().map { i, p in
                ArmEstimates(patientID: "P\(i)", expected: PolicyReference.doubles(p["mu"]),
                             standardErrors: PolicyReference.doubles(p["se"]), toxicity: PolicyReference.doubles(p["tox"]))
            }
            let recommendations = try policy.recommend(arms: Self.arms, patients: estimates)
            for (r, p) in zip(recommendations, patients) {
                #expect(r.bestArm == Self.arms[(p["best"] as! NSNumber).intValue])
                let expected = (p["recommended"] as? NSNumber).map { Self.arms[$0.intValue] }
                #expect(r.recommendedArm == expected)
                #expect(policyClose(r.decisiveLowerBound, PolicyReference.double(p["decisive_lower_bound"]), 1e-12))
                #expect(policyClose(r.expectedBenefit, PolicyReference.double(p["benefit"]), 1e-12))
                #expect(policyClose(r.benefitLowerBound, PolicyReference.double(p["benefit_lower_bound"]), 1e-12))
                #expect(!excluded.contains(r.bestArm))
                checked += 1
            }
            let abstained = recommendations.filter(\.abstained).count
            #expect(abstained > 0 && abstained < recommendations.count, "both decisions should occur in the fixture")
        }
        #expect(checked == 120)
    }

    /// Hand-computed: combination 0.431 (SE 0.005), anti-PD-1 0.400 (0.002), chemotherapy 0.350 (0.003).
    /// Benefit vs chemotherapy 0.081, lower bound 0.081 − 1.96·√(0.005² + 0.003²) = 0.0696; advantage over
    /// anti-PD-1 0.031, lower bound 0.031 − 1.96·√(0.005² + 0.002²) = 0.0204.
    static let example = ArmEstimates(patientID: "P1", expected: [0.400, 0.431, 0.350],
                                      standardErrors: [0.002, 0.005, 0.003])

    @Test("the reasons in words, for a recommendation and for an abstention")
    func words() throws {
        let arms = Array(Self.arms.prefix(3))
        let recommend = try RegimenPolicy(margin: 0.02, referenceArm: "chemotherapy").recommend(arms: arms, patients: [Self.example])[0]
        #expect(recommend.recommendedArm == "ICI combination")
        #expect(recommend.reasons[0] == "ICI combination: +8.1 points response probability vs chemotherapy (95% lower bound +7.0) beats anti-PD-1 by 3.1 points (95% lower bound +2.0); margin 2.0 points")
        #expect(abs(recommend.benefitLowerBound - 0.0695718) < 1e-6)
        let abstain = try RegimenPolicy(margin: 0.05, referenceArm: "chemotherapy").recommend(arms: arms, patients: [Self.example])[0]
        #expect(abstain.abstained)
        #expect(abstain.bestArm == "ICI combination")
        #expect(abstain.reasons[0].hasPrefix("no clear benefit: the best arm (ICI combination) has 95% lower bound +2.0 over anti-PD-1, below the margin of 5.0 points"))
        let months = RegimenPolicy(margin: 1, referenceArm: "chemotherapy", scale: .time(unit: "months"), outcomeName: "RMST at 24 months")
        let estimate = ArmEstimates(patientID: "P2", expected: [14.0, 12.5, 10.0], standardErrors: [0.5, 0.5, 0.2])
        let r = try months.recommend(arms: arms, patients: [estimate])[0]
        #expect(r.recommendedArm == nil)
        #expect(r.reasons[0].contains("+4.0 months RMST at 24 months vs chemotherapy"))
    }

    @Test("a huge margin abstains for everyone; an excluded arm is never recommended")
    func abstentionAndExclusion() throws {
        let arms = Array(Self.arms.prefix(3))
        let huge = try RegimenPolicy(margin: 10, referenceArm: "chemotherapy").recommend(arms: arms, patients: [Self.example, Self.example])
        #expect(huge.allSatisfy { $0.abstained })
        let excluded = try RegimenPolicy(margin: 0.02, excludedArms: ["ICI combination"], referenceArm: "chemotherapy")
            .recommend(arms: arms, patients: [Self.example])[0]
        // anti-PD-1 vs chemotherapy: 0.05 − 1.96·√(0.002² + 0.003²) = 0.0429 > 0.02.
        #expect(excluded.recommendedArm == "anti-PD-1")
        #expect(excluded.reasons.contains("not considered: ICI combination (excluded)"))
        let only = try RegimenPolicy(excludedArms: ["ICI combination", "chemotherapy"]).recommend(arms: arms, patients: [Self.example])[0]
        #expect(only.recommendedArm == "anti-PD-1" && only.runnerUpArm == nil)
    }

    @Test("toxicity risk weighed against benefit changes the choice")
    func toxicity() throws {
        let arms = Array(Self.arms.prefix(3))
        var patient = Self.example
        patient.toxicity = [0.15, 0.55, 0.30]
        // Utility with λ = 0.2: anti-PD-1 0.37, combination 0.321, chemotherapy 0.29.
        let r = try RegimenPolicy(margin: 0, toxicityWeight: 0.2, referenceArm: "chemotherapy").recommend(arms: arms, patients: [patient])[0]
        #expect(r.bestArm == "anti-PD-1")
        #expect(abs(r.utilities[1] - 0.321) < 1e-12)
        #expect(r.reasons.contains { $0.hasPrefix("toxicity risk weighed at 0.2") && $0.contains("ICI combination 55%") })
    }

    @Test("ties go to the first arm and then the policy abstains")
    func ties() throws {
        let tie = ArmEstimates(patientID: "T", expected: [0.4, 0.4, 0.3], standardErrors: [0, 0, 0])
        let r = try RegimenPolicy().recommend(arms: ["a", "b", "c"], patients: [tie])[0]
        #expect(r.bestArm == "a" && r.abstained && r.advantage == 0)
        let effects = ArmEstimates(patientID: "E", reference: 2, effects: [0.10, 0.02, 99], effectStandardErrors: [0.01, 0.01, 5])
        #expect(effects.expected[2] == 0 && effects.standardErrors[2] == 0)
        let fromEffects = try RegimenPolicy(margin: 0.01, referenceArm: "c").recommend(arms: ["a", "b", "c"], patients: [effects])[0]
        #expect(fromEffects.recommendedArm == "a" && abs(fromEffects.expectedBenefit - 0.10) < 1e-15)
    }

    @Test("bad settings and input throw one error naming the field")
    func badInput() throws {
        let arms = Array(Self.arms.prefix(3))
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "" } catch { return "\(error)" }
        }
        #expect(message { _ = try RegimenPolicy(margin: .nan).recommend(arms: arms, patients: []) }.contains("margin"))
        #expect(message { _ = try RegimenPolicy(confidenceLevel: 1).recommend(arms: arms, patients: []) }.contains("confidenceLevel"))
        #expect(message { _ = try RegimenPolicy(excludedArms: ["radiotherapy"]).recommend(arms: arms, patients: []) }.contains("radiotherapy"))
        #expect(message { _ = try RegimenPolicy(excludedArms: arms).recommend(arms: arms, patients: []) }.contains("every arm is excluded"))
        let short = ArmEstimates(patientID: "X", expected: [0.1, 0.2], standardErrors: [0.1, 0.1])
        #expect(message { _ = try RegimenPolicy().recommend(arms: arms, patients: [short]) }.contains("one value per arm"))
        let nan = ArmEstimates(patientID: "X", expected: [0.1, .nan, 0.2], standardErrors: [0.1, 0.1, 0.1])
        let text = message { _ = try RegimenPolicy().recommend(arms: arms, patients: [nan]) }
        #expect(text.contains("finite") && !text.contains("nan"))
    }
}
