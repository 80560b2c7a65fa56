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
/// - Complexity: O(T · L · D²) per row for T trees of L leaves and depth D (polynomial, not 2^M).
///
/// The covers come from ``TreeCover`` (a reference set, normally the training features), since
/// ``FlatTree`` stores no per-node counts.
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
    let maxDepth: Int

    /// An explainer for explicit trees and covers (the general form the model initialisers use).
    public init(trees: [FlatTree], covers: [[Double]], binner: FeatureBinner, featureNames: [String],
                treeScale: Double = 1, outputOffset: Double = 0, scale: ExplanationScale) {
        precondition(trees.count == covers.count, "one cover array per tree")
        self.trees = trees
        self.covers = covers
        self.binner = binner
        self.featureNames = featureNames
        self.treeScale = treeScale
        self.outputOffset = outputOffset
        self.scale = scale
        var expected = 0.0
        var depth = 0
        for (tree, cover) in zip(trees, covers) where tree.nodeCount > 0 {
            expected += TreeCover.nodeMeans(tree, covers: cover)[0]
            depth = max(depth, TreeCover.maxDepth(tree))
        }
        self.expectedValue = outputOffset + treeScale * expected
        self.maxDepth = depth
    }

    /// Explains a boosted-tree model on its raw margin (log-odds for the logistic loss, log relative
    /// hazard for Cox, the value for squared error), like `shap.TreeExplainer(model)` with
    /// `model_output="raw"`. `reference` (normally the training features) gives the node covers.
    public init(model: GradientBoostedTreesModel, reference: FeatureMatrix, weights: [Double]? = nil) throws {
        try model.checkCompatible(reference)
        let covers = model.trees.map { TreeCover.covers($0, reference: reference, binner: model.binner, weights: weights) }
        let scale: ExplanationScale
        switch model.loss {
        case .logistic: scale = .logOdds
        case .cox: scale = .logHazard
        case .squaredError: scale = .value
        }
        self.init(trees: model.trees, covers: covers, binner: model.binner, featureNames: model.featureNames,
                  treeScale: 1, outputOffset: model.initialScore, scale: scale)
    }

    /// Explains a random forest on its predicted probability (the mean of the trees' leaf fractions),
    /// like `shap.TreeExplainer` on scikit-learn's `RandomForestClassifier` (class 1).
    public init(model: RandomForestModel, reference: FeatureMatrix, weights: [Double]? = nil) throws {
        try model.checkCompatible(reference)
        let covers = model.trees.map { TreeCover.covers($0, reference: reference, binner: model.binner, weights: weights) }
        self.init(trees: model.trees, covers: covers, binner: model.binner, featureNames: model.featureNames,
                  treeScale: 1 / Double(max(model.trees.count, 1)), outputOffset: 0, scale: .probability)
    }

    /// The model output f(x) on ``scale`` for each row, computed from the same trees.
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
    /// - Complexity: O(n · T · L · D²), parallel over rows.
    public func shapValues(_ features: FeatureMatrix) throws -> SHAPValues {
        guard features.names == featureNames else {
            throw ExplanationError.incompatibleFeatures(expected: featureNames, found: features.names)
        }
        let n = features.rowCount, p = featureNames.count
        var phi = [Double](repeating: 0, count: n * p)
        let explainer = self
        phi.withUnsafeMutableBufferPointer { out in
            let target = UnsafeSendable(out.baseAddress!)
            features.values.withUnsafeBufferPointer { values in
                let source = UnsafeSendable(UnsafeMutablePointer(mutating: values.baseAddress!))
                let chunks = n < 64 ? 1 : min(ProcessInfo.processInfo.activeProcessorCount, n)
                DispatchQueue.concurrentPerform(iterations: chunks) { c in
                    let lower = n * c / chunks, upper = n * (c + 1) / chunks
                    guard lower < upper else { return }
                    var workspace = PathWorkspace(maxDepth: explainer.maxDepth)
                    var x = [Double](repeating: 0, count: p)
                    for i in lower..<upper {
                        for j in 0..<p { x[j] = source.pointer[j * n + i] }
                        let row = target.pointer + i * p
                        explainer.explainRow(x, into: row, workspace: &workspace)
                    }
                }
            }
        }
        return SHAPValues(featureNames: featureNames, rowCount: n, values: phi, baseValue: expectedValue,
                          outputs: outputs(features), scale: scale)
    }

    /// Adds the SHAP values of one row (`x` in feature order) to `phi`.
    func explainRow(_ x: [Double], into phi: UnsafeMutablePointer<Double>, workspace: inout PathWorkspace) {
        for (t, tree) in trees.enumerated() where tree.nodeCount > 1 {
            var context = RowContext(tree: tree, cover: covers[t], x: x, binner: binner, phi: phi, scale: treeScale)
            workspace.recurse(&context, node: 0, uniqueDepth: 0, parentOffset: 0, parentZero: 1, parentOne: 1,
                              parentFeature: -1)
        }
    }
}

/// What the TreeSHAP recursion reads for one (tree, row) pair.
struct RowContext {
    let tree: FlatTree
    let cover: [Double]
    let x: [Double]
    let binner: FeatureBinner
    let phi: UnsafeMutablePointer<Double>
    let scale: Double
}

