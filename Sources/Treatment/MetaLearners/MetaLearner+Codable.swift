extension MetaLearner {
    enum CodingKeys: String, CodingKey {
        case kind, estimand, outcomeEstimator, effectEstimator, propensity, folds, outcomeModels, propensityClip,
             standardErrorReplicates, concurrentFits
    }

    /// Decodes a configuration; one saved before ``outcomeModels`` existed gets ``OutcomeModels/perArm``, which
    /// it used.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(kind: try c.decode(MetaLearnerKind.self, forKey: .kind),
                  estimand: try c.decode(EffectEstimand.self, forKey: .estimand),
                  outcomeEstimator: try c.decode(OutcomeEstimator.self, forKey: .outcomeEstimator),
                  effectEstimator: try c.decode(EffectEstimator.self, forKey: .effectEstimator),
                  propensity: try c.decode(PropensityEstimator.self, forKey: .propensity),
                  folds: try c.decode(Int.self, forKey: .folds),
                  outcomeModels: try c.decodeIfPresent(OutcomeModels.self, forKey: .outcomeModels) ?? .perArm,
                  propensityClip: try c.decode(Double.self, forKey: .propensityClip),
                  standardErrorReplicates: try c.decode(Int.self, forKey: .standardErrorReplicates),
                  concurrentFits: try c.decode(Int.self, forKey: .concurrentFits))
    }
}
