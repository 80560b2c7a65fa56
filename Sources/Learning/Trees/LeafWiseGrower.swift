import CTreeKernels

/// Grows one regression tree on gradient statistics, leaf-wise (best-first), from per-bin histograms:
/// the tree learner of ``GradientBoostedTrees`` (LightGBM, Ke et al. 2017).
///
/// **Algorithm.** Every open leaf holds a histogram of (Σ gradient, Σ hessian) per feature bin.
/// The best split of a leaf maximises the regularised gain of Chen & Guestrin (2016)
/// `G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)` (LightGBM's form, without the ½), over
/// - numerical thresholds "bin ≤ b", trying missing values on the right and, when the leaf has any, on the
///   left: the better direction becomes the node's default;
/// - categorical subsets: categories with weight ≥ `categoricalSmoothing` sorted by `G/(H + smoothing)`,
///   prefixes of at most `maxCategoriesPerSplit` from either end, with an extra L2 `categoricalL2`
///   (LightGBM's `cat_smooth`, `max_cat_threshold`, `cat_l2`); features with ≤ 4 categories try
///   one-versus-rest. Missing values and rare categories go right.
/// The leaf with the largest gain is split next, until `maxLeaves` leaves, `maxDepth`, or no split gains
/// more than `minSplitGain` with at least `minSamplesLeaf` weight and `minChildWeight` hessian per side.
/// As in LightGBM (`cnt_factor` in `feature_histogram.hpp`), a candidate side's weight is estimated from its
/// hessian as `H_side · W/H` (W, H: the leaf's weight and hessian), so histograms carry no weight channel;
/// this is exact for squared error with unit weights. Children's weights are then summed exactly.
/// Only the smaller child's histogram is built from its rows; the larger one's is the parent's minus the
/// smaller's (the subtraction trick). Histogram building, subtraction and split search share one region
/// parallel over chunks of features per split (``SpinningPool``), skipped for small histograms; each
/// chunk's first best split is reduced in chunk order, so the result does not depend on the thread count.
/// Numerical thresholds are scanned four features at a time, one per vector lane (``scanLanes``).
/// Every node records its cover, the summed weight of its rows (Σ w, the row count with unit weights:
/// LightGBM's `internal_count`), for path-dependent TreeSHAP.
///
/// **Monotone constraints** use LightGBM's "basic" method: a leaf value is clamped to bounds
/// `[lower, upper]` inherited from its ancestors; a split on a constrained feature whose clamped child
/// values violate the direction is rejected; after an accepted split the children's bounds meet at the
/// mid-point of their values. Hence predictions are exactly monotone in that feature.
///
/// - Complexity: O(m · p) per histogram built over `m` rows and `p` features, O(p · 256) per split
///   search; memory O(maxLeaves · p · 256) doubles.
final class LeafWiseGrower {
    struct Parameters {
        var maxLeaves: Int
        var maxDepth: Int?
        var minSamplesLeaf: Double
        var minChildWeight: Double
        var lambda: Double
        var minSplitGain: Double
        var categoricalSmoothing: Double
        var categoricalL2: Double
        var maxCategoriesPerSplit: Int
        var threads: Int
        /// Scan numerical thresholds four features at a time where possible (``scanLanes``).
        var laneScans = true
    }

    /// Per-bin statistics: gradient, hessian.
    static let stride = 2
    static let binsPerFeature = 256

    let data: BinnedFeatures
    let binner: FeatureBinner
    let parameters: Parameters
    /// −1, 0, +1 per feature.
    let monotone: [Int8]
    let featureSize: Int
    let slotSize: Int
    let pool: UnsafeMutablePointer<Double>
    var freeSlots: [Int]
    /// Scratch for ``BinnedFeatures/partition(_:_:by:scratch:)``: one `Int32` per row.
    let scratch: UnsafeMutablePointer<Int32>
    /// A leaf's (gradient, hessian) pairs gathered in its row order (LightGBM's ordered gradients), so the
    /// histogram loop reads them sequentially: `2 · rowCount` doubles.
    let ordered: UnsafeMutablePointer<Double>

