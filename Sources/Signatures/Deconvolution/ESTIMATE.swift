import CohortData
import Foundation

/// ESTIMATE stromal, immune and ESTIMATE scores and tumour purity.
///
/// Yoshihara K, Shahmoradgoli M, Martínez E, et al. (2013) "Inferring tumour purity and stromal and
/// immune cell admixture from expression data." Nat Commun 4:2612. doi:10.1038/ncomms3612
/// (PMID 24113773).
///
/// - Stromal score, immune score: single-sample GSEA (``SSGSEA``, α = 0.25, no cohort normalisation)
///   of the 141-gene signatures (``ESTIMATEGeneSets``).
/// - ESTIMATE score = stromal + immune.
/// - Purity = cos(0.6049872018 + 0.0001467884 × ESTIMATE score), the published fit on Affymetrix
///   data, clipped to [0, 1] (the cosine turns negative for ESTIMATE scores above ≈ 6,580).
///
/// Caveats, stated in every result's warnings when they apply: ESTIMATE computed its scores over the
/// 10,412 genes common to its platforms, and fitted the purity formula on Affymetrix arrays; ImmunoKit
/// scores over the genes in the data (the common-gene list was not available in a licence-clear form),
/// so the scores are on a comparable but not identical scale, and purity from RNA-seq is known to be
/// biased (Yoshihara 2013, Fig. 5; the ESTIMATE authors advise against the formula for RNA-seq).
/// Use the purity as a relative measure within a cohort.
///
/// - Complexity: that of ``SSGSEA/scores(_:geneSets:configuration:)`` for two sets.
public enum ESTIMATE {
    public static let columns = ["Stromal score", "Immune score", "ESTIMATE score", "Tumour purity"]

    /// Purity from an ESTIMATE score: cos(0.6049872018 + 0.0001467884 · score), clipped to [0, 1].
    public static func purity(estimateScore: Double) -> Double {
        guard estimateScore.isFinite else { return .nan }
        return min(1, max(0, cos(0.6049872018 + 0.0001467884 * estimateScore)))
    }

    /// Scores gene sets (expression row indices) in every sample; set-major output
    /// (`scores[set * samples + sample]`). The default is ImmunoKit's ``SSGSEA``.
    public typealias SetScorer = @Sendable (_ expression: ExpressionBlock, _ geneSets: [[Int]]) -> [Double]

    public static let singleSampleGSEA: SetScorer = { expression, sets in
        SSGSEA.scores(expression, geneSets: sets, configuration: SSGSEA.Configuration(alpha: 0.25, normalizeCohort: false))
    }

    /// Computes the four ESTIMATE outputs for every sample.
    ///
    /// - Parameters:
    ///   - minimumCoverage: fraction of each 141-gene set that must be measured (default 0.5).
    ///   - scorer: the single-sample enrichment function (default ssGSEA α = 0.25).
    /// - Throws: `CohortDataError` for raw counts (ranks of counts mix library size and gene length).
    public static func estimate(_ expression: ExpressionBlock, minimumCoverage: Double = 0.5,
                                scorer: SetScorer = singleSampleGSEA) throws -> DeconvolutionResult {
        precondition((0...1).contains(minimumCoverage), "ESTIMATE minimumCoverage must be in 0…1 (got \(minimumCoverage))")
        if expression.unit == .counts {
            throw CohortDataError(.invalidValue, column: "expression unit",
                                  expected: "normalised expression (TPM, log2 TPM, FPKM or normalised log intensities) for ESTIMATE, not raw counts")
        }
        let lookup = DeconvolutionGeneLookup(genes: expression.genes)
        var sets: [[Int]] = []
        var coverage: [DeconvolutionResult.Coverage] = []
        var warnings = ExpressionScale.unitWarnings(expression)
        var refused = false
        for (name, genes) in [("Stromal signature", ESTIMATEGeneSets.stromal), ("Immune signature", ESTIMATEGeneSets.immune)] {
            var rows: [Int] = []
            var missing: [String] = []
            for g in genes {
                if let r = lookup.row(of: g), !rows.contains(r) { rows.append(r) } else { missing.append(g) }
            }
            sets.append(rows)
            coverage.append(.init(population: name, genesFound: rows.count, genesTotal: genes.count, missingGenes: missing))
            if Double(rows.count) < minimumCoverage * Double(genes.count) {
                refused = true
                warnings.append("ESTIMATE \(name): \(rows.count) of \(genes.count) genes measured, below the minimum coverage \(minimumCoverage)")
            }
        }
        let n = expression.sampleCount
        var values = [Double](repeating: .nan, count: n * columns.count)
        if !refused {
            let scores = scorer(expression, sets)
            for s in 0..<n {
                let stromal = scores[s], immune = scores[n + s]
                let total = stromal + immune
                values[s * 4] = stromal
                values[s * 4 + 1] = immune
                values[s * 4 + 2] = total
                values[s * 4 + 3] = purity(estimateScore: total)
            }
            if expression.unit != .normalizedLog {
                warnings.append("ESTIMATE purity uses the formula fitted on Affymetrix data; on RNA-seq treat it as a relative measure")
            }
        }
        return DeconvolutionResult(method: .estimate, kind: .purity, sampleIDs: expression.sampleIDs, columns: columns,
                                   values: values, coverage: coverage, warnings: warnings)
    }
}
