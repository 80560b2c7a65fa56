import CohortData

/// A rank-pair rule: the number of gene pairs (A, B) in which A is expressed above B in the sample.
///
///     score(s) = Σ_{(A,B) ∈ P} 1[x_A(s) > x_B(s)]
///
/// IMPRES (Auslander N et al. 2018, "Robust prediction of response to immune checkpoint blockade
/// therapy in metastatic melanoma", Nat Med 24:1545–1549, PMID 30127394) is the count over 15 pairs of
/// immune-checkpoint genes (0–15); ≥ 8 was the published threshold for predicted response.
/// Comparing two genes in the same sample makes the rule independent of normalisation and of the rest
/// of the cohort (single-sample). Pairs with a gene missing in the sample are not counted (the score is
/// then out of fewer pairs; the coverage table says how many were evaluable; scoring is refused below
/// 80 % of the pairs by default). Ties count as "not above".
///
/// - Complexity: O(samples × pairs).
public enum RankPairScoring {
    /// One count per sample; NaN when no pair is evaluable in that sample.
    public static func scores(_ expression: ExpressionBlock, pairs: [(Int, Int)]) -> [Double] {
        let n = expression.sampleCount
        return (0..<n).map { s in
            var count = 0, evaluable = 0
            for (a, b) in pairs {
                let va = expression.values[a * n + s], vb = expression.values[b * n + s]
                if va.isNaN || vb.isNaN { continue }
                evaluable += 1
                if va > vb { count += 1 }
            }
            return evaluable > 0 ? Double(count) : .nan
        }
    }
}