    init(data: BinnedFeatures, binner: FeatureBinner, parameters: Parameters, monotone: [Int8]) {
        self.data = data
        self.binner = binner
        self.parameters = parameters
        self.monotone = monotone
        featureSize = Self.binsPerFeature * Self.stride
        slotSize = featureSize * data.columnCount
        // Open leaves hold a histogram each; one more for a child being built.
        let slots = parameters.maxLeaves + 2
        pool = .allocate(capacity: slots * slotSize)
        freeSlots = Array((0..<slots).reversed())
        scratch = .allocate(capacity: max(1, data.rowCount))
        ordered = .allocate(capacity: max(1, 2 * data.rowCount))
    }

    deinit {
        pool.deallocate()
        scratch.deallocate()
        ordered.deallocate()
    }

    struct Leaf {
        var node: Int
        var range: Range<Int>
        var sumGradient: Double
        var sumHessian: Double
        var sumWeight: Double
        var depth: Int
        var lower: Double
        var upper: Double
        var slot: Int
        var best: TreeSplit?
        /// The best split's left (Σ gradient, Σ hessian).
        var bestLeft: (Double, Double) = (0, 0)
        var leftOutput = 0.0
        var rightOutput = 0.0
    }

    /// Grows one tree on `rows` (reordered in place so each leaf's rows are contiguous) using only
    /// `features`. Returns the tree with unshrunk leaf outputs multiplied by `shrinkage`, and each leaf's
    /// node index and row range in `rows`. `weight` nil: every row weighs 1, so a node's weight is its row
    /// count (the same number the sum of ones gives, without a pass over the rows at every split).
    func grow(rows: inout [Int32], allRowsInOrder: Bool, gradient: [Double], hessian: [Double], weight: [Double]?,
              features: [Int], shrinkage: Double) -> (tree: FlatTree, leaves: [(node: Int, range: Range<Int>)]) {
        var tree = FlatTree()
        let p = parameters
        var gSum = 0.0, hSum = 0.0
        for r in rows { gSum += gradient[Int(r)]; hSum += hessian[Int(r)] }
        let wSum = Self.sum(weight, over: rows[...])
        let rootSlot = freeSlots.removeLast()
        let root = Leaf(node: tree.addLeaf(0), range: 0..<rows.count, sumGradient: gSum, sumHessian: hSum,
                        sumWeight: wSum, depth: 0, lower: -.infinity, upper: .infinity, slot: rootSlot)
        tree.setCover(root.node, wSum)
        var roots = [root]
        histogramsAndSplits(build: (rootSlot, 0..<rows.count, allRowsInOrder), subtractFrom: nil, rows: rows,
                            gradient: gradient, hessian: hessian, features: features, leaves: &roots)
        var open = roots
        var done: [Leaf] = []
        while open.count + done.count < p.maxLeaves {
            guard let pick = open.indices.max(by: { (open[$0].best?.gain ?? -1, -$0) < (open[$1].best?.gain ?? -1, -$1) }),
                  let split = open[pick].best else { break }
            let leaf = open.remove(at: pick)
            let mid = data.partition(&rows, leaf.range, by: split, scratch: scratch)
            let lRange = leaf.range.lowerBound..<mid, rRange = mid..<leaf.range.upperBound
            let l = tree.addLeaf(0), r = tree.addLeaf(0)
            tree.split(leaf.node, on: split, binner: binner, left: l, right: r)
            let (gl, hl) = leaf.bestLeft
            let wl = Self.sum(weight, over: rows[lRange]), wr = Self.sum(weight, over: rows[rRange])
            var left = Leaf(node: l, range: lRange, sumGradient: gl, sumHessian: hl, sumWeight: wl,
                            depth: leaf.depth + 1, lower: leaf.lower, upper: leaf.upper, slot: -1)
            var right = Leaf(node: r, range: rRange, sumGradient: leaf.sumGradient - gl,
                             sumHessian: leaf.sumHessian - hl, sumWeight: wr,
                             depth: leaf.depth + 1, lower: leaf.lower, upper: leaf.upper, slot: -1)
            tree.setCover(l, wl)
            tree.setCover(r, wr)
            let constraint = monotone[split.feature]
            if constraint != 0 {
                let midValue = (leaf.leftOutput + leaf.rightOutput) / 2
                if constraint > 0 { left.upper = min(left.upper, midValue); right.lower = max(right.lower, midValue) }
                else { left.lower = max(left.lower, midValue); right.upper = min(right.upper, midValue) }
            }
            // Build the smaller child's histogram, subtract for the larger.
            // No histograms when neither child can be split: past the depth limit, too small, or because this
            // split fills the tree (the loop ends at maxLeaves leaves).
            let canSplitFurther = open.count + done.count + 2 < p.maxLeaves && (canSplit(left) || canSplit(right))
            if canSplitFurther {
                let smallIsLeft = lRange.count <= rRange.count
                let smallSlot = freeSlots.removeLast()
                if smallIsLeft { left.slot = smallSlot; right.slot = leaf.slot } else { right.slot = smallSlot; left.slot = leaf.slot }
                var children = [left, right]
                histogramsAndSplits(build: (smallSlot, smallIsLeft ? lRange : rRange, false), subtractFrom: leaf.slot,
                                    rows: rows, gradient: gradient, hessian: hessian, features: features,
                                    leaves: &children)
                (left, right) = (children[0], children[1])
            } else {
                freeSlots.append(leaf.slot)
            }
            for child in [left, right] {
                if child.best != nil { open.append(child) } else {
                    if child.slot >= 0 { freeSlots.append(child.slot) }
                    var c = child; c.slot = -1; done.append(c)
                }
            }
        }
        var leaves: [(node: Int, range: Range<Int>)] = []
        for leaf in open + done {
            if leaf.slot >= 0 { freeSlots.append(leaf.slot) }
            tree.leafValue[leaf.node] = shrinkage * output(leaf.sumGradient, leaf.sumHessian, leaf.lower, leaf.upper)
            leaves.append((leaf.node, leaf.range))
        }
        return (tree, leaves)
    }

