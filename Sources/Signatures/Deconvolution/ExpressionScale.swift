import CohortData
import Foundation

/// Conversions between the expression scales deconvolution methods expect.
///
/// - quanTIseq and EPIC model bulk expression as a linear mixture, so they need **linear TPM**;
///   log-scale data are un-logged first: TPM = 2ˣ − c for log2(TPM + c) data.
/// - MCP-counter averages **log2** expression; ImmunoKit uses log2(TPM + 1).
///
/// The pseudocount c of log2 data is not stored in ``CohortData/ExpressionUnit``. When it is not
/// given, it is inferred from the data: if the smallest finite value v is negative, c = 2ᵛ (the value
/// of a gene with TPM 0: ORCESTRA's log2(TPM + 0.001) gives v = −9.966, c = 0.001); otherwise c = 1.
public enum ExpressionScale {
    /// Units accepted as TPM-like (linear after un-logging).
    static let tpmLike: Set<ExpressionUnit> = [.tpm, .log2TPM, .fpkm, .log2FPKM]

    /// The pseudocount of log2 data: `given`, or inferred as described above.
    public static func pseudocount(of block: ExpressionBlock, given: Double? = nil) -> Double {
        if let given { return given }
        var low = Double.infinity
        for v in block.values where v.isFinite { low = min(low, v) }
        guard low.isFinite, low < 0 else { return 1 }
        return Foundation.pow(2, low)
    }

    /// Linear TPM (≥ 0), gene-major like the block; NaN stays NaN.
    ///
    /// - Throws: `CohortDataError` (`invalidValue`) for raw counts or normalised log intensities, which
    ///   cannot be turned into TPM without gene lengths or a reference — the message names the unit and
    ///   the fix.
    public static func linearTPM(_ block: ExpressionBlock, pseudocount given: Double? = nil, method: String) throws -> [Double] {
        switch block.unit {
        case .tpm, .fpkm:
            return block.values.map { $0.isNaN ? .nan : max($0, 0) }
        case .log2TPM, .log2FPKM:
            let c = pseudocount(of: block, given: given)
            return block.values.map { $0.isNaN ? .nan : max(Foundation.pow(2, $0) - c, 0) }
        case .counts, .normalizedLog:
            throw CohortDataError(.invalidValue, column: "expression unit",
                                  expected: "TPM or log2 TPM expression for \(method) (found \(block.unit.rawValue)); convert counts to TPM with gene lengths first")
        }
    }

    /// log2(TPM + 1), gene-major; NaN stays NaN. Normalised log intensities (arrays, NanoString) are
    /// used as they are, as MCP-counter does with microarrays.
    ///
    /// - Throws: `CohortDataError` (`invalidValue`) for raw counts.
    public static func log2TPMPlusOne(_ block: ExpressionBlock, pseudocount given: Double? = nil, method: String) throws -> [Double] {
        if block.unit == .normalizedLog { return block.values }
        let linear = try linearTPM(block, pseudocount: given, method: method)
        return linear.map { $0.isNaN ? .nan : Foundation.log2($0 + 1) }
    }

    /// Warns when the values do not look like the declared unit: linear data whose maximum is below 50
    /// (quanTIseq's own test for log data), or log2 data with values above 30 (2³⁰ TPM is impossible).
    public static func unitWarnings(_ block: ExpressionBlock) -> [String] {
        var high = -Double.infinity
        for v in block.values where v.isFinite { high = max(high, v) }
        guard high.isFinite else { return [] }
        if !block.unit.isLogScale, high < 50 {
            return ["expression is declared \(block.unit.rawValue) (linear) but its largest value is below 50: it looks log-transformed"]
        }
        if block.unit.isLogScale, high > 30 {
            return ["expression is declared \(block.unit.rawValue) (log scale) but has values above 30: it looks linear"]
        }
        return []
    }
}
