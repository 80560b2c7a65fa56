import Foundation
import Statistics

/// A random survival forest (Ishwaran, Kogalur, Blackstone & Lauer 2008, Ann. Appl. Stat. 2:841): survival
/// trees grown by log-rank splitting (``SurvivalTreeBuilder``) on bootstrap samples with a random feature
/// subset per node; each leaf estimates the Nelson–Aalen cumulative hazard of its in-bag rows, and the
/// forest averages the trees.
///
/// - ``RandomSurvivalForestModel/predict(_:)``: the risk score `Σ_j Ĥ_e(T_j | x)` summed over the unique
///   training event times `T_j` (scikit-survival's `predict`, the expected number of events).
/// - ``RandomSurvivalForestModel/survivalProbabilities(_:at:)``: the mean over trees of each leaf's
///   product-limit estimate `Π (1 − d_t/Y_t)` (scikit-survival's `predict_survival_function`).
/// - ``RandomSurvivalForestModel/cumulativeHazard(_:at:)``: the ensemble Nelson–Aalen `Ĥ_e`.
///
/// Defaults follow scikit-survival (`min_samples_split = 6`, `min_samples_leaf = 3`, `max_features = "sqrt"`,
/// 100 trees); thresholds are bin edges of ≤ 255 quantile bins instead of every distinct value. Trees are
/// built in parallel, tree `t` from the stream `(seed, t)`. Leaves store only their hazard jumps, so memory
/// grows with the in-bag deaths (≈ 12 bytes × deaths × trees), not with leaves × event times.
///
/// - Complexity: O(trees · maxFeatures · n log² n) time.
public struct RandomSurvivalForest: Estimator {
    public typealias Model = RandomSurvivalForestModel

    public static var supportedTasks: Set<Task> { [.survival] }

    /// Number of trees, ≥ 1. Default 100.
    public var trees: Int = 100
    /// Features tried per node. Default ``MaxFeatures/sqrt`` (scikit-survival).
    public var maxFeatures: MaxFeatures = .sqrt
    /// Minimum distinct rows in a leaf, ≥ 1. Default 3 (scikit-survival; randomForestSRC uses 15).
    public var minSamplesLeaf: Int = 3
    /// Minimum distinct rows to split a node, ≥ 2. Default 6 (scikit-survival).
    public var minSamplesSplit: Int = 6
    /// Maximum depth, ≥ 1, or `nil` (default) for none.
    public var maxDepth: Int? = nil
    /// Draw a bootstrap sample per tree (default true).
    public var bootstrap: Bool = true
    /// Value bins per feature, 2...255. Default 255.
    public var maxBins: Int = 255
    /// Threads building trees, ≥ 1, or `nil` for all cores (default). Does not change results.
    public var threads: Int? = nil

    public init(trees: Int = 100, maxFeatures: MaxFeatures = .sqrt, minSamplesLeaf: Int = 3, minSamplesSplit: Int = 6,
                maxDepth: Int? = nil, bootstrap: Bool = true, maxBins: Int = 255, threads: Int? = nil) {
        self.trees = trees
        self.maxFeatures = maxFeatures
        self.minSamplesLeaf = minSamplesLeaf
        self.minSamplesSplit = minSamplesSplit
        self.maxDepth = maxDepth
        self.bootstrap = bootstrap
        self.maxBins = maxBins
        self.threads = threads
    }

    public func validate() throws {
        try ForestParameters.validate(trees: trees, maxFeatures: maxFeatures, minSamplesLeaf: minSamplesLeaf,
                                      minSamplesSplit: minSamplesSplit, maxDepth: maxDepth, maxBins: maxBins,
                                      threads: threads)
    }

    /// Fits the forest.
    ///
    /// - Throws: ``EstimatorError/invalidParameter(name:value:fix:)`` for a bad configuration;
    ///   ``EstimatorError/invalidData(_:)`` for empty data, infinite features or a non-survival target.
    ///   A target without events gives a forest predicting zero hazard, with a diagnostic.
    public func fit(_ data: Dataset, generator: inout Xoshiro256StarStar) throws -> RandomSurvivalForestModel {
        try validate()
        try data.validate(for: .survival, allowMissingFeatures: true)
        guard case .survival(let time, let event) = data.target else { fatalError("validated above") }
        let n = data.rowCount, p = data.features.columnCount
        let binner = try FeatureBinner(fitting: data.features, weights: data.weights, maxBins: maxBins)
        let binned = binner.transform(data.features)
        let grid = Array(Set((0..<n).filter { event[$0] }.map { time[$0] })).sorted()
        var gridIndex = [Int32](repeating: -1, count: n)
        for i in 0..<n where event[i] {
            var lo = 0, hi = grid.count
            while lo < hi { let mid = (lo + hi) / 2; if grid[mid] < time[i] { lo = mid + 1 } else { hi = mid } }
            gridIndex[i] = Int32(lo)
        }
        let sortedRows: [Int] = (0..<n).sorted { (i: Int, j: Int) -> Bool in
            time[i] != time[j] ? time[i] < time[j] : i < j
        }
        let order = sortedRows.map { Int32($0) }
        let builder = SurvivalTreeBuilder(data: binned, binner: binner, time: time, event: event, gridIndex: gridIndex,
                                          gridCount: grid.count, timeOrder: order,
                                          maxFeatures: maxFeatures.resolve(p), minSamplesLeaf: minSamplesLeaf,
                                          minSamplesSplit: minSamplesSplit, maxDepth: maxDepth)
        let seed = generator.next()
        let built = ForestSupport.buildTrees(trees, seed: seed, threads: threads ?? TreeParallel.coreCount) {
            _, stream -> (SurvivalTreeBuilder.Tree, [Double]) in
            var weight = ForestSupport.bootstrapCounts(n, bootstrap: bootstrap, using: &stream)
            let counts = weight
            if let w = data.weights { for i in 0..<n { weight[i] *= w[i] } }
            return (builder.build(weight: weight, using: &stream), counts)
        }
        var oobSum = [Double](repeating: 0, count: n), oobCount = [Double](repeating: 0, count: n)
        binned.codes.withUnsafeBufferPointer { codes in
            for (t, counts) in built {
                for i in 0..<n where counts[i] == 0 {
                    oobSum[i] += t.tree.leafValue[t.tree.leaf(binned: codes, rowCount: n, row: i)]
                    oobCount[i] += 1
                }
            }
        }
        let oob: [Double?] = (0..<n).map { oobCount[$0] > 0 ? oobSum[$0] / oobCount[$0] : nil }
        let scored = (0..<n).filter { oob[$0] != nil }
        let cIndex = RankMetrics.concordanceIndex(time: scored.map { time[$0] }, event: scored.map { event[$0] },
                                                  risk: scored.map { oob[$0]! })
        var messages: [String] = []
        if grid.isEmpty { messages.append("no events: the forest predicts zero hazard") }
        return RandomSurvivalForestModel(
            featureNames: data.features.names,
            diagnostics: FitDiagnostics(converged: true, iterations: trees, messages: messages),
            binner: binner, eventTimes: grid, trees: built.map { $0.0.tree },
            curveStart: built.map { $0.0.curveStart }, jumpIndex: built.map { $0.0.jumpIndex },
            jumpHazard: built.map { $0.0.jumpHazard.map { Float($0) } },
            oobRisk: oob, oobConcordance: cIndex.isNaN ? nil : cIndex)
    }
}
