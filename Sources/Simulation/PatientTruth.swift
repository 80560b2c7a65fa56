/// The known truth about one simulated patient: latent state, true propensities, and potential
/// outcomes under every arm.
///
/// Potential outcomes under all four arms are computed from the same baseline draw, so individual
/// treatment effects are exact: ``responseEffect(_:)`` = p_arm − p_chemotherapy, and so on.
public struct PatientTruth: Sendable, Hashable, Codable {
    public var patientID: String
    /// Index into ``SimulationTruth/sites``.
    public var site: Int
    public var cancerType: SimulatedCancerType
    public var programmes: LatentProgrammes
    /// TMB before sequencing noise, mut/Mb.
    public var tmb: Double
    public var msiHigh: Bool
    public var poleMutant: Bool
    public var stk11OrKeap1Mutant: Bool
    public var b2mOrJakLoss: Bool
    public var hlaLOH: Bool
    /// PD-L1 TPS before missingness, %.
    public var pdl1TPS: Double
    /// The centred biomarker score h̃(x) (log-odds scale; see ``TreatmentEffectSizes``).
    public var biomarkerScore: Double
    public var assignedArm: TreatmentArm
    /// P(arm | covariates) for each arm.
    public var propensity: ArmValues
    /// Log-odds of response under each arm.
    public var responseLogit: ArmValues
    /// Probability of objective response under each arm.
    public var responseProbability: ArmValues
    /// OS and PFS linear predictors η under each arm (log-hazard relative to the type's Weibull baseline).
    public var overallSurvivalPredictor: ArmValues
    public var progressionFreeSurvivalPredictor: ArmValues
    /// P(OS > 12 months) under each arm.
    public var overallSurvivalAt12Months: ArmValues
    /// Restricted mean OS to 24 months under each arm, months.
    public var overallSurvivalRMST24: ArmValues
    /// Uncensored death time and progression-or-death time under the assigned arm, months.
    public var deathTime: Double
    public var progressionTime: Double
    /// Censoring time (minimum of administrative and dropout), months.
    public var censoringTime: Double
    /// P(death observed before censoring | covariates, assigned arm).
    public var deathObservedProbability: Double

    /// p_arm − p_chemotherapy.
    public func responseEffect(_ arm: TreatmentArm) -> Double { responseProbability.contrast(arm) }
    /// P(OS > 12 | arm) − P(OS > 12 | chemotherapy).
    public func survivalAt12MonthsEffect(_ arm: TreatmentArm) -> Double { overallSurvivalAt12Months.contrast(arm) }
    /// RMST₂₄(arm) − RMST₂₄(chemotherapy), months.
    public func rmst24Effect(_ arm: TreatmentArm) -> Double { overallSurvivalRMST24.contrast(arm) }
    /// Response probability under the arm actually received.
    public var assignedResponseProbability: Double { responseProbability[assignedArm] }
}