/// The triangular path storage of Algorithm 2: the path at recursion depth d occupies d + 1 slots after
/// its parent's, so (D + 2)(D + 3) / 2 slots hold every level for trees of depth D.
struct PathWorkspace {
    var feature: [Int]
    var zero: [Double]
    var one: [Double]
    var weight: [Double]

    init(maxDepth: Int) {
        let size = (maxDepth + 2) * (maxDepth + 3) / 2
        feature = [Int](repeating: 0, count: size)
        zero = [Double](repeating: 0, count: size)
        one = [Double](repeating: 0, count: size)
        weight = [Double](repeating: 0, count: size)
    }

    /// EXTEND: appends (feature, zero fraction, one fraction) at position `d` of the path at `o` and
    /// updates the permutation weights.
    mutating func extend(_ o: Int, _ d: Int, zeroFraction: Double, oneFraction: Double, feature f: Int) {
        feature[o + d] = f
        zero[o + d] = zeroFraction
        one[o + d] = oneFraction
        weight[o + d] = d == 0 ? 1 : 0
        let denominator = Double(d + 1)
        var i = d - 1
        while i >= 0 {
            weight[o + i + 1] += oneFraction * weight[o + i] * Double(i + 1) / denominator
            weight[o + i] = zeroFraction * weight[o + i] * Double(d - i) / denominator
            i -= 1
        }
    }

    /// UNWIND: removes path element `index` from the path of length d + 1 at `o`.
    mutating func unwind(_ o: Int, _ d: Int, index: Int) {
        let oneFraction = one[o + index], zeroFraction = zero[o + index]
        var nextOnePortion = weight[o + d]
        let denominator = Double(d + 1)
        var i = d - 1
        while i >= 0 {
            if oneFraction != 0 {
                let saved = weight[o + i]
                weight[o + i] = nextOnePortion * denominator / (Double(i + 1) * oneFraction)
                nextOnePortion = saved - weight[o + i] * zeroFraction * Double(d - i) / denominator
            } else {
                weight[o + i] = weight[o + i] * denominator / (zeroFraction * Double(d - i))
            }
            i -= 1
        }
        for k in index..<d {
            feature[o + k] = feature[o + k + 1]
            zero[o + k] = zero[o + k + 1]
            one[o + k] = one[o + k + 1]
        }
    }

    /// The total permutation weight the path would have with element `index` unwound (without
    /// modifying the path).
    func unwoundSum(_ o: Int, _ d: Int, index: Int) -> Double {
        let oneFraction = one[o + index], zeroFraction = zero[o + index]
        var nextOnePortion = weight[o + d]
        var total = 0.0
        let denominator = Double(d + 1)
        var i = d - 1
        while i >= 0 {
            if oneFraction != 0 {
                let t = nextOnePortion * denominator / (Double(i + 1) * oneFraction)
                total += t
                nextOnePortion = weight[o + i] - t * zeroFraction * Double(d - i) / denominator
            } else if zeroFraction != 0 {
                total += weight[o + i] / zeroFraction / (Double(d - i) / denominator)
            }
            i -= 1
        }
        return total
    }

    /// RECURSE of Algorithm 2 at `node`, with the parent's path (length `uniqueDepth`) at `parentOffset`.
    mutating func recurse(_ c: inout RowContext, node: Int, uniqueDepth: Int, parentOffset: Int,
                          parentZero: Double, parentOne: Double, parentFeature: Int) {
        var d = uniqueDepth
        // This level's copy of the path follows the parent's.
        let o = uniqueDepth == 0 ? 0 : parentOffset + uniqueDepth
        if uniqueDepth > 0 {
            for k in 0..<uniqueDepth {
                feature[o + k] = feature[parentOffset + k]
                zero[o + k] = zero[parentOffset + k]
                one[o + k] = one[parentOffset + k]
                weight[o + k] = weight[parentOffset + k]
            }
        }
        extend(o, d, zeroFraction: parentZero, oneFraction: parentOne, feature: parentFeature)
        let tree = c.tree
        let split = Int(tree.feature[node])
        if split < 0 {
            let value = tree.leafValue[node] * c.scale
            if d >= 1 {
                for i in 1...d {
                    let w = unwoundSum(o, d, index: i)
                    c.phi[feature[o + i]] += w * (one[o + i] - zero[o + i]) * value
                }
            }
            return
        }
        let goLeft = TreeCover.goesLeft(tree, node: node, value: c.x[split], binner: c.binner)
        let hot = Int(goLeft ? tree.left[node] : tree.right[node])
        let cold = Int(goLeft ? tree.right[node] : tree.left[node])
        let w = c.cover[node]
        let hotZero = c.cover[hot] / w, coldZero = c.cover[cold] / w
        var incomingZero = 1.0, incomingOne = 1.0
        // A feature already on the path: undo its earlier split and merge the fractions.
        var index = 0
        while index <= d, feature[o + index] != split { index += 1 }
        if index <= d {
            incomingZero = zero[o + index]
            incomingOne = one[o + index]
            unwind(o, d, index: index)
            d -= 1
        }
        recurse(&c, node: hot, uniqueDepth: d + 1, parentOffset: o, parentZero: hotZero * incomingZero,
                parentOne: incomingOne, parentFeature: split)
        recurse(&c, node: cold, uniqueDepth: d + 1, parentOffset: o, parentZero: coldZero * incomingZero,
                parentOne: 0, parentFeature: split)
    }
}

/// A raw pointer handed to concurrent workers that write disjoint ranges.
struct UnsafeSendable<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}
