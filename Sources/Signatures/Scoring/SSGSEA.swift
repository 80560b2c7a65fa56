import CohortData
import Foundation

/// Single-sample gene-set enrichment analysis (ssGSEA), as GSVA's `gsva(method = "ssgsea")`.
///
/// Barbie DA, Tamayo P, Boehm JS, et al. (2009) "Systematic RNA interference reveals that oncogenic
/// KRAS-driven cancers require TBK1." Nature 462:108–112 (PMID 19847166, doi:10.1038/nature08460);
/// the GSVA formulation: Hänzelmann S, Castelo R, Guinney J (2013) BMC Bioinformatics 14:7.
///
/// For one sample with `n` measured genes ranked by expression (rank `r_g`, 1 = lowest, ties averaged)
/// and a gene set `G` of `k` measured genes, walk down the genes in decreasing order of expression
/// (position `p = 1…n`) and accumulate
///
///     P_in(p)  = Σ_{g ∈ G, pos(g) ≤ p} r_g^α / Σ_{g ∈ G} r_g^α
///     P_out(p) = #{g ∉ G, pos(g) ≤ p} / (n − k)
///     ES       = Σ_{p=1…n} [P_in(p) − P_out(p)]
///
/// — the *sum* of the running difference, not its maximum (this is what distinguishes ssGSEA from
/// GSEA's Kolmogorov–Smirnov statistic). It is computed in O(k) from the set's positions as
/// `ES = Σ r_g^α q_g / Σ r_g^α − (n(n+1)/2 − Σ q_g)/(n − k)` with `q_g = n − pos(g) + 1`.
///
/// - `alpha` (τ), default 0.25 (Barbie 2009, GSVA's `tau`/`alpha`): the weight of the rank in the
///   in-set step; valid range [0, 10]; 0 gives the unweighted statistic.
/// - `normalizeCohort`, default `false`: when `true`, every score is divided by the range
///   (max − min) of all scores in the result (all sets and samples), as GSVA's `ssgsea.norm = TRUE`.
///   That makes a patient's score depend on the rest of the cohort and on which sets were scored
///   together; the default keeps ssGSEA single-sample.
///
/// Ties: genes with equal values share the average rank, and among them the lower gene index comes
/// first in the walk (R's stable `order(…, decreasing = TRUE)`); this is gseapy's behaviour. GSVA (checked
/// against 1.46.0) differs in two ways that matter only with tied or constant values: it truncates the
/// averaged ranks to integers (`mode(R) <- "integer"`), which changes the weights r_g^α of tied genes but
/// not the walk order, and it drops genes that are constant across the cohort before ranking.
/// ``Configuration/gsvaCompatible`` reproduces both; it is off by default because dropping constant genes
/// makes a patient's score depend on the cohort. Without ties or constant genes the two agree exactly.
/// Genes missing (NaN) in a sample are left out of that sample's ranking.
///
/// - Complexity: O(samples × (genes log genes + Σ set sizes)); samples run in parallel; extra memory is
///   O(genes) per thread plus the score matrix.
public enum SSGSEA {
    /// The parameters, with GSVA's defaults.
    public struct Configuration: Sendable, Hashable, Codable {
        /// τ, the rank weight exponent. Default 0.25, valid [0, 10].
        public var alpha: Double
        /// Divide by the range of all scores (GSVA `ssgsea.norm`). Default `false` (single-sample).
        public var normalizeCohort: Bool
        /// Reproduce R GSVA exactly with tied values: integer-truncated ranks and genes constant across the
        /// cohort left out. Default `false` (average ranks, every gene kept: single-sample, as gseapy).
        public var gsvaCompatible: Bool

        public init(alpha: Double = 0.25, normalizeCohort: Bool = false, gsvaCompatible: Bool = false) {
            self.alpha = alpha
            self.normalizeCohort = normalizeCohort
            self.gsvaCompatible = gsvaCompatible
        }

        private enum CodingKeys: String, CodingKey { case alpha, normalizeCohort, gsvaCompatible }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(alpha: try c.decode(Double.self, forKey: .alpha),
                      normalizeCohort: try c.decode(Bool.self, forKey: .normalizeCohort),
                      gsvaCompatible: try c.decodeIfPresent(Bool.self, forKey: .gsvaCompatible) ?? false)
        }

        /// Traps on a value outside the documented range (a programmer error; the CLI validates first).
        func check() {
            precondition(alpha.isFinite && alpha >= 0 && alpha <= 10,
                         "SSGSEA alpha must be in [0, 10] (got \(alpha)); the default is 0.25")
        }
    }

    /// Scores every gene set (given as expression row indices) in every sample.
    ///
    /// - Returns: `geneSets.count × sampleCount` scores, set-major (`scores[set * sampleCount + sample]`);
    ///   NaN for a set with no measured gene in that sample, or when every gene of the sample is in it.
    public static func scores(_ expression: ExpressionBlock, geneSets: [[Int]],
                              configuration: Configuration = Configuration()) -> [Double] {
        configuration.check()
        let alpha = configuration.alpha
        let samples = expression.sampleCount
        let sets = geneSets
        let integerRanks = configuration.gsvaCompatible
        let source = configuration.gsvaCompatible ? maskingConstantGenes(expression) : expression
        var scores = SampleRanking.forEachSample(of: source, setCount: sets.count) { s, ranking, out in
            let n = ranking.n
            for (i, set) in sets.enumerated() {
                var weightSum = 0.0, weighted = 0.0, positionSum = 0.0
                var k = 0
                for g in set {
                    let q = ranking.ascendingPosition[g]
                    if q == 0 { continue }
                    let r = integerRanks ? ranking.averageRank[g].rounded(.down) : ranking.averageRank[g]
                    let w = alpha == 0 ? 1 : Foundation.pow(r, alpha)
                    weightSum += w
                    weighted += w * Double(q)
                    positionSum += Double(q)
                    k += 1
                }
                guard k > 0, k < n else { out[i * samples + s] = .nan; continue }
                let nd = Double(n)
                out[i * samples + s] = weighted / weightSum - (nd * (nd + 1) / 2 - positionSum) / Double(n - k)
            }
        }
        if configuration.normalizeCohort { normalizeByRange(&scores) }
        return scores
    }

    /// `expression` with every gene that is constant across its samples (ignoring missing values) set to
    /// missing, as GSVA filters them before ranking.
    static func maskingConstantGenes(_ expression: ExpressionBlock) -> ExpressionBlock {
        let n = expression.sampleCount
        var values = expression.values
        for g in 0..<expression.geneCount {
            let row = values[(g * n)..<((g + 1) * n)].filter { !$0.isNaN }
            guard let first = row.first, row.allSatisfy({ $0 == first }) else { continue }
            for s in 0..<n { values[g * n + s] = .nan }
        }
        return ExpressionBlock(genes: expression.genes, sampleIDs: expression.sampleIDs, unit: expression.unit,
                               geneMajorValues: values)
    }

    /// Divides every finite score by the range of the finite scores (GSVA `ssgsea.norm`); leaves the
    /// scores unchanged when the range is zero or there are fewer than two finite scores.
    public static func normalizeByRange(_ scores: inout [Double]) {
        var low = Double.infinity, high = -Double.infinity
        for v in scores where v.isFinite { low = min(low, v); high = max(high, v) }
        let range = high - low
        guard range.isFinite, range > 0 else { return }
        for i in scores.indices { scores[i] /= range }
    }
}
