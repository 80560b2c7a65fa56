/// The scale of an expression matrix. Signature scores and deconvolution need to know it: most
/// methods expect log2 TPM, a few (quanTIseq, EPIC) expect linear TPM.
public enum ExpressionUnit: String, Sendable, Hashable, Codable, CaseIterable {
    /// Raw read counts.
    case counts
    /// Transcripts per million, linear scale.
    case tpm
    /// log2(TPM + pseudocount); ORCESTRA uses a pseudocount of 0.001, most others 1.
    case log2TPM = "log2_tpm"
    /// FPKM / RPKM, linear scale.
    case fpkm
    /// log2(FPKM + pseudocount).
    case log2FPKM = "log2_fpkm"
    /// Microarray or panel intensities already normalised and on a log scale (NanoString, Affymetrix RMA).
    case normalizedLog = "normalized_log"

    /// Whether values are on a log scale.
    public var isLogScale: Bool {
        switch self {
        case .log2TPM, .log2FPKM, .normalizedLog: true
        case .counts, .tpm, .fpkm: false
        }
    }
}
