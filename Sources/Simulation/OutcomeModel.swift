import Foundation
import Statistics

/// The true outcome model: response probability and Weibull proportional-hazards survival under
/// every arm, as functions of a patient's baseline.
///
/// **Response** (log-odds), see ``TreatmentEffectSizes`` for h̃ and κ:
///
///     logit p_a = c′(type, a) − 0.35 · ECOG + [a is ICI] · κ_a · ι · h̃(x)
///
/// **Survival** (months): `S_a(t | x) = exp(−(t / λ_type)^k · exp(η_a))` with
///
///     η^OS_a  = prognostic_OS(x)  + [a is ICI] · (s · ln HR(type, a) − 0.45 · κ_a · ι · h̃(x))
///     prognostic_OS  = 0.4 ECOG − 0.6 (albumin − 4) + 0.35 ln(NLR/3) + 0.5 ln(LDH/210)
///                      + 0.15 proliferation + 0.01 (age − 65) + 0.25 [STK11/KEAP1] + 0.3 [stage IV]
///     prognostic_PFS = 0.3 ECOG − 0.4 (albumin − 4) + 0.25 ln(NLR/3) + 0.35 ln(LDH/210)
///                      + 0.2 proliferation + 0.2 [STK11/KEAP1] + 0.2 [stage IV]
///
/// (ICI effects on PFS use the OS hazard ratios and ``TreatmentEffectSizes/pfsLogHazardPerLogOdds``.)
/// Prognostic magnitudes are rounded from ICI cohorts: albumin, NLR, LDH and ECOG in Chowell et al.
/// 2022 Nat Biotechnol 40:499 and Valero et al. 2021 Nat Commun 12:729; LDH in Diem et al. 2016
/// Br J Cancer; STK11/KEAP1 in Skoulidis 2018.
///
/// **Calibration.** The intercepts `c(type, a)` are solved so that the mean response probability over
/// a reference sample of the type's patients equals ``CancerTypeProfile/objectiveResponseRate``; the
/// Weibull scales λ so that the marginal median under chemotherapy equals the profile's median; the
/// biomarker score is centred at its mean over the same sample (h̃ = h − mean). The reference sample
/// has ``calibrationSampleSize`` patients per type, drawn by the same code from its own streams.
struct OutcomeModel: Sendable {
    static let calibrationSampleSize = 2_000
    static let ecogResponse = -0.35
    /// Fraction of responders whose best response is complete (CheckMate 067: ≈ 20–35 % of responses).
    static let completeResponseShare = 0.25
    /// Fraction of non-responders whose best response is stable disease.
    static let stableDiseaseShare = 0.45

    let effects: TreatmentEffectSizes
    let osShape: Double
    let pfsShape: Double
    /// Mean raw biomarker score per type ordinal (h̄).
    var scoreMean: [Double]
    /// Response intercepts c′(type, a) per type ordinal, after ``TreatmentEffectSizes/iciMainEffectScale``.
    var intercepts: [ArmValues]
    /// ln HR(type, a) · s per type ordinal.
    var logHazardRatios: [ArmValues]
    var osScale: [Double]
    var pfsScale: [Double]

    /// κ_a · ι for each arm (0 for chemotherapy).
    let interaction: ArmValues

    init(configuration: SimulationConfiguration) {
        effects = configuration.treatmentEffects
        osShape = configuration.overallSurvivalWeibullShape
        pfsShape = configuration.progressionFreeSurvivalWeibullShape
        let n = SimulatedCancerType.allCases.count
        scoreMean = Array(repeating: 0, count: n)
        intercepts = Array(repeating: ArmValues(repeating: 0), count: n)
        logHazardRatios = Array(repeating: ArmValues(repeating: 0), count: n)
        osScale = Array(repeating: 1, count: n)
        pfsScale = Array(repeating: 1, count: n)
        let iota = effects.biomarkerInteractionScale
        interaction = ArmValues(
            antiPD1PDL1: iota, iciCombination: iota, chemotherapy: 0,
            iciChemotherapy: iota * effects.iciChemotherapyInteractionFraction)
    }

