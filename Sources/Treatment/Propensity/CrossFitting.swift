import Learning
import Statistics

/// Fold assignment for cross-fitting nuisance models.
public enum CrossFitting {
    /// Stratified, seeded folds: patients are grouped by arm and outcome class (binary) or event status
    /// (survival) and dealt to `count` folds in turn (Learning's ``Learning/StratifiedFolds``), so every
    /// fold has nearly the same arm and outcome mix.
    ///
    /// - Throws: when `count` is outside 2…n or an arm has fewer patients than folds.
    /// - Complexity: O(n).
    public static func folds(_ data: TreatmentData, count: Int, seed: UInt64) throws -> [Int] {
        guard count >= 2, count <= data.patientCount else {
            throw TreatmentError.invalidParameter(name: "folds", value: "\(count)",
                                                  fix: "use 2…\(data.patientCount) folds, e.g. 5")
        }
        var perArm = [Int](repeating: 0, count: data.armCount)
        for a in data.arm { perArm[a] += 1 }
        if let small = perArm.firstIndex(where: { $0 < count }) {
            throw TreatmentError.invalidData(field: "arm \"\(data.armNames[small])\"",
                                             expected: "at least as many patients as folds (\(count)); use fewer folds")
        }
        let outcomeClass: [Int] = switch data.outcome {
        case .binary(let y): y.map { Int($0) }
        case .survival(_, let e): e.map { $0 ? 1 : 0 }
        case .continuous(let y): y.map { _ in 0 }
        }
        let strata = zip(data.arm, outcomeClass).map { $0 * 2 + $1 }
        var generator = Xoshiro256StarStar(seed: seed)
        return StratifiedFolds.assign(strata: strata, folds: count, generator: &generator)
    }

    static func check(_ folds: [Int], _ data: TreatmentData) throws {
        guard folds.count == data.patientCount else {
            throw TreatmentError.invalidData(field: "folds", expected: "one fold index per patient (\(data.patientCount))")
        }
        guard folds.allSatisfy({ $0 >= 0 }), Set(folds).count >= 2 else {
            throw TreatmentError.invalidData(field: "folds", expected: "fold indices ≥ 0 forming at least two folds")
        }
    }
}
