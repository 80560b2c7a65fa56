import Foundation
import Statistics

/// Off-policy evaluation: the value of any treatment policy — deterministic, stochastic or "current
/// practice" — estimated from observational data on patients treated otherwise.
///
/// For patient i with observed arm Aᵢ, outcome Yᵢ (larger is better), propensities êᵢ(a) = P(A = a | xᵢ),
/// outcome-model predictions μ̂ᵢ(a) = E[Y | A = a, xᵢ] and a policy πᵢ(a), with ρᵢ = πᵢ(Aᵢ)/êᵢ(Aᵢ):
///
/// - IPW: V̂ = (1/n) Σ ρᵢYᵢ;
/// - self-normalised IPW: V̂ = Σ ρᵢYᵢ / Σ ρᵢ, influence φᵢ = ρᵢ(Yᵢ − V̂)/ρ̄ (delta method);
/// - doubly robust (AIPW): V̂ = (1/n) Σ ψᵢ, ψᵢ = Σₐ πᵢ(a)μ̂ᵢ(a) + ρᵢ(Yᵢ − μ̂ᵢ(Aᵢ)) — unbiased when either
///   the propensities or the outcome model are right (Dudík, Langford & Li 2011, "Doubly robust policy
///   evaluation and learning", ICML; Athey & Wager 2021, "Policy learning with observational data",
///   Econometrica 89:133–161).
///
/// Patients left to current practice (``PolicyAssignment/followsPractice``) contribute their observed
/// outcome (ψᵢ = Yᵢ, ρᵢ = 1): this is the policy πᵢ = êᵢ evaluated on-policy. Standard errors are
/// √(Σ(ψᵢ − V̂)²/((n − 1)n)) for each influence value ψ and intervals V̂ ± z·SE, z = Φ⁻¹((1 + level)/2);
/// differences between policies use the per-patient difference of influence values.
///
/// `propensityFloor` clips êᵢ(Aᵢ) from below in the weights (0 = no clipping, the default); clipped
/// patients are counted in the diagnostics. The outcome model and propensities should be cross-fitted.
public struct OffPolicyEvaluation: Sendable {
    public let armNames: [String]
    public let outcome: [Double]
    public let arm: [Int]
    public let propensities: [[Double]]
    public let predictions: [[Double]]?
    /// Two-sided confidence level, in (0, 1). Default 0.95.
    public let confidenceLevel: Double
    /// Lower clip of the received arm's propensity, in [0, 0.5). Default 0.
    public let propensityFloor: Double

