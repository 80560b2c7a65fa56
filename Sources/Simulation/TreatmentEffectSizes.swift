/// How strongly treatment works and how much its effect depends on biomarkers.
///
/// **Response.** For an ICI arm *a* the log-odds of objective response is
/// `c(type, a) + β_ECOG · ECOG + κ_a · ι · h̃(x)`, for chemotherapy `c(type, chemo) + β_ECOG · ECOG`,
/// where `c` are calibrated intercepts (``CancerTypeProfile/objectiveResponseRate``), ι is
/// ``biomarkerInteractionScale``, κ_a is 1 for ICI monotherapy and combination and
/// ``iciChemotherapyInteractionFraction`` for ICI + chemotherapy, and h̃(x) is the *biomarker score*
/// centred within the cancer type:
///
///     h(x) = inflamedLogOdds · inflamed + tmbLogOddsPerDoubling · log2(TMB / 10)
///          + pdl1LogOddsPer100 · TPS/100 + exclusionLogOdds · exclusion + myeloidLogOdds · myeloid
///          + stk11Keap1LogOdds · [STK11 or KEAP1 mutant] + b2mJakLossLogOdds · [B2M, JAK1 or JAK2 mutant]
///          + hlaLOHLogOdds · [HLA LOH] + albuminLogOddsPerGdL · (albumin − 4)
///          + nlrLogOddsPerLog · ln(NLR / 3)
///
/// ``iciMainEffectScale`` *s* shrinks each ICI intercept towards chemotherapy:
/// `c′(type, a) = c(type, chemo) + s · (c(type, a) − c(type, chemo))`. With `s = 0` and `ι = 0` every
/// arm has the same response probability (the sharp null).
///
/// **Survival.** The OS log-hazard of ICI arm *a* relative to chemotherapy is
/// `s · ln HR(type, a) − osLogHazardPerLogOdds · κ_a · ι · h̃(x)` (PFS: `pfsLogHazardPerLogOdds`), so
/// patients whose ICI response odds are higher also gain more survival.
///
/// Sources for the default magnitudes: Ayers et al. 2017 J Clin Invest (GEP); Samstein et al. 2019
/// Nat Genet (TMB); Reck et al. 2016 NEJM / KEYNOTE-024 (PD-L1 ≥ 50 %); Mariathasan et al. 2018
/// Nature (TGF-β exclusion); Skoulidis et al. 2018 Cancer Discov (STK11/KEAP1); Zaretsky et al.
/// 2016 NEJM and Sade-Feldman et al. 2017 (JAK/B2M loss); Chowell et al. 2018 Science and Montesion
/// et al. 2021 Cancer Discov (HLA); Chowell et al. 2022 Nat Biotechnol (albumin, NLR).
public struct TreatmentEffectSizes: Sendable, Hashable, Codable {
    /// Scale of the average ICI effect versus chemotherapy (response intercepts and hazard ratios).
    /// Default 1 (literature magnitudes); 0 removes the average effect. Range [0, 5].
    public var iciMainEffectScale: Double = 1
    /// Scale of every treatment × biomarker interaction. Default 1; 0 makes the effect the same for
    /// every patient of a cancer type. Range [0, 5].
    public var biomarkerInteractionScale: Double = 1
    /// Log-odds per SD of the T-cell-inflamed programme. Default 0.8 (GEP high vs low ORR ≈ 3×,
    /// Ayers 2017). Range [−5, 5].
    public var inflamedLogOdds: Double = 0.8
    /// Log-odds per doubling of TMB. Default 0.35 (Samstein 2019). Range [−5, 5].
    public var tmbLogOddsPerDoubling: Double = 0.35
    /// Log-odds from TPS 0 % to 100 %. Default 1.2 (KEYNOTE-024 ORR 45 % at TPS ≥ 50 % vs ≈ 20 %
    /// unselected). Range [−5, 5].
    public var pdl1LogOddsPer100: Double = 1.2
    /// Log-odds per SD of the TGF-β exclusion programme. Default −0.6 (Mariathasan 2018). Range [−5, 5].
    public var exclusionLogOdds: Double = -0.6
    /// Log-odds per SD of the myeloid programme. Default −0.2. Range [−5, 5].
    public var myeloidLogOdds: Double = -0.2
    /// Log-odds of an STK11 or KEAP1 mutation. Default −0.9 (Skoulidis 2018). Range [−5, 5].
    public var stk11Keap1LogOdds: Double = -0.9
    /// Log-odds of a B2M, JAK1 or JAK2 mutation (antigen-presentation / IFN-γ signalling loss).
    /// Default −1.5 (Zaretsky 2016; Sade-Feldman 2017). Range [−5, 5].
    public var b2mJakLossLogOdds: Double = -1.5
    /// Log-odds of HLA class I LOH. Default −0.3 (Montesion 2021). Range [−5, 5].
    public var hlaLOHLogOdds: Double = -0.3
    /// Log-odds per g/dL of serum albumin. Default 0.6 (Chowell 2022). Range [−5, 5].
    public var albuminLogOddsPerGdL: Double = 0.6
    /// Log-odds per natural-log unit of the neutrophil-to-lymphocyte ratio. Default −0.5
    /// (Chowell 2022; Valero et al. 2021 Nat Commun). Range [−5, 5].
    public var nlrLogOddsPerLog: Double = -0.5
    /// κ of ICI + chemotherapy: the share of the biomarker interaction that applies when chemotherapy
    /// is added (benefit is seen across PD-L1 strata in KEYNOTE-189). Default 0.6. Range [0, 1].
    public var iciChemotherapyInteractionFraction: Double = 0.6
    /// OS log-hazard change per unit of the biomarker score (sign: better response, lower hazard).
    /// Default 0.45. Range [0, 3].
    public var osLogHazardPerLogOdds: Double = 0.45
    /// PFS log-hazard change per unit of the biomarker score. Default 0.55. Range [0, 3].
    public var pfsLogHazardPerLogOdds: Double = 0.55
    /// Correlation (Gaussian copula) between the latent response draw and the OS draw: responders
    /// live longer than their covariates alone predict. Default 0.5. Range [0, 0.99].
    public var responseSurvivalCorrelation: Double = 0.5
    /// Correlation (Gaussian copula) between the OS and PFS draws. Default 0.6. Range [0, 0.99].
    public var overallProgressionCorrelation: Double = 0.6

