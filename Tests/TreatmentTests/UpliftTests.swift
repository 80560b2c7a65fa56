import Foundation
import Statistics
import Testing
import TestSupport
@testable import Treatment

/// RATE, TOC and uplift curves against a NumPy transcription of grf's `estimate_rate`, and their behaviour
/// on synthetic trials with known heterogeneity.
@Suite("Uplift and RATE")
struct UpliftTests {
    @Test("RATE (AUTOC, QINI) and TOC agree with the grf transcription to 1e-10, ties and weights included")
    func rateMatchesGRF() throws {
        var worst = 0.0
        for c in PolicyReference.list(PolicyReference.json["rate"]) {
            let priorities = PolicyReference.doubles(c["priorities"]), scores = PolicyReference.doubles(c["scores"])
            let weights = c["weights"] is NSNull ? nil : PolicyReference.doubles(c["weights"])
            let grid = PolicyReference.doubles(c["grid"])
            for target in RankWeightedAverageTreatmentEffect.Target.allCases {
                let reference = PolicyReference.dict(c[target.rawValue])
                let rate = try RankWeightedAverageTreatmentEffect(
                    priorities: priorities, scores: scores, weights: weights,
                    configuration: .init(target: target, grid: grid, replicates: 0))
                let expected = PolicyReference.double(reference["estimate"])
                #expect(policyClose(rate.estimate, expected, 1e-10), "\(c["name"]!) \(target): \(rate.estimate) vs \(expected)")
                let tocError = policyMaxError(rate.toc.map(\.estimate), PolicyReference.doubles(reference["toc"]))
                #expect(tocError <= 1e-10, "\(c["name"]!) \(target) TOC error \(tocError)")
                #expect(policyClose(rate.averageEffect, PolicyReference.double(c["ate"]), 1e-10))
                worst = max(worst, tocError, abs(rate.estimate - expected) / max(1, abs(expected)))
            }
        }
        print("[treatment] RATE/TOC vs grf transcription: max relative error \(worst)")
    }

    @Test("uplift, gain and Qini curves and their areas agree with the reference; areas equal the RATEs")
    func upliftCurveMatchesReference() throws {
        for c in PolicyReference.list(PolicyReference.json["rate"]) {
            let priorities = PolicyReference.doubles(c["priorities"]), scores = PolicyReference.doubles(c["scores"])
            let weights = c["weights"] is NSNull ? nil : PolicyReference.doubles(c["weights"])
            let curve = try UpliftCurve(priorities: priorities, scores: scores, weights: weights,
                                        grid: PolicyReference.doubles(c["grid"]))
            #expect(policyMaxError(curve.points.map(\.uplift), PolicyReference.doubles(c["uplift"])) <= 1e-10)
            #expect(policyMaxError(curve.points.map(\.gain), PolicyReference.doubles(c["gain"])) <= 1e-10)
            #expect(policyMaxError(curve.points.map(\.qini), PolicyReference.doubles(c["qini"])) <= 1e-10)
            #expect(policyClose(curve.areaUnderGain, PolicyReference.double(c["area_under_gain"]), 1e-10))
            #expect(policyClose(curve.areaUnderTOC, PolicyReference.double(PolicyReference.dict(c["AUTOC"])["estimate"]), 1e-10))
            #expect(policyClose(curve.qiniCoefficient, PolicyReference.double(PolicyReference.dict(c["QINI"])["estimate"]), 1e-10))
            // At q = 1 everyone is treated: uplift is the ATE and the TOC and Qini are 0.
            let last = try #require(curve.points.last)
            #expect(abs(last.toc) < 1e-12 && abs(last.qini) < 1e-12)
        }
    }

    @Test("AIPW and IPW contrast scores agree with the reference to 1e-12")
    func scoresMatchReference() throws {
        let c = PolicyReference.dict(PolicyReference.json["scores"])
        let y = PolicyReference.doubles(c["outcome"]), w = PolicyReference.ints(c["treated"]).map { $0 == 1 }
        let e = PolicyReference.doubles(c["propensity"])
        let dr = try DoublyRobustScores.contrast(outcome: y, treated: w, propensity: e,
                                                 treatedPrediction: PolicyReference.doubles(c["mu1"]),
                                                 controlPrediction: PolicyReference.doubles(c["mu0"]))
        #expect(policyMaxError(dr, PolicyReference.doubles(c["dr"])) <= 1e-12)
        let ipw = try DoublyRobustScores.contrast(outcome: y, treated: w, propensity: e)
        #expect(policyMaxError(ipw, PolicyReference.doubles(c["ipw"])) <= 1e-12)
        // Per-arm scores: the contrast of arm 1 and arm 0 is the binary score.
        let arms = try DoublyRobustScores.arms(
            outcome: y, arm: w.map { $0 ? 1 : 0 }, propensities: e.map { [1 - $0, $0] },
            predictions: zip(PolicyReference.doubles(c["mu0"]), PolicyReference.doubles(c["mu1"])).map { [$0, $1] })
        #expect(policyMaxError(arms.map { $0[1] - $0[0] }, PolicyReference.doubles(c["dr"])) <= 1e-12)
    }

