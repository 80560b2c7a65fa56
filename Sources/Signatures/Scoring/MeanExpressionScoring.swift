import CohortData

/// The mean of a signature's genes on a log scale — the log of their geometric mean on the linear scale.
///
///     score(sample) = (1/k) Σ_{g ∈ G} x_g        (x on a log scale, missing genes left out)
///
/// This is CYT (Rooney MS et al. 2015, Cell 160:48, PMID 25594174: the geometric mean of GZMA and PRF1
/// TPM; on log2(TPM + c) input the score is log2 of that geometric mean), the Ayers 2017 IFN-γ and
/// expanded immune scores (means of log-scale normalised expression), and MCP-counter's abundance
/// scores (Becht E et al. 2016, Genome Biol 17:218: the mean of log2 expression of each population's
/// markers). Single-sample.
///
/// - Complexity: O(samples × k).
public enum MeanExpressionScoring {
    /// One score per sample; NaN when none of `genes` is measured in that sample.
    public static func scores(_ expression: ExpressionBlock, genes: [Int]) -> [Double] {
        let n = expression.sampleCount
        var sums = [Double](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: n)
        for g in genes {
            for s in 0..<n {
                let v = expression.values[g * n + s]
                if !v.isNaN { sums[s] += v; counts[s] += 1 }
            }
        }
        return (0..<n).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : .nan }
    }
}
