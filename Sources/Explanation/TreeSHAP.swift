import Foundation
import Learning

/// Exact path-dependent TreeSHAP for ImmunoKit's tree ensembles.
///
/// **Algorithm** (Lundberg, Erion, Chen et al. 2020, "From local explanations to global understanding
/// with explainable AI for trees", *Nat Mach Intell* 2:56, Algorithm 2; the same recursion as
/// `shap`'s C++ `tree_shap_recursive`). The value function is the path-dependent conditional expectation
/// v(S) = E[f(x) | x_S]: at a split on a feature in S the row's own branch is followed, otherwise both
/// branches are averaged with weights proportional to their covers. Algorithm 2 computes the exact
/// Shapley values of this v for all features at once by walking the tree once and maintaining, along
/// the current root-to-node path of *unique* features, the proportion of all feature subsets that flow
/// down it: for each path feature, a "zero fraction" (share of the cover that follows the path when the
/// feature is unknown), a "one fraction" (1 when x follows the path, else 0) and permutation weights.
/// `EXTEND` adds a feature to the path, `UNWIND` removes one (a feature met twice is unwound and
/// re-extended with the product of its fractions), and at each leaf the unwound weight sum times
/// (one − zero fraction) times the leaf value is added to each path feature.
///
/// **Covers.** The node covers are the training covers stored in each ``Learning/FlatTree`` when the
/// model was fitted (``Learning/FlatTree/cover``: bootstrap-weighted row counts for forest trees, as
/// `shap` reads scikit-learn's `weighted_n_node_samples`; the grown-on row weight for boosted trees, as
/// LightGBM's `internal_count`). Models saved before covers were recorded have none; their covers are
/// recomputed from a `reference` set with ``TreeCover/covers(_:reference:binner:weights:)`` (exact for
/// trees grown on all rows, approximate for bootstrapped or subsampled trees).
///
/// - Complexity: O(T · L · D²) per row for T trees of L leaves and depth D (polynomial, not 2^M);
///   parallel over rows.
public struct TreeExplainer: Sendable {
    public let featureNames: [String]
    public let binner: FeatureBinner
    public let trees: [FlatTree]
    /// Per tree, per node cover.
    public let covers: [[Double]]
    /// Every tree's contribution is multiplied by `treeScale` (1 for boosting, 1/T for a forest average)…
    public let treeScale: Double
    /// …and the model output is `outputOffset + treeScale · Σ trees` (the boosting initial score).
    public let outputOffset: Double
    public let scale: ExplanationScale
    /// E[f(X)] under the covers: the SHAP base value.
    public let expectedValue: Double
    /// Whether every tree's covers are its stored training covers (false: some were recomputed from the
    /// reference set, for a model saved without covers).
    public let usesStoredCovers: Bool
    let packed: PackedTrees

    /// An explainer for explicit trees and covers (the general form the model initialisers use).
    ///
    /// - Complexity: O(total nodes).
    public init(trees: [FlatTree], covers: [[Double]], binner: FeatureBinner, featureNames: [String],
                treeScale: Double = 1, outputOffset: Double = 0, scale: ExplanationScale) {
        self.init(trees: trees, covers: covers, binner: binner, featureNames: featureNames, treeScale: treeScale,
                  outputOffset: outputOffset, scale: scale, stored: false)
    }

    init(trees: [FlatTree], covers: [[Double]], binner: FeatureBinner, featureNames: [String], treeScale: Double,
         outputOffset: Double, scale: ExplanationScale, stored: Bool) {
        precondition(trees.count == covers.count, "one cover array per tree")
        precondition(zip(trees, covers).allSatisfy { $0.nodeCount == $1.count }, "one cover per node")
        self.trees = trees
        self.covers = covers
        self.binner = binner
        self.featureNames = featureNames
        self.treeScale = treeScale
        self.outputOffset = outputOffset
        self.scale = scale
        self.usesStoredCovers = stored
        var expected = 0.0
        for (tree, cover) in zip(trees, covers) where tree.nodeCount > 0 {
            expected += TreeCover.nodeMeans(tree, covers: cover)[0]
        }
        self.expectedValue = outputOffset + treeScale * expected
        self.packed = PackedTrees(trees: trees, covers: covers, scale: treeScale)
    }

    /// Explains a boosted-tree model on its raw margin (log-odds for the logistic loss, log relative
    /// hazard for Cox, the value for squared error), like `shap.TreeExplainer(model)` with
    /// `model_output="raw"`.
    ///
    /// - Parameters:
    ///   - reference: used only for a model saved without stored covers: its rows (normally the training
    ///     features, optionally `weights`) give the covers.
    /// - Complexity: O(total nodes) with stored covers; O(n · T · D) recomputing them from n reference rows.
    /// - Throws: ``ExplanationError/incompatibleFeatures(expected:found:)`` for a reference with other
    ///   features; ``ExplanationError/invalidParameter(name:value:fix:)`` when the model has no stored
    ///   covers and no reference is given.
    public init(model: GradientBoostedTreesModel, reference: FeatureMatrix? = nil, weights: [Double]? = nil) throws {
        let scale: ExplanationScale
        switch model.loss {
        case .logistic: scale = .logOdds
        case .cox: scale = .logHazard
        case .squaredError: scale = .value
        }
        let (covers, stored) = try Self.resolveCovers(model.trees, featureNames: model.featureNames,
                                                      binner: model.binner, reference: reference, weights: weights)
        self.init(trees: model.trees, covers: covers, binner: model.binner, featureNames: model.featureNames,
                  treeScale: 1, outputOffset: model.initialScore, scale: scale, stored: stored)
    }

