/// Class of the systemic therapy a patient received.
public enum DrugClass: String, Sendable, Hashable, Codable, CaseIterable {
    /// Anti-PD-1 or anti-PD-L1 monotherapy (pembrolizumab, nivolumab, atezolizumab, …).
    case antiPD1PDL1 = "anti-PD-1/PD-L1"
    /// Anti-CTLA-4 monotherapy (ipilimumab, tremelimumab).
    case antiCTLA4 = "anti-CTLA-4"
    /// Anti-PD-(L)1 combined with anti-CTLA-4.
    case iciCombination = "anti-PD-1/PD-L1+anti-CTLA-4"
    /// A checkpoint inhibitor combined with chemotherapy.
    case iciChemotherapy = "ICI+chemotherapy"
    /// Chemotherapy without a checkpoint inhibitor.
    case chemotherapy = "chemotherapy"
    /// Any other systemic therapy without a checkpoint inhibitor (targeted, hormonal, …).
    case otherNonICI = "other non-ICI"

    /// Whether the regimen contains an immune checkpoint inhibitor.
    public var isICI: Bool {
        switch self {
        case .antiPD1PDL1, .antiCTLA4, .iciCombination, .iciChemotherapy: true
        case .chemotherapy, .otherNonICI: false
        }
    }

    /// Reads common spellings: "PD-1/PD-L1", "anti-PD-1", "PD-(L)1", "CTLA4", "ipilimumab",
    /// "IO+combo" is *not* accepted (its meaning differs between studies; map it explicitly).
    public init?(code: String) {
        if let exact = DrugClass(rawValue: code) { self = exact; return }
        let text = code.lowercased().replacingOccurrences(of: " ", with: "")
        switch text {
        case "pd-1/pd-l1", "anti-pd-1", "anti-pd-l1", "pd-1", "pd-l1", "pd-(l)1", "anti-pd-(l)1", "pd1", "pdl1",
             "nivolumab", "pembrolizumab", "atezolizumab", "durvalumab", "avelumab", "cemiplimab":
            self = .antiPD1PDL1
        case "ctla4", "ctla-4", "anti-ctla-4", "anti-ctla4", "ipilimumab", "tremelimumab":
            self = .antiCTLA4
        case "pd-1+ctla-4", "ctla4+pd1", "pd1+ctla4", "combo", "combination", "nivolumab+ipilimumab",
             "anti-pd-1+anti-ctla-4":
            self = .iciCombination
        case "ici+chemo", "ici+chemotherapy", "chemo+ici", "chemoimmunotherapy": self = .iciChemotherapy
        case "chemo", "chemotherapy": self = .chemotherapy
        case "non-ici", "nonici", "other", "targeted": self = .otherNonICI
        default: return nil
        }
    }
}

import Foundation

/// Treatment received, aligned to patients; every field may be missing per patient.
public struct Treatment: Sendable, Hashable, Codable {
    public var drugClass: [DrugClass?]
    /// Line of therapy (1 = first line).
    public var line: [Int?]
    /// Whether the patient had systemic therapy before this one.
    public var priorSystemicTherapy: [Bool?]
    /// The regimen as recorded ("nivolumab 3 mg/kg q2w"), free text.
    public var regimen: [String?]

    public init(drugClass: [DrugClass?], line: [Int?], priorSystemicTherapy: [Bool?], regimen: [String?]) {
        precondition(
            drugClass.count == line.count && line.count == priorSystemicTherapy.count
                && line.count == regimen.count, "treatment fields must be aligned")
        self.drugClass = drugClass
        self.line = line
        self.priorSystemicTherapy = priorSystemicTherapy
        self.regimen = regimen
    }

    /// All-missing treatment for `count` patients.
    public init(missingFor count: Int) {
        self.init(
            drugClass: Array(repeating: nil, count: count), line: Array(repeating: nil, count: count),
            priorSystemicTherapy: Array(repeating: nil, count: count), regimen: Array(repeating: nil, count: count))
    }

    public var count: Int { drugClass.count }
}
