/// Patients sorted by decreasing priority with their (tie-averaged) scores and running sums: the common
/// core of ``UpliftCurve`` and ``RankWeightedAverageTreatmentEffect``, written as grf's `estimate_rate`.
///
/// Patients with equal priority form one group and each gets the group's weighted mean score
/// Σ wᵢΓᵢ / Σ wᵢ, so the curves do not depend on how ties are broken. Within the sort, ties keep the
/// input order (a stable sort, as R's `order`), which matters only for unequal weights inside a group.
struct RankedScores: Sendable {
    /// Tie-averaged scores, in decreasing priority.
    var scores: [Double]
    var weights: [Double]
    /// C_k = Σ_{j ≤ k} w_j and S_k = Σ_{j ≤ k} w_jΓ_j (0-based k).
    var cumulativeWeight: [Double]
    var cumulativeScore: [Double]
    /// ATE = S_n / C_n.
    var average: Double
    /// TOC_k = S_k / C_k − ATE at every position.
    var toc: [Double]

    var count: Int { scores.count }
    var totalWeight: Double { cumulativeWeight[count - 1] }

    /// - Parameter rows: the patients to use, with repeats for a bootstrap sample (at least one).
    /// - Complexity: O(m log m) for m rows.
    init(priorities: [Double], scores raw: [Double], weights rawWeights: [Double]?, rows: [Int]) {
        let order = RankedScores.decreasingOrder(priorities, rows)
        self.init(priorities: priorities, scores: raw, weights: rawWeights, sortedRows: order.map { rows[$0] })
    }

    /// Positions of `rows` sorted by decreasing priority, ties in input order (a stable sort).
    static func decreasingOrder(_ priorities: [Double], _ rows: [Int]) -> [Int] {
        (0..<rows.count).sorted { a, b in
            let pa = priorities[rows[a]], pb = priorities[rows[b]]
            return pa > pb || (pa == pb && a < b)
        }
    }

    /// From rows already sorted by decreasing priority (bootstrap replicates filter one global order).
    ///
    /// - Complexity: O(m).
    init(priorities: [Double], scores raw: [Double], weights rawWeights: [Double]?, sortedRows: [Int]) {
        let m = sortedRows.count
        precondition(m > 0, "RankedScores needs at least one row")
        let rows = sortedRows
        var s = [Double](repeating: 0, count: m)
        var w = [Double](repeating: 0, count: m)
        var start = 0
        while start < m {
            var end = start + 1
            let p = priorities[rows[start]]
            while end < m && priorities[rows[end]] == p { end += 1 }
            if end - start == 1 {
                let i = rows[start]
                s[start] = raw[i]
                w[start] = rawWeights?[i] ?? 1
            } else {
                var sumScore = 0.0, sumWeight = 0.0
                for k in start..<end {
                    let i = rows[k]
                    let wi = rawWeights?[i] ?? 1
                    sumScore += wi * raw[i]
                    sumWeight += wi
                    w[k] = wi
                }
                let mean = sumScore / sumWeight
                for k in start..<end { s[k] = mean }
            }
            start = end
        }
        var cw = [Double](repeating: 0, count: m), cs = [Double](repeating: 0, count: m)
        var accW = 0.0, accS = 0.0
        for k in 0..<m {
            accW += w[k]
            accS += s[k] * w[k]
            cw[k] = accW
            cs[k] = accS
        }
        let ate = accS / accW
        scores = s
        weights = w
        cumulativeWeight = cw
        cumulativeScore = cs
        average = ate
        toc = (0..<m).map { cs[$0] / cw[$0] - ate }
    }

    /// Mean score of the top fraction `q` of the weight (grf's grid TOC plus the ATE): the last patient
    /// needed is used fractionally, so the value is defined for every q in (0, 1].
    ///
    /// - Complexity: O(log m).
    func topMean(_ q: Double) -> Double {
        let nw = q * totalWeight
        // idx = #{k : C_k ≤ nw + 1e-15} (R's findInterval, with grf's tolerance).
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulativeWeight[mid] <= nw + 1e-15 { lo = mid + 1 } else { hi = mid }
        }
        let idx = lo
        let last = max(idx, 1) - 1
        let adjustment = nw - cumulativeWeight[last]
        let next = scores[min(idx, count - 1)]
        return (cumulativeScore[last] + adjustment * next) / (cumulativeWeight[last] + adjustment)
    }

    /// AUTOC = Σ w_k TOC_k / W.
    var autoc: Double {
        var total = 0.0
        for k in 0..<count { total += toc[k] * weights[k] }
        return total / totalWeight
    }

    /// Qini RATE = Σ (C_k / W) w_k TOC_k / W.
    var qini: Double {
        let total = totalWeight
        var sum = 0.0
        for k in 0..<count { sum += cumulativeWeight[k] / total * weights[k] * toc[k] }
        return sum / total
    }
}

extension RankedScores {
    /// Throws ``PolicyError/invalidInput(_:)`` unless priorities, scores and weights line up and are usable.
    static func check(priorities: [Double], scores: [Double], weights: [Double]?, minimumCount: Int,
                      context: String) throws {
        let n = scores.count
        guard priorities.count == n, weights.map({ $0.count == n }) ?? true else {
            throw PolicyError.invalidInput("\(context): priorities, scores and weights need one value per patient (got \(priorities.count), \(n), \(weights?.count ?? n))")
        }
        guard n >= minimumCount else {
            throw PolicyError.invalidInput("\(context): need at least \(minimumCount) patients, got \(n)")
        }
        guard priorities.allSatisfy(\.isFinite) else {
            throw PolicyError.invalidInput("\(context): priorities must be finite; drop patients without a predicted benefit")
        }
        guard scores.allSatisfy(\.isFinite) else {
            throw PolicyError.invalidInput("\(context): scores must be finite (doubly robust scores of every patient)")
        }
        if let weights, !weights.allSatisfy({ $0 > 0 && $0.isFinite }) {
            throw PolicyError.invalidInput("\(context): weights must be finite and > 0 (drop zero-weight patients instead)")
        }
    }
}