    /// Explains a random forest on its predicted probability (the mean of the trees' leaf fractions),
    /// like `shap.TreeExplainer` on scikit-learn's `RandomForestClassifier` (class 1). `reference` and
    /// `weights` as for boosted trees.
    ///
    /// - Complexity: as for boosted trees.
    public init(model: RandomForestModel, reference: FeatureMatrix? = nil, weights: [Double]? = nil) throws {
        let (covers, stored) = try Self.resolveCovers(model.trees, featureNames: model.featureNames,
                                                      binner: model.binner, reference: reference, weights: weights)
        self.init(trees: model.trees, covers: covers, binner: model.binner, featureNames: model.featureNames,
                  treeScale: 1 / Double(max(model.trees.count, 1)), outputOffset: 0, scale: .probability,
                  stored: stored)
    }

    /// Stored covers where every tree has them, otherwise covers recomputed from `reference`.
    static func resolveCovers(_ trees: [FlatTree], featureNames: [String], binner: FeatureBinner,
                              reference: FeatureMatrix?, weights: [Double]?) throws -> ([[Double]], Bool) {
        let stored = trees.map(TreeCover.stored)
        if stored.allSatisfy({ $0 != nil }) { return (stored.map { $0! }, true) }
        guard let reference else {
            throw ExplanationError.invalidParameter(
                name: "reference", value: "none",
                fix: "this model was saved without node covers; pass the training features as the reference")
        }
        guard reference.names == featureNames else {
            throw ExplanationError.incompatibleFeatures(expected: featureNames, found: reference.names)
        }
        if let weights, weights.count != reference.rowCount || weights.contains(where: { !($0 >= 0) || !$0.isFinite }) {
            throw ExplanationError.invalidParameter(
                name: "weights", value: "\(weights.count) values",
                fix: "give one finite, non-negative weight per reference row (\(reference.rowCount))")
        }
        return (trees.map { TreeCover.covers($0, reference: reference, binner: binner, weights: weights) }, false)
    }

    /// The model output f(x) on ``scale`` for each row, computed from the same trees.
    ///
    /// - Complexity: O(n · T · D).
    public func outputs(_ features: FeatureMatrix) -> [Double] {
        let n = features.rowCount
        var out = [Double](repeating: 0, count: n)
        features.values.withUnsafeBufferPointer { values in
            for i in 0..<n {
                var s = 0.0
                for tree in trees where tree.nodeCount > 0 {
                    s += tree.leafValue[TreeCover.leaf(tree, values: values, rowCount: n, row: i, binner: binner)]
                }
                out[i] = outputOffset + treeScale * s
            }
        }
        return out
    }

    /// SHAP values of every row of `features` (columns must be the model's features, in order).
    ///
    /// - Throws: ``ExplanationError/incompatibleFeatures(expected:found:)`` for other columns.
    /// - Complexity: O(n · T · L · D²), parallel over rows.
    ///
    /// With many rows and shallow trees (depth ≤ 10, at least 2^depth rows) each leaf's contributions are
    /// tabulated once for every pattern of the row following or leaving its path features
    /// (``LeafTables``), so a row costs O(nodes + L · D) per tree; otherwise Algorithm 2 runs per row.
    /// Both give the same values up to rounding (~1e-15).
    public func shapValues(_ features: FeatureMatrix) throws -> SHAPValues {
        try shapValues(features, tables: nil)
    }

    /// `tables`: force (true) or forbid (false) the leaf tables; `nil` chooses by size.
    func shapValues(_ features: FeatureMatrix, tables: Bool?) throws -> SHAPValues {
        guard features.names == featureNames else {
            throw ExplanationError.incompatibleFeatures(expected: featureNames, found: features.names)
        }
        let n = features.rowCount, p = featureNames.count
        let useTables = tables ?? LeafTables.worthwhile(packed, rows: n)
        let leafTables = useTables && packed.maxDepth <= LeafTables.maximumDepth ? LeafTables(packed, binner: binner) : nil
        var phi = [Double](repeating: 0, count: n * p)
        phi.withUnsafeMutableBufferPointer { out in
            let target = UnsafeSendable(out.baseAddress!)
            forEachChunk(features) { range, workspace in
                let walkers = range.map { workspace.walker(row: $0, phi: target.pointer + $0 * p) }
                if let leafTables {
                    // Tree by tree over the chunk's rows, so each tree's tables stay in cache.
                    for t in packed.roots.indices {
                        for walker in walkers { leafTables.explain(tree: t, packed, walker: walker, masks: workspace.masks) }
                    }
                } else {
                    for walker in walkers {
                        for root in packed.roots { walker.explain(root: root, path: workspace.path) }
                    }
                }
            }
        }
        return SHAPValues(featureNames: featureNames, rowCount: n, values: phi, baseValue: expectedValue,
                          outputs: outputs(features), scale: scale)
    }
}

