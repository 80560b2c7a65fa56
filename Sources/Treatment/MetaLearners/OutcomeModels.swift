/// How the X- and DR-learners fit their cross-fitted outcome regressions μₐ(x) = E[Y | x, A = a].
public enum OutcomeModels: String, Sendable, Hashable, Codable, CaseIterable {
    /// One model per arm and fold, fitted on that arm's patients outside the fold (the T-learner's μₐ). Each
    /// arm's surface is free of the others; a small arm gets a model fitted on few patients. The default.
    case perArm = "per-arm"
    /// One model per fold, μ(x, a), fitted on every patient outside the fold with the covariates plus one
    /// 0/1 indicator per non-reference arm (the S-learner's design), and evaluated at each arm: EconML's
    /// DRLearner fits its `model_regression` this way, on [X, T]. Arms borrow strength from each other (a small
    /// arm shares the covariate effects learned on the large ones), provided the learner finds the arm × covariate
    /// interactions — trees do, a main-effects linear model does not (its μ̂ₐ − μ̂ᵣ is then a constant, and the DR
    /// pseudo-outcomes alone carry the heterogeneity). One fit per fold instead of one per arm and fold.
    case pooled
}
