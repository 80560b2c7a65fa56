import Foundation
import Statistics

/// A regimen-recommendation policy with abstention: per patient, recommend the allowed arm with the
/// largest expected utility when the lower confidence bound of its advantage over every other allowed
/// arm exceeds a margin; otherwise say "no clear benefit".
///
/// For patient i with expected outcomes μ̂ₐ and standard errors sₐ (``ArmEstimates``), optional toxicity
/// probabilities tₐ and utility weight λ:
///
///     Uₐ = μ̂ₐ − λ·tₐ                                   (expected utility)
///     a* = argmax_{a allowed} Uₐ                          (ties: the first arm in the given order)
///     LBₐ*,b = (U_a* − U_b) − z·√(s_a*² + s_b²),  z = Φ⁻¹((1 + level)/2)
///     recommend a*  ⇔  min_{b allowed, b ≠ a*} LB_a*,b > margin
///
/// The bound is the lower end of the two-sided `confidenceLevel` interval (z = 1.96 at 95 %); toxicity
/// probabilities are taken as known (no SE). With only one allowed arm it is recommended. The benefit
/// reported is against ``referenceArm`` (μ̂_a* − μ̂_ref, lower bound with √(s_a*² + s_ref²)).
///
/// Deterministic: the same estimates give the same recommendations and words. Utility ties between
/// arms go to the arm listed first, and then the advantage is 0, so the policy abstains unless the
/// margin is negative.
///
/// Recommending only when the evidence separates the arms, and otherwise returning "no clear benefit"
/// (a set of acceptable arms rather than one), follows set-valued treatment regimes (Laber, Lizotte &
/// Ferguson 2014, "Set-valued dynamic treatment regimes for competing outcomes", Biometrics 70:53–61);
/// the margin plays the role of a clinically relevant difference.
///
/// - Complexity: O(arms) per patient.
public struct RegimenPolicy: Sendable, Hashable, Codable {
    /// Smallest advantage worth acting on, on the outcome's scale (0.02 = 2 points of probability),
    /// finite. Default 0: any advantage whose lower bound is positive. Negative margins allow
    /// recommending an arm that may be slightly worse (a non-inferiority stance).
    public var margin: Double = 0
    /// Two-sided confidence level of the lower bounds, in (0, 1). Default 0.95.
    public var confidenceLevel: Double = 0.95
    /// Arms never recommended (contraindications, availability), by name. Default none.
    public var excludedArms: [String] = []
    /// Utility cost λ of serious toxicity, in outcome units per unit of toxicity probability, finite and
    /// ≥ 0: with λ = 0.5 a 20 % toxicity risk costs 0.1 (10 points of response probability). Used only
    /// when the estimates carry toxicity probabilities. Default 0 (toxicity ignored).
    public var toxicityWeight: Double = 0
    /// The arm benefit is expressed against (e.g. "chemotherapy"), or `nil` for none. Default `nil`.
    public var referenceArm: String? = nil
    /// The outcome's scale, for the words. Default ``BenefitScale/probability``.
    public var scale: BenefitScale = .probability
    /// The outcome's name in the words ("response probability", "RMST at 24 months"). Default
    /// "response probability".
    public var outcomeName: String = "response probability"

    public init(margin: Double = 0, confidenceLevel: Double = 0.95, excludedArms: [String] = [],
                toxicityWeight: Double = 0, referenceArm: String? = nil, scale: BenefitScale = .probability,
                outcomeName: String = "response probability") {
        self.margin = margin
        self.confidenceLevel = confidenceLevel
        self.excludedArms = excludedArms
        self.toxicityWeight = toxicityWeight
        self.referenceArm = referenceArm
        self.scale = scale
        self.outcomeName = outcomeName
    }

