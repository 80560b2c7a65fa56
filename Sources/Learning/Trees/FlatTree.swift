/// A fitted decision tree frozen into flat arrays (struct of arrays), for fast, cache-friendly prediction
/// and compact JSON.
///
/// Node 0 is the root. For an internal node `k`, ``feature``[k] ≥ 0 and a row goes **left** when
/// - the feature is numerical and its value `x ≤ threshold[k]` (equivalently its bin ≤ ``binThreshold``[k]);
/// - the feature is categorical and its bin is in the node's 256-bit set (``categorySets``, 4 words per
///   categorical node starting at `4 · categorySlot[k]`);
/// - the value is missing (NaN, or an unseen category) and ``defaultLeft``[k] is true.
///
/// Leaves have ``feature``[k] = −1 and carry ``leafValue``[k] (the boosting output, the class-1
/// probability, or the leaf number for survival trees).
///
/// ``cover``[k] is the training weight that reached node k when the tree was grown (see ``cover``); path-
/// dependent TreeSHAP weighs the two branches of a split by it.
///
/// - Complexity: prediction O(depth) per row.
public struct FlatTree: Sendable, Hashable, Codable {
    public internal(set) var feature: [Int32] = []
    public internal(set) var threshold: [Double] = []
    public internal(set) var binThreshold: [UInt8] = []
    public internal(set) var left: [Int32] = []
    public internal(set) var right: [Int32] = []
    public internal(set) var defaultLeft: [Bool] = []
    /// Index of the node's category set (−1 for numerical splits and leaves).
    public internal(set) var categorySlot: [Int32] = []
    /// 256-bit sets of bins sent left by categorical nodes, 4 words each.
    public internal(set) var categorySets: [UInt64] = []
    public internal(set) var leafValue: [Double] = []
    /// Gain (or impurity decrease) of each internal node's split, 0 for leaves: feature importance.
    public internal(set) var gain: [Double] = []
    /// The cover of each node: the total weight of the training rows that reached it while the tree was
    /// grown — for a bootstrapped forest tree each row counted with its bootstrap multiplicity times its
    /// sample weight (scikit-learn's `tree_.weighted_n_node_samples`, which `shap.TreeExplainer` uses), for
    /// a boosted tree the weight of the rows it was grown on (LightGBM's `internal_count` with unit
    /// weights, over the row subsample when `subsample` < 1). For every internal node the cover equals the
    /// sum of its children's up to rounding.
    ///
    /// `nil` for trees saved before covers were recorded (and for survival-forest trees, whose leaves are
    /// not additive scores); explainers then recompute covers from a reference set (Explanation's
    /// `TreeCover`). Decoding an artifact without the key gives `nil`, so old model files still load.
    public internal(set) var cover: [Double]? = nil

    public var nodeCount: Int { feature.count }

    public init() {}

    /// Appends a leaf; returns its index.
    @discardableResult
    mutating func addLeaf(_ value: Double) -> Int {
        feature.append(-1); threshold.append(0); binThreshold.append(0); left.append(-1); right.append(-1)
        defaultLeft.append(false); categorySlot.append(-1); leafValue.append(value); gain.append(0)
        cover?.append(0)
        return feature.count - 1
    }

    /// Records the training cover of node `k` (starting the ``cover`` array on first use).
    mutating func setCover(_ k: Int, _ value: Double) {
        if cover == nil { cover = [Double](repeating: 0, count: nodeCount) }
        cover![k] = value
    }

    /// Turns leaf `k` into a split with the given children.
    mutating func split(_ k: Int, on split: TreeSplit, binner: FeatureBinner, left l: Int, right r: Int) {
        feature[k] = Int32(split.feature)
        left[k] = Int32(l)
        right[k] = Int32(r)
        defaultLeft[k] = split.defaultLeft
        gain[k] = split.gain
        if let set = split.categories {
            categorySlot[k] = Int32(categorySets.count / 4)
            categorySets.append(contentsOf: [set.0, set.1, set.2, set.3])
            threshold[k] = 0
        } else {
            binThreshold[k] = split.bin
            let edges = binner.edges[split.feature]
            threshold[k] = Int(split.bin) < edges.count ? edges[Int(split.bin)] : .greatestFiniteMagnitude
        }
    }

    @inline(__always)
    func inCategorySet(_ slot: Int32, _ bin: UInt8) -> Bool {
        let word = categorySets[Int(slot) * 4 + Int(bin >> 6)]
        return word & (UInt64(1) << UInt64(bin & 63)) != 0
    }

    @inline(__always)
    func goesLeft(node k: Int, bin: UInt8) -> Bool {
        if bin == FeatureBinner.missingBin { return defaultLeft[k] }
        let slot = categorySlot[k]
        if slot >= 0 { return inCategorySet(slot, bin) }
        return bin <= binThreshold[k]
    }

    /// The leaf reached by row `row` of binned features.
    @inline(__always)
    func leaf(binned codes: UnsafeBufferPointer<UInt8>, rowCount n: Int, row: Int) -> Int {
        var k = 0
        while feature[k] >= 0 {
            let f = Int(feature[k])
            k = Int(goesLeft(node: k, bin: codes[f * n + row]) ? left[k] : right[k])
        }
        return k
    }

