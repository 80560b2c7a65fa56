import Statistics

/// Grows one survival tree by log-rank splitting (Ishwaran et al. 2008; LeBlanc & Crowley 1993) on binned
/// features, depth-first, for ``RandomSurvivalForest``.
///
/// **Split rule.** For a node with weighted deaths `d_t` and numbers at risk `Y_t` at its distinct times, a
/// candidate left group L has the log-rank statistic `U_L² / V_L` with
/// `U_L = Σ_t (d_{L,t} − Y_{L,t} d_t / Y_t)` and `V_L = Σ_t (Y_{L,t}/Y_t)(1 − Y_{L,t}/Y_t) d_t (Y_t − d_t)/(Y_t − 1)`.
/// Thresholds are bin edges ("bin ≤ b", missing values tried on each side), not every distinct value as in
/// scikit-survival. Rows are kept sorted by time (stable partitions), and moving a row into L updates U and V
/// in O(log m) with two Fenwick trees (`V = Σ c_t Y_{L,t} − Σ (c_t/Y_t) Y_{L,t}²`, the quadratic part
/// through `Σ_{t ≤ τ_i} a_t Y_{L,t} = Σ_{j ∈ L} w_j A(min(τ_i, τ_j))`), so a feature costs O(m log m).
///
/// **Leaves** keep the Nelson–Aalen hazard increments `d_t / Y_t` of their in-bag rows as a sparse list of
/// (index on the forest's event-time grid, increment): memory grows with the number of deaths, not with
/// leaves × grid size.
///
/// - Complexity: O(maxFeatures · m log m) per node of `m` rows.
struct SurvivalTreeBuilder {
    let data: BinnedFeatures
    let binner: FeatureBinner
    let time: [Double]
    let event: [Bool]
    /// Index of each row's time on the event-time grid (for rows with an event).
    let gridIndex: [Int32]
    let gridCount: Int
    /// Rows sorted by (time, row).
    let timeOrder: [Int32]
    let maxFeatures: Int
    let minSamplesLeaf: Int
    let minSamplesSplit: Int
    let maxDepth: Int?

    struct Tree {
        var tree: FlatTree
        /// Offsets of each node's hazard jumps: node k's are `curveStart[k] ..< curveStart[k + 1]`.
        var curveStart: [Int32]
        var jumpIndex: [Int32]
        var jumpHazard: [Double]
    }

