import Learning

/// One node of a tree prepared for TreeSHAP: everything the recursion reads, in one record, so a tree walk
/// touches one contiguous array instead of ten, with the children's cover fractions divided out once.
struct SHAPNode {
    /// The split feature, or −1 for a leaf.
    var feature: Int32
    /// Children as absolute indices into the packed node array.
    var left: Int32
    var right: Int32
    /// Index of the node's 256-bit category set in ``PackedTrees/categorySets`` (−1: numerical split).
    var categorySlot: Int32
    var threshold: Double
    /// cover(left) / cover(node) and cover(right) / cover(node): the "zero fractions" of the two branches.
    var leftFraction: Double
    var rightFraction: Double
    /// The leaf value multiplied by the explainer's tree scale (0 for internal nodes).
    var value: Double
    var defaultLeft: Bool
}

/// An ensemble packed for TreeSHAP: all trees' nodes in one array, each tree's root, the category sets,
/// and the distinct features each tree splits on (for interaction values).
struct PackedTrees: Sendable {
    var nodes: [SHAPNode] = []
    var roots: [Int] = []
    var categorySets: [UInt64] = []
    /// Per tree, the distinct split features in order of first appearance.
    var splitFeatures: [[Int32]] = []
    var maxDepth = 0
    /// The largest tree's node count.
    var maxNodes = 1

    init(trees: [FlatTree], covers: [[Double]], scale: Double) {
        for (tree, cover) in zip(trees, covers) where tree.nodeCount > 1 {
            let base = nodes.count
            let slotBase = Int32(categorySets.count / 4)
            roots.append(base)
            var features: [Int32] = []
            for k in 0..<tree.nodeCount {
                let f = tree.feature[k]
                if f >= 0 && !features.contains(f) { features.append(f) }
                nodes.append(SHAPNode(
                    feature: f,
                    left: f >= 0 ? Int32(base) + tree.left[k] : -1,
                    right: f >= 0 ? Int32(base) + tree.right[k] : -1,
                    categorySlot: tree.categorySlot[k] >= 0 ? slotBase + tree.categorySlot[k] : -1,
                    threshold: tree.threshold[k],
                    leftFraction: f >= 0 ? cover[Int(tree.left[k])] / cover[k] : 0,
                    rightFraction: f >= 0 ? cover[Int(tree.right[k])] / cover[k] : 0,
                    value: f >= 0 ? 0 : tree.leafValue[k] * scale, defaultLeft: tree.defaultLeft[k]))
            }
            categorySets.append(contentsOf: tree.categorySets)
            splitFeatures.append(features)
            maxDepth = max(maxDepth, TreeCover.maxDepth(tree))
            maxNodes = max(maxNodes, tree.nodeCount)
        }
        // Sentinels, so that neither array is ever empty (their base addresses are always valid).
        nodes.append(SHAPNode(feature: -1, left: -1, right: -1, categorySlot: -1, threshold: 0, leftFraction: 0,
                              rightFraction: 0, value: 0, defaultLeft: false))
        categorySets.append(contentsOf: [0, 0, 0, 0])
    }

    /// Path slots one tree walk needs: the path at recursion depth r starts `unique depth + 1` slots after
    /// its parent's (shap's layout), so (D + 3)(D + 4) / 2 slots hold every level of a depth-D tree.
    var pathCapacity: Int { (maxDepth + 3) * (maxDepth + 4) / 2 }

    /// Entries of the reciprocal table the walker needs (path lengths reach maxDepth + 2).
    var reciprocalCount: Int { maxDepth + 4 }
}

/// An element of the unique path of Algorithm 2: a feature, the fraction of "zero" (feature unknown)
/// and "one" (feature known) paths that flow through it, and its permutation weight.
struct PathElement {
    var feature: Int32
    var zero: Double
    var one: Double
    var weight: Double
}

