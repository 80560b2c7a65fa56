/// How a gene signature is turned into one number per sample.
///
/// Methods marked *single-sample* give a patient a score that depends on that patient's profile only;
/// the others (``zScore`` with cohort statistics, ``firstPrincipalComponent``, ``correlation``,
/// ``overallExpression``) depend on
/// the rest of the cohort, and say so in their documentation.
///
/// Default minimum coverage (fraction of a signature's genes found in the data, after alias
/// harmonisation) below which scoring is refused: 0.8 for ``weightedSum`` and ``rankPairs`` (a published
/// weighted model or pair rule is a fixed formula: dropping a fifth of it changes the model), 0.5 for the
/// rank- and average-based methods (they degrade gracefully). See ``defaultMinimumCoverage``.
public enum ScoringMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// Single-sample GSEA (Barbie et al. 2009), as GSVA `method = "ssgsea"`; single-sample unless
    /// cohort normalisation is asked for. See ``SSGSEA``.
    case ssgsea
    /// singscore (Foroutan et al. 2018), single-sample. See ``Singscore``.
    case singscore
    /// Mean of per-gene z-scores; z relative to the cohort (cohort-dependent) or to a stored reference.
    /// See ``ZScoreScoring``.
    case zScore = "zscore"
    /// Mean of log-scale expression (= log of the geometric mean of linear expression), single-sample:
    /// CYT, the Ayers IFN-γ and expanded immune signatures, MCP-counter. See ``MeanExpressionScoring``.
    case mean
    /// Weighted sum with published weights, optionally after housekeeping normalisation (T-cell-inflamed
    /// GEP), single-sample. See ``WeightedSumScoring``.
    case weightedSum = "weighted"
    /// First principal component of the cohort's standardised signature genes (cohort-dependent).
    /// See ``PrincipalComponentScoring``.
    case firstPrincipalComponent = "pc1"
    /// Count of gene pairs with gene A above gene B (IMPRES), single-sample. See ``RankPairScoring``.
    case rankPairs = "pairs"
    /// Pearson correlation of the cohort-centred profile with a weight vector (TIDE), cohort-dependent.
    /// See ``CorrelationScoring``.
    case correlation
    /// Overall expression relative to expression-matched control genes (Jerby-Arnon 2018's immune
    /// resistance programme), cohort-dependent. See ``OverallExpressionScoring``.
    case overallExpression = "oe"

    /// The minimum coverage below which a signature is refused (see the type's documentation).
    public var defaultMinimumCoverage: Double {
        switch self {
        case .weightedSum, .rankPairs: 0.8
        case .ssgsea, .singscore, .zScore, .mean, .firstPrincipalComponent, .correlation, .overallExpression: 0.5
        }
    }

    /// Whether a patient's score depends only on that patient's own profile.
    public var isSingleSample: Bool {
        switch self {
        case .ssgsea, .singscore, .mean, .weightedSum, .rankPairs: true
        case .zScore, .firstPrincipalComponent, .correlation, .overallExpression: false
        }
    }
}
