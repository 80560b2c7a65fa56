import CohortData
import Foundation
import LinearAlgebra

/// EPIC-style cell fractions with an uncharacterised-cell fraction.
///
/// Racle J, de Jonge K, Baumgaertner P, Speiser DE, Gfeller D (2017) "Simultaneous enumeration of
/// cancer and immune cell types from bulk tumor gene expression data." eLife 6:e26476.
/// doi:10.7554/eLife.26476 (PMID 29130882).
///
/// Written from the publication's Methods, not from the EPIC package (whose licence is academic
/// non-commercial); the package's reference profiles (TRef/BRef) are therefore **not** included.
/// Per sample, with reference profiles R (signature genes × cell types, linear TPM), gene weights w and
/// mRNA content per cell mᵢ (``EPICReference``):
/// 1. Bulk b in linear TPM; when the reference covers the whole transcriptome
///    (``EPICReference/coversTranscriptome``), bulk and reference are rescaled to sum to 10⁶ over the
///    genes they share, as EPIC does; otherwise (a signature-only reference such as TIL10) the bulk is
///    renormalised to 10⁶ over all its measured genes and the reference is used as published.
/// 2. Weighted least squares over the signature genes: min Σ_g w_g (b_g − Σᵢ R_gi xᵢ)² subject to
///    xᵢ ≥ 0 and 0 ≤ Σ xᵢ ≤ 1 (``ConstrainedLeastSquares``); x are mRNA proportions, and
///    x_other = 1 − Σ xᵢ is the mRNA of uncharacterised (mostly cancer) cells.
/// 3. mRNA-per-cell renormalisation: cᵢ = xᵢ / mᵢ, c_other = x_other / m_other, then cell
///    fractions fᵢ = cᵢ / (Σⱼ cⱼ + c_other), so all fractions including "other" sum to 1.
///
/// How close this is to EPIC: steps 2–3 follow the paper (constraint set, mRNA renormalisation with
/// the published mRNA/cell values and 0.4 for uncharacterised cells). The weights follow the paper's
/// idea (genes that vary less between samples of a reference cell type weigh more):
/// w_g = Σᵢ R_gi / V_gi from the reference's variability V, capped at 100 × the median weight; a
/// reference without variability uses w = 1. With the built-in TIL10-derived reference
/// (``EPICReference/til10``) there are no CAF/endothelial profiles and no variability, so results track
/// quanTIseq more closely than EPIC's TRef; supply EPIC's own profiles (if your licence allows) through
/// ``EPICReference/init(cellTypes:genes:profiles:variability:mRNAPerCell:otherCellsMRNA:coversTranscriptome:)``.
///
/// - Complexity: O(samples × (genes + signature genes × types² + active-set steps × types³)).
public enum EPICDeconvolution {
    public static let otherCells = "Other cells"

    public struct Configuration: Sendable, Hashable, Codable {
        /// Minimum fraction of the reference's signature genes that must be measured (default 0.5).
        public var minimumCoverage: Double
        /// Pseudocount of log2 input; `nil` infers it.
        public var log2Pseudocount: Double?

        public init(minimumCoverage: Double = 0.5, log2Pseudocount: Double? = nil) {
            precondition((0...1).contains(minimumCoverage), "EPIC minimumCoverage must be in 0…1 (got \(minimumCoverage))")
            self.minimumCoverage = minimumCoverage
            self.log2Pseudocount = log2Pseudocount
        }
    }

    /// The gene weights for `reference` (1 without variability).
    public static func weights(_ reference: EPICReference) -> [Double] {
        let t = reference.cellTypes.count
        guard let v = reference.variability else { return [Double](repeating: 1, count: reference.genes.count) }
        var w = reference.genes.indices.map { g in
            (0..<t).reduce(0.0) { acc, i in
                let sd = v[g * t + i]
                return acc + reference.profiles[g * t + i] / max(sd, 1e-12)
            }
        }
        let positive = w.filter { $0 > 0 }.sorted()
        if !positive.isEmpty {
            let median = positive[positive.count / 2]
            w = w.map { min($0, 100 * median) }
        }
        return w
    }

