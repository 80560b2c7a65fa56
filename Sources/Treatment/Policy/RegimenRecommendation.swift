/// The regimen a ``RegimenPolicy`` recommends for one patient, or its abstention, with the numbers behind
/// the decision and the reasons in words.
public struct RegimenRecommendation: Sendable, Hashable, Codable {
    public var patientID: String
    /// The recommended arm, or `nil` when the policy abstains ("no clear benefit").
    public var recommendedArm: String?
    /// The arm with the largest expected utility among the allowed arms (recommended or not).
    public var bestArm: String
    /// The reference arm the benefit is expressed against (`nil` when none was set).
    public var referenceArm: String?
    /// Expected outcome of the best arm minus that of the reference (0 when the best arm is the reference).
    public var expectedBenefit: Double
    /// Lower confidence bound of ``expectedBenefit`` at the policy's level.
    public var benefitLowerBound: Double
    /// The allowed arm closest to the best one in expected utility (`nil` when only one arm is allowed).
    public var runnerUpArm: String?
    /// Utility of the best arm minus that of the runner-up (≥ 0).
    public var advantage: Double
    /// The smallest lower confidence bound of the best arm's utility advantage over any allowed arm: the
    /// policy recommends when this exceeds the margin.
    public var decisiveLowerBound: Double
    /// The arm that gives ``decisiveLowerBound``.
    public var decisiveCompetitor: String?
    /// Expected utility per arm (outcome minus the toxicity penalty), in arm order; excluded arms included.
    public var utilities: [Double]
    /// The reasons, in words, first the decision.
    public var reasons: [String]

    /// Whether the policy abstained.
    public var abstained: Bool { recommendedArm == nil }
}
