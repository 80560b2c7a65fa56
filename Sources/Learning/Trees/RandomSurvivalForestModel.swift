import Foundation

/// The fitted ``RandomSurvivalForest``: trees frozen into flat arrays and, per leaf, the sparse Nelson–Aalen
/// hazard jumps on the shared grid of unique training event times.
public struct RandomSurvivalForestModel: SurvivalModel, Hashable {
    public let featureNames: [String]
    public var task: Task { .survival }
    public let diagnostics: FitDiagnostics
    public let binner: FeatureBinner
    /// The unique training event times, ascending: the grid of every leaf curve.
    public let eventTimes: [Double]
    /// Trees; a leaf's value is its risk `Σ_j H_leaf(T_j)` over ``eventTimes``.
    public let trees: [FlatTree]
    /// Per tree: node `k`'s hazard jumps are entries `curveStart[k] ..< curveStart[k + 1]` of `jumpIndex`
    /// (grid index) and `jumpHazard` (the increment `d/Y`, stored in single precision).
    public let curveStart: [[Int32]]
    public let jumpIndex: [[Int32]]
    public let jumpHazard: [[Float]]
    /// Out-of-bag risk of each training row (`nil` for a row in every bootstrap sample).
    public let oobRisk: [Double?]
    /// Harrell's C of the out-of-bag risks (scikit-survival's `oob_score_`; `nil` without comparable pairs).
    public let oobConcordance: Double?

    func leaves(_ features: FeatureMatrix) throws -> [[Int32]] {
        try checkCompatible(features)
        let n = features.rowCount
        let out = SharedBuffer<[Int32]>(repeating: [], count: n)
        features.values.withUnsafeBufferPointer { values in
            TreeParallel.forEachChunk(n, chunks: n < 200 ? 1 : TreeParallel.coreCount) { range in
                for i in range {
                    out[i] = trees.map { Int32($0.leaf(raw: values, rowCount: n, row: i, binner: binner)) }
                }
            }
        }
        return out.array
    }

    /// The risk score `Σ_j Ĥ_e(T_j | x)` over the unique training event times (scikit-survival's `predict`).
    ///
    /// - Complexity: O(n · trees · depth), parallel over rows.
    public func predict(_ features: FeatureMatrix) throws -> [Double] {
        try checkCompatible(features)
        return ensembleMeanLeafValue(trees, binner: binner, features: features)
    }

    /// Grid position of each of `times`: the number of event times ≤ t.
    func gridPositions(_ times: [Double]) -> [Int] {
        times.map { t in
            var lo = 0, hi = eventTimes.count
            while lo < hi { let mid = (lo + hi) / 2; if eventTimes[mid] <= t { lo = mid + 1 } else { hi = mid } }
            return lo
        }
    }

    /// Averages `curve(jumps, position)` over trees, where jumps are the leaf's (grid index, increment)
    /// pairs and position the number of grid times ≤ t.
    func ensemble(_ features: FeatureMatrix, at times: [Double], start: Double,
                  combine: (Double, Double) -> Double) throws -> [[Double]] {
        let leaves = try leaves(features)
        let positions = gridPositions(times)
        let order = times.indices.sorted { positions[$0] < positions[$1] }
        return leaves.map { rowLeaves in
            var sum = [Double](repeating: 0, count: times.count)
            for (t, leaf) in rowLeaves.enumerated() {
                let lo = Int(curveStart[t][Int(leaf)]), hi = Int(curveStart[t][Int(leaf) + 1])
                var value = start, k = lo
                for q in order {
                    while k < hi && Int(jumpIndex[t][k]) < positions[q] { value = combine(value, Double(jumpHazard[t][k])); k += 1 }
                    sum[q] += value
                }
            }
            return sum.map { $0 / Double(trees.count) }
        }
    }

    /// The ensemble Nelson–Aalen cumulative hazard `Ĥ_e(t | x)` of each row at each of `times`.
    ///
    /// - Complexity: O(n · trees · (depth + jumps + k)) for `k` times.
    public func cumulativeHazard(_ features: FeatureMatrix, at times: [Double]) throws -> [[Double]] {
        try ensemble(features, at: times, start: 0) { $0 + $1 }
    }

    /// `S(t | x)`: the mean over trees of the leaf's product-limit estimate (scikit-survival's
    /// `predict_survival_function`).
    public func survivalProbabilities(_ features: FeatureMatrix, at times: [Double]) throws -> [[Double]] {
        try ensemble(features, at: times, start: 1) { $0 * (1 - $1) }
    }

    /// Bytes held by the leaf curves and trees (for memory reports).
    public var approximateByteCount: Int {
        let curves = zip(curveStart, jumpIndex).reduce(0) { $0 + 4 * ($1.0.count + $1.1.count) }
            + jumpHazard.reduce(0) { $0 + 4 * $1.count }
        let nodes = trees.reduce(0) { $0 + $1.nodeCount * 40 }
        return curves + nodes
    }
}