    /// Throws ``PolicyError/invalidParameter(name:value:fix:)`` naming the bad setting.
    public func validate() throws {
        guard margin.isFinite else {
            throw PolicyError.invalidParameter(name: "margin", value: "\(margin)", fix: "use a finite value on the outcome scale, e.g. 0.02")
        }
        guard confidenceLevel > 0 && confidenceLevel < 1 else {
            throw PolicyError.invalidParameter(name: "confidenceLevel", value: "\(confidenceLevel)", fix: "use a level in (0, 1), e.g. 0.95")
        }
        guard toxicityWeight >= 0 && toxicityWeight.isFinite else {
            throw PolicyError.invalidParameter(name: "toxicityWeight", value: "\(toxicityWeight)",
                                               fix: "use a finite weight ≥ 0 (outcome units per unit of toxicity probability)")
        }
    }

    /// The recommendation for every patient.
    ///
    /// - Parameters:
    ///   - arms: arm names, unique, at least one; the order of every ``ArmEstimates`` and the tie order.
    ///   - patients: one ``ArmEstimates`` per patient.
    /// - Throws: ``PolicyError`` when a setting is invalid, an excluded or reference arm is not among
    ///   `arms`, every arm is excluded, or a patient's estimates have the wrong length or non-finite values.
    /// - Complexity: O(patients · arms).
    public func recommend(arms: [String], patients: [ArmEstimates]) throws -> [RegimenRecommendation] {
        try validate()
        guard !arms.isEmpty, Set(arms).count == arms.count else {
            throw PolicyError.invalidInput("arms: expected at least one arm name, each once")
        }
        for name in excludedArms where !arms.contains(name) {
            throw PolicyError.invalidInput("excluded arm \"\(name)\" is not one of the arms (\(arms.joined(separator: ", ")))")
        }
        if let referenceArm, !arms.contains(referenceArm) {
            throw PolicyError.invalidInput("reference arm \"\(referenceArm)\" is not one of the arms (\(arms.joined(separator: ", ")))")
        }
        let allowed = arms.indices.filter { !excludedArms.contains(arms[$0]) }
        guard !allowed.isEmpty else {
            throw PolicyError.invalidInput("every arm is excluded; keep at least one arm to recommend")
        }
        let z = Normal().quantile((1 + confidenceLevel) / 2)
        let reference = referenceArm.flatMap { arms.firstIndex(of: $0) }
        let words = Words(level: String(format: "%g%%", 100 * confidenceLevel), weight: String(format: "%g", toxicityWeight),
                          margin: scale.magnitude(margin))
        return try patients.enumerated().map { row, patient in
            try decide(patient, row: row, arms: arms, allowed: allowed, reference: reference, z: z, words: words)
        }
    }

    /// Pieces of the words that do not change between patients.
    private struct Words {
        var level: String
        var weight: String
        var margin: String
    }

