/// Treatment strategy: heterogeneous treatment effects (meta-learners for binary and survival outcomes with
/// several arms), propensity and overlap diagnostics, inverse-probability weighting, effect evaluation, regimen
/// recommendation with abstention and off-policy evaluation.
public enum TreatmentModule {}
