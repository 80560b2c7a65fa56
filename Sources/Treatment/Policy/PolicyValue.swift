/// The estimated value (mean outcome if every patient were treated by the policy) of one policy.
public struct PolicyValue: Sendable, Hashable, Codable {
    /// An estimate with its influence-function standard error and normal interval.
    public struct Estimate: Sendable, Hashable, Codable {
        public var value: Double
        public var standardError: Double
        public var lower: Double
        public var upper: Double

        init(influence: [Double], value: Double, z: Double) {
            let n = Double(influence.count)
            var ss = 0.0
            for x in influence { ss += (x - value) * (x - value) }
            let se = influence.count > 1 ? (ss / (n - 1) / n).squareRoot() : .nan
            self.value = value
            standardError = se
            lower = value - z * se
            upper = value + z * se
        }
    }

    public var policy: String
    /// Inverse-probability-weighted value (Horvitz–Thompson form).
    public var inverseProbabilityWeighted: Estimate
    /// Self-normalised IPW value (Hájek form).
    public var selfNormalized: Estimate
    /// Doubly robust (AIPW) value; `nil` when no outcome model was given.
    public var doublyRobust: Estimate?
    /// Expected share of patients the policy gives each arm (current practice counted under the observed arm).
    public var armShares: [Double]
    /// Kish effective sample size of the importance weights ρᵢ = πᵢ(Aᵢ)/êᵢ(Aᵢ): (Σρ)²/Σρ².
    public var effectiveSampleSize: Double
    /// The largest importance weight.
    public var maximumWeight: Double
    public var count: Int
    /// Overlap warnings: arms given to patients who rarely receive them, few effective patients.
    public var diagnostics: [String]

    /// The preferred estimate: doubly robust when available, else self-normalised IPW.
    public var preferred: Estimate { doublyRobust ?? selfNormalized }
}

/// The paired difference between two policies' values on the same patients: V(policy) − V(baseline),
/// with the SE of the per-patient difference of influence values (so the correlation between the two is
/// used, not ignored).
public struct PolicyComparison: Sendable, Hashable, Codable {
    public var policy: String
    public var baseline: String
    public var inverseProbabilityWeighted: PolicyValue.Estimate
    public var doublyRobust: PolicyValue.Estimate?
    /// Two-sided normal p-value of the preferred (DR, else IPW) difference.
    public var pValue: Double
}
