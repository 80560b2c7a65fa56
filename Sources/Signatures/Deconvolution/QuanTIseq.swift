import CohortData
import Foundation
import LinearAlgebra

/// quanTIseq-style cell fractions of ten immune cell types plus uncharacterised ("other") cells.
///
/// Finotello F, Mayer C, Plattner C, et al. (2019) "Molecular and pharmacological modulators of the
/// tumor immune contexture revealed by deconvolution of RNA-seq data." Genome Med 11:34.
/// doi:10.1186/s13073-019-0638-6 (PMID 31126321).
///
/// Model: the bulk expression b (linear TPM over the signature genes) is a mixture of the TIL10
/// profiles S (``TIL10Signature``): b ≈ S x. Per sample:
/// 1. Un-log to linear TPM (``ExpressionScale``) and rescale so the sample's measured genes sum to 10⁶
///    (quanTIseq's TPM renormalisation).
/// 2. Drop the signature genes quanTIseq flags as noisy in RNA-seq (`removeNoisyGenes`, default on)
///    and, for tumour samples, those aberrantly expressed in TCGA tumours (`tumourSamples`, default on —
///    quanTIseq's `--tumor`; ImmunoKit's inputs are tumour biopsies).
/// 3. Constrained least squares (quanTIseq's `lsei`): min ‖S x − b‖₂ subject to xᵢ ≥ 0, Σ xᵢ ≤ 1
///    (``ConstrainedLeastSquares``). x are mRNA fractions.
/// 4. mRNA-content correction: fᵢ = (xᵢ / mᵢ) · Σⱼ xⱼ / Σⱼ (xⱼ / mⱼ) with mᵢ the TIL10 mRNA scaling
///    factors — the immune total is kept, its split is turned into cells; other = 1 − Σ fᵢ.
/// 5. Treg correction (as quanTIseq): when the Treg fraction is below 0.02, the model is refitted
///    without CD4 T cells; the Treg fraction becomes the mean of the two fits and is subtracted from
///    CD4 T cells (floored at 0); the fractions are then rescaled to sum to 1 with "other".
///
/// Differences from quanTIseq: no HGNC re-annotation step beyond ``DeconvolutionGeneLookup``;
/// microarray quantile normalisation is not offered; only the `lsei` estimator (no robust regression).
/// Samples with fewer than `minimumCoverage` (default 0.5) of the signature genes measured are refused
/// (NaN, with a warning).
///
/// - Complexity: O(samples × (genes + 160 × 10² + active-set steps × 11³)).
public enum QuanTIseq {
    public static let otherCells = "Other cells"

    public struct Configuration: Sendable, Hashable, Codable {
        /// Remove the genes quanTIseq flags as noisy in RNA-seq. Default `true` (quanTIseq's default for RNA-seq).
        public var removeNoisyGenes: Bool
        /// Remove the genes aberrantly expressed in tumours. Default `true`.
        public var tumourSamples: Bool
        /// Scale fractions by the cell types' mRNA content. Default `true` (quanTIseq's default).
        public var mRNAScaling: Bool
        /// Minimum fraction of the (kept) signature genes that must be measured. Default 0.5, range 0…1.
        public var minimumCoverage: Double
        /// Pseudocount of log2 input; `nil` infers it.
        public var log2Pseudocount: Double?

        public init(removeNoisyGenes: Bool = true, tumourSamples: Bool = true, mRNAScaling: Bool = true,
                    minimumCoverage: Double = 0.5, log2Pseudocount: Double? = nil) {
            precondition((0...1).contains(minimumCoverage), "QuanTIseq minimumCoverage must be in 0…1 (got \(minimumCoverage))")
            self.removeNoisyGenes = removeNoisyGenes
            self.tumourSamples = tumourSamples
            self.mRNAScaling = mRNAScaling
            self.minimumCoverage = minimumCoverage
            self.log2Pseudocount = log2Pseudocount
        }
    }

    /// The signature genes used under `configuration` (TIL10 minus the removed lists), with their TIL10 rows.
    static func signatureRows(_ configuration: Configuration) -> [(gene: String, row: Int)] {
        var removed = Set<String>()
        if configuration.removeNoisyGenes { removed.formUnion(TIL10Signature.noisyGenes) }
        if configuration.tumourSamples { removed.formUnion(TIL10Signature.tumourAberrantGenes) }
        return TIL10Signature.genes.enumerated().filter { !removed.contains($0.element) }.map { ($0.element, $0.offset) }
    }

