// `immunokit-bench policy`: Treatment's uplift, RATE, off-policy evaluation and regimen recommendation on
// 100,000 synthetic patients with 4 arms. Benchmarks/policy.py runs the vectorised NumPy counterparts (the
// AUTOC point estimate and the IPW/SNIPW/DR value with SEs) on data of the same sizes and prints both.
import Foundation
import Statistics
import Treatment

func runPolicyBenchmark(arguments: [String]) throws {
    func time(_ label: String, repeats: Int = 5, _ body: () throws -> Void) rethrows {
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        print(String(format: "%@: %.2f ms (best of %d)", label as NSString, best, repeats))
    }

    let n = 100_000, k = 4
    var g = Xoshiro256StarStar(seed: 1)
    let normal = Normal()
    let priorities = (0..<n).map { _ in normal.sample(using: &g) }
    let scores = priorities.map { 0.5 * max($0, 0) + 2 * normal.sample(using: &g) }
    try time("RATE point estimate (AUTOC + TOC grid), n = 100k", repeats: 5) {
        _ = try RankWeightedAverageTreatmentEffect(priorities: priorities, scores: scores, configuration: .init(replicates: 0))
    }
    try time("RATE with 200 half-sample replicates, n = 100k", repeats: 2) {
        _ = try RankWeightedAverageTreatmentEffect(priorities: priorities, scores: scores)
    }
    try time("uplift curve (100-point grid + areas), n = 100k") {
        _ = try UpliftCurve(priorities: priorities, scores: scores)
    }
    let propensities = (0..<n).map { _ -> [Double] in
        let z = (0..<k).map { _ in exp(normal.sample(using: &g)) }
        let s = z.reduce(0, +)
        return z.map { $0 / s }
    }
    let arm = propensities.map { p -> Int in
        let u = g.nextUniform(); var c = 0.0
        for a in 0..<k { c += p[a]; if u < c { return a } }
        return k - 1
    }
    let mu = (0..<n).map { _ in (0..<k).map { _ in g.nextUniform() } }
    let y = (0..<n).map { mu[$0][arm[$0]] > g.nextUniform() ? 1.0 : 0.0 }
    let names = (0..<k).map { "arm\($0)" }
    let evaluation = try OffPolicyEvaluation(armNames: names, outcome: y, arm: arm, propensities: propensities, predictions: mu)
    let argmax = mu.map { row in row.indices.max { row[$0] < row[$1] }! }
    let policy = try PolicyAssignment.deterministic(name: "argmax", arms: argmax, armCount: k)
    try time("off-policy value (IPW, SNIPW, DR + SEs), n = 100k, K = 4") { _ = try evaluation.value(policy) }
    try time("value table (policy, practice, 4 treat-all, 5 paired diffs)", repeats: 3) { _ = try evaluation.valueTable(policy) }
    let estimates = (0..<n).map { i in ArmEstimates(patientID: "\(i)", expected: mu[i], standardErrors: [0.02, 0.03, 0.01, 0.02]) }
    let regimen = RegimenPolicy(margin: 0.02, referenceArm: "arm2")
    try time("regimen recommendations with reasons, n = 100k, K = 4", repeats: 3) {
        _ = try regimen.recommend(arms: names, patients: estimates)
    }
}
