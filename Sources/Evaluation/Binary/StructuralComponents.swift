import Statistics

/// DeLong's structural components (placement values) of the empirical AUC, per patient.
///
/// For positive `i` with score `x_i` and negative `j` with score `y_j`, with ψ(x, y) = 1 if x > y,
/// ½ if x = y, 0 otherwise:
///
///     V10(x_i) = (1/n) Σ_j ψ(x_i, y_j)     (positives, m of them)
///     V01(y_j) = (1/m) Σ_i ψ(x_i, y_j)     (negatives, n of them)
///
/// so that AUC = mean V10 = mean V01. Computed as in Sun & Xu (2014), from mid-ranks: one sort of all
/// scores, then one sweep over tied groups.
///
/// Sun X, Xu W (2014), "Fast implementation of DeLong's algorithm for comparing the areas under
/// correlated receiver operating characteristic curves", IEEE Signal Processing Letters 21:1389.
///
/// - Complexity: O(N) after an O(N) radix sort, N = m + n.
struct StructuralComponents {
    /// V10 for each positive, in the order the positives appear in the input.
    var positive: [Double]
    /// V01 for each negative, in input order.
    var negative: [Double]

    init(scores: [Double], labels: [Bool], positives m: Int, negatives n: Int) {
        let order = RadixSort.argsort(scores)
        // Rank of each row among positives / negatives, so outputs keep input order.
        var slot = [Int](repeating: 0, count: scores.count)
        var p = 0, q = 0
        for i in 0..<scores.count {
            if labels[i] { slot[i] = p; p += 1 } else { slot[i] = q; q += 1 }
        }
        var v10 = [Double](repeating: 0, count: m), v01 = [Double](repeating: 0, count: n)
        var negativesBelow = 0, positivesBelow = 0
        var k = 0
        let N = order.count
        while k < N {
            var end = k
            let value = scores[order[k]]
            var groupPositives = 0
            while end < N && scores[order[end]] == value {
                if labels[order[end]] { groupPositives += 1 }
                end += 1
            }
            let groupNegatives = end - k - groupPositives
            let a = (Double(negativesBelow) + 0.5 * Double(groupNegatives)) / Double(n)
            let positivesAbove = m - positivesBelow - groupPositives
            let b = (Double(positivesAbove) + 0.5 * Double(groupPositives)) / Double(m)
            for r in k..<end {
                let i = order[r]
                if labels[i] { v10[slot[i]] = a } else { v01[slot[i]] = b }
            }
            negativesBelow += groupNegatives
            positivesBelow += groupPositives
            k = end
        }
        positive = v10
        negative = v01
    }
}
