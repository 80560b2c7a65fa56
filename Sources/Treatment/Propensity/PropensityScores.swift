/// Estimated propensities π̂ₐ(xᵢ) = P(A = a | xᵢ) for every patient and arm, with the arm each patient
/// received. Usually cross-fitted (``PropensityEstimator/crossFit(_:folds:seed:)``).
public struct PropensityScores: Sendable, Hashable, Codable {
    public var armNames: [String]
    public var referenceArm: Int
    /// The arm each patient received.
    public var arm: [Int]
    /// π̂ₐ(xᵢ), indexed `[a][i]`.
    public var probabilities: [[Double]]
    /// The cross-fitting fold of each patient (nil when fitted and scored on the same patients).
    public var folds: [Int]?
    /// Fitting trouble (non-convergence, separation), by fold.
    public var messages: [String]

    public init(armNames: [String], referenceArm: Int, arm: [Int], probabilities: [[Double]], folds: [Int]? = nil,
                messages: [String] = []) {
        precondition(probabilities.count == armNames.count && probabilities.allSatisfy { $0.count == arm.count },
                     "one propensity per arm and patient")
        self.armNames = armNames
        self.referenceArm = referenceArm
        self.arm = arm
        self.probabilities = probabilities
        self.folds = folds
        self.messages = messages
    }

    public var patientCount: Int { arm.count }

    /// π̂ of the arm each patient received.
    public var receivedArmPropensity: [Double] { arm.indices.map { probabilities[arm[$0]][$0] } }

    /// The scores restricted to `rows`.
    public func selecting(_ rows: [Int]) -> PropensityScores {
        PropensityScores(armNames: armNames, referenceArm: referenceArm, arm: rows.map { arm[$0] },
                         probabilities: probabilities.map { p in rows.map { p[$0] } },
                         folds: folds.map { f in rows.map { f[$0] } }, messages: messages)
    }
}
