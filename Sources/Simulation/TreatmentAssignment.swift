import Foundation

/// The treatment-assignment model: a multinomial logistic regression on covariates, so that arms are
/// confounded with prognosis as in real-world ICI data.
///
/// With chemotherapy as reference (η = 0), for each ICI arm *a*:
///
///     η_a = ln(share_a / share_chemo) + γ · (β_PDL1,a · (TPS/100 − 0.25) + β_ECOG,a · (ECOG − 0.65)
///           + β_prior,a · (prior − priorTherapyFraction) + preference_site,a)
///     P(arm = a | x) = exp(η_a) / Σ_b exp(η_b)
///
/// with `share` the type's ``CancerTypeProfile/armShares`` and γ = ``SimulationConfiguration/confoundingStrength``.
/// Covariates are centred at typical values (mean TPS ≈ 25 %, mean ECOG ≈ 0.65, the type's prior-therapy
/// fraction), so the shares are roughly the arms' average shares within the type.
/// Coefficients (log-odds vs chemotherapy): PD-L1 0–100 %: monotherapy +2.0, combination 0,
/// ICI + chemo +0.5 (high PD-L1 favours monotherapy, per KEYNOTE-024 labelling); ECOG per point:
/// +0.3, −0.8, −0.5 (frail patients are spared combinations); prior therapy: +0.5, −0.3, −1.0.
/// The model reads the true TPS even where the recorded one is missing, so missingness stays
/// completely at random. With ``SimulationConfiguration/randomizedAssignment`` every arm has 1/4.
struct TreatmentAssignmentModel: Sendable {
    static let pdl1: ArmValues = .init(antiPD1PDL1: 2.0, iciCombination: 0, chemotherapy: 0, iciChemotherapy: 0.5)
    static let ecog: ArmValues = .init(antiPD1PDL1: 0.3, iciCombination: -0.8, chemotherapy: 0, iciChemotherapy: -0.5)
    static let prior: ArmValues = .init(antiPD1PDL1: 0.5, iciCombination: -0.3, chemotherapy: 0, iciChemotherapy: -1.0)

    let randomized: Bool
    let strength: Double
    /// ln(share_a / share_chemo) per type ordinal (−∞ for a zero share).
    let logShareRatios: [ArmValues]
    let sitePreferences: [ArmValues]
    /// Prior-therapy fraction per type ordinal (the centre of the prior-therapy term).
    let priorCentre: [Double]

    init(configuration: SimulationConfiguration, profiles: [CancerTypeProfile], sites: [SimulatedSite]) {
        randomized = configuration.randomizedAssignment
        strength = configuration.confoundingStrength
        logShareRatios = profiles.map { p in
            ArmValues { arm in
                let share = p.armShares[arm]
                let total = TreatmentArm.allCases.reduce(0) { $0 + p.armShares[$1] }
                return share > 0 ? log(share / total) : -.infinity
            }
        }
        sitePreferences = sites.map(\.armPreference)
        priorCentre = profiles.map(\.priorTherapyFraction)
    }

    /// The propensity of each arm for `patient`.
    func propensities(_ patient: PatientBaseline) -> ArmValues {
        if randomized { return ArmValues(repeating: 0.25) }
        let base = logShareRatios[patient.type.ordinal]
        let preference = sitePreferences[patient.site]
        let tps = patient.pdl1TPS / 100 - 0.25
        let ecog = Double(patient.ecog) - 0.65
        let prior = (patient.priorTherapy ? 1.0 : 0.0) - priorCentre[patient.type.ordinal]
        var eta = ArmValues { arm in
            base[arm] + strength * (Self.pdl1[arm] * tps + Self.ecog[arm] * ecog + Self.prior[arm] * prior
                                    + preference[arm])
        }
        let top = eta.values.max()!
        var total = 0.0
        for arm in TreatmentArm.allCases {
            let w = eta[arm].isFinite ? exp(eta[arm] - top) : 0
            eta[arm] = w
            total += w
        }
        return ArmValues { eta[$0] / total }
    }

    /// The arm whose cumulative propensity first exceeds `u` (a uniform draw).
    static func pick(_ propensities: ArmValues, _ u: Double) -> TreatmentArm {
        var cumulative = 0.0
        for arm in TreatmentArm.allCases {
            cumulative += propensities[arm]
            if u < cumulative && propensities[arm] > 0 { return arm }
        }
        return TreatmentArm.allCases.last { propensities[$0] > 0 } ?? .chemotherapy
    }
}