/// The TreeSHAP recursion for one row over packed trees (Lundberg et al. 2020, Algorithm 2, and the
/// conditioned variant of shap's `tree_shap_recursive` used for interaction values).
///
/// `condition` = 0 computes ordinary SHAP values; +1 / −1 compute them with feature
/// `conditionFeature` fixed to the row's value ("on") or marginalised by cover ("off"): that feature is
/// never added to the path, its split sends the whole condition fraction down the row's branch (on) or
/// splits it by cover (off).
struct TreeSHAPWalker {
    let nodes: UnsafePointer<SHAPNode>
    let categorySets: UnsafePointer<UInt64>
    let binner: FeatureBinner
    /// The row, in feature order.
    let x: UnsafePointer<Double>
    /// Where contributions are added, one per feature.
    let phi: UnsafeMutablePointer<Double>
    /// 1 / k for k = 0 … (``PackedTrees/reciprocalCount`` − 1) (0 at 0): the path algebra multiplies
    /// instead of dividing.
    let inverse: UnsafePointer<Double>
    /// Scratch for ``leaf(_:_:value:)``: 4 · (maximum depth + 2) doubles.
    let scratch: UnsafeMutablePointer<Double>
    let condition: Int
    let conditionFeature: Int32

    @inline(__always)
    func goesLeft(_ node: SHAPNode) -> Bool {
        let value = x[Int(node.feature)]
        if value.isNaN { return node.defaultLeft }
        if node.categorySlot >= 0 {
            let bin = binner.bin(value, feature: Int(node.feature))
            if bin == FeatureBinner.missingBin { return node.defaultLeft }
            let word = categorySets[Int(node.categorySlot) * 4 + Int(bin >> 6)]
            return word & (UInt64(1) << UInt64(bin & 63)) != 0
        }
        return value <= node.threshold
    }

    /// Explains the tree rooted at `root`, using `path` (at least ``PackedTrees/pathCapacity`` slots).
    @inline(__always)
    func explain(root: Int, path: UnsafeMutablePointer<PathElement>) {
        recurse(root, parentPath: path, uniqueDepth: 0, parentZero: 1, parentOne: 1, parentFeature: -1,
                conditionFraction: 1)
    }

    func recurse(_ k: Int, parentPath: UnsafeMutablePointer<PathElement>, uniqueDepth: Int, parentZero: Double,
                 parentOne: Double, parentFeature: Int32, conditionFraction: Double) {
        if conditionFraction == 0 { return }
        var depth = uniqueDepth
        let path = parentPath + depth + 1
        path.update(from: parentPath, count: depth + 1)
        if condition == 0 || conditionFeature != parentFeature {
            extend(path, depth, zero: parentZero, one: parentOne, feature: parentFeature)
        }
        let node = nodes[k]
        if node.feature < 0 {
            if depth >= 1 { leaf(path, depth, value: node.value * conditionFraction) }
            return
        }
        let left = goesLeft(node)
        let hot = Int(left ? node.left : node.right), cold = Int(left ? node.right : node.left)
        let hotZero = left ? node.leftFraction : node.rightFraction
        let coldZero = left ? node.rightFraction : node.leftFraction
        var incomingZero = 1.0, incomingOne = 1.0
        // A feature already on the path: undo its earlier split and merge the fractions.
        var index = 0
        while index <= depth && path[index].feature != node.feature { index += 1 }
        if index <= depth {
            incomingZero = path[index].zero
            incomingOne = path[index].one
            unwind(path, depth, index)
            depth -= 1
        }
        var hotFraction = conditionFraction, coldFraction = conditionFraction
        if condition != 0 && node.feature == conditionFeature {
            if condition > 0 {
                coldFraction = 0
            } else {
                hotFraction *= hotZero
                coldFraction *= coldZero
            }
            depth -= 1
        }
        recurse(hot, parentPath: path, uniqueDepth: depth + 1, parentZero: hotZero * incomingZero,
                parentOne: incomingOne, parentFeature: node.feature, conditionFraction: hotFraction)
        recurse(cold, parentPath: path, uniqueDepth: depth + 1, parentZero: coldZero * incomingZero,
                parentOne: 0, parentFeature: node.feature, conditionFraction: coldFraction)
    }

