import Learning

/// Precomputed leaf tables for path-dependent TreeSHAP of shallow trees (the "Fast TreeSHAP v2" idea of
/// Yang 2021, arXiv:2109.09847): trade memory for speed when many rows are explained.
///
/// **Why it works.** In Algorithm 2 a leaf's contribution to a row depends on the row only through which
/// of the leaf's path features the row "follows": for the u distinct features on the root-to-leaf path,
/// each has a zero fraction z_g (the product of its splits' cover ratios along the path, fixed per leaf)
/// and a one fraction o_g ∈ {0, 1} (whether the row goes the leaf's way at every split on g). So for each
/// leaf and each of the 2^u patterns of o, the u contributions
/// unwoundSum_g · (o_g − z_g) · value can be computed once, with the same EXTEND / unwound-sum algebra as
/// the recursion. Explaining a row is then one pass over the tree's nodes in index order (children
/// follow parents) that clears the bit of a path feature where the row leaves the path, and, per leaf,
/// u table additions: O(nodes + L · D) per tree instead of O(L · D²).
///
/// Memory is Σ_leaves 2^u · u doubles per tree (≈ 64 · 6 per leaf at depth 6), so the tables are used
/// only for trees of depth ≤ ``maximumDepth`` and when there are enough rows to repay building them.
struct LeafTables: Sendable {
    static let maximumDepth = 10
    /// The most table entries built (2^25 doubles, 256 MiB).
    static let maximumEntries = 1 << 25

    /// Per tree (aligned with ``PackedTrees/roots``): per node, the path bit of its split feature.
    var bits: [[UInt32]] = []
    /// Per tree, per node: the leaf's offset in ``values`` (−1 for internal nodes), its number of path
    /// features, and where they start in ``features``.
    var offsets: [[Int]] = []
    var widths: [[Int]] = []
    var featureStarts: [[Int]] = []
    var features: [Int32] = []
    var values: [Double] = []

    /// Whether tables pay off for `rows` rows: trees shallow enough, children stored after parents, at
    /// least as many rows as patterns per leaf, and at most ``maximumEntries`` entries (bounded by
    /// Σ_leaves 2^depth · depth).
    ///
    /// - Complexity: O(total nodes).
    static func worthwhile(_ packed: PackedTrees, rows: Int) -> Bool {
        guard packed.maxDepth <= maximumDepth, rows >= 1 << packed.maxDepth else { return false }
        var entries = 0
        var depth = [Int](repeating: 0, count: packed.nodes.count)
        for (t, root) in packed.roots.enumerated() {
            let end = t + 1 < packed.roots.count ? packed.roots[t + 1] : packed.nodes.count - 1
            depth[root] = 0
            for k in root..<end {
                let node = packed.nodes[k]
                if node.feature < 0 { entries += (1 << depth[k]) * depth[k]; continue }
                if Int(node.left) <= k || Int(node.right) <= k { return false }
                depth[Int(node.left)] = depth[k] + 1
                depth[Int(node.right)] = depth[k] + 1
            }
            if entries > maximumEntries { return false }
        }
        return true
    }

