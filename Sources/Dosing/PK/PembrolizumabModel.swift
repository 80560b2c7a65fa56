import Foundation

/// Population PK of pembrolizumab: the two-compartment model of Ahamadi et al. 2017, optionally with a
/// time-varying clearance.
///
/// Ahamadi M, Freshwater T, Prohn M, et al. Model-based characterization of the pharmacokinetics of
/// pembrolizumab: a humanized anti-PD-1 monoclonal antibody in advanced solid tumors. CPT Pharmacometrics
/// Syst Pharmacol 2017;6(1):49–57, Table 3 (2,188 patients, KEYNOTE-001/-002/-006). Values as transcribed
/// in the nlmixr2lib model `Ahamadi_2017_pembrolizumab` (checked against its Table 3 citations):
///
/// - Typical values (reference: 76.8 kg, albumin 39.6 g/L, eGFR 88.47 mL/min/1.73 m², tumour burden
///   89.6 mm, male, melanoma, ECOG 0, ipilimumab-naive): CL 0.22 L/day, V₁ 3.48 L, Q 0.795 L/day, V₂ 4.06 L.
/// - CL = 0.22 · (WT/76.8)^0.595 · (ALB/39.6)^−0.907 · (BSLD/89.6)^0.0872 · (eGFR/88.47)^0.135
///   · (1 − 0.152·female) · (1 + 0.145·NSCLC) · (1 − 0.0739·ECOG≥1) · (1 + 0.140·prior ipilimumab) · e^η₁
/// - V₁ = 3.48 · (WT/76.8)^0.489 · (ALB/39.6)^−0.208 · (1 − 0.134·female) · (1 + 0.0736·prior ipilimumab) · e^η₂
/// - Q = 0.795 · (WT/76.8)^0.595 · e^η₁;  V₂ = 4.06 · (WT/76.8)^0.489 · e^η₂ (η shared as published)
/// - ω²(CL, Q) = 0.134, ω²(V₁, V₂) = 0.0417; their covariance is not published and is set to 0.
///
/// Time-varying clearance (off by default). Ahamadi 2017 is stationary. Li H et al., J Pharmacokinet
/// Pharmacodyn 2017;44:403–414 describe CL(t) = CL · exp(Imax · tᵞ / (TI50ᵞ + tᵞ)).
/// ``TimeVaryingClearance/pembrolizumabLabel`` uses the label model's estimates Imax = −0.218, TI50 = 65.5
/// days, γ = 2.99 (EMA assessment report EMEA/H/C/003820/II/0042, Table 10, 2,993 patients, as transcribed by
/// Song et al., Eur J Cancer 2025, Table 1; the report itself was not read here). That model estimated them on
/// its own stationary part (CL 0.281 L/day, V₁ 3.53 L, Q 0.889 L/day, V₂ 2.75 L); applied to Ahamadi's model
/// here they make a hybrid, giving a steady-state CL 19.6 % below the first dose's (the label: 195 vs 252
/// mL/day, 23 %).
///
/// Sources disagree on the direction of the ECOG effect: the code follows the paper's reference patient
/// (ECOG 0) with CL × (1 − 0.0739) for ECOG ≥ 1, as nlmixr2lib does; Certara's implementation and the EMA
/// successor model apply the decrease to ECOG 0 instead. The η covariance 0.0159 found in model code is not in
/// the paper's Table 3 and is not used.
public struct PembrolizumabModel: PopulationPKModel, Codable, Hashable {
    public var drug: CheckpointInhibitor { .pembrolizumab }
    public var citation: String {
        "Ahamadi M et al. CPT Pharmacometrics Syst Pharmacol 2017;6:49-57 (Table 3)"
            + (timeVaryingClearance == nil ? "" : "; time-varying CL: Imax -0.218, TI50 65.5 d, Hill 2.99 (EMA EMEA/H/C/003820/II/0042, Table 10)")
    }

    /// The time course of clearance: `nil` (default) for the published stationary model.
    public var timeVaryingClearance: TimeVaryingClearance?

    public init(timeVaryingClearance: TimeVaryingClearance? = nil) {
        self.timeVaryingClearance = timeVaryingClearance
    }

    public var randomEffects: RandomEffects {
        RandomEffects(names: ["CL,Q", "V1,V2"], variances: [0.134, 0.0417])
    }

    public func parameters(for c: PatientCovariates, eta: [Double]) -> IndividualPKParameters {
        precondition(eta.count == 2, "PembrolizumabModel: eta has \(eta.count) components, expected 2")
        let wt = c.weightKilograms / 76.8
        let cl = 0.22 * pow(wt, 0.595) * pow(c.albuminGramsPerLitre / 39.6, -0.907)
            * pow(max(c.tumourBurdenMillimetres, 1) / 89.6, 0.0872) * pow(c.eGFR / 88.47, 0.135)
            * (c.isFemale ? 1 - 0.152 : 1) * (c.nsclc ? 1.145 : 1) * (c.ecogAtLeastOne ? 1 - 0.0739 : 1)
            * (c.priorIpilimumab ? 1.140 : 1) * exp(eta[0])
        let v1 = 3.48 * pow(wt, 0.489) * pow(c.albuminGramsPerLitre / 39.6, -0.208) * (c.isFemale ? 1 - 0.134 : 1)
            * (c.priorIpilimumab ? 1.0736 : 1) * exp(eta[1])
        let q = 0.795 * pow(wt, 0.595) * exp(eta[0])
        let v2 = 4.06 * pow(wt, 0.489) * exp(eta[1])
        return IndividualPKParameters(clearance: cl, centralVolume: v1, intercompartmentalClearance: q,
                                      peripheralVolume: v2, timeVaryingClearance: timeVaryingClearance)
    }
}

extension TimeVaryingClearance {
    /// Pembrolizumab: Imax = −0.218, TI50 = 65.5 days, γ = 2.99, the label model's estimates (see
    /// ``PembrolizumabModel``).
    public static let pembrolizumabLabel = TimeVaryingClearance(maximumLogChange: -0.218, halfChangeDays: 65.5, hill: 2.99)
}
