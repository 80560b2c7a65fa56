/// What a regimen recommendation needs about one patient: the expected outcome under each arm with its
/// standard error, and optionally the probability of serious toxicity under each arm.
///
/// Outcomes are on a benefit scale (larger is better: response probability, survival probability at a
/// horizon, restricted mean survival time). Values are in the order of the arm names given to
/// ``RegimenPolicy/recommend(arms:patients:)``. Standard errors are treated as independent between arms,
/// so the SE of a difference is √(SE_a² + SE_b²) (conservative when the estimates are positively correlated,
/// as meta-learner estimates sharing a baseline model usually are).
public struct ArmEstimates: Sendable, Hashable, Codable {
    /// The patient's identifier (used only to label the recommendation).
    public var patientID: String
    /// Expected outcome per arm, finite.
    public var expected: [Double]
    /// Standard error per arm, finite and ≥ 0.
    public var standardErrors: [Double]
    /// P(serious toxicity) per arm in [0, 1], or `nil` when no toxicity model is supplied.
    public var toxicity: [Double]?

    public init(patientID: String, expected: [Double], standardErrors: [Double], toxicity: [Double]? = nil) {
        self.patientID = patientID
        self.expected = expected
        self.standardErrors = standardErrors
        self.toxicity = toxicity
    }

    /// From effects versus a reference arm: the reference's expected value is 0 with SE 0, and every other
    /// arm's is its effect (τ̂ₐ = μ̂ₐ − μ̂_ref) with the effect's SE.
    ///
    /// - Parameters:
    ///   - effects, effectStandardErrors: per arm, in arm order; the reference's entries are ignored.
    public init(patientID: String, reference: Int, effects: [Double], effectStandardErrors: [Double],
                toxicity: [Double]? = nil) {
        var e = effects, s = effectStandardErrors
        if e.indices.contains(reference) { e[reference] = 0 }
        if s.indices.contains(reference) { s[reference] = 0 }
        self.init(patientID: patientID, expected: e, standardErrors: s, toxicity: toxicity)
    }
}
