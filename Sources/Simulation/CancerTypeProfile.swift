/// Per-cancer-type parameters of the simulator: tumour mutational burden, demographics, PD-L1,
/// latent-programme means, treatment patterns, response rates and survival.
///
/// The defaults (``literature(_:)``) are rounded magnitudes from pivotal trials and large cohorts,
/// cited per field below; they are meant to look like real ICI cohorts, not to reproduce any trial.
/// Lines of therapy are mixed, so response rates and medians sit between first- and later-line values.
///
/// Renal cell carcinoma has no chemotherapy standard of care: its "chemotherapy" arm stands in for
/// the non-ICI comparator (VEGF TKI, sunitinib) and its "ICI + chemotherapy" arm for ICI + TKI,
/// with magnitudes taken from those trials.
public struct CancerTypeProfile: Sendable, Hashable, Codable {
    /// Median TMB in mutations per megabase (the log-normal median). Range (0, 500].
    /// Samstein et al. 2019 Nat Genet 51:202 (MSK-IMPACT, by cancer type).
    public var tmbMedian: Double
    /// Standard deviation of log TMB (natural log). Range [0, 3].
    public var tmbLogSD: Double
    /// Fraction of tumours that are MSI-high. Range [0, 1]. Le et al. 2017 Science 357:409.
    public var msiHighFraction: Double
    /// Mean age at ICI start in years (SD 10; each site adds its own offset). Range [18, 95].
    public var ageMean: Double
    /// Fraction of male patients. Range [0, 1].
    public var maleFraction: Double
    /// Fraction with prior systemic therapy (second or later line). Range [0, 1].
    public var priorTherapyFraction: Double
    /// Fraction with HLA class I loss of heterozygosity. Range [0, 1].
    /// McGranahan et al. 2017 Cell 171:1259 (≈40 % in NSCLC; lower elsewhere).
    public var hlaLOHFraction: Double
    /// Location of the latent PD-L1 variable: TPS is 0 % when `location + inflamed deviation + N(0,1)`
    /// is ≤ 0. Range [−5, 5]. The NSCLC default 0.61 gives the observed thirds (<1 %, 1–49 %,
    /// ≥50 %; Reck et al. 2016 NEJM 375:1823 screening).
    public var pdl1Location: Double
    /// Mean of each latent programme for this type (the residual is standard normal). Range [−3, 3].
    public var programmeMeans: LatentProgrammes
    /// Share of each arm at average covariates (TPS 25 %, ECOG 0.65, the type's prior-therapy
    /// fraction) and a neutral site, i.e. roughly the arms' average shares within the type (see
    /// ``SimulationConfiguration/confoundingStrength``). Each in [0, 1000], sum > 0 (normalised).
    public var armShares: ArmValues
    /// Marginal objective response rate under each arm, over this type's patients. Range (0, 1),
    /// limited to [0.001, 0.999]. The simulator calibrates its intercepts so that these hold exactly
    /// in expectation when ``TreatmentEffectSizes/iciMainEffectScale`` is 1.
    public var objectiveResponseRate: ArmValues
    /// Overall-survival hazard ratio of each arm versus chemotherapy for a patient with this type's
    /// average biomarker score (chemotherapy must be 1). Range [0.05, 5].
    public var overallSurvivalHazardRatio: ArmValues
    /// Marginal median overall survival under chemotherapy, months. Range [0.5, 240].
    public var medianOverallSurvivalChemotherapy: Double
    /// Marginal median progression-free survival under chemotherapy, months. Range [0.25, 240].
    public var medianProgressionFreeSurvivalChemotherapy: Double

    public init(
        tmbMedian: Double, tmbLogSD: Double, msiHighFraction: Double, ageMean: Double, maleFraction: Double,
        priorTherapyFraction: Double, hlaLOHFraction: Double, pdl1Location: Double,
        programmeMeans: LatentProgrammes, armShares: ArmValues, objectiveResponseRate: ArmValues,
        overallSurvivalHazardRatio: ArmValues, medianOverallSurvivalChemotherapy: Double,
        medianProgressionFreeSurvivalChemotherapy: Double
    ) {
        self.tmbMedian = tmbMedian
        self.tmbLogSD = tmbLogSD
        self.msiHighFraction = msiHighFraction
        self.ageMean = ageMean
        self.maleFraction = maleFraction
        self.priorTherapyFraction = priorTherapyFraction
        self.hlaLOHFraction = hlaLOHFraction
        self.pdl1Location = pdl1Location
        self.programmeMeans = programmeMeans
        self.armShares = armShares
        self.objectiveResponseRate = objectiveResponseRate
        self.overallSurvivalHazardRatio = overallSurvivalHazardRatio
        self.medianOverallSurvivalChemotherapy = medianOverallSurvivalChemotherapy
        self.medianProgressionFreeSurvivalChemotherapy = medianProgressionFreeSurvivalChemotherapy
    }