    /// EXTEND: appends (feature, zero fraction, one fraction) at position `d` and updates the weights.
    @inline(__always)
    func extend(_ path: UnsafeMutablePointer<PathElement>, _ d: Int, zero: Double, one: Double, feature: Int32) {
        path[d] = PathElement(feature: feature, zero: zero, one: one, weight: d == 0 ? 1 : 0)
        let scale = inverse[d + 1]
        var i = d - 1
        while i >= 0 {
            path[i + 1].weight += one * path[i].weight * Double(i + 1) * scale
            path[i].weight = zero * path[i].weight * Double(d - i) * scale
            i -= 1
        }
    }

    /// UNWIND: removes element `index` from the path of length d + 1.
    @inline(__always)
    func unwind(_ path: UnsafeMutablePointer<PathElement>, _ d: Int, _ index: Int) {
        let one = path[index].one, zero = path[index].zero
        var nextOnePortion = path[d].weight
        let length = Double(d + 1), scale = inverse[d + 1]
        var i = d - 1
        if one != 0 {
            let inverseOne = 1 / one
            while i >= 0 {
                let saved = path[i].weight
                path[i].weight = nextOnePortion * length * inverse[i + 1] * inverseOne
                nextOnePortion = saved - path[i].weight * zero * Double(d - i) * scale
                i -= 1
            }
        } else {
            let inverseZero = 1 / zero
            while i >= 0 {
                path[i].weight = path[i].weight * length * inverseZero * inverse[d - i]
                i -= 1
            }
        }
        var k = index
        while k < d {
            path[k].feature = path[k + 1].feature
            path[k].zero = path[k + 1].zero
            path[k].one = path[k + 1].one
            k += 1
        }
    }

    /// At a leaf: adds unwoundSum(i) · (one_i − zero_i) · value to φ of each path feature i = 1…d.
    ///
    /// The d unwound sums are independent recurrences over the same path weights; they are advanced
    /// together (outer loop over path positions, inner over the features) so the processor overlaps
    /// their dependency chains, instead of running them one after the other as ``unwoundSum(_:_:_:)``
    /// would. Each sum performs exactly the operations of ``unwoundSum(_:_:_:)``, in the same order.
    @inline(__always)
    func leaf(_ path: UnsafeMutablePointer<PathElement>, _ d: Int, value: Double) {
        let next = scratch, total = scratch + d, factor = scratch + 2 * d, zeros = scratch + 3 * d
        let top = path[d].weight
        for e in 0..<d {
            let element = path[e + 1]
            next[e] = top
            total[e] = 0
            zeros[e] = element.zero
            // Path-dependent one fractions are 0 or 1; 0 marks the "zero" recurrence below.
            factor[e] = element.one != 0 ? 1 / element.one : (element.zero != 0 ? -1 / element.zero : 0)
        }
        var i = d - 1
        while i >= 0 {
            let w = path[i].weight, inverseLength = inverse[i + 1], count = Double(d - i), inverseCount = inverse[d - i]
            for e in 0..<d {
                let f = factor[e]
                if f > 0 {
                    let t = next[e] * inverseLength * f
                    total[e] += t
                    next[e] = w - t * zeros[e] * count
                } else {
                    total[e] += w * -f * inverseCount
                }
            }
            i -= 1
        }
        let length = Double(d + 1)
        for e in 0..<d {
            let element = path[e + 1]
            phi[Int(element.feature)] += total[e] * length * (element.one - element.zero) * value
        }
    }

    /// The total permutation weight the path would have with element `index` unwound (read-only).
    @inline(__always)
    func unwoundSum(_ path: UnsafeMutablePointer<PathElement>, _ d: Int, _ index: Int) -> Double {
        let one = path[index].one, zero = path[index].zero
        var nextOnePortion = path[d].weight
        var total = 0.0
        var i = d - 1
        if one != 0 {
            let inverseOne = 1 / one
            while i >= 0 {
                let t = nextOnePortion * inverse[i + 1] * inverseOne
                total += t
                nextOnePortion = path[i].weight - t * zero * Double(d - i)
                i -= 1
            }
        } else if zero != 0 {
            let inverseZero = 1 / zero
            while i >= 0 {
                total += path[i].weight * inverseZero * inverse[d - i]
                i -= 1
            }
        }
        return total * Double(d + 1)
    }
}

/// A raw pointer handed to concurrent workers that write disjoint ranges.
struct UnsafeSendable<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}
