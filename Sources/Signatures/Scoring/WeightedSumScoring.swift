import CohortData

/// A weighted sum of log-scale expression with published weights, optionally after housekeeping
/// normalisation.
///
///     y_g(s)   = c · x_g(s) − (1/h) Σ_{j ∈ HK} c · x_j(s)       (housekeeping normalisation, when HK is given)
///     score(s) = Σ_{g ∈ G} w_g · y_g(s)
///
/// `c` converts the input's log base to the one the weights were fitted on: the T-cell-inflamed gene
/// expression profile (GEP) of Ayers M et al. 2017 (J Clin Invest 127:2930, PMID 28650338) and
/// Cristescu R et al. 2018 (Science 362:eaar3593, PMID 30309915) is "a weighted sum of normalised
/// expression values": NanoString counts were log10-transformed and each gene had the arithmetic mean of
/// the log10 counts of 11 housekeeping genes subtracted before weighting. On log2(TPM) input,
/// `c = log10(2)` puts the values on the log10 scale; the housekeeping subtraction makes the score
/// independent of the sample's overall scale (the weights do not sum to zero). Absolute values are not
/// comparable with the NanoString assay's (its cut-off of −0.318 does not transfer to RNA-seq); ranks
/// and AUCs are. Single-sample.
///
/// Genes missing in a sample are left out of the sum (the weights are not renormalised: coverage is
/// reported, and scoring is refused below 80 % by default). A sample without any measured housekeeping
/// gene scores NaN when housekeeping normalisation is asked for.
///
/// - Complexity: O(samples × (k + h)).
public enum WeightedSumScoring {
    /// - Parameters:
    ///   - genes: expression row of each weighted gene; `weights` in the same order.
    ///   - housekeeping: rows of the housekeeping genes (empty: no normalisation).
    ///   - scale: `c`, the factor applied to every value first (default 1).
    public static func scores(_ expression: ExpressionBlock, genes: [Int], weights: [Double],
                              housekeeping: [Int] = [], scale: Double = 1) -> [Double] {
        precondition(genes.count == weights.count, "one weight per gene")
        let n = expression.sampleCount
        var offset = [Double](repeating: 0, count: n)
        if !housekeeping.isEmpty {
            offset = MeanExpressionScoring.scores(expression, genes: housekeeping).map { $0 * scale }
        }
        var sums = [Double](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: n)
        for (g, w) in zip(genes, weights) {
            for s in 0..<n {
                let v = expression.values[g * n + s]
                if !v.isNaN { sums[s] += w * (scale * v - offset[s]); counts[s] += 1 }
            }
        }
        return (0..<n).map { counts[$0] > 0 && !offset[$0].isNaN ? sums[$0] : .nan }
    }
}