    @Test("subgroup AIPW effects and their difference agree with the reference to 1e-12")
    func subgroupEffectsMatchReference() throws {
        let c = PolicyReference.dict(PolicyReference.json["subgroups"])
        let groups = (c["groups"] as! [String]).map { Optional($0) }
        let effects = try SubgroupEffects(scores: PolicyReference.doubles(c["scores"]), groups: groups,
                                          weights: PolicyReference.doubles(c["weights"]))
        for (name, value) in PolicyReference.dict(c["groups_result"]) {
            let r = PolicyReference.dict(value), g = try #require(effects.group(name))
            #expect(g.count == (r["n"] as! NSNumber).intValue)
            #expect(policyClose(g.estimate, PolicyReference.double(r["estimate"]), 1e-12))
            #expect(policyClose(g.standardError, PolicyReference.double(r["se"]), 1e-12))
        }
        let d = try effects.difference("a", "b"), r = PolicyReference.dict(c["difference_a_b"])
        #expect(policyClose(d.estimate, PolicyReference.double(r["estimate"]), 1e-12))
        #expect(policyClose(d.standardError, PolicyReference.double(r["se"]), 1e-12))
        #expect(abs(d.pValue - PolicyReference.double(r["p"])) <= 1e-10)
        #expect(throws: PolicyError.self) { try effects.difference("a", "zzz") }
    }

    /// A randomised trial (e = 0.5) with τ(x) = 2·max(x, 0): IPW scores and the true τ as the priority.
    static func trial(n: Int, seed: UInt64) -> (tau: [Double], scores: [Double]) {
        var g = Xoshiro256StarStar(seed: seed)
        let normal = Normal()
        var tau: [Double] = [], scores: [Double] = []
        for _ in 0..<n {
            let x = normal.sample(using: &g)
            let t = 2 * max(x, 0)
            let treated = g.nextUniform() < 0.5
            let y = x + (treated ? t : 0) + normal.sample(using: &g)
            tau.append(t)
            scores.append(treated ? y / 0.5 : -y / 0.5)
        }
        return (tau, scores)
    }

    @Test("a perfect prioritisation has a positive RATE whose CI excludes 0; random ones cover 0")
    func syntheticPowerAndCoverage() throws {
        let (tau, scores) = Self.trial(n: 1000, seed: 11)
        for target in RankWeightedAverageTreatmentEffect.Target.allCases {
            let perfect = try RankWeightedAverageTreatmentEffect(
                priorities: tau, scores: scores, configuration: .init(target: target, seed: 3))
            #expect(perfect.estimate > 0 && perfect.lower > 0, "\(target): \(perfect.estimate) [\(perfect.lower), \(perfect.upper)]")
            print("[treatment] perfect priority \(target): \(String(format: "%.3f [%.3f, %.3f]", perfect.estimate, perfect.lower, perfect.upper))")
        }
        var covered = 0
        for r in 0..<20 {
            var g = Xoshiro256StarStar(seed: 100 + UInt64(r))
            let random = (0..<tau.count).map { _ in g.nextUniform() }
            let rate = try RankWeightedAverageTreatmentEffect(priorities: random, scores: scores,
                                                              configuration: .init(replicates: 100, seed: UInt64(r)))
            if rate.lower <= 0 && 0 <= rate.upper { covered += 1 }
        }
        print("[treatment] random priorities: 95% RATE CI covers 0 in \(covered)/20")
        #expect(covered >= 16)
    }

    @Test("half-sample and patient bootstrap give similar SEs; a seed reproduces the interval exactly")
    func bootstrapSchemes() throws {
        let (tau, scores) = Self.trial(n: 600, seed: 5)
        let half = try RankWeightedAverageTreatmentEffect(priorities: tau, scores: scores, configuration: .init(seed: 9))
        let again = try RankWeightedAverageTreatmentEffect(priorities: tau, scores: scores, configuration: .init(seed: 9))
        let patient = try RankWeightedAverageTreatmentEffect(priorities: tau, scores: scores,
                                                             configuration: .init(resampling: .patient, seed: 9))
        #expect(half == again)
        #expect(half.estimate == patient.estimate)
        let ratio = half.standardError / patient.standardError
        #expect(ratio > 0.7 && ratio < 1.4, "SE ratio half-sample / patient \(ratio)")
        #expect(half.toc.allSatisfy { $0.standardError > 0 || $0.fraction == 1 })
    }

    @Test("bad input throws one error naming the field")
    func badInput() throws {
        #expect(throws: PolicyError.self) { try RankWeightedAverageTreatmentEffect(priorities: [1, 2], scores: [1, 2, 3]) }
        #expect(throws: PolicyError.self) { try RankWeightedAverageTreatmentEffect(priorities: [1, .nan, 3, 4], scores: [1, 2, 3, 4]) }
        #expect(throws: PolicyError.self) {
            try RankWeightedAverageTreatmentEffect(priorities: [1, 2, 3, 4], scores: [1, 2, 3, 4], configuration: .init(grid: [0.5]))
        }
        #expect(throws: PolicyError.self) { try UpliftCurve(priorities: [1, 2], scores: [1, 2], weights: [1, 0]) }
        #expect(throws: PolicyError.self) {
            try DoublyRobustScores.contrast(outcome: [1, 0], treated: [true, false], propensity: [1, 0.5])
        }
        do {
            _ = try RankWeightedAverageTreatmentEffect(priorities: [1, 2], scores: [1, 2, 3])
        } catch let error as PolicyError {
            #expect(error.description.contains("priorities"))
        }
    }
}
