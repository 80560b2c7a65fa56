import Learning
import Statistics

/// One train/test split of the rows of a dataset.
public struct ResamplingSplit: Sendable, Hashable, Codable {
    /// "repeat 1, fold 3", or the held-out group's name.
    public var name: String
    public var repetition: Int
    public var fold: Int
    /// Rows the estimator is fitted on (it never sees any other row).
    public var train: [Int]
    /// Rows it is scored on.
    public var test: [Int]
}

/// How rows are split for resampling.
public enum ResamplingScheme: Sendable, Hashable, Codable {
    /// k-fold cross-validation, repeated `repeats` times with fresh shuffles (default 5 folds, once),
    /// stratified by class (binary) or event status (survival) when `stratified` (default).
    case kFold(folds: Int = 5, repeats: Int = 1, stratified: Bool = true)
    /// Each distinct group (cohort, site) in turn is the test set and the others the training set:
    /// external validation across sites. `groups` has one label per row.
    case leaveOneGroupOut(groups: [String])

    /// The splits for a target, seeded: the same seed gives the same splits on every machine.
    ///
    /// Fold assignment: rows of each stratum are shuffled with `Xoshiro256StarStar(seed:stream:)`
    /// (stream = repetition + 1) and dealt to folds in turn (``Learning/StratifiedFolds``).
    ///
    /// - Throws: ``EvaluationError/invalidParameter(name:value:fix:)`` for fewer than 2 folds, more
    ///   folds than rows, fewer than 1 repeat or fewer than 2 groups.
    /// - Complexity: O(repeats · N) or O(N log G).
    public func splits(for target: Target, seed: UInt64 = 0) throws -> [ResamplingSplit] {
        let n = target.count
        switch self {
        case .kFold(let k, let repeats, let stratified):
            guard k >= 2, k <= n else {
                throw EvaluationError.invalidParameter(name: "folds", value: "\(k)", fix: "use between 2 and the number of rows (\(n))")
            }
            guard repeats >= 1 else {
                throw EvaluationError.invalidParameter(name: "repeats", value: "\(repeats)", fix: "use at least 1 repeat")
            }
            let strata = stratified ? StratifiedFolds.strata(for: target) : Array(repeating: 0, count: n)
            var splits: [ResamplingSplit] = []
            for r in 0..<repeats {
                var generator = Xoshiro256StarStar(seed: seed, stream: UInt64(r + 1))
                let fold = StratifiedFolds.assign(strata: strata, folds: k, generator: &generator)
                for f in 0..<k {
                    var train: [Int] = [], test: [Int] = []
                    for i in 0..<n { if fold[i] == f { test.append(i) } else { train.append(i) } }
                    let name = repeats > 1 ? "repeat \(r + 1), fold \(f + 1)" : "fold \(f + 1)"
                    splits.append(ResamplingSplit(name: name, repetition: r, fold: f, train: train, test: test))
                }
            }
            return splits
        case .leaveOneGroupOut(let groups):
            InputChecks.sameLength(groups.count, n, "group labels and rows")
            let names = Array(Set(groups)).sorted()
            guard names.count >= 2 else {
                throw EvaluationError.invalidParameter(name: "groups", value: "\(names.count) distinct", fix: "give at least two groups")
            }
            return names.enumerated().map { f, name in
                var train: [Int] = [], test: [Int] = []
                for i in 0..<n { if groups[i] == name { test.append(i) } else { train.append(i) } }
                return ResamplingSplit(name: name, repetition: 0, fold: f, train: train, test: test)
            }
        }
    }

    /// The same scheme on a subset of rows (for inner loops of nested cross-validation).
    func restricted(to rows: [Int]) -> ResamplingScheme {
        switch self {
        case .kFold: self
        case .leaveOneGroupOut(let groups): .leaveOneGroupOut(groups: rows.map { groups[$0] })
        }
    }
}
