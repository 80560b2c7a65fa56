/// The tumour types the simulator knows, each with its own TMB distribution, response rates,
/// survival and treatment patterns (see ``CancerTypeProfile/literature(_:)``).
///
/// Colorectal cancer is split by microsatellite status because MSI-high and MSS colorectal cancer
/// behave like different diseases under checkpoint inhibition (Le et al. 2015 NEJM 372:2509); both
/// are written to the cohort's `cancer_type` column as "Colorectal Cancer", with `msi_high`
/// telling them apart, as in cBioPortal's MSK-IMPACT ICI cohort (Samstein et al. 2019).
public enum SimulatedCancerType: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable {
    case melanoma
    case nsclc
    case renal
    case urothelial
    case hnscc
    case gastroesophageal
    case colorectalMSIHigh = "colorectal_msi_high"
    case colorectalMSS = "colorectal_mss"

    /// Position in ``allCases``, used to index per-type tables.
    public var ordinal: Int {
        switch self {
        case .melanoma: 0
        case .nsclc: 1
        case .renal: 2
        case .urothelial: 3
        case .hnscc: 4
        case .gastroesophageal: 5
        case .colorectalMSIHigh: 6
        case .colorectalMSS: 7
        }
    }

    /// The label written to the cohort's `cancer_type` column (cBioPortal "Cancer Type" wording).
    public var displayName: String {
        switch self {
        case .melanoma: "Melanoma"
        case .nsclc: "Non-Small Cell Lung Cancer"
        case .renal: "Renal Cell Carcinoma"
        case .urothelial: "Bladder Cancer"
        case .hnscc: "Head and Neck Cancer"
        case .gastroesophageal: "Esophagogastric Cancer"
        case .colorectalMSIHigh, .colorectalMSS: "Colorectal Cancer"
        }
    }
}