    /// - Parameters:
    ///   - armNames: K ≥ 2 unique names.
    ///   - outcome: Yᵢ, finite, larger is better.
    ///   - arm: Aᵢ, index of the arm received.
    ///   - propensities: êᵢ(a), K values per patient in [0, 1], summing to 1 ± 1e-6; êᵢ(Aᵢ) > 0.
    ///   - predictions: μ̂ᵢ(a), K finite values per patient, or `nil` (no DR value).
    /// - Throws: ``PolicyError`` on bad input: lengths, non-finite values, a received arm with propensity 0,
    ///   an arm nobody received.
    /// - Complexity: O(n·K).
    public init(armNames: [String], outcome: [Double], arm: [Int], propensities: [[Double]],
                predictions: [[Double]]? = nil, confidenceLevel: Double = 0.95, propensityFloor: Double = 0) throws {
        let k = armNames.count, n = outcome.count
        guard k >= 2, Set(armNames).count == k else {
            throw PolicyError.invalidInput("arms: expected at least 2 distinct arm names")
        }
        guard n >= 2 else { throw PolicyError.invalidInput("outcome: expected at least 2 patients, got \(n)") }
        guard arm.count == n, propensities.count == n, predictions.map({ $0.count == n }) ?? true else {
            throw PolicyError.invalidInput("outcome, arm, propensities and predictions need one entry per patient (\(n))")
        }
        guard confidenceLevel > 0 && confidenceLevel < 1 else {
            throw PolicyError.invalidParameter(name: "confidenceLevel", value: "\(confidenceLevel)", fix: "use a level in (0, 1), e.g. 0.95")
        }
        guard propensityFloor >= 0 && propensityFloor < 0.5 else {
            throw PolicyError.invalidParameter(name: "propensityFloor", value: "\(propensityFloor)", fix: "use a value in [0, 0.5), e.g. 0.01, or 0 for none")
        }
        guard outcome.allSatisfy(\.isFinite) else {
            throw PolicyError.invalidInput("outcome must be finite for every patient; drop patients with a missing outcome")
        }
        guard arm.allSatisfy({ (0..<k).contains($0) }) else {
            throw PolicyError.invalidInput("arm must be an index in 0..<\(k) (one of \(armNames.joined(separator: ", ")))")
        }
        guard propensities.allSatisfy({ $0.count == k && $0.allSatisfy { $0 >= 0 && $0 <= 1 } && abs($0.reduce(0, +) - 1) <= 1e-6 }) else {
            throw PolicyError.invalidInput("propensities: expected \(k) probabilities per patient in [0, 1] summing to 1")
        }
        guard (0..<n).allSatisfy({ propensities[$0][arm[$0]] > 0 }) else {
            throw PolicyError.invalidInput("propensities: the arm a patient received must have propensity > 0 (positivity)")
        }
        if let predictions {
            guard predictions.allSatisfy({ $0.count == k && $0.allSatisfy(\.isFinite) }) else {
                throw PolicyError.invalidInput("predictions: expected \(k) finite outcome predictions per patient")
            }
        }
        for a in 0..<k where !arm.contains(a) {
            throw PolicyError.invalidInput("arm \"\(armNames[a])\" has no patients; drop it or pool it with another arm")
        }
        self.armNames = armNames
        self.outcome = outcome
        self.arm = arm
        self.propensities = propensities
        self.predictions = predictions
        self.confidenceLevel = confidenceLevel
        self.propensityFloor = propensityFloor
    }

    var z: Double { Normal().quantile((1 + confidenceLevel) / 2) }

    /// Per-patient influence values of the three estimators and the weights.
    struct Influence {
        var ipw: [Double]
        var selfNormalized: [Double]
        var selfNormalizedValue: Double
        var doublyRobust: [Double]?
        var weights: [Double]
    }

    func influence(_ policy: PolicyAssignment) throws -> Influence {
        let n = outcome.count, k = armNames.count
        guard policy.count == n, policy.probabilities.allSatisfy({ $0.count == k }) else {
            throw PolicyError.invalidInput("policy \(policy.name): expected \(k) arm probabilities for each of \(n) patients")
        }
        var rho = [Double](repeating: 1, count: n)
        var ipw = [Double](repeating: 0, count: n)
        var dr: [Double]? = predictions == nil ? nil : [Double](repeating: 0, count: n)
        for i in 0..<n {
            if policy.followsPractice[i] {
                ipw[i] = outcome[i]
                dr?[i] = outcome[i]
                continue
            }
            let e = max(propensities[i][arm[i]], propensityFloor)
            rho[i] = policy.probabilities[i][arm[i]] / e
            ipw[i] = rho[i] * outcome[i]
            if let mu = predictions?[i] {
                var direct = 0.0
                for a in 0..<k { direct += policy.probabilities[i][a] * mu[a] }
                dr![i] = direct + rho[i] * (outcome[i] - mu[arm[i]])
            }
        }
        let rhoSum = rho.reduce(0, +)
        let meanRho = rhoSum / Double(n)
        let snValue = rhoSum > 0 ? ipw.reduce(0, +) / rhoSum : .nan
        // Self-normalised influence, shifted so that its mean is the estimate: V̂ + ρᵢ(Yᵢ − V̂)/ρ̄.
        let sn = (0..<n).map { snValue + rho[$0] * (outcome[$0] - snValue) / meanRho }
        return Influence(ipw: ipw, selfNormalized: sn, selfNormalizedValue: snValue, doublyRobust: dr, weights: rho)
    }