    /// Estimates the fractions for every sample of `expression`.
    ///
    /// - Throws: `CohortDataError` for counts or normalised-log input (see ``ExpressionScale``).
    public static func estimate(_ expression: ExpressionBlock, configuration: Configuration = Configuration()) throws -> DeconvolutionResult {
        let linear = try ExpressionScale.linearTPM(expression, pseudocount: configuration.log2Pseudocount, method: "quanTIseq")
        let n = expression.sampleCount
        let lookup = DeconvolutionGeneLookup(genes: expression.genes)
        let signature = signatureRows(configuration)
        var found: [(til10Row: Int, dataRow: Int)] = []
        var missing: [String] = []
        for (gene, row) in signature {
            if let r = lookup.row(of: gene), !found.contains(where: { $0.dataRow == r }) { found.append((row, r)) } else { missing.append(gene) }
        }
        let types = TIL10Signature.cellTypes
        let t = types.count
        let columns = types + [otherCells]
        var values = [Double](repeating: .nan, count: n * columns.count)
        var warnings = ExpressionScale.unitWarnings(expression)
        let coverage = [DeconvolutionResult.Coverage(population: "TIL10 signature", genesFound: found.count,
                                                      genesTotal: signature.count, missingGenes: missing)]
        let covered = Double(found.count) / Double(signature.count)
        guard covered >= configuration.minimumCoverage, found.count >= t else {
            warnings.append("quanTIseq: \(found.count) of \(signature.count) TIL10 signature genes measured, below the minimum coverage \(configuration.minimumCoverage)")
            return DeconvolutionResult(method: .quanTIseq, kind: .cellFraction, sampleIDs: expression.sampleIDs, columns: columns,
                                       values: values, coverage: coverage, warnings: warnings)
        }
        let scaling = configuration.mRNAScaling ? TIL10Signature.mRNAScaling : [Double](repeating: 1, count: t)
        let cd4 = types.firstIndex(of: "CD4 T cells")!
        let treg = types.firstIndex(of: "Tregs")!
        var failed = 0
        for s in 0..<n {
            var total = 0.0
            for g in 0..<expression.geneCount { let v = linear[g * n + s]; if v.isFinite { total += v } }
            guard total > 0 else { failed += 1; continue }
            let usable = found.filter { linear[$0.dataRow * n + s].isFinite }
            let b = usable.map { linear[$0.dataRow * n + s] * 1e6 / total }
            func fit(_ cellTypes: [Int]) throws -> [Double] {
                let a = Matrix(rows: usable.count, columns: cellTypes.count,
                               rowMajor: usable.flatMap { u in cellTypes.map { TIL10Signature.expression[u.til10Row * t + $0] } })
                let x = try ConstrainedLeastSquares.solve(
                    a, b, constraints: ConstrainedLeastSquares.fractionConstraints(count: cellTypes.count)).x
                var full = [Double](repeating: 0, count: t)
                for (k, c) in cellTypes.enumerated() { full[c] = x[k] }
                return scaleByMRNA(full, scaling: scaling)
            }
            var f = try fit(Array(0..<t))
            if f[treg] < 0.02 {
                let without = try fit((0..<t).filter { $0 != cd4 })
                let meanTreg = (f[treg] + without[treg]) / 2
                f[treg] = meanTreg
                f[cd4] = max(0, f[cd4] - meanTreg)
            }
            let immune = f.reduce(0, +)
            var row = f + [max(0, 1 - immune)]
            let sum = row.reduce(0, +)
            if sum > 0 { row = row.map { $0 / sum } }
            for j in 0..<columns.count { values[s * columns.count + j] = row[j] }
        }
        if failed > 0 { warnings.append("quanTIseq: \(failed) sample(s) with no measured expression were left empty") }
        return DeconvolutionResult(method: .quanTIseq, kind: .cellFraction, sampleIDs: expression.sampleIDs, columns: columns,
                                   values: values, coverage: coverage, warnings: warnings)
    }

    /// fᵢ = (xᵢ / mᵢ) · Σx / Σ(x / m): mRNA fractions to cell fractions, keeping the total.
    static func scaleByMRNA(_ x: [Double], scaling: [Double]) -> [Double] {
        let total = x.reduce(0, +)
        let scaled = zip(x, scaling).map { $0 / $1 }
        let scaledTotal = scaled.reduce(0, +)
        guard scaledTotal > 0 else { return x }
        return scaled.map { $0 / scaledTotal * total }
    }
}