    /// Estimates the fractions for every sample.
    ///
    /// - Throws: `CohortDataError` for counts or normalised-log input.
    public static func estimate(_ expression: ExpressionBlock, reference: EPICReference = .til10,
                                configuration: Configuration = Configuration()) throws -> DeconvolutionResult {
        let linear = try ExpressionScale.linearTPM(expression, pseudocount: configuration.log2Pseudocount, method: "EPIC")
        let n = expression.sampleCount
        let t = reference.cellTypes.count
        let lookup = DeconvolutionGeneLookup(genes: expression.genes)
        var found: [(refRow: Int, dataRow: Int)] = []
        var missing: [String] = []
        for (g, gene) in reference.genes.enumerated() {
            if let r = lookup.row(of: gene), !found.contains(where: { $0.dataRow == r }) { found.append((g, r)) } else { missing.append(gene) }
        }
        let signature = reference.signatureGenes.map(Set.init) ?? Set(reference.genes)
        let signatureFound = found.filter { signature.contains(reference.genes[$0.refRow]) }
        let signatureTotal = reference.genes.filter { signature.contains($0) }.count
        let columns = reference.cellTypes + [otherCells]
        var values = [Double](repeating: .nan, count: n * columns.count)
        var warnings = ExpressionScale.unitWarnings(expression)
        let coverage = [DeconvolutionResult.Coverage(population: "EPIC reference signature", genesFound: signatureFound.count,
                                                      genesTotal: signatureTotal, missingGenes: missing.filter { signature.contains($0) })]
        guard Double(signatureFound.count) >= configuration.minimumCoverage * Double(signatureTotal), signatureFound.count >= t else {
            warnings.append("EPIC: \(signatureFound.count) of \(signatureTotal) signature genes measured, below the minimum coverage \(configuration.minimumCoverage)")
            return DeconvolutionResult(method: .epic, kind: .cellFraction, sampleIDs: expression.sampleIDs, columns: columns,
                                       values: values, coverage: coverage, warnings: warnings)
        }
        let w = weights(reference)
        for s in 0..<n {
            // Scale factors: over shared genes (whole-transcriptome reference) or over the bulk's genes.
            var bulkTotal = 0.0
            var referenceTotals = [Double](repeating: 1e6, count: t)
            if reference.coversTranscriptome {
                referenceTotals = [Double](repeating: 0, count: t)
                for f in found where linear[f.dataRow * n + s].isFinite {
                    bulkTotal += linear[f.dataRow * n + s]
                    for i in 0..<t { referenceTotals[i] += reference.profiles[f.refRow * t + i] }
                }
            } else {
                for g in 0..<expression.geneCount { let v = linear[g * n + s]; if v.isFinite { bulkTotal += v } }
            }
            guard bulkTotal > 0 else { continue }
            let usable = signatureFound.filter { linear[$0.dataRow * n + s].isFinite }
            let b = usable.map { linear[$0.dataRow * n + s] * 1e6 / bulkTotal }
            let a = Matrix(rows: usable.count, columns: t, rowMajor: usable.flatMap { u in
                (0..<t).map { i in reference.profiles[u.refRow * t + i] * 1e6 / max(referenceTotals[i], 1e-300) }
            })
            let x = try ConstrainedLeastSquares.solve(a, b, weights: usable.map { w[$0.refRow] },
                                                      constraints: ConstrainedLeastSquares.fractionConstraints(count: t)).x
            let other = max(0, 1 - x.reduce(0, +))
            var cells = (0..<t).map { x[$0] / reference.mRNAPerCell[$0] }
            cells.append(other / reference.otherCellsMRNA)
            let total = cells.reduce(0, +)
            for j in 0..<columns.count { values[s * columns.count + j] = total > 0 ? cells[j] / total : 0 }
        }
        return DeconvolutionResult(method: .epic, kind: .cellFraction, sampleIDs: expression.sampleIDs, columns: columns,
                                   values: values, coverage: coverage, warnings: warnings)
    }
}