    /// The value of `policy` by IPW, self-normalised IPW and (with an outcome model) doubly robust.
    ///
    /// - Complexity: O(n·K).
    public func value(_ policy: PolicyAssignment) throws -> PolicyValue {
        let f = try influence(policy)
        let n = outcome.count, k = armNames.count
        let z = self.z
        let ipwValue = f.ipw.reduce(0, +) / Double(n)
        var shares = [Double](repeating: 0, count: k)
        var rare = 0, clipped = 0
        for i in 0..<n {
            if policy.followsPractice[i] { shares[arm[i]] += 1; continue }
            for a in 0..<k { shares[a] += policy.probabilities[i][a] }
            for a in 0..<k where policy.probabilities[i][a] > 0 && propensities[i][a] < 0.05 { rare += 1; break }
            if propensities[i][arm[i]] < propensityFloor && policy.probabilities[i][arm[i]] > 0 { clipped += 1 }
        }
        shares = shares.map { $0 / Double(n) }
        let sumW = f.weights.reduce(0, +), sumW2 = f.weights.reduce(0) { $0 + $1 * $1 }
        let ess = sumW2 > 0 ? sumW * sumW / sumW2 : 0
        var notes: [String] = []
        if rare > 0 {
            notes.append("\(policy.name): \(rare) of \(n) patients are given an arm they had < 5% probability of receiving; the IPW values rest on few patients and the DR value on the outcome model there")
        }
        if ess < 0.1 * Double(n) {
            notes.append("\(policy.name): effective sample size of the weights is \(String(format: "%.0f", ess)) of \(n) patients; the IPW estimates are unstable")
        }
        if clipped > 0 {
            notes.append("\(policy.name): \(clipped) patients' propensities were clipped at \(propensityFloor)")
        }
        if predictions == nil {
            notes.append("\(policy.name): no outcome model given, so no doubly robust value")
        }
        return PolicyValue(
            policy: policy.name,
            inverseProbabilityWeighted: .init(influence: f.ipw, value: ipwValue, z: z),
            selfNormalized: .init(influence: f.selfNormalized, value: f.selfNormalizedValue, z: z),
            doublyRobust: f.doublyRobust.map { .init(influence: $0, value: $0.reduce(0, +) / Double(n), z: z) },
            armShares: shares, effectiveSampleSize: ess, maximumWeight: f.weights.max() ?? .nan, count: n,
            diagnostics: notes)
    }

    /// V(policy) − V(baseline), paired on patients.
    ///
    /// - Complexity: O(n·K).
    public func compare(_ policy: PolicyAssignment, to baseline: PolicyAssignment) throws -> PolicyComparison {
        let a = try influence(policy), b = try influence(baseline)
        let n = Double(outcome.count), z = self.z
        let ipw = zip(a.ipw, b.ipw).map { $0 - $1 }
        let ipwEstimate = PolicyValue.Estimate(influence: ipw, value: ipw.reduce(0, +) / n, z: z)
        var drEstimate: PolicyValue.Estimate? = nil
        if let da = a.doublyRobust, let db = b.doublyRobust {
            let d = zip(da, db).map { $0 - $1 }
            drEstimate = PolicyValue.Estimate(influence: d, value: d.reduce(0, +) / n, z: z)
        }
        let preferred = drEstimate ?? ipwEstimate
        let p = preferred.standardError > 0 ? 2 * Normal().survival(abs(preferred.value / preferred.standardError)) : .nan
        return PolicyComparison(policy: policy.name, baseline: baseline.name, inverseProbabilityWeighted: ipwEstimate,
                                doublyRobust: drEstimate, pValue: p)
    }

    /// The standard table: `policy`, current practice and treat-all with each arm, each valued, and
    /// `policy` compared with every other row.
    ///
    /// - Complexity: O((K + 2)·n·K).
    public func valueTable(_ policy: PolicyAssignment) throws -> (values: [PolicyValue], comparisons: [PolicyComparison]) {
        let n = outcome.count, k = armNames.count
        var others = [try PolicyAssignment.currentPractice(patients: n, armCount: k)]
        for a in 0..<k { others.append(try .treatAll(a, name: "treat all: \(armNames[a])", patients: n, armCount: k)) }
        let values = try ([policy] + others).map(value)
        let comparisons = try others.map { try compare(policy, to: $0) }
        return (values, comparisons)
    }
}