    /// Builds every tree's tables.
    ///
    /// - Complexity: O(Σ_leaves 2^u · u²).
    init(_ packed: PackedTrees, binner: FeatureBinner) {
        let inverse = UnsafeMutablePointer<Double>.allocate(capacity: packed.reciprocalCount)
        let path = UnsafeMutablePointer<PathElement>.allocate(capacity: packed.reciprocalCount)
        defer { inverse.deallocate(); path.deallocate() }
        for k in 0..<packed.reciprocalCount { inverse[k] = k == 0 ? 0 : 1 / Double(k) }
        path.initialize(repeating: PathElement(feature: -1, zero: 0, one: 0, weight: 0), count: packed.reciprocalCount)
        packed.nodes.withUnsafeBufferPointer { nodes in
            packed.categorySets.withUnsafeBufferPointer { sets in
                let walker = TreeSHAPWalker(nodes: nodes.baseAddress!, categorySets: sets.baseAddress!,
                                            binner: binner, x: inverse, phi: UnsafeMutablePointer(mutating: inverse),
                                            inverse: inverse, scratch: UnsafeMutablePointer(mutating: inverse),
                                            condition: 0, conditionFeature: -1)
                for (t, root) in packed.roots.enumerated() {
                    let end = t + 1 < packed.roots.count ? packed.roots[t + 1] : packed.nodes.count - 1
                    let count = end - root
                    var bit = [UInt32](repeating: 0, count: count)
                    var offset = [Int](repeating: -1, count: count), width = [Int](repeating: 0, count: count)
                    var start = [Int](repeating: 0, count: count)
                    // Per node: the distinct path features (in order of first appearance) and their zero
                    // fractions, from the root down (children follow parents).
                    var pathFeatures = [[Int32]](repeating: [], count: count)
                    var pathZero = [[Double]](repeating: [], count: count)
                    for k in 0..<count {
                        let node = nodes[root + k]
                        if node.feature < 0 {
                            let u = pathFeatures[k].count
                            width[k] = u
                            start[k] = features.count
                            offset[k] = values.count
                            features.append(contentsOf: pathFeatures[k])
                            for mask in 0..<(1 << u) {
                                path[0] = PathElement(feature: -1, zero: 1, one: 1, weight: 1)
                                for g in 0..<u {
                                    walker.extend(path, g + 1, zero: pathZero[k][g], one: mask & (1 << g) != 0 ? 1 : 0,
                                                  feature: pathFeatures[k][g])
                                }
                                for g in 0..<u {
                                    let e = path[g + 1]
                                    values.append(walker.unwoundSum(path, u, g + 1) * (e.one - e.zero) * node.value)
                                }
                            }
                            continue
                        }
                        var f = pathFeatures[k], z = pathZero[k]
                        let index = f.firstIndex(of: node.feature) ?? { f.append(node.feature); z.append(1); return f.count - 1 }()
                        bit[k] = UInt32(1) << UInt32(index)
                        for (child, fraction) in [(Int(node.left) - root, node.leftFraction), (Int(node.right) - root, node.rightFraction)] {
                            var zc = z
                            zc[index] *= fraction
                            pathFeatures[child] = f
                            pathZero[child] = zc
                        }
                    }
                    bits.append(bit)
                    offsets.append(offset)
                    widths.append(width)
                    featureStarts.append(start)
                }
            }
        }
    }

    /// Adds tree `t`'s SHAP values for the walker's row to the walker's φ; `masks` has room for the
    /// largest tree.
    ///
    /// - Complexity: O(nodes + L · D).
    func explain(tree t: Int, _ packed: PackedTrees, walker: TreeSHAPWalker, masks: UnsafeMutablePointer<UInt32>) {
        let root = packed.roots[t]
        let nodes = walker.nodes
        values.withUnsafeBufferPointer { table in
            features.withUnsafeBufferPointer { pathFeatures in
                bits[t].withUnsafeBufferPointer { bit in
                    offsets[t].withUnsafeBufferPointer { offset in
                        widths[t].withUnsafeBufferPointer { width in
                            featureStarts[t].withUnsafeBufferPointer { start in
                                masks[0] = UInt32.max
                                for k in 0..<bit.count {
                                    let node = nodes[root + k]
                                    let mask = masks[k]
                                    if node.feature < 0 {
                                        let u = width[k], first = start[k]
                                        let row = offset[k] + Int(mask & ((UInt32(1) << UInt32(u)) &- 1)) * u
                                        for g in 0..<u { walker.phi[Int(pathFeatures[first + g])] += table[row + g] }
                                        continue
                                    }
                                    let left = walker.goesLeft(node)
                                    masks[Int(node.left) - root] = left ? mask : mask & ~bit[k]
                                    masks[Int(node.right) - root] = left ? mask & ~bit[k] : mask
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
