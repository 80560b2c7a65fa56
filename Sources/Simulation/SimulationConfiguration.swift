/// Every parameter of a synthetic ICI cohort, with its default and valid range.
///
/// A plain value: build it, change what you need, call ``validate()`` (the simulator does), and
/// pass it to ``CohortSimulator``. Encoded as JSON it is the `simulation.json` written next to a
/// simulated cohort; decoding accepts partial objects (absent keys keep their defaults).
///
/// ```swift
/// var configuration = SimulationConfiguration()
/// configuration.patientCount = 2_000
/// configuration.treatmentEffects.biomarkerInteractionScale = 0
/// let simulated = try CohortSimulator(configuration).simulate()
/// ```
public struct SimulationConfiguration: Sendable, Hashable, Codable {
    // MARK: Cohort

    /// Number of patients. Default 600. Range 1...10,000,000.
    public var patientCount: Int = 600
    /// Number of treating sites. Default 4. Range 1...100.
    public var siteCount: Int = 4
    /// Seed of every random draw; the same configuration and seed give the same bytes. Default 42.
    public var seed: UInt64 = 42
    /// The cohort's name. Default "synthetic". Must not be empty.
    public var cohortName: String = "synthetic"
    /// Relative weight of each cancer type in the pooled cohort (normalised; absent types get 0).
    /// Default: melanoma 0.22, NSCLC 0.30, renal 0.10, urothelial 0.10, HNSCC 0.08,
    /// gastro-oesophageal 0.08, colorectal MSI-high 0.04, colorectal MSS 0.08 (a typical ICI
    /// programme, cf. the MSK-IMPACT ICI cohort of Samstein 2019). Each ≥ 0, finite, sum > 0.
    public var cancerTypeMix: [SimulatedCancerType: Double] = [
        .melanoma: 0.22, .nsclc: 0.30, .renal: 0.10, .urothelial: 0.10, .hnscc: 0.08, .gastroesophageal: 0.08,
        .colorectalMSIHigh: 0.04, .colorectalMSS: 0.08,
    ]
    /// Per-type parameters (TMB, response rates, survival, treatment patterns). Default
    /// ``CancerTypeProfile/literatureProfiles``; every type with positive weight needs a profile.
    public var cancerTypeProfiles: [SimulatedCancerType: CancerTypeProfile] = CancerTypeProfile.literatureProfiles

    // MARK: Sites

    /// SD of each site's log multiplier of every cancer-type weight (each site has its own case mix).
    /// Default 0.5. Range [0, 3].
    public var siteCaseMixHeterogeneity: Double = 0.5
    /// SD of each site's shift of mean age, years. Default 3. Range [0, 20].
    public var siteAgeSD: Double = 3
    /// SD of each site's log-odds preference for each ICI arm over chemotherapy. Default 0.5.
    /// Range [0, 3].
    public var siteTreatmentPreference: Double = 0.5
    /// SD of each site's per-gene expression shift (batch effect), log2 units. Default 0.3
    /// (typical between-centre shifts in TCGA; Leek et al. 2010 Nat Rev Genet 11:733). Range [0, 5].
    public var batchEffectSize: Double = 0.3

    // MARK: Treatment

    /// Multiplier of the covariate terms of the treatment-assignment model (ECOG, PD-L1, prior
    /// therapy) and of site preferences. Default 1; 0 leaves only the cancer-type arm shares.
    /// Range [0, 5]. Ignored when ``randomizedAssignment`` is true.
    public var confoundingStrength: Double = 1
    /// Assign the four arms with probability 1/4 each, independently of everything (a randomised
    /// trial). Default false.
    public var randomizedAssignment: Bool = false
    /// Treatment effects and treatment × biomarker interactions.
    public var treatmentEffects = TreatmentEffectSizes()

    // MARK: Survival and censoring (months)

    /// Weibull shape of overall survival. Default 1.1 (slowly rising hazard). Range [0.3, 5].
    public var overallSurvivalWeibullShape: Double = 1.1
    /// Weibull shape of progression-free survival. Default 0.85 (early progressions). Range [0.3, 5].
    public var progressionFreeSurvivalWeibullShape: Double = 0.85
    /// Length of accrual, months; entry is uniform over it. Default 24. Range [0, 240].
    public var accrualMonths: Double = 24
    /// Follow-up after the last patient enters, months: administrative censoring at a time uniform in
    /// [minimumFollowUpMonths, minimumFollowUpMonths + accrualMonths]. Default 12. Range [0.5, 600].
    public var minimumFollowUpMonths: Double = 12
    /// Rate of random loss to follow-up per patient-year (exponential). Default 0.05. Range [0, 5].
    public var dropoutRatePerYear: Double = 0.05
    /// Fraction of patients whose best overall response is not evaluable (NE, response missing).
    /// Default 0.03. Range [0, 1).
    public var notEvaluableFraction: Double = 0.03

    // MARK: Modalities

    /// Number of expression genes (real HGNC symbols; all signature genes first, then fillers).
    /// Default 350. Range ``GenePanel/minimumGeneCount``...``GenePanel/maximumGeneCount``.
    public var expressionGeneCount: Int = 350
    /// Sequenced territory in megabases; mutation counts are Poisson(TMB × panel size).
    /// Default 1.22 (MSK-IMPACT 468). Range [0.1, 50] (an exome is ≈ 30–38).
    public var panelSizeMb: Double = 1.22
    /// Number of embedding blocks (vectors from a pretend foundation model). Default 1; 0 = none.
    /// Range 0...16.
    public var embeddingBlockCount: Int = 1
    /// Dimension of each embedding block. Default 16. Range 1...1024.
    public var embeddingDimension: Int = 16
    /// SD of the independent noise added to each embedding coordinate. Default 0.5. Range [0, 10].
    public var embeddingNoiseSD: Double = 0.5

    // MARK: Missingness (missing completely at random)

    /// Fraction of patients without RNA-seq (and without embeddings). Default 0.2. Range [0, 1].
    public var missingExpressionFraction: Double = 0.2
    /// Fraction of patients not sequenced (no mutations, TMB, MSI, HLA LOH). Default 0.05. Range [0, 1].
    public var missingSequencingFraction: Double = 0.05
    /// Fraction missing of each lab value (albumin, NLR, LDH), independently. Default 0.1. Range [0, 1].
    public var missingLabFraction: Double = 0.1
    /// Fraction missing of each other clinical value (ECOG, BMI, PD-L1, stage), independently.
    /// Default 0.05. Range [0, 1].
    public var missingClinicalFraction: Double = 0.05

    public init() {}

    /// The default configuration with `patientCount` patients and `seed`.
    public init(patientCount: Int, seed: UInt64 = 42) {
        self.patientCount = patientCount
        self.seed = seed
    }
}
