import Statistics

/// Bins every feature once into at most 255 ordered `UInt8` codes, the input of every tree learner here
/// (histogram boosting as in LightGBM and scikit-learn's HistGradientBoosting; Ke et al. 2017).
///
/// **Numerical features.** Bin edges are weighted quantiles of the distinct non-missing values: when a
/// feature has at most `maxBins` distinct values each gets its own bin, with edges at the midpoints
/// between neighbours; otherwise edge `k` is placed at the midpoint after the distinct value where the
/// cumulative weight first reaches `k / maxBins` of the total (duplicate edges collapse, so heavy ties
/// give fewer bins). A value `x` falls in bin `b` = the first `b` with `x ≤ edges[b]` (or the last bin),
/// so a split "bin ≤ b" is the raw rule `x ≤ edges[b]`.
///
/// **Categorical features** (declared by index, given as non-negative integer codes) get one bin per
/// category, by category code order; beyond 255 categories the most frequent (by weight) keep a bin and
/// the rest, like categories never seen in training, are treated as missing.
///
/// **Missing values** (NaN) always get the reserved code ``missingBin`` (255).
///
/// Binning depends only on the multiset of (value, weight) pairs: row order does not change it, and a
/// weight of 2 equals a duplicated row.
///
/// - Complexity: fitting O(n log n) per feature (one sort); binning O(n log b) per feature.
public struct FeatureBinner: Sendable, Hashable, Codable {
    /// The code reserved for a missing (NaN) value or an unseen category.
    public static let missingBin: UInt8 = 255
    /// The largest number of value bins per feature.
    public static let maxValueBins = 255

    /// For numerical feature `j`: the upper edges of bins `0 ..< binCount - 1` (the last bin is open).
    public private(set) var edges: [[Double]]
    /// For categorical feature `j`: the category code of each bin, ascending (empty for numerical ones).
    public private(set) var categories: [[Double]]
    /// Whether feature `j` is categorical.
    public private(set) var isCategorical: [Bool]

    /// The number of value bins of feature `j` (the missing code is extra).
    public func binCount(_ j: Int) -> Int { isCategorical[j] ? categories[j].count : edges[j].count + 1 }

    public var featureCount: Int { isCategorical.count }

    /// Fits the bins of every feature of `features`.
    ///
    /// - Parameters:
    ///   - maxBins: value bins per feature, in 2...255 (default 255, as LightGBM's `max_bin`).
    ///   - categoricalFeatures: indices of features holding category codes (integers ≥ 0).
    /// - Throws: ``EstimatorError/invalidData(_:)`` when a categorical feature has a non-integer or
    ///   negative code.
    /// - Complexity: O(p · n log n) for `n` rows and `p` features, parallel over features.
    public init(fitting features: FeatureMatrix, weights: [Double]? = nil, maxBins: Int = 255,
                categoricalFeatures: Set<Int> = []) throws {
        precondition((2...Self.maxValueBins).contains(maxBins), "maxBins must be in 2...255")
        let p = features.columnCount, n = features.rowCount
        let edgesOut = SharedBuffer<[Double]>(repeating: [], count: p)
        let categoriesOut = SharedBuffer<[Double]>(repeating: [], count: p)
        let bad = SharedBuffer<Bool>(repeating: false, count: p)
        features.values.withUnsafeBufferPointer { values in
            TreeParallel.forEach(p) { j in
                let column = UnsafeBufferPointer(rebasing: values[(j * n)..<((j + 1) * n)])
                if categoricalFeatures.contains(j) {
                    if let c = Self.fitCategories(column, weights: weights) { categoriesOut[j] = c } else { bad[j] = true }
                } else {
                    edgesOut[j] = Self.fitEdges(column, weights: weights, maxBins: maxBins)
                }
            }
        }
        if let j = (0..<p).first(where: { bad[$0] }) {
            throw EstimatorError.invalidData(
                "categorical feature \"\(features.names[j])\" must hold integer category codes ≥ 0 (or NaN for missing)")
        }
        edges = edgesOut.array
        categories = categoriesOut.array
        isCategorical = (0..<p).map { categoricalFeatures.contains($0) }
    }

    /// The bins of this binner's features followed by `other`'s (as if fitted on the joined matrix: each
    /// feature's bins depend on that feature alone).
    public func appending(_ other: FeatureBinner) -> FeatureBinner {
        var joined = self
        joined.edges += other.edges
        joined.categories += other.categories
        joined.isCategorical += other.isCategorical
        return joined
    }

