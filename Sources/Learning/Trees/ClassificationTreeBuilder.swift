import Statistics

/// Grows one CART classification tree (Breiman et al. 1984) on binned features, depth-first, for
/// ``RandomForest``.
///
/// At each node, features are visited in random order until `maxFeatures` non-constant ones have been
/// tried; for each, a per-bin histogram of class weights gives every threshold "bin ≤ b" in one scan, with
/// missing values tried on each side. The split maximising the weighted Gini decrease
/// `N_t·Gini(t) − N_L·Gini(L) − N_R·Gini(R)` is taken when both sides keep `minSamplesLeaf` distinct rows.
/// Nodes stop at `maxDepth`, below `minSamplesSplit` rows, or when pure. A leaf holds its weighted class-1
/// fraction; every node records its cover, the weighted count of its rows (bootstrap multiplicity × sample
/// weight, scikit-learn's `weighted_n_node_samples`).
///
/// - Complexity: O(maxFeatures · (m + 256)) per node of `m` rows; O(maxFeatures · n log n) per tree.
struct ClassificationTreeBuilder {
    let data: BinnedFeatures
    let binner: FeatureBinner
    let label: [Double]
    let maxFeatures: Int
    let minSamplesLeaf: Int
    let minSamplesSplit: Int
    let maxDepth: Int?

    /// Builds a tree on the rows with positive `weight`; the impurity decrease of each split is stored
    /// in the tree's `gain`.
    func build(weight: [Double], using generator: inout Xoshiro256StarStar) -> FlatTree {
        var rows = (0..<data.rowCount).filter { weight[$0] > 0 }.map { Int32($0) }
        var tree = FlatTree()
        var scratch: [Int32] = []
        var draw = FeatureDraw(data.columnCount)
        var stack: [(node: Int, range: Range<Int>, depth: Int)] = [(tree.addLeaf(0), 0..<rows.count, 0)]
        var hist = [Double](repeating: 0, count: 256 * 3)
        let n = data.rowCount
        while let (node, range, depth) = stack.popLast() {
            var w0 = 0.0, w1 = 0.0
            for k in range { let r = Int(rows[k]); if label[r] == 1 { w1 += weight[r] } else { w0 += weight[r] } }
            let total = w0 + w1
            tree.leafValue[node] = total > 0 ? w1 / total : 0
            tree.setCover(node, total)
            if w0 == 0 || w1 == 0 || range.count < minSamplesSplit || range.count < 2 * minSamplesLeaf { continue }
            if let maxDepth, depth >= maxDepth { continue }
            let parentScore = (w0 * w0 + w1 * w1) / total
            var best: TreeSplit?
            var bestScore = parentScore + 1e-12 * total
            data.codes.withUnsafeBufferPointer { codes in
                draw.visit(maxFeatures, using: &generator) { j in
                    // Histogram: class-0 weight, class-1 weight, row count per bin.
                    for b in 0..<hist.count { hist[b] = 0 }
                    let column = codes.baseAddress! + j * n
                    var firstBin = -1, constant = true
                    for k in range {
                        let r = Int(rows[k]), b = Int(column[r])
                        if firstBin < 0 { firstBin = b } else if b != firstBin { constant = false }
                        hist[3 * b + (label[r] == 1 ? 1 : 0)] += weight[r]
                        hist[3 * b + 2] += 1
                    }
                    if constant { return false }
                    let missing = 255 * 3
                    let hasMissing = hist[missing + 2] > 0
                    let nb = binner.binCount(j)
                    for missingLeft in hasMissing ? [false, true] : [false] {
                        var l0 = missingLeft ? hist[missing] : 0, l1 = missingLeft ? hist[missing + 1] : 0
                        var lc = missingLeft ? hist[missing + 2] : 0
                        let lastBin = (hasMissing && !missingLeft) ? nb : nb - 1
                        for b in 0..<lastBin {
                            guard hist[3 * b + 2] > 0 else { continue }
                            l0 += hist[3 * b]; l1 += hist[3 * b + 1]; lc += hist[3 * b + 2]
                            let rc = Double(range.count) - lc
                            guard lc >= Double(minSamplesLeaf), rc >= Double(minSamplesLeaf) else { continue }
                            let lw = l0 + l1, r0 = w0 - l0, r1 = w1 - l1, rw = r0 + r1
                            guard lw > 0, rw > 0 else { continue }
                            let score = (l0 * l0 + l1 * l1) / lw + (r0 * r0 + r1 * r1) / rw
                            if score > bestScore {
                                bestScore = score
                                let defaultLeft = hasMissing ? missingLeft : lc >= rc
                                best = TreeSplit(feature: j, bin: UInt8(b), categories: nil, defaultLeft: defaultLeft,
                                                 gain: score - parentScore)
                            }
                        }
                    }
                    return true
                }
            }
            guard let split = best else { continue }
            let mid = data.partition(&rows, range, by: split, scratch: &scratch)
            let l = tree.addLeaf(0), r = tree.addLeaf(0)
            tree.split(node, on: split, binner: binner, left: l, right: r)
            stack.append((r, mid..<range.upperBound, depth + 1))
            stack.append((l, range.lowerBound..<mid, depth + 1))
        }
        return tree
    }
}