    public init() {}

    /// No treatment effect at all: every arm has the same response probability and hazard
    /// (`iciMainEffectScale = 0`, `biomarkerInteractionScale = 0`).
    public static var none: TreatmentEffectSizes {
        var sizes = TreatmentEffectSizes()
        sizes.iciMainEffectScale = 0
        sizes.biomarkerInteractionScale = 0
        return sizes
    }

    private enum CodingKeys: String, CodingKey {
        case iciMainEffectScale, biomarkerInteractionScale, inflamedLogOdds, tmbLogOddsPerDoubling,
             pdl1LogOddsPer100, exclusionLogOdds, myeloidLogOdds, stk11Keap1LogOdds, b2mJakLossLogOdds,
             hlaLOHLogOdds, albuminLogOddsPerGdL, nlrLogOddsPerLog, iciChemotherapyInteractionFraction,
             osLogHazardPerLogOdds, pfsLogHazardPerLogOdds, responseSurvivalCorrelation,
             overallProgressionCorrelation
    }

    /// Decodes a partial object: absent keys keep their defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func value(_ key: CodingKeys, _ fallback: Double) throws -> Double {
            try c.decodeIfPresent(Double.self, forKey: key) ?? fallback
        }
        let d = TreatmentEffectSizes()
        iciMainEffectScale = try value(.iciMainEffectScale, d.iciMainEffectScale)
        biomarkerInteractionScale = try value(.biomarkerInteractionScale, d.biomarkerInteractionScale)
        inflamedLogOdds = try value(.inflamedLogOdds, d.inflamedLogOdds)
        tmbLogOddsPerDoubling = try value(.tmbLogOddsPerDoubling, d.tmbLogOddsPerDoubling)
        pdl1LogOddsPer100 = try value(.pdl1LogOddsPer100, d.pdl1LogOddsPer100)
        exclusionLogOdds = try value(.exclusionLogOdds, d.exclusionLogOdds)
        myeloidLogOdds = try value(.myeloidLogOdds, d.myeloidLogOdds)
        stk11Keap1LogOdds = try value(.stk11Keap1LogOdds, d.stk11Keap1LogOdds)
        b2mJakLossLogOdds = try value(.b2mJakLossLogOdds, d.b2mJakLossLogOdds)
        hlaLOHLogOdds = try value(.hlaLOHLogOdds, d.hlaLOHLogOdds)
        albuminLogOddsPerGdL = try value(.albuminLogOddsPerGdL, d.albuminLogOddsPerGdL)
        nlrLogOddsPerLog = try value(.nlrLogOddsPerLog, d.nlrLogOddsPerLog)
        iciChemotherapyInteractionFraction = try value(.iciChemotherapyInteractionFraction, d.iciChemotherapyInteractionFraction)
        osLogHazardPerLogOdds = try value(.osLogHazardPerLogOdds, d.osLogHazardPerLogOdds)
        pfsLogHazardPerLogOdds = try value(.pfsLogHazardPerLogOdds, d.pfsLogHazardPerLogOdds)
        responseSurvivalCorrelation = try value(.responseSurvivalCorrelation, d.responseSurvivalCorrelation)
        overallProgressionCorrelation = try value(.overallProgressionCorrelation, d.overallProgressionCorrelation)
    }
}