    private func decide(_ p: ArmEstimates, row: Int, arms: [String], allowed: [Int], reference: Int?,
                        z: Double, words: Words) throws -> RegimenRecommendation {
        let k = arms.count
        guard p.expected.count == k, p.standardErrors.count == k, p.toxicity.map({ $0.count == k }) ?? true else {
            throw PolicyError.invalidInput("patient \(row + 1): expected, standardErrors and toxicity need one value per arm (\(k))")
        }
        guard p.expected.allSatisfy(\.isFinite) else {
            throw PolicyError.invalidInput("patient \(row + 1): expected outcomes must be finite")
        }
        guard p.standardErrors.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw PolicyError.invalidInput("patient \(row + 1): standard errors must be finite and ≥ 0")
        }
        if let t = p.toxicity, !t.allSatisfy({ $0 >= 0 && $0 <= 1 }) {
            throw PolicyError.invalidInput("patient \(row + 1): toxicity probabilities must be in [0, 1]")
        }
        let utility = (0..<k).map { a in p.expected[a] - toxicityWeight * (p.toxicity?[a] ?? 0) }
        var best = allowed[0]
        for a in allowed.dropFirst() where utility[a] > utility[best] { best = a }
        var runnerUp: Int? = nil, decisive: Int? = nil
        var advantage = 0.0, decisiveBound = Double.infinity
        for b in allowed where b != best {
            let d = utility[best] - utility[b]
            let bound = d - z * (p.standardErrors[best] * p.standardErrors[best] + p.standardErrors[b] * p.standardErrors[b]).squareRoot()
            if runnerUp == nil || d < advantage { runnerUp = b; advantage = d }
            if bound < decisiveBound { decisive = b; decisiveBound = bound }
        }
        var benefit = 0.0, benefitBound = 0.0
        if let reference, reference != best {
            benefit = p.expected[best] - p.expected[reference]
            benefitBound = benefit - z * (p.standardErrors[best] * p.standardErrors[best]
                                          + p.standardErrors[reference] * p.standardErrors[reference]).squareRoot()
        }
        let recommend = decisive == nil || decisiveBound > margin
        var result = RegimenRecommendation(
            patientID: p.patientID, recommendedArm: recommend ? arms[best] : nil, bestArm: arms[best],
            referenceArm: reference.map { arms[$0] }, expectedBenefit: benefit, benefitLowerBound: benefitBound,
            runnerUpArm: runnerUp.map { arms[$0] }, advantage: runnerUp == nil ? 0 : advantage,
            decisiveLowerBound: decisive == nil ? .infinity : decisiveBound, decisiveCompetitor: decisive.map { arms[$0] },
            utilities: utility, reasons: [])
        result.reasons = reasons(result, patient: p, arms: arms, best: best, words: words)
        return result
    }

    /// The decision in words, then the toxicity trade-off and the exclusions when they apply.
    private func reasons(_ r: RegimenRecommendation, patient: ArmEstimates, arms: [String], best: Int, words: Words) -> [String] {
        let level = words.level
        var lines: [String] = []
        let vsReference: String
        if let ref = r.referenceArm, ref != r.bestArm {
            vsReference = "\(scale.signed(r.expectedBenefit)) \(outcomeName) vs \(ref) (\(level) lower bound \(scale.signedNumber(r.benefitLowerBound)))"
        } else if let ref = r.referenceArm {
            vsReference = "the reference arm (\(ref))"
        } else {
            vsReference = "expected \(outcomeName) \(scale.signedNumber(patient.expected[best]))"
        }
        if let chosen = r.recommendedArm {
            if let runner = r.runnerUpArm, let competitor = r.decisiveCompetitor {
                var line = "\(chosen): \(vsReference) beats \(runner) by \(scale.magnitude(r.advantage))"
                if competitor != runner {
                    line += "; smallest \(level) lower bound of the advantage \(scale.signedNumber(r.decisiveLowerBound)) (vs \(competitor))"
                } else {
                    line += " (\(level) lower bound \(scale.signedNumber(r.decisiveLowerBound)))"
                }
                line += "; margin \(words.margin)"
                lines.append(line)
            } else {
                lines.append("\(chosen): the only allowed arm; \(vsReference)")
            }
        } else {
            let competitor = r.decisiveCompetitor ?? "the alternatives"
            lines.append("no clear benefit: the best arm (\(r.bestArm)) has \(level) lower bound \(scale.signedNumber(r.decisiveLowerBound)) over \(competitor), below the margin of \(words.margin); \(r.bestArm): \(vsReference)")
        }
        if toxicityWeight > 0, let tox = patient.toxicity {
            let penalties = arms.indices.filter { !excludedArms.contains(arms[$0]) }.map { a in
                "\(arms[a]) \(Int((100 * tox[a]).rounded(.toNearestOrEven)))%"
            }
            lines.append("toxicity risk weighed at \(words.weight) per unit probability: \(penalties.joined(separator: ", "))")
        }
        if !excludedArms.isEmpty {
            lines.append("not considered: \(excludedArms.joined(separator: ", ")) (excluded)")
        }
        return lines
    }
}
