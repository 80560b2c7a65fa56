/// A treatment policy evaluated on a cohort: for every patient, the probability π_i(a) of giving each arm
/// (one-hot for a deterministic policy), or "current practice" (the arm the patient actually received,
/// as the treating clinicians chose it).
///
/// Arms are indices into the arm list of the ``OffPolicyEvaluation`` the policy is evaluated with.
public struct PolicyAssignment: Sendable, Hashable, Codable {
    public var name: String
    /// π_i(a), K values per patient summing to 1; ignored for patients in ``followsPractice``.
    public var probabilities: [[Double]]
    /// Patients left to current practice (their observed outcome counts as is).
    public var followsPractice: [Bool]

    /// A policy from per-patient arm probabilities (rows of K non-negative values summing to 1 ± 1e-9).
    ///
    /// - Throws: ``PolicyError/invalidInput(_:)`` on ragged or invalid rows.
    /// - Complexity: O(n·K).
    public init(name: String, probabilities: [[Double]], followsPractice: [Bool]? = nil) throws {
        let n = probabilities.count
        guard let k = probabilities.first?.count, k >= 1, probabilities.allSatisfy({ $0.count == k }) else {
            throw PolicyError.invalidInput("policy \(name): expected the same number of arm probabilities for every patient")
        }
        let practice = followsPractice ?? [Bool](repeating: false, count: n)
        guard practice.count == n else {
            throw PolicyError.invalidInput("policy \(name): followsPractice needs one value per patient (\(n))")
        }
        for (i, row) in probabilities.enumerated() where !practice[i] {
            guard row.allSatisfy({ $0 >= 0 && $0.isFinite }), abs(row.reduce(0, +) - 1) <= 1e-9 else {
                throw PolicyError.invalidInput("policy \(name): patient \(i + 1)'s arm probabilities must be ≥ 0 and sum to 1")
            }
        }
        self.name = name
        self.probabilities = probabilities
        self.followsPractice = practice
    }

    /// A deterministic policy: patient i gets arm `arms[i]`, or current practice where it is `nil`.
    ///
    /// - Complexity: O(n·K).
    public static func deterministic(name: String, arms: [Int?], armCount: Int) throws -> PolicyAssignment {
        guard armCount >= 1, arms.allSatisfy({ $0.map { (0..<armCount).contains($0) } ?? true }) else {
            throw PolicyError.invalidInput("policy \(name): every arm must be an index in 0..<\(armCount)")
        }
        let rows = arms.map { a in (0..<armCount).map { $0 == a ? 1.0 : 0.0 } }
        let practice = arms.map { $0 == nil }
        return try PolicyAssignment(name: name, probabilities: rows.enumerated().map { i, r in
            practice[i] ? [Double](repeating: 1 / Double(armCount), count: armCount) : r
        }, followsPractice: practice)
    }

    /// Every patient gets `arm`.
    ///
    /// - Complexity: O(n·K).
    public static func treatAll(_ arm: Int, name: String, patients: Int, armCount: Int) throws -> PolicyAssignment {
        try deterministic(name: name, arms: [Int?](repeating: arm, count: patients), armCount: armCount)
    }

    /// Current practice for every patient: its value is the observed mean outcome.
    ///
    /// - Complexity: O(n·K).
    public static func currentPractice(patients: Int, armCount: Int, name: String = "current practice") throws -> PolicyAssignment {
        try deterministic(name: name, arms: [Int?](repeating: nil, count: patients), armCount: armCount)
    }

    /// The policy of a list of recommendations: the recommended arm, and for abstentions `fallback`
    /// (an arm name) or current practice when `fallback` is `nil`.
    ///
    /// - Throws: ``PolicyError/invalidInput(_:)`` when an arm name is not in `arms`.
    /// - Complexity: O(n·K).
    public static func recommendations(_ recommendations: [RegimenRecommendation], arms: [String], fallback: String? = nil,
                                       name: String = "recommended") throws -> PolicyAssignment {
        var fallbackIndex: Int? = nil
        if let fallback {
            guard let index = arms.firstIndex(of: fallback) else {
                throw PolicyError.invalidInput("fallback arm \"\(fallback)\" is not one of the arms (\(arms.joined(separator: ", ")))")
            }
            fallbackIndex = index
        }
        let chosen = try recommendations.map { r -> Int? in
            guard let arm = r.recommendedArm else { return fallbackIndex }
            guard let index = arms.firstIndex(of: arm) else {
                throw PolicyError.invalidInput("recommended arm \"\(arm)\" is not one of the arms (\(arms.joined(separator: ", ")))")
            }
            return index
        }
        return try deterministic(name: name, arms: chosen, armCount: arms.count)
    }

    public var count: Int { probabilities.count }
}
