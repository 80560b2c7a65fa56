/// Rank-based discrimination metrics used inside the forests (out-of-bag scores). Internal: the
/// Evaluation layer owns the public metrics.
enum RankMetrics {
    /// The area under the ROC curve, by the Mann–Whitney statistic with mid-ranks for ties:
    /// `(Σ ranks of positives − n₊(n₊+1)/2) / (n₊ n₋)`. NaN when a class is absent.
    ///
    /// - Complexity: O(n log n).
    static func areaUnderROC(scores: [Double], labels: [Bool]) -> Double {
        let positives = labels.filter { $0 }.count, negatives = labels.count - positives
        guard positives > 0, negatives > 0 else { return .nan }
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSum = 0.0
        var k = 0
        while k < order.count {
            var end = k
            while end + 1 < order.count && scores[order[end + 1]] == scores[order[k]] { end += 1 }
            let midRank = Double(k + end) / 2 + 1
            for q in k...end where labels[order[q]] { rankSum += midRank }
            k = end + 1
        }
        let p = Double(positives)
        return (rankSum - p * (p + 1) / 2) / (p * Double(negatives))
    }

    /// Harrell's concordance index for right-censored data, with scikit-survival's conventions
    /// (`concordance_index_censored`): a pair (i, j) is comparable when i had the event and
    /// `t_i < t_j`, or `t_i = t_j` and j was censored; it is concordant when `risk_i > risk_j`, and a tie
    /// in risk counts ½. NaN without comparable pairs.
    ///
    /// Harrell FE et al. (1982), JAMA 247:2543. Computed with a Fenwick tree over risk ranks, sweeping
    /// times from the latest.
    ///
    /// - Complexity: O(n log n).
    static func concordanceIndex(time: [Double], event: [Bool], risk: [Double]) -> Double {
        let n = time.count
        guard n > 1 else { return .nan }
        // Dense ranks of risk.
        let byRisk = risk.indices.sorted { risk[$0] < risk[$1] }
        var rank = [Int](repeating: 0, count: n)
        var r = 0
        for (k, i) in byRisk.enumerated() {
            if k > 0 && risk[i] != risk[byRisk[k - 1]] { r += 1 }
            rank[i] = r
        }
        var fenwick = [Double](repeating: 0, count: r + 2)
        func add(_ position: Int) { var i = position + 1; while i < fenwick.count { fenwick[i] += 1; i += i & -i } }
        func countBelow(_ position: Int) -> Double {   // ranks < position
            var i = position, s = 0.0
            while i > 0 { s += fenwick[i]; i -= i & -i }
            return s
        }
        let byTime = time.indices.sorted { time[$0] > time[$1] }
        var inserted = 0.0
        var concordant = 0.0, tied = 0.0, comparable = 0.0
        var k = 0
        while k < n {
            var end = k
            while end + 1 < n && time[byTime[end + 1]] == time[byTime[k]] { end += 1 }
            let group = byTime[k...end]
            let censoredRanks = group.filter { !event[$0] }.map { rank[$0] }.sorted()
            for i in group where event[i] {
                // Later times (already inserted).
                let below = countBelow(rank[i]), atOrBelow = countBelow(rank[i] + 1)
                comparable += inserted
                concordant += below
                tied += atOrBelow - below
                // Censored at the same time.
                let lo = lowerBound(censoredRanks, rank[i]), hi = lowerBound(censoredRanks, rank[i] + 1)
                comparable += Double(censoredRanks.count)
                concordant += Double(lo)
                tied += Double(hi - lo)
            }
            for i in group { add(rank[i]); inserted += 1 }
            k = end + 1
        }
        return comparable > 0 ? (concordant + tied / 2) / comparable : .nan
    }

    private static func lowerBound(_ sorted: [Int], _ value: Int) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi { let mid = (lo + hi) / 2; if sorted[mid] < value { lo = mid + 1 } else { hi = mid } }
        return lo
    }
}