    /// The bins of features `range` of `binner`, as a binner of those features alone.
    public init(selecting binner: FeatureBinner, features range: Range<Int>) {
        edges = Array(binner.edges[range])
        categories = Array(binner.categories[range])
        isCategorical = Array(binner.isCategorical[range])
    }

    static func fitEdges(_ column: UnsafeBufferPointer<Double>, weights: [Double]?, maxBins: Int) -> [Double] {
        // Distinct values, ascending, with their total weight.
        var distinct: [Double] = [], mass: [Double] = []
        if let weights {
            var pairs: [(value: Double, weight: Double)] = []
            pairs.reserveCapacity(column.count)
            for (i, v) in column.enumerated() where !v.isNaN && weights[i] > 0 { pairs.append((v, weights[i])) }
            pairs.sort { $0.value < $1.value }
            for (v, w) in pairs {
                if let last = distinct.last, last == v { mass[mass.count - 1] += w } else { distinct.append(v); mass.append(w) }
            }
        } else {
            // Unit weights: radix-sort the bare values (much faster than sorting pairs) and count runs.
            let values = RadixSort.sorted(column.filter { !$0.isNaN })
            var i = 0
            while i < values.count {
                var j = i + 1
                while j < values.count && values[j] == values[i] { j += 1 }
                distinct.append(values[i]); mass.append(Double(j - i))
                i = j
            }
        }
        guard !distinct.isEmpty else { return [] }
        if distinct.count <= maxBins {
            return (0..<(distinct.count - 1)).map { Self.midpoint(distinct[$0], distinct[$0 + 1]) }
        }
        let total = mass.reduce(0, +)
        var result: [Double] = []
        var cumulative = 0.0, k = 1
        for i in 0..<(distinct.count - 1) {
            cumulative += mass[i]
            if cumulative >= total * Double(k) / Double(maxBins) {
                let edge = Self.midpoint(distinct[i], distinct[i + 1])
                if result.last != edge { result.append(edge) }
                while k < maxBins && cumulative >= total * Double(k) / Double(maxBins) { k += 1 }
                if k >= maxBins || result.count == maxBins - 1 { break }
            }
        }
        return result
    }

    static func midpoint(_ a: Double, _ b: Double) -> Double {
        let m = a + (b - a) / 2
        return m < b ? m : a
    }

    static func fitCategories(_ column: UnsafeBufferPointer<Double>, weights: [Double]?) -> [Double]? {
        var mass: [Double: Double] = [:]
        for (i, v) in column.enumerated() where !v.isNaN {
            guard v >= 0, v == v.rounded(), v < 1e15 else { return nil }
            mass[v, default: 0] += weights?[i] ?? 1
        }
        var kept = mass.filter { $0.value > 0 }.map { ($0.key, $0.value) }
        if kept.count > maxValueBins {
            kept.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            kept = Array(kept.prefix(maxValueBins))
        }
        return kept.map(\.0).sorted()
    }

    /// The code of `value` for feature `j` (NaN and unseen categories give ``missingBin``).
    ///
    /// - Complexity: O(log b) for `b` bins.
    public func bin(_ value: Double, feature j: Int) -> UInt8 {
        if value.isNaN { return Self.missingBin }
        if isCategorical[j] {
            let codes = categories[j]
            var lo = 0, hi = codes.count
            while lo < hi { let mid = (lo + hi) / 2; if codes[mid] < value { lo = mid + 1 } else { hi = mid } }
            return lo < codes.count && codes[lo] == value ? UInt8(lo) : Self.missingBin
        }
        return Self.numericBin(value, edges: edges[j])
    }

    static func numericBin(_ value: Double, edges: [Double]) -> UInt8 {
        edges.withUnsafeBufferPointer { numericBin(value, edges: $0) }
    }

    /// The first `b` with `value ≤ edges[b]`, or `edges.count`: a branch-free binary search (the
    /// comparisons of random values are unpredictable, so conditional moves beat branches).
    @inline(__always)
    static func numericBin(_ value: Double, edges: UnsafeBufferPointer<Double>) -> UInt8 {
        var base = 0, length = edges.count
        guard length > 0 else { return 0 }
        while length > 1 {
            let half = length / 2
            base = edges[base + half] < value ? base + half : base
            length -= half
        }
        return UInt8(base + (edges[base] < value ? 1 : 0))
    }