    /// Σ `weight[r]` over the rows `rows` (their count when `weight` is nil: unit weights).
    static func sum(_ weight: [Double]?, over rows: ArraySlice<Int32>) -> Double {
        guard let weight else { return Double(rows.count) }
        return weight.withUnsafeBufferPointer { w in rows.reduce(0.0) { $0 + w[Int($1)] } }
    }

    @inline(__always)
    func output(_ g: Double, _ h: Double, _ lower: Double, _ upper: Double, extraL2: Double = 0) -> Double {
        let denominator = h + parameters.lambda + extraL2
        let w = denominator > 0 ? -g / denominator : 0
        return min(max(w, lower), upper)
    }

    /// LightGBM's gain of a leaf with output `w`: −(2 G w + (H + λ) w²), = G²/(H+λ) when unconstrained.
    @inline(__always)
    func leafGain(_ g: Double, _ h: Double, _ w: Double, extraL2: Double = 0) -> Double {
        -(2 * g * w + (h + parameters.lambda + extraL2) * w * w)
    }

    /// A leaf's best split over some features (``LeafWiseGrower/bestSplit(of:features:parentGain:)``).
    struct Candidate {
        var split: TreeSplit
        var left: (Double, Double)
        var leftOutput: Double
        var rightOutput: Double
    }

