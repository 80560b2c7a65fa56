import Foundation

/// Population PK of nivolumab: the two-compartment model with time-varying clearance of Bajaj et al. 2017.
///
/// Bajaj G, Wang X, Agrawal S, Gupta M, Roy A, Feng Y. Model-based population pharmacokinetic analysis of
/// nivolumab in patients with solid tumors. CPT Pharmacometrics Syst Pharmacol 2017;6(1):58–66, Table 1
/// (1,895 patients, 11 trials). Values as transcribed in nlmixr2lib `Bajaj_2017_nivolumab` and the DDMoRe
/// model DDMODEL00000284 (CL and Q published in mL/h, converted here × 24/1000 to L/day):
///
/// - Reference patient: female, 80 kg, eGFR 90 mL/min/1.73 m², ECOG 0, non-Asian.
/// - CL₀ = 0.2256 L/day (9.4 mL/h) · (WT/80)^0.566 · (eGFR/90)^0.186 · e^(0.172·ECOG≥1) · e^(0.165·male)
///   · e^(−0.125·Asian) · e^η_CL
/// - CL(t) = CL₀ · exp(Emax·t^γ/(T50^γ + t^γ)), Emax = −0.295 + η_Emax (additive), T50 = 1,410 h = 58.75 days,
///   γ = 3.15
/// - V₁ = 3.63 L · (WT/80)^0.597 · e^(0.152·male) · e^η_V1;  Q = 0.7704 L/day (32.1 mL/h);  V₂ = 2.78 L · e^η_V2
/// - Ω: ω²(CL) = 0.123, ω²(V₁) = 0.123, cov(CL, V₁) = 0.0432, ω²(V₂) = 0.258, ω²(Emax) = 0.0719.
public struct NivolumabModel: PopulationPKModel, Codable, Hashable {
    public var drug: CheckpointInhibitor { .nivolumab }
    public var citation: String { "Bajaj G et al. CPT Pharmacometrics Syst Pharmacol 2017;6:58-66 (Table 1)" }

    public init() {}

    public var randomEffects: RandomEffects {
        RandomEffects(names: ["CL", "V1", "V2", "Emax"], covariance: [
            0.123, 0.0432, 0, 0,
            0.0432, 0.123, 0, 0,
            0, 0, 0.258, 0,
            0, 0, 0, 0.0719,
        ])
    }

    public func parameters(for c: PatientCovariates, eta: [Double]) -> IndividualPKParameters {
        precondition(eta.count == 4, "NivolumabModel: eta has \(eta.count) components, expected 4")
        let male = c.isFemale ? 0.0 : 1.0
        let cl = 9.4 * 24 / 1000 * pow(c.weightKilograms / 80, 0.566) * pow(c.eGFR / 90, 0.186)
            * exp(0.172 * (c.ecogAtLeastOne ? 1 : 0) + 0.165 * male - 0.125 * (c.asian ? 1 : 0) + eta[0])
        let v1 = 3.63 * pow(c.weightKilograms / 80, 0.597) * exp(0.152 * male + eta[1])
        let v2 = 2.78 * exp(eta[2])
        let q = 32.1 * 24 / 1000
        return IndividualPKParameters(
            clearance: cl, centralVolume: v1, intercompartmentalClearance: q, peripheralVolume: v2,
            timeVaryingClearance: TimeVaryingClearance(maximumLogChange: -0.295 + eta[3], halfChangeDays: 1410.0 / 24, hill: 3.15))
    }
}
