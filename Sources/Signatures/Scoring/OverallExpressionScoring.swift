import CohortData

/// Overall expression (OE) of a gene set relative to expression-matched control genes, as Jerby-Arnon et al.
/// score the immune resistance programme in bulk tumours (after Tirosh et al. 2016):
///
///     r_gs    = x_gs − mean_s' x_gs'                              (each gene centred across the cohort)
///     bin(g)  = one of B equal-frequency bins of the genes' cohort means μ_g (default B = 50)
///     OE_G(s) = mean_{g ∈ G} [ r_gs − mean_{h ∈ bin(g)} r_hs ]
///
/// A signature with up and down genes scores OE_up − OE_down. Jerby-Arnon's code estimates the control term
/// by averaging 1,000 random control sets drawn from the same bins; ImmunoKit uses that estimate's limit, the
/// mean over every gene of the bin, so scores are deterministic and do not depend on a random seed. Missing
/// values are skipped in every mean. **Cohort-dependent** (centring and bins use the cohort).
///
/// Jerby-Arnon L, Shah P, Cuoco MS, et al. (2018) "A cancer cell program promotes T cell exclusion and
/// resistance to checkpoint blockade." Cell 175:984–997 (PMID 30388455). Tirosh I, Izar B, Prakadan SM, et al.
/// (2016) Science 352:189–196.
///
/// - Complexity: O(genes × samples) to centre and bin once, then O(samples × |G|) per set.
public struct OverallExpressionScoring: Sendable {
    /// Number of expression bins (default 50; range 1…genes).
    public let binCount: Int
    private let expression: ExpressionBlock
    private let means: [Double]
    private let bins: [Int]
    /// Mean centred expression of each bin, per sample: `binMeans[b * n + s]`.
    private let binMeans: [Double]

    public init(_ expression: ExpressionBlock, binCount: Int = 50) {
        precondition(binCount >= 1, "binCount must be at least 1 (got \(binCount))")
        self.expression = expression
        let n = expression.sampleCount, genes = expression.geneCount
        let means = (0..<genes).map { ZScoreScoring.moments(expression, gene: $0).0 }
        self.means = means
        let order = (0..<genes).filter { means[$0].isFinite }.sorted { (means[$0], $0) < (means[$1], $1) }
        let count = max(1, min(binCount, order.count))
        self.binCount = count
        var bins = [Int](repeating: -1, count: genes)
        for (rank, g) in order.enumerated() { bins[g] = rank * count / max(order.count, 1) }
        self.bins = bins
        var sums = [Double](repeating: 0, count: count * n), counts = [Double](repeating: 0, count: count * n)
        for g in 0..<genes where bins[g] >= 0 {
            let b = bins[g]
            for s in 0..<n {
                let v = expression.values[g * n + s]
                if v.isNaN { continue }
                sums[b * n + s] += v - means[g]
                counts[b * n + s] += 1
            }
        }
        self.binMeans = zip(sums, counts).map { $1 > 0 ? $0 / $1 : .nan }
    }

    /// OE of the genes at rows `genes`, one value per sample (NaN where none is measured).
    public func scores(genes: [Int]) -> [Double] {
        let n = expression.sampleCount
        return (0..<n).map { s in
            var total = 0.0, used = 0
            for g in genes where bins[g] >= 0 {
                let v = expression.values[g * n + s] - means[g] - binMeans[bins[g] * n + s]
                if v.isNaN { continue }
                total += v
                used += 1
            }
            return used > 0 ? total / Double(used) : .nan
        }
    }
}