    /// One parallel region over the features (LightGBM's feature-parallel histogram and split search):
    /// builds histogram `build.slot` from the rows `rows[build.range]` (`sequential`: they are `0..<rowCount`
    /// in order), subtracts it from histogram `subtractFrom` when given (the larger sibling's histogram is
    /// the parent's minus the smaller's), then finds the best split of every leaf of `leaves` on its own
    /// histogram. Each chunk of features yields its first best split; these are reduced in chunk order with
    /// a strict comparison, so the split found is the first best in feature order whatever the thread count.
    func histogramsAndSplits(build: (slot: Int, range: Range<Int>, sequential: Bool), subtractFrom parent: Int?,
                             rows: [Int32], gradient: [Double], hessian: [Double], features: [Int],
                             leaves: inout [Leaf]) {
        let m = build.range.count, p = features.count
        gatherStatistics(rows: rows, range: build.range, gradient: gradient, hessian: hessian)
        let searchable = leaves.map(canSplit)
        let parentGains = leaves.map { leaf in
            leafGain(leaf.sumGradient, leaf.sumHessian, output(leaf.sumGradient, leaf.sumHessian, leaf.lower, leaf.upper))
        }
        let candidates = SharedBuffer<Candidate?>(repeating: nil, count: leaves.count * p)
        let work = m * p + (parent == nil ? 0 : p * featureSize) + leaves.count * p * Self.binsPerFeature
        let chunks = work < 50_000 ? 1 : parameters.threads
        let base = SendablePointer(pool)
        let searched = leaves
        rows.withUnsafeBufferPointer { rowBuffer in
            let rowPointer = UnsafeMutablePointer(mutating: rowBuffer.baseAddress! + build.range.lowerBound)
            let sharedRows = SendablePointer(rowPointer)
            TreeParallel.forEachChunk(p, chunks: chunks) { chunk in
                let chunkFeatures = features[chunk]
                self.accumulateHistograms(slot: build.slot, rows: build.sequential ? nil : sharedRows.pointer,
                                          count: m, features: chunkFeatures)
                if let parent {
                    let a = base.pointer + parent * self.slotSize, b = base.pointer + build.slot * self.slotSize
                    for j in chunkFeatures {
                        let o = j * self.featureSize
                        for k in 0..<self.featureSize { a[o + k] -= b[o + k] }
                    }
                }
                for (l, leaf) in searched.enumerated() where searchable[l] {
                    candidates[l * p + chunk.lowerBound] = self.bestSplit(of: leaf, features: features[chunk],
                                                                          parentGain: parentGains[l])
                }
            }
        }
        for l in leaves.indices {
            leaves[l].best = nil
            var bestGain = -Double.infinity
            for fi in 0..<p {
                guard let c = candidates[l * p + fi], c.split.gain > bestGain else { continue }
                bestGain = c.split.gain
                leaves[l].best = c.split; leaves[l].bestLeft = c.left
                leaves[l].leftOutput = c.leftOutput; leaves[l].rightOutput = c.rightOutput
            }
        }
    }

    /// Copies the (gradient, hessian) of the rows `rows[range]` into ``ordered``, in that order (in chunks of
    /// rows side by side when there are many).
    func gatherStatistics(rows: [Int32], range: Range<Int>, gradient: [Double], hessian: [Double]) {
        let stats = SendablePointer(ordered)
        rows.withUnsafeBufferPointer { rowBuffer in
            let rp = rowBuffer.baseAddress! + range.lowerBound
            gradient.withUnsafeBufferPointer { g in
                hessian.withUnsafeBufferPointer { h in
                    TreeParallel.forEachChunk(range.count, chunks: range.count < 32_768 ? 1 : parameters.threads) { chunk in
                        for k in chunk {
                            let r = Int(rp[k])
                            stats.pointer[2 &* k] = g[r]; stats.pointer[2 &* k &+ 1] = h[r]
                        }
                    }
                }
            }
        }
    }

    /// Fills histogram `slot` for `features` from the `count` gathered statistics, whose rows are `rows`
    /// (nil: `0..<count` in order), four features per pass so each row's statistics are loaded once for
    /// four histograms (`immunokit_histograms`, in C: it keeps the eight pointers in registers, which the
    /// Swift loop did not, ~7% faster overall).
    func accumulateHistograms(slot: Int, rows: UnsafeMutablePointer<Int32>?, count m: Int, features: ArraySlice<Int>) {
        let base = pool + slot * slotSize, n = data.rowCount
        data.codes.withUnsafeBufferPointer { codes in
            let codeBase = codes.baseAddress!
            /// Feature `features[i]`'s zeroed histogram and its codes, or nils past the end.
            func lane(_ i: Int) -> (UnsafeMutablePointer<Double>?, UnsafePointer<UInt8>?) {
                guard i < features.endIndex else { return (nil, nil) }
                let j = features[i], hist = base + j * featureSize
                hist.initialize(repeating: 0, count: featureSize)
                return (hist, codeBase + j * n)
            }
            for fi in Swift.stride(from: features.startIndex, to: features.endIndex, by: 4) {
                let (l0, l1, l2, l3) = (lane(fi), lane(fi + 1), lane(fi + 2), lane(fi + 3))
                immunokit_histograms(l0.0, l1.0, l2.0, l3.0, l0.1, l1.1, l2.1, l3.1, ordered, rows, Int64(m))
            }
        }
    }

