/// Treatment strategy: heterogeneous treatment effects with several arms.
///
/// - Data: ``TreatmentData`` — covariates, the arm each patient received, the outcome (binary response,
///   survival, or a continuous value) and optional case weights; built from a ``CohortData/Cohort`` or by
///   pooling cohorts with one arm each.
/// - Propensity and overlap: ``PropensityEstimator`` (multinomial ridge logistic regression, or boosted
///   trees), cross-fitted ``PropensityScores``, ``OverlapDiagnostics``, ``PropensityWeights`` (stabilised,
///   truncated) and ``PropensityTrimming`` (fixed threshold, Crump et al. 2009).
/// - Balance and weighting: ``BalanceTable`` (standardised mean differences before/after weighting),
///   ``WeightedKaplanMeier`` and ``WeightedCoxHazardRatio`` (IPW marginal hazard ratios, robust SEs).
/// - Meta-learners: ``MetaLearner`` (S-, T-, X- and DR-learners over any Learning ``Learning/Estimator``),
///   fitted as ``FittedMetaLearner`` (a Codable artifact) together with ``CrossFitResult`` (per-patient DR
///   scores Γ̂ᵢ(a), propensities, observed arms and outcomes) for policy evaluation.
/// - Assessment: ``EffectAccuracy`` (PEHE, bias, interval coverage against known individual effects).
///
/// Regimen recommendation, off-policy evaluation and uplift live in `Policy/` and `Uplift/`.
public enum TreatmentModule {}