    /// The raw biomarker score h(x) (log-odds scale, not centred).
    func rawScore(_ p: PatientBaseline) -> Double {
        let e = effects
        let z = p.programmes
        var h = e.inflamedLogOdds * z.inflamed + e.exclusionLogOdds * z.exclusion + e.myeloidLogOdds * z.myeloid
        h += e.tmbLogOddsPerDoubling * log2(p.trueTMB / 10) + e.pdl1LogOddsPer100 * p.pdl1TPS / 100
        if p.stk11OrKeap1 { h += e.stk11Keap1LogOdds }
        if p.b2mOrJakLoss { h += e.b2mJakLossLogOdds }
        if p.hlaLOH { h += e.hlaLOHLogOdds }
        h += e.albuminLogOddsPerGdL * (p.albumin - 4) + e.nlrLogOddsPerLog * log(p.nlr / 3)
        return h
    }

    /// h̃(x): the biomarker score centred within the cancer type.
    func score(_ p: PatientBaseline) -> Double { rawScore(p) - scoreMean[p.type.ordinal] }

    func prognosticOS(_ p: PatientBaseline) -> Double {
        var eta = 0.4 * Double(p.ecog) - 0.6 * (p.albumin - 4) + 0.35 * log(p.nlr / 3) + 0.5 * log(p.ldh / 210)
        eta += 0.15 * p.programmes.proliferation + 0.01 * (p.age - 65)
        if p.stk11OrKeap1 { eta += 0.25 }
        if p.stageIV { eta += 0.3 }
        return eta
    }

    func prognosticPFS(_ p: PatientBaseline) -> Double {
        var eta = 0.3 * Double(p.ecog) - 0.4 * (p.albumin - 4) + 0.25 * log(p.nlr / 3) + 0.35 * log(p.ldh / 210)
        eta += 0.2 * p.programmes.proliferation
        if p.stk11OrKeap1 { eta += 0.2 }
        if p.stageIV { eta += 0.2 }
        return eta
    }

    /// Log-odds of response under every arm.
    func responseLogits(_ p: PatientBaseline, score h: Double) -> ArmValues {
        let c = intercepts[p.type.ordinal]
        let ecog = Self.ecogResponse * Double(p.ecog)
        return ArmValues { arm in c[arm] + ecog + interaction[arm] * h }
    }

    /// OS linear predictors η under every arm.
    func osPredictors(_ p: PatientBaseline, score h: Double) -> ArmValues {
        let base = prognosticOS(p)
        let hr = logHazardRatios[p.type.ordinal]
        return ArmValues { arm in base + hr[arm] - effects.osLogHazardPerLogOdds * interaction[arm] * h }
    }

    /// PFS linear predictors η under every arm.
    func pfsPredictors(_ p: PatientBaseline, score h: Double) -> ArmValues {
        let base = prognosticPFS(p)
        let hr = logHazardRatios[p.type.ordinal]
        return ArmValues { arm in base + hr[arm] - effects.pfsLogHazardPerLogOdds * interaction[arm] * h }
    }

    /// OS survival probability S(t | η) for `type`.
    func osSurvival(_ t: Double, eta: Double, type: SimulatedCancerType) -> Double {
        exp(-pow(t / osScale[type.ordinal], osShape) * exp(eta))
    }

    /// Restricted mean OS to `tau`: ∫₀^τ S(t) dt = λ e^(−η/k) Γ(1 + 1/k) P(1/k, (τ/λ)^k e^η),
    /// with P the regularised lower incomplete gamma function.
    func osRestrictedMean(_ tau: Double, eta: Double, type: SimulatedCancerType) -> Double {
        let lambda = osScale[type.ordinal]
        let k = osShape
        let x = pow(tau / lambda, k) * exp(eta)
        return lambda * exp(-eta / k) * exp(SpecialFunctions.logGamma(1 + 1 / k))
            * SpecialFunctions.regularizedGammaP(1 / k, x)
    }

    /// Time at which survival `S(t | η) = u` for a Weibull with scale λ and shape k:
    /// `t = λ (−ln u · e^(−η))^(1/k)`; `u` is given as its standard-normal quantile `z` (u = Φ(z))
    /// so that the far tails stay finite.
    static func weibullTime(z: Double, eta: Double, scale: Double, shape: Double) -> Double {
        let clamped = min(8.5, max(-8.5, z))
        let minusLogU = -log1p(-SpecialFunctions.normalCDF(-clamped))
        return scale * pow(minusLogU * exp(-eta), 1 / shape)
    }
}
