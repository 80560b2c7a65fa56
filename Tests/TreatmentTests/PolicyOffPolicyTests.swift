import Foundation
import Testing
import TestSupport
@testable import Treatment

/// Off-policy values against a NumPy transcription (IPW, self-normalised IPW, DR with influence-function SEs).
@Suite("Off-policy evaluation")
struct PolicyOffPolicyTests {
    @Test("IPW, self-normalised IPW and DR values, SEs, CIs and paired differences agree to 1e-10")
    func valuesMatchReference() throws {
        var worst = 0.0
        for c in PolicyReference.list(PolicyReference.json["ope"]) {
            let k = (c["k"] as! NSNumber).intValue
            let names = (0..<k).map { "arm\($0)" }
            let evaluation = try OffPolicyEvaluation(
                armNames: names, outcome: PolicyReference.doubles(c["outcome"]), arm: PolicyReference.ints(c["arm"]),
                propensities: PolicyReference.matrix(c["propensities"]), predictions: PolicyReference.matrix(c["predictions"]),
                propensityFloor: PolicyReference.double(c["floor"]))
            let policies = PolicyReference.dict(c["policies"])
            var assignments: [String: PolicyAssignment] = [:]
            for (name, value) in policies {
                let p = PolicyReference.dict(value)
                let assignment = try PolicyAssignment(name: name, probabilities: PolicyReference.matrix(p["probabilities"]),
                                                      followsPractice: PolicyReference.ints(p["practice"]).map { $0 == 1 })
                assignments[name] = assignment
                let v = try evaluation.value(assignment)
                for (estimate, key) in [(v.inverseProbabilityWeighted, "ipw"), (v.selfNormalized, "snipw"), (v.doublyRobust!, "dr")] {
                    let r = PolicyReference.dict(p[key])
                    let errors = [
                        abs(estimate.value - PolicyReference.double(r["value"])),
                        abs(estimate.standardError - PolicyReference.double(r["se"])),
                        abs(estimate.lower - PolicyReference.double(r["lower"])),
                        abs(estimate.upper - PolicyReference.double(r["upper"])),
                    ]
                    #expect(errors.allSatisfy { $0 <= 1e-10 }, "\(name) \(key): \(errors)")
                    worst = max(worst, errors.max()!)
                }
                #expect(policyClose(v.effectiveSampleSize, PolicyReference.double(p["ess"]), 1e-10))
                #expect(policyClose(v.maximumWeight, PolicyReference.double(p["max_weight"]), 1e-10))
                #expect(policyMaxError(v.armShares, PolicyReference.doubles(p["shares"])) <= 1e-12)
            }
            for (name, value) in PolicyReference.dict(c["comparisons"]) {
                let r = PolicyReference.dict(value)
                let comparison = try evaluation.compare(assignments[name]!, to: assignments["current_practice"]!)
                for (estimate, key) in [(comparison.inverseProbabilityWeighted, "ipw"), (comparison.doublyRobust!, "dr")] {
                    let e = PolicyReference.dict(r[key])
                    #expect(abs(estimate.value - PolicyReference.double(e["value"])) <= 1e-10)
                    #expect(abs(estimate.standardError - PolicyReference.double(e["se"])) <= 1e-10)
                    worst = max(worst, abs(estimate.value - PolicyReference.double(e["value"])))
                }
                #expect(abs(comparison.pValue - PolicyReference.double(r["p"])) <= 1e-10)
            }
        }
        print("[treatment] off-policy values vs NumPy: max absolute error \(worst)")
    }

    @Test("current practice is valued at the observed mean; the value table has policy, practice and every arm")
    func valueTable() throws {
        let y: [Double] = [1, 0, 1, 1, 0, 0, 1, 0]
        let arm = [0, 1, 0, 1, 0, 1, 1, 0]
        let e = [[Double]](repeating: [0.5, 0.5], count: 8)
        let evaluation = try OffPolicyEvaluation(armNames: ["a", "b"], outcome: y, arm: arm, propensities: e,
                                                 predictions: [[Double]](repeating: [0.5, 0.5], count: 8))
        let practice = try evaluation.value(.currentPractice(patients: 8, armCount: 2))
        #expect(practice.inverseProbabilityWeighted.value == 0.5 && practice.doublyRobust!.value == 0.5)
        let treatA = try PolicyAssignment.treatAll(0, name: "a", patients: 8, armCount: 2)
        // IPW: (1/8)·Σ_{A=a} Y/0.5 = (1/8)·(2/0.5) = 0.5 — arm a's responders are patients 1 and 3.
        #expect(try evaluation.value(treatA).inverseProbabilityWeighted.value == 0.5)
        let table = try evaluation.valueTable(treatA)
        #expect(table.values.map(\.policy) == ["a", "current practice", "treat all: a", "treat all: b"])
        #expect(table.comparisons.count == 3)
        #expect(table.comparisons[1].doublyRobust!.value == 0)
    }

    @Test("bad input: a received arm with propensity 0, an empty arm, NaN outcomes, ragged policies")
    func badInput() throws {
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "" } catch { return "\(error)" }
        }
        let e = [[0.5, 0.5], [0.5, 0.5], [1.0, 0.0]]
        #expect(message { _ = try OffPolicyEvaluation(armNames: ["a", "b"], outcome: [1, 0, 1], arm: [0, 1, 1], propensities: e) }.contains("positivity"))
        #expect(message { _ = try OffPolicyEvaluation(armNames: ["a", "b", "c"], outcome: [1, 0], arm: [0, 1], propensities: [[0.4, 0.3, 0.3], [0.4, 0.3, 0.3]]) }.contains("arm \"c\" has no patients"))
        #expect(message { _ = try OffPolicyEvaluation(armNames: ["a", "b"], outcome: [1, .nan], arm: [0, 1], propensities: [[0.5, 0.5], [0.5, 0.5]]) }.contains("outcome must be finite"))
        #expect(message { _ = try PolicyAssignment(name: "p", probabilities: [[0.5, 0.6], [1, 0]]) }.contains("sum to 1"))
        let evaluation = try OffPolicyEvaluation(armNames: ["a", "b"], outcome: [1, 0], arm: [0, 1], propensities: [[0.5, 0.5], [0.5, 0.5]])
        #expect(message { _ = try evaluation.value(try .treatAll(0, name: "x", patients: 3, armCount: 2)) }.contains("policy x"))
        #expect(message { _ = try PolicyAssignment.recommendations([], arms: ["a"], fallback: "z") }.contains("fallback arm \"z\""))
    }
}
