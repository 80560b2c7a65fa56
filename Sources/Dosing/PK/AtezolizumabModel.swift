import Foundation

/// Population PK of atezolizumab: the linear two-compartment model of Stroh et al. 2017, as tabulated by
/// Centanni et al. 2019.
///
/// Stroh M, Winter H, Marchand M, et al. Clinical pharmacokinetics and pharmacodynamics of atezolizumab in
/// metastatic urothelial carcinoma. Clin Pharmacol Ther 2017;102(2):305–312. Parameters as transcribed in
/// Centanni M, Moes DJAR, Trocóniz IF, Ciccolini J, van Hasselt JGC. Clinical pharmacokinetics and
/// pharmacodynamics of immune checkpoint inhibitors. Clin Pharmacokinet 2019;58:835–857, Table 2
/// (atezolizumab row, 906 patients); the primary paper's full text was not read here.
///
/// - Reference patient: 77 kg, albumin 40 g/L, tumour burden 63 mm, male, anti-drug-antibody negative.
/// - CL = 0.200 L/day · (WT/77)^0.808 · (ALB/40)^−1.12 · (TB/63)^0.125 · (1 + 0.159·ADA) · e^η₁
/// - V₁ = 3.28 L · (WT/77)^0.559 · (ALB/40)^−0.350 · (1 − 0.129·female) · e^η₂
/// - V₂ = 3.63 L · (1 − 0.272·female) · e^η₃;  Q = 0.546 L/day
/// - ω² (log-normal): CL 0.0841 (29 % CV), V₁ 0.0324 (18 % CV), V₂ 0.1156 (34 % CV).
/// - Consistent with the Tecentriq label and Morrissey et al. (Cancer Chemother Pharmacol 2019): CL 0.20 L/day,
///   Vss = V₁ + V₂ = 6.91 L, terminal half-life ≈ 27 days. The sex effects are applied as proportional shifts
///   (1 + θ), the form of the ADA effect in the same row; the table does not say which form was estimated.
public struct AtezolizumabModel: PopulationPKModel, Codable, Hashable {
    public var drug: CheckpointInhibitor { .atezolizumab }
    public var citation: String {
        "Stroh M et al. Clin Pharmacol Ther 2017;102:305-312, as tabulated in Centanni M et al. Clin Pharmacokinet 2019;58:835-857 (Table 2)"
    }

    public init() {}

    public var randomEffects: RandomEffects {
        RandomEffects(names: ["CL", "V1", "V2"], variances: [0.0841, 0.0324, 0.1156])
    }

    public func parameters(for c: PatientCovariates, eta: [Double]) -> IndividualPKParameters {
        precondition(eta.count == 3, "AtezolizumabModel: eta has \(eta.count) components, expected 3")
        let wt = c.weightKilograms / 77
        let albumin = c.albuminGramsPerLitre / 40
        let cl = 0.200 * pow(wt, 0.808) * pow(albumin, -1.12)
            * pow(max(c.tumourBurdenMillimetres, 1) / 63, 0.125) * (c.antiDrugAntibodies ? 1.159 : 1) * exp(eta[0])
        let v1 = 3.28 * pow(wt, 0.559) * pow(albumin, -0.350) * (c.isFemale ? 1 - 0.129 : 1) * exp(eta[1])
        let v2 = 3.63 * (c.isFemale ? 1 - 0.272 : 1) * exp(eta[2])
        return IndividualPKParameters(clearance: cl, centralVolume: v1, intercompartmentalClearance: 0.546, peripheralVolume: v2)
    }
}
