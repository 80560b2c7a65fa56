import Learning

/// Node covers (how much data reaches each node of a ``FlatTree``) and the routing rule the tree
/// explainers share.
///
/// Trees fitted by this version of ImmunoKit store their training covers (``FlatTree/cover``), which
/// ``stored(_:)`` returns. Trees saved before covers were recorded have none, and path-dependent TreeSHAP
/// needs them recomputed (``covers(_:reference:binner:weights:)``): every row of a reference set (normally
/// the training features) is routed down each tree and its weight added to every node on its path. With the training features as the reference
/// this reproduces LightGBM's `internal_count` / scikit-learn's `n_node_samples` for trees grown on all
/// rows (for bootstrap or row-subsampled trees it is the count of the full training set, not of the
/// tree's own sample). Leaves that no reference row reaches get a tiny cover (10⁻⁹ of the total, then
/// summed upwards) so the conditional expectations stay defined; this changes the SHAP values by
/// at most ~10⁻⁹ relative.
public enum TreeCover {
    /// Whether a row with value `x` of the node's feature goes left at internal node `k`.
    ///
    /// NaN (and an unseen category) follows ``FlatTree/defaultLeft``; categorical nodes test the bin's
    /// membership in the node's 256-bit set; numerical nodes test `x ≤ threshold`.
    @inline(__always)
    public static func goesLeft(_ tree: FlatTree, node k: Int, value x: Double, binner: FeatureBinner) -> Bool {
        if x.isNaN { return tree.defaultLeft[k] }
        let slot = Int(tree.categorySlot[k])
        if slot >= 0 {
            let bin = binner.bin(x, feature: Int(tree.feature[k]))
            if bin == FeatureBinner.missingBin { return tree.defaultLeft[k] }
            let word = tree.categorySets[slot * 4 + Int(bin >> 6)]
            return word & (UInt64(1) << UInt64(bin & 63)) != 0
        }
        return x <= tree.threshold[k]
    }

    /// The leaf that row `row` of column-major `values` (`values[j * n + row]`) reaches.
    @inline(__always)
    static func leaf(_ tree: FlatTree, values: UnsafeBufferPointer<Double>, rowCount n: Int, row: Int,
                     binner: FeatureBinner) -> Int {
        var k = 0
        while tree.feature[k] >= 0 {
            let x = values[Int(tree.feature[k]) * n + row]
            k = Int(goesLeft(tree, node: k, value: x, binner: binner) ? tree.left[k] : tree.right[k])
        }
        return k
    }

    /// The cover of every node of `tree`: the total weight of the rows of `reference` passing through it,
    /// with empty leaves floored as described above.
    ///
    /// - Complexity: O(n · depth + nodes).
    public static func covers(_ tree: FlatTree, reference: FeatureMatrix, binner: FeatureBinner,
                              weights: [Double]? = nil) -> [Double] {
        let n = reference.rowCount
        var cover = [Double](repeating: 0, count: tree.nodeCount)
        reference.values.withUnsafeBufferPointer { values in
            for i in 0..<n {
                let w = weights?[i] ?? 1
                var k = 0
                cover[0] += w
                while tree.feature[k] >= 0 {
                    let x = values[Int(tree.feature[k]) * n + i]
                    k = Int(goesLeft(tree, node: k, value: x, binner: binner) ? tree.left[k] : tree.right[k])
                    cover[k] += w
                }
            }
        }
        if tree.nodeCount > 1, cover.contains(where: { $0 <= 0 }) {
            let floor = max(cover[0], 1) * 1e-9
            fillUp(tree, &cover, floor: floor)
        }
        return cover
    }

    /// The training covers stored in `tree` (`nil` for a tree saved without them). Non-positive leaf covers
    /// (possible only with zero sample weights) are floored like recomputed ones, and internal covers
    /// then re-summed, so that every conditional expectation is defined.
    ///
    /// - Complexity: O(nodes).
    public static func stored(_ tree: FlatTree) -> [Double]? {
        guard var cover = tree.cover, cover.count == tree.nodeCount else { return nil }
        if tree.nodeCount > 1, cover.contains(where: { !($0 > 0) }) {
            fillUp(tree, &cover, floor: max(cover[0], 1) * 1e-9)
        }
        return cover
    }

    /// Replaces empty leaf covers by `floor` and makes every internal cover the sum of its children's.
    static func fillUp(_ tree: FlatTree, _ cover: inout [Double], floor: Double) {
        func visit(_ k: Int) -> Double {
            if tree.feature[k] < 0 {
                if cover[k] <= 0 { cover[k] = floor }
                return cover[k]
            }
            cover[k] = visit(Int(tree.left[k])) + visit(Int(tree.right[k]))
            return cover[k]
        }
        _ = visit(0)
    }

    /// Cover-weighted mean of the leaf values below each node (the leaf value for a leaf): the
    /// path-dependent expectation E[f(X)] of the subtree, and at the root the tree's expected value.
    public static func nodeMeans(_ tree: FlatTree, covers: [Double]) -> [Double] {
        var mean = tree.leafValue
        func visit(_ k: Int) -> Double {
            if tree.feature[k] < 0 { return mean[k] }
            let l = Int(tree.left[k]), r = Int(tree.right[k])
            let a = visit(l), b = visit(r)
            let total = covers[l] + covers[r]
            mean[k] = total > 0 ? (covers[l] * a + covers[r] * b) / total : (a + b) / 2
            return mean[k]
        }
        _ = visit(0)
        return mean
    }

    /// The depth of the deepest leaf (0 for a single-leaf tree).
    public static func maxDepth(_ tree: FlatTree) -> Int {
        func visit(_ k: Int) -> Int {
            tree.feature[k] < 0 ? 0 : 1 + max(visit(Int(tree.left[k])), visit(Int(tree.right[k])))
        }
        return tree.nodeCount == 0 ? 0 : visit(0)
    }
}
