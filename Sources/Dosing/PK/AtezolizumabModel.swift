import Foundation

/// Population PK of atezolizumab: the linear two-compartment model of Stroh et al. 2017.
///
/// Stroh M, Winter H, Marchand M, et al. Clinical pharmacokinetics and pharmacodynamics of atezolizumab in
/// metastatic urothelial carcinoma. Clin Pharmacol Ther 2017;102(2):305–312 (472 patients, PCD4989g and
/// IMvigor210).
///
/// - Confirmed from secondary sources: CL ≈ 0.200 L/day, Vss ≈ 6.9 L, terminal half-life ≈ 27 days
///   (Tecentriq label; Morrissey et al., Cancer Chemother Pharmacol 2019).
/// - **Not confirmed against the paper here** (recalled from Stroh 2017 Table 2; verify before relying on
///   them): V₁ 3.28 L, V₂ 3.63 L, Q 0.546 L/day; covariates on CL: body weight exponent 0.808, albumin
///   exponent −1.12, tumour burden exponent 0.125, anti-drug antibodies × 1.159, female × 0.887; on V₁: body
///   weight exponent 0.559, female × 0.872; on V₂: body weight exponent 0.578. Reference patient: male,
///   77 kg, albumin 40 g/L, tumour burden 63 mm, ADA-negative. ω² (log-normal): CL 0.0841 (29 % CV),
///   V₁ 0.0324 (18 % CV), V₂ 0.2025 (45 % CV).
public struct AtezolizumabModel: PopulationPKModel, Codable, Hashable {
    public var drug: CheckpointInhibitor { .atezolizumab }
    public var citation: String {
        "Stroh M et al. Clin Pharmacol Ther 2017;102:305-312 (typical CL and Vss confirmed; covariate exponents and omegas not confirmed here)"
    }

    public init() {}

    public var randomEffects: RandomEffects {
        RandomEffects(names: ["CL", "V1", "V2"], variances: [0.0841, 0.0324, 0.2025])
    }

    public func parameters(for c: PatientCovariates, eta: [Double]) -> IndividualPKParameters {
        precondition(eta.count == 3, "AtezolizumabModel: eta has \(eta.count) components, expected 3")
        let wt = c.weightKilograms / 77
        let cl = 0.200 * pow(wt, 0.808) * pow(c.albuminGramsPerLitre / 40, -1.12)
            * pow(max(c.tumourBurdenMillimetres, 1) / 63, 0.125) * (c.antiDrugAntibodies ? 1.159 : 1)
            * (c.isFemale ? 0.887 : 1) * exp(eta[0])
        let v1 = 3.28 * pow(wt, 0.559) * (c.isFemale ? 0.872 : 1) * exp(eta[1])
        let v2 = 3.63 * pow(wt, 0.578) * exp(eta[2])
        return IndividualPKParameters(clearance: cl, centralVolume: v1, intercompartmentalClearance: 0.546, peripheralVolume: v2)
    }
}