    /// The default profile of `type`, with its sources.
    ///
    /// Arm order in the tables: anti-PD-(L)1, anti-PD-1 + anti-CTLA-4, chemotherapy, ICI + chemotherapy.
    public static func literature(_ type: SimulatedCancerType) -> CancerTypeProfile {
        func arms(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> ArmValues {
            ArmValues(antiPD1PDL1: a, iciCombination: b, chemotherapy: c, iciChemotherapy: d)
        }
        func programmes(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> LatentProgrammes {
            LatentProgrammes(inflamed: a, exclusion: b, myeloid: c, proliferation: d)
        }
        switch type {
        case .melanoma:
            // ORR: CheckMate 067 (Larkin 2015 NEJM; nivo 44 %, nivo+ipi 58 %), CheckMate 066
            // (Robert 2015 NEJM; dacarbazine 14 %, OS HR 0.42, median OS 10.8 mo, PFS 2.2 mo).
            return CancerTypeProfile(
                tmbMedian: 13, tmbLogSD: 1.0, msiHighFraction: 0.005, ageMean: 63, maleFraction: 0.60,
                priorTherapyFraction: 0.30, hlaLOHFraction: 0.12, pdl1Location: 0.3,
                programmeMeans: programmes(0.4, -0.2, 0.0, 0.1), armShares: arms(0.50, 0.35, 0.05, 0.10),
                objectiveResponseRate: arms(0.40, 0.58, 0.14, 0.45),
                overallSurvivalHazardRatio: arms(0.42, 0.38, 1, 0.50),
                medianOverallSurvivalChemotherapy: 10.8, medianProgressionFreeSurvivalChemotherapy: 2.2)
        case .nsclc:
            // KEYNOTE-189 (Gandhi 2018 NEJM; chemo ORR 19 %, pembro+chemo 48 %, OS HR 0.49–0.56,
            // chemo median OS 11.3, PFS 4.9 mo); KEYNOTE-042 (Mok 2019 Lancet; pembro OS HR 0.81);
            // CheckMate 227 (Hellmann 2019 NEJM; nivo+ipi ORR 36 %, OS HR 0.73).
            return CancerTypeProfile(
                tmbMedian: 9, tmbLogSD: 0.9, msiHighFraction: 0.005, ageMean: 66, maleFraction: 0.55,
                priorTherapyFraction: 0.40, hlaLOHFraction: 0.40, pdl1Location: 0.61,
                programmeMeans: programmes(0.0, 0.1, 0.2, 0.2), armShares: arms(0.30, 0.05, 0.20, 0.45),
                objectiveResponseRate: arms(0.20, 0.33, 0.19, 0.48),
                overallSurvivalHazardRatio: arms(0.81, 0.73, 1, 0.56),
                medianOverallSurvivalChemotherapy: 11.3, medianProgressionFreeSurvivalChemotherapy: 4.9)
        case .renal:
            // CheckMate 025 (Motzer 2015 NEJM; nivo ORR 25 %, OS HR 0.73); CheckMate 214 (Motzer 2018
            // NEJM; nivo+ipi ORR 42 %, sunitinib 27 %, OS HR 0.63, sunitinib median OS 26 mo, PFS 8.4);
            // KEYNOTE-426 (Rini 2019 NEJM; pembro+axitinib ORR 59 %, OS HR 0.53). TMB: Samstein 2019.
            return CancerTypeProfile(
                tmbMedian: 1.5, tmbLogSD: 0.7, msiHighFraction: 0.002, ageMean: 62, maleFraction: 0.70,
                priorTherapyFraction: 0.35, hlaLOHFraction: 0.10, pdl1Location: -0.95,
                programmeMeans: programmes(0.3, -0.1, 0.4, -0.3), armShares: arms(0.25, 0.35, 0.15, 0.25),
                objectiveResponseRate: arms(0.25, 0.42, 0.27, 0.59),
                overallSurvivalHazardRatio: arms(0.73, 0.63, 1, 0.53),
                medianOverallSurvivalChemotherapy: 26, medianProgressionFreeSurvivalChemotherapy: 8.4)
        case .urothelial:
            // KEYNOTE-045 (Bellmunt 2017 NEJM; pembro ORR 21 %, OS HR 0.73); IMvigor130 (Galsky 2020
            // Lancet; atezo+chemo ORR 47 %, OS HR 0.83); CheckMate 032 (Sharma 2019 JCO; nivo+ipi 27 %).
            // TGF-β exclusion high: Mariathasan 2018 Nature.
            return CancerTypeProfile(
                tmbMedian: 8, tmbLogSD: 0.9, msiHighFraction: 0.01, ageMean: 70, maleFraction: 0.75,
                priorTherapyFraction: 0.50, hlaLOHFraction: 0.15, pdl1Location: -0.5,
                programmeMeans: programmes(0.0, 0.4, 0.0, 0.2), armShares: arms(0.40, 0.05, 0.35, 0.20),
                objectiveResponseRate: arms(0.21, 0.27, 0.30, 0.47),
                overallSurvivalHazardRatio: arms(0.73, 0.85, 1, 0.83),
                medianOverallSurvivalChemotherapy: 10.3, medianProgressionFreeSurvivalChemotherapy: 4.5)
        case .hnscc:
            // CheckMate 141 (Ferris 2016 NEJM; nivo ORR 13 %, OS HR 0.70); KEYNOTE-048 (Burtness 2019
            // Lancet; pembro+chemo ORR 36 %, OS HR 0.77; EXTREME chemo ORR 36 %, median OS 10.7, PFS 5.2).
            return CancerTypeProfile(
                tmbMedian: 5, tmbLogSD: 0.8, msiHighFraction: 0.002, ageMean: 62, maleFraction: 0.78,
                priorTherapyFraction: 0.50, hlaLOHFraction: 0.20, pdl1Location: -0.2,
                programmeMeans: programmes(0.3, 0.2, 0.1, 0.3), armShares: arms(0.40, 0.05, 0.25, 0.30),
                objectiveResponseRate: arms(0.15, 0.22, 0.36, 0.36),
                overallSurvivalHazardRatio: arms(0.70, 0.85, 1, 0.77),
                medianOverallSurvivalChemotherapy: 10.7, medianProgressionFreeSurvivalChemotherapy: 5.2)
        case .gastroesophageal:
            // CheckMate 649 (Janjigian 2021 Lancet; chemo ORR 45 %, nivo+chemo 58 %, OS HR 0.80, chemo
            // median OS 11.1, PFS 6.1; nivo+ipi OS HR 0.91); KEYNOTE-061 (Shitara 2018 Lancet; pembro
            // ORR 16 %, OS HR 0.82 in CPS ≥ 1). MSI-H ≈ 5 % of advanced gastric cancer.
            return CancerTypeProfile(
                tmbMedian: 5, tmbLogSD: 0.9, msiHighFraction: 0.05, ageMean: 63, maleFraction: 0.72,
                priorTherapyFraction: 0.45, hlaLOHFraction: 0.15, pdl1Location: -0.3,
                programmeMeans: programmes(-0.1, 0.3, 0.1, 0.3), armShares: arms(0.15, 0.05, 0.35, 0.45),
                objectiveResponseRate: arms(0.14, 0.24, 0.45, 0.58),
                overallSurvivalHazardRatio: arms(0.85, 0.91, 1, 0.80),
                medianOverallSurvivalChemotherapy: 11.1, medianProgressionFreeSurvivalChemotherapy: 6.1)
        case .colorectalMSIHigh:
            // KEYNOTE-177 (André 2020 NEJM; pembro ORR 44 %, chemo 33 %, chemo PFS 8.2 mo; Diaz 2022
            // Lancet Oncol: OS HR 0.74, chemo median OS 36.7 mo); CheckMate 142 (Overman 2018 JCO;
            // nivo+ipi ORR 55 %). MSI-H TMB: Samstein 2019. ICI + chemo values are assumptions.
            return CancerTypeProfile(
                tmbMedian: 45, tmbLogSD: 0.5, msiHighFraction: 1, ageMean: 62, maleFraction: 0.45,
                priorTherapyFraction: 0.40, hlaLOHFraction: 0.10, pdl1Location: -0.3,
                programmeMeans: programmes(0.8, 0.0, 0.2, 0.3), armShares: arms(0.50, 0.25, 0.15, 0.10),
                objectiveResponseRate: arms(0.44, 0.58, 0.33, 0.55),
                overallSurvivalHazardRatio: arms(0.74, 0.62, 1, 0.70),
                medianOverallSurvivalChemotherapy: 36.7, medianProgressionFreeSurvivalChemotherapy: 8.2)
        case .colorectalMSS:
            // Le et al. 2015 NEJM (MSS ORR 0 % on pembrolizumab); FOLFOX/FOLFIRI ± biologic ORR ≈ 40–50 %
            // first line, lower later (mixed-line 40 %); median OS ≈ 20 mo mixed lines. ICI adds
            // nothing on average (HR ≈ 1).
            return CancerTypeProfile(
                tmbMedian: 4, tmbLogSD: 0.6, msiHighFraction: 0, ageMean: 61, maleFraction: 0.57,
                priorTherapyFraction: 0.60, hlaLOHFraction: 0.15, pdl1Location: -1.2,
                programmeMeans: programmes(-0.7, 0.5, 0.0, 0.4), armShares: arms(0.05, 0.05, 0.80, 0.10),
                objectiveResponseRate: arms(0.02, 0.05, 0.40, 0.42),
                overallSurvivalHazardRatio: arms(1.10, 1.05, 1, 0.98),
                medianOverallSurvivalChemotherapy: 20, medianProgressionFreeSurvivalChemotherapy: 7.0)
        }
    }

    /// The default profiles of every type.
    public static var literatureProfiles: [SimulatedCancerType: CancerTypeProfile] {
        Dictionary(uniqueKeysWithValues: SimulatedCancerType.allCases.map { ($0, literature($0)) })
    }
}
