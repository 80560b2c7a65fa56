import Foundation
import Statistics

/// How many features a forest tries at each node.
public enum MaxFeatures: Sendable, Hashable, Codable {
    /// ⌊√p⌋ (at least 1): the classification default (Breiman 2001) and scikit-survival's.
    case sqrt
    /// ⌊log₂ p⌋ (at least 1).
    case log2
    /// Every feature (bagged trees).
    case all
    /// A fixed count, capped at p.
    case count(Int)
    /// A fraction of p, rounded down (at least 1).
    case fraction(Double)

    func resolve(_ p: Int) -> Int {
        let k: Int
        switch self {
        case .sqrt: k = Int(Double(p).squareRoot())
        case .log2: k = Int(Foundation.log2(Double(p)))
        case .all: k = p
        case .count(let c): k = c
        case .fraction(let f): k = Int(f * Double(p))
        }
        return min(max(k, 1), p)
    }

    var isValid: Bool {
        switch self {
        case .count(let c): c >= 1
        case .fraction(let f): f > 0 && f <= 1
        default: true
        }
    }
}

/// Shared machinery of the bagged forests: bootstrap counts, per-node feature draws, and the
/// per-tree random streams that make a forest independent of the thread count.
enum ForestSupport {
    /// Bootstrap multiplicities: `n` draws with replacement from `0..<n` (all 1 without bootstrap).
    static func bootstrapCounts(_ n: Int, bootstrap: Bool, using generator: inout Xoshiro256StarStar) -> [Double] {
        guard bootstrap else { return [Double](repeating: 1, count: n) }
        var counts = [Double](repeating: 0, count: n)
        for _ in 0..<n { counts[Int(generator.next() % UInt64(n))] += 1 }
        return counts
    }

    /// Builds `count` trees in parallel, tree `t` from stream `(seed, t)`.
    static func buildTrees<T>(_ count: Int, seed: UInt64, threads: Int,
                              _ build: (Int, inout Xoshiro256StarStar) -> T) -> [T] {
        let out = SharedBuffer<T?>(repeating: nil, count: count)
        TreeParallel.forEach(count, chunks: threads) { t in
            var generator = Xoshiro256StarStar(seed: seed, stream: UInt64(t))
            out[t] = build(t, &generator)
        }
        return out.array.map { $0! }
    }
}

/// Random feature order for one node: draw without replacement until `k` usable features are found
/// (scikit-learn's rule: constant features do not count).
struct FeatureDraw {
    var order: [Int]
    init(_ p: Int) { order = Array(0..<p) }

    /// Calls `visit(j)` on features in random order until it has returned true `k` times or all are seen.
    mutating func visit(_ k: Int, using generator: inout Xoshiro256StarStar, _ visit: (Int) -> Bool) {
        var found = 0
        let p = order.count
        for i in 0..<p {
            let j = i + Int(generator.next() % UInt64(p - i))
            order.swapAt(i, j)
            if visit(order[i]) { found += 1; if found == k { return } }
        }
    }
}

/// The mean over `trees` of each row's leaf value (a forest's prediction), parallel over rows.
///
/// - Complexity: O(n · trees · depth).
func ensembleMeanLeafValue(_ trees: [FlatTree], binner: FeatureBinner, features: FeatureMatrix) -> [Double] {
    let n = features.rowCount
    let out = SharedBuffer<Double>(repeating: 0, count: n)
    let scale = 1 / Double(trees.count)
    features.values.withUnsafeBufferPointer { values in
        TreeParallel.forEachChunk(n, chunks: n < 500 ? 1 : TreeParallel.coreCount) { range in
            for tree in trees {
                for i in range { out[i] += tree.leafValue[tree.leaf(raw: values, rowCount: n, row: i, binner: binner)] }
            }
            for i in range { out[i] *= scale }
        }
    }
    return out.array
}