/// Reference profiles for ``EPICDeconvolution``.
public struct EPICReference: Sendable, Hashable, Codable {
    public var cellTypes: [String]
    /// Reference genes (rows of ``profiles``).
    public var genes: [String]
    /// Gene-major linear TPM: `profiles[gene * cellTypes.count + type]`.
    public var profiles: [Double]
    /// Variability of each entry across the reference samples (same layout), when known.
    public var variability: [Double]?
    /// The genes used in the fit (EPIC's `sigGenes`); `nil` = all ``genes``.
    public var signatureGenes: [String]?
    /// mRNA content per cell of each type (relative units; EPIC's published values).
    public var mRNAPerCell: [Double]
    /// mRNA content per uncharacterised cell (EPIC: 0.4).
    public var otherCellsMRNA: Double
    /// Whether ``profiles`` cover the whole transcriptome (then bulk and reference are rescaled over
    /// their shared genes, as EPIC does).
    public var coversTranscriptome: Bool

    public init(cellTypes: [String], genes: [String], profiles: [Double], variability: [Double]? = nil,
                signatureGenes: [String]? = nil, mRNAPerCell: [Double], otherCellsMRNA: Double = 0.4,
                coversTranscriptome: Bool) {
        precondition(profiles.count == genes.count * cellTypes.count, "EPICReference: profiles must be genes × cell types")
        precondition(variability == nil || variability!.count == profiles.count, "EPICReference: variability must match profiles")
        precondition(mRNAPerCell.count == cellTypes.count && mRNAPerCell.allSatisfy { $0 > 0 },
                     "EPICReference: one positive mRNA-per-cell value per cell type")
        precondition(otherCellsMRNA > 0, "EPICReference: otherCellsMRNA must be positive")
        self.cellTypes = cellTypes
        self.genes = genes
        self.profiles = profiles
        self.variability = variability
        self.signatureGenes = signatureGenes
        self.mRNAPerCell = mRNAPerCell
        self.otherCellsMRNA = otherCellsMRNA
        self.coversTranscriptome = coversTranscriptome
    }

    /// mRNA per cell reported by Racle et al. 2017 (measured on sorted cells; macrophages take the
    /// monocyte value; 0.4 for types without a measurement): B 0.4016, monocytes/macrophages 1.4196,
    /// neutrophils 0.1300, NK 0.4396, T cells 0.3952.
    public static let publishedMRNAPerCell: [String: Double] = [
        "B cells": 0.4016, "M1 macrophages": 1.4196, "M2 macrophages": 1.4196, "Monocytes": 1.4196,
        "Neutrophils": 0.1300, "NK cells": 0.4396, "CD4 T cells": 0.3952, "CD8 T cells": 0.3952, "Tregs": 0.3952,
    ]

    /// A reference built from the TIL10 profiles (quanTIseq, BSD licence) without the genes noisy in
    /// RNA-seq or aberrant in tumours, with EPIC's published mRNA-per-cell values (0.4 for dendritic
    /// cells) and no variability (equal weights).
    public static let til10: EPICReference = {
        let rows = QuanTIseq.signatureRows(QuanTIseq.Configuration())
        let t = TIL10Signature.cellTypes.count
        return EPICReference(
            cellTypes: TIL10Signature.cellTypes, genes: rows.map(\.gene),
            profiles: rows.flatMap { r in (0..<t).map { TIL10Signature.expression[r.row * t + $0] } },
            mRNAPerCell: TIL10Signature.cellTypes.map { publishedMRNAPerCell[$0] ?? 0.4 },
            otherCellsMRNA: 0.4, coversTranscriptome: false)
    }()
}
