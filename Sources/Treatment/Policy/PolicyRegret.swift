/// The true value and regret of a policy when every patient's potential outcomes are known (a simulated
/// cohort): regret = V(optimal) − V(policy), with V(π) = (1/n) Σᵢ Σₐ πᵢ(a)·Yᵢ(a) and the optimal policy
/// giving each patient argmaxₐ Yᵢ(a).
///
/// Use expected potential outcomes (e.g. the simulator's response probability per arm) rather than one
/// drawn outcome, so the regret measures the policy, not the noise. Patients left to current practice
/// are valued at Σₐ eᵢ(a)Yᵢ(a) with the true propensities.
public struct PolicyRegret: Sendable, Hashable, Codable {
    public var policy: String
    /// V(policy) under the true potential outcomes.
    public var value: Double
    /// V of the per-patient best arm.
    public var optimalValue: Double
    /// optimalValue − value, ≥ 0.
    public var regret: Double
    /// Fraction of patients (not left to practice) given a best arm.
    public var agreementWithOptimal: Double

    /// - Parameters:
    ///   - potentialOutcomes: Yᵢ(a), K finite values per patient (larger is better).
    ///   - propensities: true eᵢ(a), needed only when the policy leaves patients to current practice.
    /// - Throws: ``PolicyError/invalidInput(_:)`` on mismatched sizes or non-finite values.
    /// - Complexity: O(n·K).
    public init(_ policy: PolicyAssignment, potentialOutcomes: [[Double]], propensities: [[Double]]? = nil) throws {
        let n = potentialOutcomes.count
        guard n > 0, policy.count == n, let k = potentialOutcomes.first?.count,
              potentialOutcomes.allSatisfy({ $0.count == k && $0.allSatisfy(\.isFinite) }),
              policy.probabilities.allSatisfy({ $0.count == k }) else {
            throw PolicyError.invalidInput("regret: the policy and the potential outcomes need K finite values for each of the same patients")
        }
        if policy.followsPractice.contains(true) {
            guard let propensities, propensities.count == n, propensities.allSatisfy({ $0.count == k }) else {
                throw PolicyError.invalidInput("regret: patients left to current practice need the true propensities (K per patient)")
            }
        }
        var total = 0.0, optimal = 0.0, agree = 0.0, decided = 0
        for i in 0..<n {
            let y = potentialOutcomes[i]
            let best = y.max()!
            optimal += best
            let weights = policy.followsPractice[i] ? propensities![i] : policy.probabilities[i]
            var v = 0.0
            for a in 0..<k { v += weights[a] * y[a] }
            total += v
            if !policy.followsPractice[i] {
                decided += 1
                for a in 0..<k where y[a] == best { agree += weights[a] }
            }
        }
        self.policy = policy.name
        value = total / Double(n)
        optimalValue = optimal / Double(n)
        regret = optimalValue - value
        agreementWithOptimal = decided > 0 ? agree / Double(decided) : .nan
    }
}