    /// Bins every value of `features` (which must have this binner's feature count).
    ///
    /// - Complexity: O(n · p · log b), parallel over features.
    public func transform(_ features: FeatureMatrix) -> BinnedFeatures {
        precondition(features.columnCount == featureCount, "the binner was fitted on \(featureCount) features")
        let n = features.rowCount, p = featureCount
        var codes = [UInt8](repeating: 0, count: n * p)
        codes.withUnsafeMutableBufferPointer { out in
            let base = SendablePointer(out.baseAddress!)
            features.values.withUnsafeBufferPointer { values in
                TreeParallel.forEach(p) { j in
                    let target = base.pointer + j * n
                    if isCategorical[j] {
                        for i in 0..<n { target[i] = bin(values[j * n + i], feature: j) }
                    } else {
                        edges[j].withUnsafeBufferPointer { e in
                            let column = UnsafeBufferPointer(rebasing: values[(j * n)..<((j + 1) * n)])
                            if n >= 4 * Self.bucketCount, e.count >= 16, let index = BucketIndex(edges: e) {
                                for i in 0..<n { target[i] = index.bin(column[i], edges: e) }
                            } else {
                                for i in 0..<n {
                                    let v = column[i]
                                    target[i] = v.isNaN ? Self.missingBin : Self.numericBin(v, edges: e)
                                }
                            }
                        }
                    }
                }
            }
        }
        return BinnedFeatures(rowCount: n, columnCount: p, codes: codes)
    }
}

extension FeatureBinner {
    /// Buckets of ``BucketIndex``.
    static let bucketCount = 1024

    /// A bucket table over a feature's edges that narrows each search to the edges of one bucket: the range
    /// `[e₀, e_last]` is cut into ``FeatureBinner/bucketCount`` equal buckets, and `start[k]` counts the
    /// edges in buckets before `k`. The bucket map `k(v) = ⌊(v − e₀) · scale⌋` is monotone, so the bin of
    /// `v` lies in `start[k(v)] ... start[k(v) + 1]`, found by a short binary search; O(1) per value for
    /// edges spread over their range, never worse than the plain search.
    struct BucketIndex {
        let low: Double
        let scale: Double
        var start: [Int32]

        init?(edges: UnsafeBufferPointer<Double>) {
            guard let first = edges.first, let last = edges.last, last > first else { return nil }
            low = first
            scale = Double(FeatureBinner.bucketCount) / (last - first)
            guard scale.isFinite else { return nil }
            var start = [Int32](repeating: 0, count: FeatureBinner.bucketCount + 2)
            for e in edges { start[Self.bucket(e, low: first, scale: scale) + 1] += 1 }
            for k in 1..<start.count { start[k] += start[k - 1] }
            self.start = start
        }

        @inline(__always)
        static func bucket(_ v: Double, low: Double, scale: Double) -> Int {
            let x = (v - low) * scale
            return x <= 0 ? 0 : (x >= Double(FeatureBinner.bucketCount) ? FeatureBinner.bucketCount : Int(x))
        }

        /// The bin of `v` (``FeatureBinner/missingBin`` for NaN), equal to ``FeatureBinner/numericBin(_:edges:)``.
        @inline(__always)
        func bin(_ v: Double, edges: UnsafeBufferPointer<Double>) -> UInt8 {
            if v.isNaN { return FeatureBinner.missingBin }
            let k = Self.bucket(v, low: low, scale: scale)
            var base = Int(start[k]), length = Int(start[k + 1]) - base
            // The answer is in base ... base + length: the first edge ≥ v among them, or base + length.
            while length > 0 {
                let half = length / 2
                if edges[base + half] < v { base += half + 1; length -= half + 1 } else { length = half }
            }
            return UInt8(base)
        }
    }
}

/// Features binned by a ``FeatureBinner``: `codes[j * rowCount + i]` is the bin of feature `j`, row `i`.
public struct BinnedFeatures: Sendable, Hashable {
    public var rowCount: Int
    public var columnCount: Int
    public var codes: [UInt8]

    /// The codes of the rows at `indices`, in that order.
    public func selectingRows(_ indices: [Int]) -> BinnedFeatures {
        var selected = [UInt8](repeating: 0, count: indices.count * columnCount)
        codes.withUnsafeBufferPointer { source in
            selected.withUnsafeMutableBufferPointer { target in
                for j in 0..<columnCount {
                    let from = source.baseAddress! + j * rowCount, to = target.baseAddress! + j * indices.count
                    for (k, i) in indices.enumerated() { to[k] = from[i] }
                }
            }
        }
        return BinnedFeatures(rowCount: indices.count, columnCount: columnCount, codes: selected)
    }
}

/// An unsafe pointer that parallel tasks write to at disjoint offsets.
struct SendablePointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}
