import Learning

/// What every analysis of this target takes: covariates, the arm each patient received, the outcome, and
/// optional case weights.
///
/// Arms are indices into ``armNames`` (two or more arms: e.g. ICI monotherapy, ICI combination,
/// ICI + chemotherapy, non-ICI); effects are contrasts of each arm against ``referenceArm``. Covariates
/// may hold NaN for a missing value and categorical codes (``Learning/FeatureMatrix/categoricalLevels``);
/// estimators that cannot take missing values should be wrapped in a ``Learning/Pipeline``.
///
/// The initialiser checks the data (``validate()``) and throws ``TreatmentError/invalidData(field:expected:)``
/// naming the field and what was expected, never a patient value.
public struct TreatmentData: Sendable, Hashable, Codable {
    public var covariates: FeatureMatrix
    /// The arm received by each patient, in `0..<armNames.count`.
    public var arm: [Int]
    public var armNames: [String]
    /// Index of the reference arm (effects are arm − reference).
    public var referenceArm: Int
    public var outcome: TreatmentOutcome
    /// Non-negative case weights (default: all 1).
    public var weights: [Double]?
    /// Patient IDs, when built from cohorts (for joining results back; never used in fitting).
    public var patientIDs: [String]?

    /// - Throws: ``TreatmentError/invalidData(field:expected:)`` when ``validate()`` fails.
    /// - Complexity: O(n · p).
    public init(covariates: FeatureMatrix, arm: [Int], armNames: [String], referenceArm: Int = 0,
                outcome: TreatmentOutcome, weights: [Double]? = nil) throws {
        self.covariates = covariates
        self.arm = arm
        self.armNames = armNames
        self.referenceArm = referenceArm
        self.outcome = outcome
        self.weights = weights
        try validate()
    }

    /// Builds the data from arm *labels*, with arms ordered as `armNames` (default: sorted labels) and the
    /// reference given by name.
    ///
    /// - Throws: for a label not in `armNames` or an unknown reference name.
    public init(covariates: FeatureMatrix, armLabels: [String], armNames: [String]? = nil, reference: String,
                outcome: TreatmentOutcome, weights: [Double]? = nil) throws {
        let names = armNames ?? Array(Set(armLabels)).sorted()
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        var arms = [Int]()
        arms.reserveCapacity(armLabels.count)
        for label in armLabels {
            guard let a = index[label] else {
                throw TreatmentError.invalidData(field: "arm", expected: "every arm label to be one of \(names.joined(separator: ", "))")
            }
            arms.append(a)
        }
        guard let r = index[reference] else {
            throw TreatmentError.invalidData(field: "reference arm",
                                             expected: "one of the arm names \(names.joined(separator: ", "))")
        }
        try self.init(covariates: covariates, arm: arms, armNames: names, referenceArm: r, outcome: outcome,
                      weights: weights)
    }

    public var patientCount: Int { arm.count }
    public var armCount: Int { armNames.count }
    /// The arms other than the reference, in index order.
    public var comparisonArms: [Int] { (0..<armCount).filter { $0 != referenceArm } }

    /// The weight of patient `i` (1 without weights).
    @inlinable public func weight(_ i: Int) -> Double { weights?[i] ?? 1 }

    /// Patients (row indices) who received arm `a`.
    ///
    /// - Complexity: O(n).
    public func patients(inArm a: Int) -> [Int] { arm.indices.filter { arm[$0] == a } }

    /// The data restricted to `rows`, in that order (not revalidated).
    public func selectingPatients(_ rows: [Int]) -> TreatmentData {
        var copy = self
        copy.covariates = covariates.selectingRows(rows)
        copy.arm = rows.map { arm[$0] }
        copy.outcome = outcome.selectingRows(rows)
        copy.weights = weights.map { w in rows.map { w[$0] } }
        copy.patientIDs = patientIDs.map { ids in rows.map { ids[$0] } }
        return copy
    }

    /// Checks lengths, arm indices, finite values, non-negative weights, that every arm has patients and,
    /// for survival, that every arm has at least one event.
    ///
    /// - Complexity: O(n · p).
    public func validate() throws {
        let n = arm.count
        func fail(_ field: String, _ expected: String) -> TreatmentError { .invalidData(field: field, expected: expected) }
        guard n > 0 else { throw fail("patients", "at least one patient") }
        guard armNames.count >= 2 else { throw fail("armNames", "at least two arms (found \(armNames.count))") }
        guard Set(armNames).count == armNames.count else { throw fail("armNames", "unique arm names") }
        guard (0..<armNames.count).contains(referenceArm) else {
            throw fail("referenceArm", "an index in 0..<\(armNames.count)")
        }
        guard covariates.rowCount == n else {
            throw fail("covariates", "one row per patient (\(n) rows, found \(covariates.rowCount))")
        }
        guard outcome.count == n else { throw fail("outcome", "one value per patient (\(n), found \(outcome.count))") }
        if let patientIDs, patientIDs.count != n {
            throw fail("patientIDs", "one ID per patient (\(n), found \(patientIDs.count))")
        }
        if let weights {
            guard weights.count == n else { throw fail("weights", "one weight per patient (\(n), found \(weights.count))") }
            guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }) else { throw fail("weights", "finite weights ≥ 0") }
        }
        guard arm.allSatisfy({ $0 >= 0 && $0 < armNames.count }) else {
            throw fail("arm", "arm indices in 0..<\(armNames.count)")
        }
        for j in 0..<covariates.columnCount where covariates.column(j).contains(where: { $0.isInfinite }) {
            throw fail("covariate \"\(covariates.names[j])\"", "finite values (NaN marks a missing value)")
        }
        var counts = [Int](repeating: 0, count: armNames.count)
        for a in arm { counts[a] += 1 }
        if let empty = counts.firstIndex(of: 0) {
            throw fail("arm \"\(armNames[empty])\"", "at least one patient in every arm")
        }
        switch outcome {
        case .binary(let y):
            guard y.allSatisfy({ $0 == 0 || $0 == 1 }) else { throw fail("outcome", "a binary outcome coded 0 or 1") }
        case .continuous(let y):
            guard y.allSatisfy(\.isFinite) else { throw fail("outcome", "finite values") }
        case .survival(let time, let event):
            guard event.count == n else { throw fail("event", "one event indicator per patient") }
            guard time.allSatisfy({ $0.isFinite && $0 >= 0 }) else { throw fail("survival time", "finite times ≥ 0") }
            var events = [Int](repeating: 0, count: armNames.count)
            for i in 0..<n where event[i] { events[arm[i]] += 1 }
            if let none = events.firstIndex(of: 0) {
                throw fail("arm \"\(armNames[none])\"", "at least one observed event in every arm")
            }
        }
    }
}
