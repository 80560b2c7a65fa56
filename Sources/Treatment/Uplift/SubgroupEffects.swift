import Foundation
import Statistics

/// Average effects within patient subgroups from doubly robust scores — how the effect varies with a
/// biomarker (TMB quartile, albumin below 3.5 g/dL, cancer type) — and the difference between two subgroups.
///
/// For the contrast scores Γᵢ (``DoublyRobustScores``; a DR-learner's Γ̂ᵢ(a) − Γ̂ᵢ(r)) and optional weights
/// wᵢ, the effect in group g is the weighted mean τ̂_g = Σ_{i∈g} wᵢΓᵢ / Σ_{i∈g} wᵢ with the influence-function
/// SE √(Σ_{i∈g} wᵢ²(Γᵢ − τ̂_g)² / (Σ_{i∈g} wᵢ)²) · √(n_g/(n_g − 1)) (grf's `average_treatment_effect(subset:)`
/// form; Athey & Wager 2019, Obs Stud 5:37–51), and a normal interval. The difference of two disjoint groups
/// has SE √(SE₁² + SE₂²). Groups must be defined from covariates only, never from the outcome or the arm.
public struct SubgroupEffects: Sendable, Hashable, Codable {
    public struct Group: Sendable, Hashable, Codable {
        public var name: String
        public var count: Int
        public var estimate: Double
        public var standardError: Double
        public var lower: Double
        public var upper: Double
    }

    /// A contrast between two groups: effect(first) − effect(second).
    public struct Difference: Sendable, Hashable, Codable {
        public var first: String
        public var second: String
        public var estimate: Double
        public var standardError: Double
        public var lower: Double
        public var upper: Double
        public var pValue: Double
    }

    /// Groups in sorted name order (patients with a `nil` group are left out).
    public var groups: [Group]
    public var confidenceLevel: Double
    /// Groups with fewer than 20 patients (noisy).
    public var diagnostics: [String]

    /// - Parameters:
    ///   - scores: Γᵢ, finite.
    ///   - groups: the subgroup of each patient, `nil` to leave the patient out.
    ///   - weights: wᵢ > 0, or `nil` for 1.
    ///   - confidenceLevel: in (0, 1), default 0.95.
    /// - Throws: ``PolicyError`` on mismatched lengths, non-finite scores, bad weights or level, a group of one.
    /// - Complexity: O(n + G log G).
    public init(scores: [Double], groups: [String?], weights: [Double]? = nil, confidenceLevel: Double = 0.95) throws {
        let n = scores.count
        guard groups.count == n, weights.map({ $0.count == n }) ?? true else {
            throw PolicyError.invalidInput("subgroup effects: scores, groups and weights need one value per patient (\(n))")
        }
        guard scores.allSatisfy(\.isFinite) else { throw PolicyError.invalidInput("subgroup effects: scores must be finite") }
        if let weights, !weights.allSatisfy({ $0 > 0 && $0.isFinite }) {
            throw PolicyError.invalidInput("subgroup effects: weights must be finite and > 0")
        }
        guard confidenceLevel > 0 && confidenceLevel < 1 else {
            throw PolicyError.invalidParameter(name: "confidenceLevel", value: "\(confidenceLevel)", fix: "use a level in (0, 1), e.g. 0.95")
        }
        var members: [String: [Int]] = [:]
        for i in 0..<n { if let g = groups[i] { members[g, default: []].append(i) } }
        guard !members.isEmpty else { throw PolicyError.invalidInput("subgroup effects: every patient's group is missing") }
        let z = Normal().quantile((1 + confidenceLevel) / 2)
        var notes: [String] = []
        self.groups = try members.keys.sorted().map { name in
            let rows = members[name]!
            guard rows.count >= 2 else {
                throw PolicyError.invalidInput("subgroup effects: group \"\(name)\" has one patient; merge it with another group")
            }
            if rows.count < 20 { notes.append("group \(name) has \(rows.count) patients: its effect is very uncertain") }
            var sw = 0.0, swy = 0.0
            for i in rows { let w = weights?[i] ?? 1; sw += w; swy += w * scores[i] }
            let mean = swy / sw
            var ss = 0.0
            for i in rows { let w = weights?[i] ?? 1; ss += w * w * (scores[i] - mean) * (scores[i] - mean) }
            let m = Double(rows.count)
            let se = (ss / (sw * sw) * m / (m - 1)).squareRoot()
            return Group(name: name, count: rows.count, estimate: mean, standardError: se, lower: mean - z * se, upper: mean + z * se)
        }
        self.confidenceLevel = confidenceLevel
        diagnostics = notes
    }

    /// The group named `name`, if present.
    ///
    /// - Complexity: O(G).
    public func group(_ name: String) -> Group? { groups.first { $0.name == name } }

    /// effect(first) − effect(second) for two of the groups.
    ///
    /// - Throws: ``PolicyError/invalidInput(_:)`` for an unknown group name.
    /// - Complexity: O(G).
    public func difference(_ first: String, _ second: String) throws -> Difference {
        guard let a = group(first), let b = group(second) else {
            throw PolicyError.invalidInput("subgroup effects: unknown group; the groups are \(groups.map(\.name).joined(separator: ", "))")
        }
        let z = Normal().quantile((1 + confidenceLevel) / 2)
        let d = a.estimate - b.estimate
        let se = (a.standardError * a.standardError + b.standardError * b.standardError).squareRoot()
        return Difference(first: first, second: second, estimate: d, standardError: se, lower: d - z * se, upper: d + z * se,
                          pValue: se > 0 ? 2 * Normal().survival(abs(d / se)) : .nan)
    }
}