    /// The leaf reached by row `row` of raw, column-major features (`values[j * n + row]`).
    @inline(__always)
    func leaf(raw values: UnsafeBufferPointer<Double>, rowCount n: Int, row: Int, binner: FeatureBinner) -> Int {
        var k = 0
        while feature[k] >= 0 {
            let f = Int(feature[k])
            let x = values[f * n + row]
            let goLeft: Bool
            if x.isNaN {
                goLeft = defaultLeft[k]
            } else if categorySlot[k] >= 0 {
                let bin = binner.bin(x, feature: f)
                goLeft = bin == FeatureBinner.missingBin ? defaultLeft[k] : inCategorySet(categorySlot[k], bin)
            } else {
                goLeft = x <= threshold[k]
            }
            k = Int(goLeft ? left[k] : right[k])
        }
        return k
    }

    /// Adds the leaf value this tree gives each row of `rows` (raw, column-major `values`, `n` rows) to `out[row]`:
    /// ``leaf(raw:rowCount:row:binner:)`` with the node arrays read through pointers, for the prediction loop.
    func addLeafValues(raw values: UnsafeBufferPointer<Double>, rowCount n: Int, rows: Range<Int>,
                       binner: FeatureBinner, into out: UnsafeMutablePointer<Double>) {
        guard categorySets.isEmpty else {
            for i in rows { out[i] += leafValue[leaf(raw: values, rowCount: n, row: i, binner: binner)] }
            return
        }
        feature.withUnsafeBufferPointer { feature in
            threshold.withUnsafeBufferPointer { threshold in
                left.withUnsafeBufferPointer { left in
                    right.withUnsafeBufferPointer { right in
                        defaultLeft.withUnsafeBufferPointer { defaultLeft in
                            leafValue.withUnsafeBufferPointer { leafValue in
                                let x = values.baseAddress!
                                for i in rows {
                                    var k = 0
                                    while feature[k] >= 0 {
                                        let v = x[Int(feature[k]) &* n &+ i]
                                        let goLeft = v.isNaN ? defaultLeft[k] : v <= threshold[k]
                                        k = Int(goLeft ? left[k] : right[k])
                                    }
                                    out[i] += leafValue[k]
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Adds each internal node's gain and one split count to `gain[feature]` and `splits[feature]`.
    func accumulateImportance(gain totalGain: inout [Double], splits: inout [Int]) {
        for k in 0..<nodeCount where feature[k] >= 0 {
            totalGain[Int(feature[k])] += gain[k]
            splits[Int(feature[k])] += 1
        }
    }
}

/// A chosen split, before it is frozen into a ``FlatTree``.
struct TreeSplit {
    var feature: Int
    /// Numerical: rows with bin ≤ `bin` go left.
    var bin: UInt8
    /// Categorical: the set of bins sent left.
    var categories: (UInt64, UInt64, UInt64, UInt64)?
    var defaultLeft: Bool
    var gain: Double

    /// Whether a row with bin `b` goes left.
    @inline(__always)
    func goesLeft(_ b: UInt8) -> Bool {
        if b == FeatureBinner.missingBin { return defaultLeft }
        if let set = categories {
            let word: UInt64
            switch b >> 6 { case 0: word = set.0; case 1: word = set.1; case 2: word = set.2; default: word = set.3 }
            return word & (UInt64(1) << UInt64(b & 63)) != 0
        }
        return b <= bin
    }

    static func bitset(_ bins: some Sequence<Int>) -> (UInt64, UInt64, UInt64, UInt64) {
        var words: [UInt64] = [0, 0, 0, 0]
        for b in bins { words[b >> 6] |= UInt64(1) << UInt64(b & 63) }
        return (words[0], words[1], words[2], words[3])
    }
}

extension BinnedFeatures {
    /// Stable partition of `rows[range]` into rows going left then right; returns the split point.
    ///
    /// - Parameter scratch: room for at least `range.count` row indices.
    /// - Complexity: O(range.count).
    func partition(_ rows: inout [Int32], _ range: Range<Int>, by split: TreeSplit,
                   scratch: UnsafeMutablePointer<Int32>) -> Int {
        let n = rowCount
        var left = 0, right = 0
        // Branch-free: a 256-entry table gives each bin's side (1 = left), and every row is written to both
        // destinations, advancing only the one it belongs to. Writing rows[left] is safe as left ≤ k.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { side in
            for b in 0..<256 { side[b] = split.goesLeft(UInt8(b)) ? 1 : 0 }
            codes.withUnsafeBufferPointer { c in
                let column = c.baseAddress! + split.feature * n
                rows.withUnsafeMutableBufferPointer { buffer in
                    let r = buffer.baseAddress! + range.lowerBound
                    for k in 0..<range.count {
                        let row = r[k]
                        let isLeft = side[Int(column[Int(row)])]
                        r[left] = row
                        scratch[right] = row
                        left &+= isLeft
                        right &+= 1 &- isLeft
                    }
                    (r + left).update(from: scratch, count: right)
                }
            }
        }
        return range.lowerBound + left
    }

    /// ``partition(_:_:by:scratch:)`` with a growable scratch array.
    func partition(_ rows: inout [Int32], _ range: Range<Int>, by split: TreeSplit, scratch: inout [Int32]) -> Int {
        if scratch.count < range.count { scratch = [Int32](repeating: 0, count: range.count) }
        return scratch.withUnsafeMutableBufferPointer { partition(&rows, range, by: split, scratch: $0.baseAddress!) }
    }
}
