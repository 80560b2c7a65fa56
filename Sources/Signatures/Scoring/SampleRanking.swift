/// The within-sample ranking of one expression profile, computed once and shared by every gene set
/// (ssGSEA, singscore).
///
/// Genes whose value is missing (NaN) in this sample are left out: `n` counts the present genes only.
/// For a present gene `g`:
/// - `ascendingPosition[g]` is its 1-based position when genes are sorted by increasing value, ties
///   broken by *decreasing* gene index — equivalently `n − p + 1` where `p` is its position in
///   decreasing order with ties kept in gene order (R's stable `order(x, decreasing = TRUE)`);
/// - `averageRank[g]` is its rank with ties averaged (R `rank(ties.method = "average")`);
/// - `minimumRank[g]` is its rank with ties given the lowest rank of the run (`ties.method = "min"`,
///   as singscore's `rankGenes`).
/// Missing genes have position 0 and rank 0.
///
/// - Complexity: O(n log n) for n genes.
struct SampleRanking {
    var n = 0
    var ascendingPosition: [Int32]
    var averageRank: [Double]
    var minimumRank: [Double]
    private var order: [(Double, Int32)]

    init(geneCount: Int) {
        ascendingPosition = [Int32](repeating: 0, count: geneCount)
        averageRank = [Double](repeating: 0, count: geneCount)
        minimumRank = [Double](repeating: 0, count: geneCount)
        order = []
        order.reserveCapacity(geneCount)
    }

    /// Ranks the sample whose value for gene `g` is `value(g)`.
    mutating func rank(_ value: (Int) -> Double) {
        let geneCount = ascendingPosition.count
        order.removeAll(keepingCapacity: true)
        for g in 0..<geneCount {
            let v = value(g)
            if v.isNaN {
                ascendingPosition[g] = 0
                averageRank[g] = 0
                minimumRank[g] = 0
            } else {
                order.append((v, Int32(g)))
            }
        }
        order.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 > $1.1) }
        n = order.count
        var start = 0
        order.withUnsafeBufferPointer { sorted in
            while start < n {
                var end = start + 1
                while end < n && sorted[end].0 == sorted[start].0 { end += 1 }
                let average = Double(start + 1 + end) / 2
                let minimum = Double(start + 1)
                for i in start..<end {
                    let g = Int(sorted[i].1)
                    ascendingPosition[g] = Int32(i + 1)
                    averageRank[g] = average
                    minimumRank[g] = minimum
                }
                start = end
            }
        }
    }
}
