import Statistics

/// Stratified k-fold assignment: rows of each stratum (class, or event status for survival) are
/// shuffled with the seeded generator and dealt to folds in turn, so every fold has nearly the same
/// class balance (as scikit-learn's `StratifiedKFold(shuffle=True)`; the exact assignment differs).
public enum StratifiedFolds {
    /// The fold (0..<k) of each row.
    ///
    /// - Parameters:
    ///   - strata: a stratum label per row.
    ///   - k: number of folds, 2…n.
    /// - Complexity: O(n).
    public static func assign(strata: [Int], folds k: Int, generator: inout Xoshiro256StarStar) -> [Int] {
        precondition(k >= 2 && k <= strata.count, "need 2 ≤ folds ≤ rows (folds \(k), rows \(strata.count))")
        var fold = [Int](repeating: 0, count: strata.count)
        var next = 0
        for stratum in Set(strata).sorted() {
            var rows = strata.indices.filter { strata[$0] == stratum }
            rows.shuffle(using: &generator)
            for row in rows {
                fold[row] = next
                next = (next + 1) % k
            }
        }
        return fold
    }

    /// Strata for a target: the class (binary), the event indicator (survival), one stratum otherwise.
    public static func strata(for target: Target) -> [Int] {
        switch target {
        case .binary(let y): y.map { Int($0) }
        case .survival(_, let event): event.map { $0 ? 1 : 0 }
        case .continuous(let y): Array(repeating: 0, count: y.count)
        }
    }
}