    func build(weight: [Double], using generator: inout Xoshiro256StarStar) -> Tree {
        var rows = timeOrder.filter { weight[Int($0)] > 0 }
        var tree = FlatTree()
        var scratch: [Int32] = []
        var draw = FeatureDraw(data.columnCount)
        var stack: [(node: Int, range: Range<Int>, depth: Int)] = [(tree.addLeaf(0), 0..<rows.count, 0)]
        var leafJumps: [Int: [(Int32, Double)]] = [:]
        let n = data.rowCount
        // Node-local work arrays.
        var tau: [Int32] = [], u: [Double] = [], s: [Double] = [], a: [Double] = [], w: [Double] = []
        var deaths: [Double] = [], atRisk: [Double] = [], cumA: [Double] = []
        var fenwickA: [Double] = [], fenwickW: [Double] = []
        var binCount = [Int](repeating: 0, count: 257), binStart = [Int](repeating: 0, count: 257)
        var byBin: [Int] = []

        while let (node, range, depth) = stack.popLast() {
            let m = range.count
            // Distinct local times (rows are sorted by time).
            tau.removeAll(keepingCapacity: true); w.removeAll(keepingCapacity: true)
            deaths.removeAll(keepingCapacity: true); atRisk.removeAll(keepingCapacity: true)
            var totalDeaths = 0.0
            for k in range {
                let r = Int(rows[k])
                if k == range.lowerBound || time[r] != time[Int(rows[k - 1])] { deaths.append(0); atRisk.append(0) }
                tau.append(Int32(deaths.count - 1))
                w.append(weight[r])
                atRisk[atRisk.count - 1] += weight[r]
                if event[r] { deaths[deaths.count - 1] += weight[r]; totalDeaths += weight[r] }
            }
            let times = deaths.count
            for t in stride(from: times - 2, through: 0, by: -1) { atRisk[t] += atRisk[t + 1] }

            var stop = totalDeaths == 0 || m < minSamplesSplit || m < 2 * minSamplesLeaf
            if let maxDepth, depth >= maxDepth { stop = true }
            var best: TreeSplit?
            if !stop {
                // Per-time terms and per-row prefix quantities.
                cumA.removeAll(keepingCapacity: true)
                var lambda = [Double](repeating: 0, count: times), cumC = [Double](repeating: 0, count: times)
                var l = 0.0, c = 0.0, aa = 0.0
                for t in 0..<times {
                    let y = atRisk[t], d = deaths[t]
                    l += d / y
                    let ct = y > 1 ? d * (y - d) / (y * (y - 1)) : 0
                    c += ct; aa += ct / y
                    lambda[t] = l; cumC[t] = c; cumA.append(aa)
                }
                u.removeAll(keepingCapacity: true); s.removeAll(keepingCapacity: true); a.removeAll(keepingCapacity: true)
                for k in 0..<m {
                    let t = Int(tau[k]), r = Int(rows[range.lowerBound + k])
                    u.append((event[r] ? 1 : 0) - lambda[t]); s.append(cumC[t]); a.append(cumA[t])
                }
                var bestScore = 1e-10
                data.codes.withUnsafeBufferPointer { codes in
                    draw.visit(maxFeatures, using: &generator) { j in
                        let column = codes.baseAddress! + j * n
                        for b in 0..<257 { binCount[b] = 0 }
                        for k in range { binCount[Int(column[Int(rows[k])])] += 1 }
                        if binCount.lazy.filter({ $0 > 0 }).count < 2 { return false }
                        var offset = 0
                        for b in 0..<256 { binStart[b] = offset; offset += binCount[b] }
                        byBin = [Int](repeating: 0, count: m)
                        var fill = binStart
                        for k in 0..<m {
                            let b = Int(column[Int(rows[range.lowerBound + k])])
                            byBin[fill[b]] = k; fill[b] += 1
                        }
                        let nb = binner.binCount(j)
                        let hasMissing = binCount[255] > 0
                        for missingLeft in hasMissing ? [false, true] : [false] {
                            // Reset the sweep.
                            fenwickA = [Double](repeating: 0, count: times + 1)
                            fenwickW = [Double](repeating: 0, count: times + 1)
                            var uL = 0.0, s1 = 0.0, s2 = 0.0, wL = 0.0
                            var rowsLeft = 0
                            func addBin(_ b: Int) {
                                for q in binStart[b]..<(binStart[b] + binCount[b]) {
                                    let k = byBin[q], t = Int(tau[k]), wk = w[k]
                                    var i = t + 1, pa = 0.0, pw = 0.0
                                    while i > 0 { pa += fenwickA[i]; pw += fenwickW[i]; i -= i & -i }
                                    let cross = pa + a[k] * (wL - pw)
                                    s2 += 2 * wk * cross + wk * wk * a[k]
                                    uL += wk * u[k]; s1 += wk * s[k]; wL += wk
                                    i = t + 1
                                    while i <= times { fenwickA[i] += wk * a[k]; fenwickW[i] += wk; i += i & -i }
                                }
                                rowsLeft += binCount[b]
                            }
                            if missingLeft { addBin(255) }
                            let lastBin = (hasMissing && !missingLeft) ? nb : nb - 1
                            for b in 0..<lastBin where binCount[b] > 0 {
                                addBin(b)
                                let rowsRight = m - rowsLeft
                                guard rowsLeft >= minSamplesLeaf, rowsRight >= minSamplesLeaf else { continue }
                                if rowsRight == 0 { continue }
                                let v = s1 - s2
                                guard v > 1e-12 else { continue }
                                let score = uL * uL / v
                                if score > bestScore {
                                    bestScore = score
                                    let defaultLeft = hasMissing ? missingLeft : rowsLeft >= rowsRight
                                    best = TreeSplit(feature: j, bin: UInt8(b), categories: nil,
                                                     defaultLeft: defaultLeft, gain: score)
                                }
                            }
                        }
                        return true
                    }
                }
            }
            if let split = best {
                let mid = data.partition(&rows, range, by: split, scratch: &scratch)
                let l = tree.addLeaf(0), r = tree.addLeaf(0)
                tree.split(node, on: split, binner: binner, left: l, right: r)
                stack.append((r, mid..<range.upperBound, depth + 1))
                stack.append((l, range.lowerBound..<mid, depth + 1))
                continue
            }
            // Leaf: Nelson–Aalen increments at its death times, and its risk Σ_j H(T_j) over the grid.
            var jumps: [(Int32, Double)] = []
            var risk = 0.0
            var k = range.lowerBound
            for t in 0..<times {
                // The first row of local time t.
                while Int(tau[k - range.lowerBound]) < t { k += 1 }
                guard deaths[t] > 0 else { continue }
                var q = k
                while q < range.upperBound && !event[Int(rows[q])] { q += 1 }
                let index = gridIndex[Int(rows[q])]
                let h = deaths[t] / atRisk[t]
                jumps.append((index, h))
                risk += h * Double(gridCount - Int(index))
            }
            tree.leafValue[node] = risk
            leafJumps[node] = jumps
        }
        var curveStart = [Int32](repeating: 0, count: tree.nodeCount + 1)
        var jumpIndex: [Int32] = [], jumpHazard: [Double] = []
        for node in 0..<tree.nodeCount {
            curveStart[node] = Int32(jumpIndex.count)
            for (i, h) in leafJumps[node] ?? [] { jumpIndex.append(i); jumpHazard.append(h) }
        }
        curveStart[tree.nodeCount] = Int32(jumpIndex.count)
        return Tree(tree: tree, curveStart: curveStart, jumpIndex: jumpIndex, jumpHazard: jumpHazard)
    }
}
