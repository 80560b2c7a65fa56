import Foundation

/// The baseline characteristics that the published population PK models of checkpoint inhibitors use as
/// covariates. Units are those of the publications.
///
/// Each model reads the covariates it has and ignores the others (for example only the atezolizumab
/// model uses anti-drug antibodies). ``reference`` holds typical values near the medians of the
/// pooled cohorts (Ahamadi 2017 Table 2; Bajaj 2017 Table 3).
public struct PatientCovariates: Codable, Sendable, Hashable {
    /// Body weight (kg), valid 20…300.
    public var weightKilograms: Double
    /// Serum albumin (g/L), valid 5…80.
    public var albuminGramsPerLitre: Double
    /// Estimated glomerular filtration rate (mL/min/1.73 m²), valid 1…400.
    public var eGFR: Double
    /// Female sex.
    public var isFemale: Bool
    /// Baseline tumour burden: sum of longest diameters of target lesions (mm), valid 0…2000 (0 allowed;
    /// models using it as a power covariate floor it at 1 mm).
    public var tumourBurdenMillimetres: Double
    /// ECOG performance status ≥ 1.
    public var ecogAtLeastOne: Bool
    /// Non-small-cell lung cancer (pembrolizumab model: vs melanoma/other).
    public var nsclc: Bool
    /// Prior ipilimumab (pembrolizumab model).
    public var priorIpilimumab: Bool
    /// Asian race (nivolumab model).
    public var asian: Bool
    /// Treatment-emergent anti-drug antibodies (atezolizumab model).
    public var antiDrugAntibodies: Bool

    public init(weightKilograms: Double = 76.8, albuminGramsPerLitre: Double = 39.6, eGFR: Double = 88.47,
                isFemale: Bool = false, tumourBurdenMillimetres: Double = 89.6, ecogAtLeastOne: Bool = false,
                nsclc: Bool = false, priorIpilimumab: Bool = false, asian: Bool = false, antiDrugAntibodies: Bool = false) {
        self.weightKilograms = weightKilograms
        self.albuminGramsPerLitre = albuminGramsPerLitre
        self.eGFR = eGFR
        self.isFemale = isFemale
        self.tumourBurdenMillimetres = tumourBurdenMillimetres
        self.ecogAtLeastOne = ecogAtLeastOne
        self.nsclc = nsclc
        self.priorIpilimumab = priorIpilimumab
        self.asian = asian
        self.antiDrugAntibodies = antiDrugAntibodies
    }

    /// The reference patient of Ahamadi et al. 2017 (76.8 kg, albumin 39.6 g/L, eGFR 88.47, tumour burden
    /// 89.6 mm, male, ECOG 0, melanoma, ipilimumab-naive).
    public static let reference = PatientCovariates()

    /// Throws ``DosingError/invalidPatientData(field:message:)`` naming the first covariate that is not
    /// finite or is outside its valid range. `context` (e.g. "patients.tsv line 4") prefixes the field;
    /// the value itself is not shown.
    public func validate(context: String = "patient") throws {
        func check(_ value: Double, _ name: String, _ range: ClosedRange<Double>, _ unit: String) throws {
            guard value.isFinite, range.contains(value) else {
                throw DosingError.invalidPatientData(
                    field: "\(context): \(name)",
                    message: "expected a finite value in \(range.lowerBound)...\(range.upperBound) \(unit)")
            }
        }
        try check(weightKilograms, "weight_kg", 20...300, "kg")
        try check(albuminGramsPerLitre, "albumin_g_l", 5...80, "g/L")
        try check(eGFR, "egfr", 1...400, "mL/min/1.73 m²")
        try check(tumourBurdenMillimetres, "tumour_burden_mm", 0...2000, "mm")
    }
}