extension TreeExplainer {
    /// Scratch memory of one worker: its chunk of rows and the path storage, plus the packed trees.
    struct RowWorkspace {
        let nodes: UnsafePointer<SHAPNode>
        let categorySets: UnsafePointer<UInt64>
        let binner: FeatureBinner
        /// The chunk's rows, row-major, starting at row `lower`.
        let rows: UnsafeMutablePointer<Double>
        let lower: Int
        let featureCount: Int
        let path: UnsafeMutablePointer<PathElement>
        let inverse: UnsafePointer<Double>
        let scratch: UnsafeMutablePointer<Double>
        /// Per-node path masks for ``LeafTables``.
        let masks: UnsafeMutablePointer<UInt32>

        /// A walker reading row `i` (of the whole matrix; it must be in this chunk) and adding to `phi`.
        func walker(row i: Int, phi: UnsafeMutablePointer<Double>, condition: Int = 0, feature: Int32 = -1)
            -> TreeSHAPWalker {
            TreeSHAPWalker(nodes: nodes, categorySets: categorySets, binner: binner,
                           x: rows + (i - lower) * featureCount, phi: phi, inverse: inverse, scratch: scratch,
                           condition: condition, conditionFeature: feature)
        }
    }

    /// Calls `body(i, workspace)` for every row i of `features`, with `workspace.x` holding that row; rows
    /// are split into contiguous chunks run in parallel (a few per core, so uneven cores even out), and
    /// `body` must write only to row i's outputs.
    func forEachRow(_ features: FeatureMatrix, _ body: (Int, RowWorkspace) -> Void) {
        forEachChunk(features) { range, workspace in for i in range { body(i, workspace) } }
    }

    /// Calls `body(rows, workspace)` on contiguous chunks of rows in parallel (a few chunks per core, so
    /// uneven cores even out), with the chunk's rows gathered row-major into the workspace
    /// (``RowWorkspace/walker(row:phi:condition:feature:)`` points a walker at one); `body` must write
    /// only to its own rows' outputs.
    func forEachChunk(_ features: FeatureMatrix, _ body: (Range<Int>, RowWorkspace) -> Void) {
        let n = features.rowCount, p = featureNames.count
        guard n > 0 else { return }
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunks = n < 32 ? 1 : min(n, 4 * cores)
        let pathCapacity = packed.pathCapacity, reciprocalCount = packed.reciprocalCount, maxNodes = packed.maxNodes
        let explainer = self
        features.values.withUnsafeBufferPointer { values in
            let source = UnsafeSendable(UnsafeMutablePointer(mutating: values.baseAddress!))
            explainer.packed.nodes.withUnsafeBufferPointer { nodes in
                explainer.packed.categorySets.withUnsafeBufferPointer { sets in
                    let nodePointer = UnsafeSendable(UnsafeMutablePointer(mutating: nodes.baseAddress!))
                    let setPointer = UnsafeSendable(UnsafeMutablePointer(mutating: sets.baseAddress!))
                    withoutActuallyEscaping(body) { body in
                        nonisolated(unsafe) let work = body
                        DispatchQueue.concurrentPerform(iterations: chunks) { c in
                            let lower = n * c / chunks, upper = n * (c + 1) / chunks
                            guard lower < upper else { return }
                            let rows = UnsafeMutablePointer<Double>.allocate(capacity: max((upper - lower) * p, 1))
                            for i in lower..<upper {
                                for j in 0..<p { rows[(i - lower) * p + j] = source.pointer[j * n + i] }
                            }
                            let path = UnsafeMutablePointer<PathElement>.allocate(capacity: pathCapacity)
                            path.initialize(repeating: PathElement(feature: -1, zero: 0, one: 0, weight: 0),
                                            count: pathCapacity)
                            let inverse = UnsafeMutablePointer<Double>.allocate(capacity: reciprocalCount)
                            for k in 0..<reciprocalCount { inverse[k] = k == 0 ? 0 : 1 / Double(k) }
                            let scratch = UnsafeMutablePointer<Double>.allocate(capacity: 4 * reciprocalCount)
                            scratch.initialize(repeating: 0, count: 4 * reciprocalCount)
                            let masks = UnsafeMutablePointer<UInt32>.allocate(capacity: maxNodes)
                            masks.initialize(repeating: 0, count: maxNodes)
                            defer {
                                rows.deallocate(); path.deallocate(); inverse.deallocate(); scratch.deallocate()
                                masks.deallocate()
                            }
                            let workspace = RowWorkspace(nodes: nodePointer.pointer, categorySets: setPointer.pointer,
                                                         binner: explainer.binner, rows: rows, lower: lower,
                                                         featureCount: p, path: path, inverse: UnsafePointer(inverse),
                                                         scratch: scratch, masks: masks)
                            work(lower..<upper, workspace)
                        }
                    }
                }
            }
        }
    }
}