    /// Whether `leaf` may be split at all (depth, and room for two children by weight and hessian).
    func canSplit(_ leaf: Leaf) -> Bool {
        let p = parameters
        if let maxDepth = p.maxDepth, leaf.depth >= maxDepth { return false }
        return leaf.sumWeight >= 2 * p.minSamplesLeaf && leaf.sumHessian >= 2 * p.minChildWeight
    }

    /// The least hessian a child of `leaf` may have: `minChildWeight`, and the hessian whose estimated weight
    /// `H_child · W/H` is `minSamplesLeaf` (infinite for a leaf without weight, which cannot be split).
    func minChildHessian(_ leaf: Leaf) -> Double {
        let p = parameters
        guard leaf.sumWeight > 0 else { return .infinity }
        return max(p.minChildWeight, p.minSamplesLeaf * leaf.sumHessian / leaf.sumWeight)
    }

    /// The best split of `leaf` over `features` gaining more than `minSplitGain`, from the leaf's histogram:
    /// the first best in feature order (the scans carry the best gain so far, so later features record
    /// only improvements on it).
    func bestSplit(of leaf: Leaf, features: ArraySlice<Int>, parentGain: Double) -> Candidate? {
        var leaf = leaf
        leaf.best = nil
        var bestGain = parameters.minSplitGain
        let minHessian = minChildHessian(leaf)
        // Lane scans need gains G²/(H + λ) (no output bounds) with H + λ > 0 on every admissible side;
        // consecutive eligible features go four at a time, the others one at a time, all in feature order.
        let lanes = parameters.laneScans && leaf.lower == -.infinity && leaf.upper == .infinity
            && (parameters.lambda > 0 || minHessian > 0)
        var group = SIMD4<Int>(), count = 0
        func flush() {
            guard count > 0 else { return }
            scanLanes(&leaf, features: group, count: count, minHessian: minHessian, parentGain: parentGain,
                      bestGain: &bestGain)
            count = 0
        }
        for j in features {
            if lanes && !binner.isCategorical[j] && monotone[j] == 0 {
                group[count] = j
                count += 1
                if count == 4 { flush() }
                continue
            }
            flush()
            let h = pool + leaf.slot * slotSize + j * featureSize
            if binner.isCategorical[j] {
                considerCategorical(&leaf, feature: j, hist: h, parentGain: parentGain, bestGain: &bestGain)
            } else {
                considerNumerical(&leaf, feature: j, hist: h, parentGain: parentGain, bestGain: &bestGain)
            }
        }
        flush()
        return leaf.best.map { Candidate(split: $0, left: leaf.bestLeft, leftOutput: leaf.leftOutput, rightOutput: leaf.rightOutput) }
    }

    @inline(__always)
    func evaluate(_ leaf: Leaf, gl: Double, hl: Double, minHessian: Double, constraint: Int8, parentGain: Double,
                  extraL2: Double = 0) -> (gain: Double, left: Double, right: Double)? {
        let gr = leaf.sumGradient - gl, hr = leaf.sumHessian - hl
        guard hl >= minHessian, hr >= minHessian else { return nil }
        let ol = output(gl, hl, leaf.lower, leaf.upper, extraL2: extraL2)
        let or = output(gr, hr, leaf.lower, leaf.upper, extraL2: extraL2)
        if constraint > 0 && ol > or { return nil }
        if constraint < 0 && ol < or { return nil }
        let gain = leafGain(gl, hl, ol, extraL2: extraL2) + leafGain(gr, hr, or, extraL2: extraL2) - parentGain
        return (gain, ol, or)
    }

    func considerNumerical(_ leaf: inout Leaf, feature j: Int, hist h: UnsafeMutablePointer<Double>,
                           parentGain: Double, bestGain: inout Double) {
        let nb = binner.binCount(j)
        guard nb >= 1 else { return }
        let missing = 255 * 2
        let gm = h[missing], hm = h[missing + 1]
        let hasMissing = hm > 0
        let constraint = monotone[j]
        let minHessian = minChildHessian(leaf)
        // Missing right: thresholds b in 0 ..< nb-1, and b = nb-1 ("all values left") when missing exist.
        let lastRight = hasMissing ? nb : nb - 1
        var gl = 0.0, hl = 0.0
        for b in 0..<lastRight {
            gl += h[2 * b]; hl += h[2 * b + 1]
            if h[2 * b] == 0 && h[2 * b + 1] == 0 && b < nb - 1 { continue }
            if let e = evaluate(leaf, gl: gl, hl: hl, minHessian: minHessian, constraint: constraint, parentGain: parentGain),
               e.gain > bestGain {
                bestGain = e.gain
                let defaultLeft = hasMissing ? false : hl >= leaf.sumHessian - hl
                leaf.best = TreeSplit(feature: j, bin: UInt8(b), categories: nil, defaultLeft: defaultLeft, gain: e.gain)
                leaf.bestLeft = (gl, hl); leaf.leftOutput = e.left; leaf.rightOutput = e.right
            }
        }
        guard hasMissing, nb >= 2 else { return }
        // Missing left.
        gl = gm; hl = hm
        for b in 0..<(nb - 1) {
            gl += h[2 * b]; hl += h[2 * b + 1]
            if h[2 * b] == 0 && h[2 * b + 1] == 0 { continue }
            if let e = evaluate(leaf, gl: gl, hl: hl, minHessian: minHessian, constraint: constraint, parentGain: parentGain),
               e.gain > bestGain {
                bestGain = e.gain
                leaf.best = TreeSplit(feature: j, bin: UInt8(b), categories: nil, defaultLeft: true, gain: e.gain)
                leaf.bestLeft = (gl, hl); leaf.leftOutput = e.left; leaf.rightOutput = e.right
            }
        }
    }

    func considerCategorical(_ leaf: inout Leaf, feature j: Int, hist h: UnsafeMutablePointer<Double>,
                             parentGain: Double, bestGain: inout Double) {
        let p = parameters
        let nb = binner.binCount(j)
        let used = (0..<nb).filter { h[2 * $0 + 1] > 0 }
        let minHessian = minChildHessian(leaf)
        guard used.count >= 2 else { return }
        func consider(_ set: [Int], extraL2: Double) {
            var gl = 0.0, hl = 0.0
            for b in set { gl += h[2 * b]; hl += h[2 * b + 1] }
            if let e = evaluate(leaf, gl: gl, hl: hl, minHessian: minHessian, constraint: 0, parentGain: parentGain,
                                extraL2: extraL2),
               e.gain > bestGain {
                bestGain = e.gain
                leaf.best = TreeSplit(feature: j, bin: 0, categories: TreeSplit.bitset(set), defaultLeft: false, gain: e.gain)
                leaf.bestLeft = (gl, hl); leaf.leftOutput = e.left; leaf.rightOutput = e.right
            }
        }
        if nb <= 4 {
            for b in used { consider([b], extraL2: 0) }
            return
        }
        // Categories with estimated weight ≥ categoricalSmoothing (LightGBM: cnt ≥ cat_smooth).
        let weightPerHessian = leaf.sumWeight / leaf.sumHessian
        let eligible = used.filter { h[2 * $0 + 1] * weightPerHessian >= p.categoricalSmoothing }
        guard eligible.count >= 1 else { return }
        let sorted = eligible.sorted {
            let a = h[2 * $0] / (h[2 * $0 + 1] + p.categoricalSmoothing)
            let b = h[2 * $1] / (h[2 * $1 + 1] + p.categoricalSmoothing)
            return a != b ? a < b : $0 < $1
        }
        let limit = min(p.maxCategoriesPerSplit, max(1, sorted.count - 1))
        for k in 1...limit {
            consider(Array(sorted.prefix(k)), extraL2: p.categoricalL2)
            consider(Array(sorted.suffix(k)), extraL2: p.categoricalL2)
        }
    }
}
