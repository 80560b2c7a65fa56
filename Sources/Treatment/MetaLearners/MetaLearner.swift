import Foundation
import Learning
import Statistics

/// The meta-learner families (Künzel, Sekhon, Bickel & Yu 2019, PNAS 116:4156; Kennedy 2023, Electron J
/// Stat 17:3008, arXiv:2004.14497), each extended to K ≥ 2 arms by contrasting every arm with the reference.
public enum MetaLearnerKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// One outcome model μ(x, a) on the covariates plus arm indicators; τₐ(x) = μ(x, a) − μ(x, r).
    case s = "S"
    /// One outcome model per arm, μₐ fitted on arm-a patients; τₐ(x) = μₐ(x) − μᵣ(x).
    case t = "T"
    /// Imputed effects Dᵢ = Yᵢ − μ̂ᵣ(xᵢ) (arm a) and μ̂ₐ(xᵢ) − Yᵢ (reference) regressed separately, then
    /// τₐ(x) = g(x) τ⁰ₐ(x) + (1 − g(x)) τ¹ₐ(x) with g = π̂ₐ / (π̂ₐ + π̂ᵣ) (Künzel et al. 2019, with cross-fitted μ̂).
    case x = "X"
    /// Doubly robust pseudo-outcomes φᵢ(a) = Γ̂ᵢ(a) − Γ̂ᵢ(r) regressed on x, with the AIPW scores
    /// Γ̂ᵢ(a) = μ̂ₐ(xᵢ) + 1{Aᵢ = a} (Yᵢ − μ̂ₐ(xᵢ)) / π̂ₐ(xᵢ) from cross-fitted nuisances (Kennedy 2023).
    case dr = "DR"
}

/// A meta-learner over any Learning estimators: ``outcomeEstimator`` for the outcome regressions μₐ (and, for
/// S/T with survival, for survival curves) and ``effectEstimator`` for the final stage of the X- and
/// DR-learners (a regression on the covariates).
///
/// **Outcomes.** Binary (risk difference: the outcome estimator must classify), continuous (mean difference:
/// it must regress), survival (``EffectEstimand/restrictedMeanSurvivalTime(horizon:)`` or
/// ``EffectEstimand/survivalProbability(at:)``): S and T use the fitted models' survival curves (the outcome
/// estimator must fit survival targets and give curves, e.g. ``Learning/GradientBoostedTrees``,
/// ``Learning/RandomSurvivalForest``, ``Learning/CoxProportionalHazards``); X and DR regress the IPCW-transformed
/// outcome Y* of ``CensoringTransform`` (E[Y* | x, a] is the arm's RMST or survival probability), so the outcome
/// estimator must regress.
///
/// **Cross-fitting** (X, DR): patients are split into ``folds`` seeded, arm- and outcome-stratified folds
/// (``CrossFitting/folds(_:count:seed:)``); μ̂ₐ and π̂ₐ for fold f come from models fitted on the other folds,
/// μ̂ₐ from one model per arm or one pooled model with arm indicators (``outcomeModels``).
/// Propensities are clipped to [``propensityClip``, 1] in the DR scores (Kennedy 2023, §4: bounded
/// propensities). The final stage is fitted on all patients.
///
/// **Standard errors** (X, DR): a bootstrap of the final stage with the nuisances held fixed — B =
/// ``standardErrorReplicates`` resamples (multinomial case weights, seeded) refit the final regression; the
/// SE of τ̂ₐ(x) is the standard deviation of the B predictions. It ignores the (second-order, under
/// cross-fitting) nuisance error and, above all, the final stage's smoothing bias, which no bootstrap
/// sees: on the simulated cohort (SimulatedEffectTests) nominal 95% per-patient intervals of the DR-learner
/// with boosted trees covered 65–74% of the true effects. Read them as relative uncertainty between
/// patients, not as calibrated intervals; the AIPW average and subgroup intervals are valid.
///
/// The fit returns a ``FittedMetaLearner`` (a Codable artifact predicting effects, SEs and, for S/T, per-arm
/// outcomes for new patients) and, for X and DR, the ``CrossFitResult`` with per-patient AIPW scores.
///
/// - Complexity: S: one outcome fit; T: K; X and DR: folds × K outcome fits (folds when ``outcomeModels`` is
///   pooled) + folds propensity fits + (K − 1) (or 2(K − 1) for X) × (1 + B) final-stage fits.
public struct MetaLearner<OutcomeEstimator: Estimator, EffectEstimator: Estimator>: Sendable, Hashable, Codable {
    public var kind: MetaLearnerKind
    public var estimand: EffectEstimand
    public var outcomeEstimator: OutcomeEstimator
    public var effectEstimator: EffectEstimator
    public var propensity: PropensityEstimator
    /// Cross-fitting folds for X and DR, 2…n. Default 5.
    public var folds: Int
    /// Per-arm or pooled outcome regressions for X and DR (``OutcomeModels``). Default ``OutcomeModels/perArm``.
    public var outcomeModels: OutcomeModels
    /// Lower bound on π̂ in the DR scores, in (0, 0.5). Default 0.01.
    public var propensityClip: Double
    /// Bootstrap replicates of the final stage for standard errors (X, DR), 0 (none) or ≥ 2. Default 50.
    public var standardErrorReplicates: Int
    /// Nuisance fits (propensity folds, fold × arm outcome models, bootstrap replicates) run concurrently, each
    /// single-threaded, ≥ 1. Default: the active core count. Does not change results. Concurrent single-threaded
    /// fits use the cores better than one multi-threaded fit at a time.
    public var concurrentFits: Int

    public init(kind: MetaLearnerKind, estimand: EffectEstimand, outcomeEstimator: OutcomeEstimator,
                effectEstimator: EffectEstimator, propensity: PropensityEstimator = PropensityEstimator(),
                folds: Int = 5, outcomeModels: OutcomeModels = .perArm, propensityClip: Double = 0.01,
                standardErrorReplicates: Int = 50, concurrentFits: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.kind = kind
        self.estimand = estimand
        self.outcomeEstimator = outcomeEstimator
        self.effectEstimator = effectEstimator
        self.propensity = propensity
        self.folds = folds
        self.outcomeModels = outcomeModels
        self.propensityClip = propensityClip
        self.standardErrorReplicates = standardErrorReplicates
        self.concurrentFits = concurrentFits
    }

    /// Checks every setting; throws ``TreatmentError/invalidParameter(name:value:fix:)`` (or the estimators'
    /// own ``Learning/EstimatorError``).
    public func validate() throws {
        try outcomeEstimator.validate()
        try effectEstimator.validate()
        try propensity.validate()
        guard folds >= 2 else {
            throw TreatmentError.invalidParameter(name: "folds", value: "\(folds)", fix: "use at least 2 cross-fitting folds, e.g. 5")
        }
        guard propensityClip > 0, propensityClip < 0.5 else {
            throw TreatmentError.invalidParameter(name: "propensityClip", value: "\(propensityClip)", fix: "use a bound in (0, 0.5), e.g. 0.01")
        }
        guard standardErrorReplicates == 0 || standardErrorReplicates >= 2 else {
            throw TreatmentError.invalidParameter(name: "standardErrorReplicates", value: "\(standardErrorReplicates)",
                                                  fix: "use 0 (no standard errors) or at least 2, e.g. 50")
        }
        guard concurrentFits >= 1 else {
            throw TreatmentError.invalidParameter(name: "concurrentFits", value: "\(concurrentFits)", fix: "use at least 1")
        }
        if kind == .x || kind == .dr, !EffectEstimator.supportedTasks.contains(.regression) {
            throw TreatmentError.invalidParameter(name: "effectEstimator", value: "\(EffectEstimator.self)",
                                                  fix: "the \(kind.rawValue)-learner's final stage is a regression: use an estimator that fits continuous targets")
        }
    }

    /// The task the outcome estimator is asked to fit.
    func outcomeTask(_ outcome: TreatmentOutcome) -> Task {
        switch outcome {
        case .binary: .binaryClassification
        case .continuous: .regression
        case .survival: (kind == .s || kind == .t) ? .survival : .regression
        }
    }

    /// Fits the learner.
    ///
    /// - Parameters:
    ///   - seed: seeds the folds, the estimators and the bootstrap; the same seed reproduces the fit.
    ///   - folds: an explicit fold per patient (overrides ``folds``), e.g. to match another implementation.
    /// - Throws: ``TreatmentError`` for bad data or settings; estimator errors from nuisance fits.
    public func fit(_ data: TreatmentData, seed: UInt64 = 0,
                    folds given: [Int]? = nil) throws -> MetaLearnerFit<OutcomeEstimator.Model, EffectEstimator.Model> {
        try validate()
        try data.validate()
        try estimand.check(data.outcome)
        let task = outcomeTask(data.outcome)
        guard OutcomeEstimator.supportedTasks.contains(task) else {
            throw TreatmentError.invalidParameter(name: "outcomeEstimator", value: "\(OutcomeEstimator.self)",
                                                  fix: "the \(kind.rawValue)-learner needs an estimator that fits \(task.rawValue) targets here")
        }
        var messages: [String] = []
        switch kind {
        case .s, .t:
            let model = try fitDirect(data, seed: seed, messages: &messages)
            return MetaLearnerFit(model: model, crossFit: nil, messages: messages)
        case .x, .dr:
            let foldOf = try given ?? CrossFitting.folds(data, count: folds, seed: seed)
            try CrossFitting.check(foldOf, data)
            return try fitCrossFitted(data, folds: foldOf, seed: seed, messages: &messages)
        }
    }

    // MARK: S and T

    private func fitDirect(_ data: TreatmentData, seed: UInt64,
                           messages: inout [String]) throws -> FittedMetaLearner<OutcomeEstimator.Model, EffectEstimator.Model> {
        let target = data.outcome
        var models: [OutcomeEstimator.Model] = []
        if kind == .s {
            let x = FittedMetaLearner<OutcomeEstimator.Model, EffectEstimator.Model>.augment(
                data.covariates, arm: data.arm, armNames: data.armNames, referenceArm: data.referenceArm)
            var generator = Xoshiro256StarStar(seed: seed, stream: 0)
            let model = try outcomeEstimator.fit(Dataset(features: x, target: target, weights: data.weights), generator: &generator)
            messages += model.diagnostics.messages
            models = [model]
        } else {
            let binners = SharedBinners(features: data.covariates, weights: data.weights)
            let bins = try binners.binner(for: outcomeEstimator), codes = try binners.codes(for: outcomeEstimator)
            for a in 0..<data.armCount {
                let rows = data.patients(inArm: a)
                var generator = Xoshiro256StarStar(seed: seed, stream: UInt64(a))
                let sub = data.selectingPatients(rows)
                do {
                    let model = try outcomeEstimator.fit(Dataset(features: sub.covariates, target: sub.outcome,
                                                                 weights: sub.weights, binner: bins,
                                                                 binned: codes?.selectingRows(rows)), generator: &generator)
                    messages += model.diagnostics.messages.map { "outcome model, arm \(data.armNames[a]): \($0)" }
                    models.append(model)
                } catch {
                    throw TreatmentError.invalidData(field: "arm \"\(data.armNames[a])\"", expected: "data the outcome model can fit (\(error))")
                }
            }
        }
        return FittedMetaLearner(kind: kind, estimand: estimand, armNames: data.armNames, referenceArm: data.referenceArm,
                                 featureNames: data.covariates.names, timeGrid: Self.timeGrid(data, estimand),
                                 outcomeModels: models, effectModels: [], propensityModel: nil, messages: messages)
    }

    /// Grid for survival functionals from curves: 0, the distinct event times in (0, τ), and τ (RMST);
    /// or [t] (survival probability).
    static func timeGrid(_ data: TreatmentData, _ estimand: EffectEstimand) -> [Double] {
        guard case .survival(let time, let event) = data.outcome else { return [] }
        switch estimand {
        case .restrictedMeanSurvivalTime(let tau):
            let events = Set(zip(time, event).filter { $0.1 && $0.0 > 0 && $0.0 < tau }.map(\.0)).sorted()
            return [0] + events + [tau]
        case .survivalProbability(let t): return [t]
        default: return []
        }
    }

    // MARK: X and DR

    private func fitCrossFitted(_ data: TreatmentData, folds foldOf: [Int], seed: UInt64,
                                messages: inout [String]) throws -> MetaLearnerFit<OutcomeEstimator.Model, EffectEstimator.Model> {
        let n = data.patientCount, k = data.armCount, r = data.referenceArm
        // The outcome the nuisances regress: Y, or the IPCW-transformed Y* for survival.
        let y: [Double]
        let nuisanceTarget: @Sendable ([Double]) -> Target
        switch data.outcome {
        case .binary(let v): y = v; nuisanceTarget = { .binary($0) }
        case .continuous(let v): y = v; nuisanceTarget = { .continuous($0) }
        case .survival(let time, let event):
            let transformed = try CensoringTransform.transform(time: time, event: event, arm: data.arm, armCount: k,
                                                               estimand: estimand)
            y = transformed.values
            nuisanceTarget = { .continuous($0) }
            if transformed.floored > 0 {
                messages.append("\(transformed.floored) patients had a censoring survival below \(CensoringTransform.minimumCensoringSurvival) at their time; their IPCW weights were capped")
            }
        }
        // Cross-fitted outcome regressions μ̂ₐ (out of fold): one fit per (fold, arm), or per fold when pooled (on
        // the covariates plus arm indicators), run concurrently.
        var mu = [[Double]](repeating: [Double](repeating: .nan, count: n), count: k)
        let foldIDs = Set(foldOf).sorted()
        let outcomeEstimator = self.outcomeEstimator
        let weights = data.weights
        let armNames = data.armNames
        typealias Fitted = FittedMetaLearner<OutcomeEstimator.Model, EffectEstimator.Model>
        let pooledFeatures = outcomeModels == .pooled
            ? Fitted.augment(data.covariates, arm: data.arm, armNames: armNames, referenceArm: r) : nil
        // Tree learners bin the cohort once for every fold, arm and the final stage (the pooled design adds
        // its arm indicators' bins).
        let binners = SharedBinners(features: data.covariates, weights: weights)
        let outcomeBinners = pooledFeatures.map { SharedBinners(features: $0, weights: weights, sharing: binners) } ?? binners
        let outcomeBins = try outcomeBinners.binner(for: outcomeEstimator)
        let outcomeCodes = try outcomeBinners.codes(for: outcomeEstimator)
        let effectBins = try binners.binner(for: effectEstimator), effectCodes = try binners.codes(for: effectEstimator)
        // (fold index, fold, arm; nil: pooled over the arms).
        let jobs: [(Int, Int, Int?)] = pooledFeatures == nil
            ? foldIDs.enumerated().flatMap { fIndex, f in (0..<k).map { (fIndex, f, $0) } }
            : foldIDs.enumerated().map { ($0, $1, nil) }
        // The propensity fold fits share the pool; they are the largest jobs, so they go first.
        let propensityPlan = try propensity.crossFitPlan(data, folds: foldOf, seed: seed &+ 7, binners: binners)
        let p = propensityPlan.jobCount
        let results = ConcurrentFits.results(p + jobs.count, threads: concurrentFits) { j -> NuisanceFit in
            if j < p { return .propensity(try propensityPlan.run(j)) }
            let (fIndex, f, arm) = jobs[j - p]
            let test = (0..<n).filter { foldOf[$0] == f }
            let rows = (0..<n).filter { foldOf[$0] != f && (arm == nil || data.arm[$0] == arm) }
            let label = arm.map { "arm \"\(armNames[$0])\" in fold \(f)" } ?? "fold \(f)"
            guard !rows.isEmpty else {
                let whose = arm.map { "patients of arm \"\(armNames[$0])\"" } ?? "patients"
                throw TreatmentError.invalidData(field: "fold \(f)", expected: "\(whose) outside the fold; use fewer folds")
            }
            var generator = Xoshiro256StarStar(seed: seed, stream: UInt64(1_000 + fIndex * k + (arm ?? 0)))
            let model: OutcomeEstimator.Model
            do {
                model = try outcomeEstimator.fit(
                    Dataset(features: (pooledFeatures ?? data.covariates).selectingRows(rows),
                            target: nuisanceTarget(rows.map { y[$0] }), weights: weights.map { w in rows.map { w[$0] } },
                            binner: outcomeBins, binned: outcomeCodes?.selectingRows(rows)), generator: &generator)
            } catch {
                throw TreatmentError.invalidData(field: label, expected: "data the outcome model can fit (\(error))")
            }
            let name = arm.map { "outcome model, arm \(armNames[$0]), fold \(f)" } ?? "pooled outcome model, fold \(f)"
            let messages = model.diagnostics.messages.map { "\(name): \($0)" }
            let x = data.covariates.selectingRows(test)
            if let arm { return .outcome(test: test, arms: [arm], values: [try model.predict(x)], messages: messages) }
            let values = try (0..<k).map { a in
                try model.predict(Fitted.augment(x, arm: Array(repeating: a, count: test.count), armNames: armNames,
                                                 referenceArm: r))
            }
            return .outcome(test: test, arms: Array(0..<k), values: values, messages: messages)
        }
        // Outcome-model errors are reported before propensity ones.
        for result in results[p...] + results[..<p] { _ = try result.get() }
        for result in results[p...] {
            guard case .outcome(let test, let arms, let values, let outcomeMessages) = try result.get() else { continue }
            for (a, armValues) in zip(arms, values) {
                for (q, i) in test.enumerated() { mu[a][i] = armValues[q] }
            }
            messages += outcomeMessages
        }
        let scores = propensityPlan.assemble(try results[..<p].map {
            guard case .propensity(let fold) = try $0.get() else { preconditionFailure("propensity job") }
            return fold
        })
        messages += scores.messages
        let crossFit = CrossFitResult(estimand: estimand, armNames: data.armNames, referenceArm: r, arm: data.arm,
                                      outcome: y, observedOutcome: data.outcome, weights: data.weights, folds: foldOf,
                                      propensities: scores.probabilities, propensityClip: propensityClip,
                                      outcomePredictions: mu)

        var effectModels: [ArmEffectModels<EffectEstimator.Model>] = []
        var propensityModel: PropensityModel?
        for a in data.comparisonArms {
            if kind == .dr {
                let phi = (0..<n).map { crossFit.scores[a][$0] - crossFit.scores[r][$0] }
                let (primary, replicates) = try fitFinal(data.covariates, phi, weights: data.weights,
                                                         bins: (effectBins, effectCodes),
                                                         seed: seed, stream: UInt64(10_000 + a * 2))
                messages += primary.diagnostics.messages.map { "final stage, arm \(data.armNames[a]): \($0)" }
                effectModels.append(ArmEffectModels(arm: a, treated: primary, treatedReplicates: replicates))
            } else {
                let treated = data.patients(inArm: a), control = data.patients(inArm: r)
                let d1 = treated.map { y[$0] - mu[r][$0] }
                let d0 = control.map { mu[a][$0] - y[$0] }
                let (m1, rep1) = try fitFinal(data.covariates.selectingRows(treated), d1,
                                              weights: data.weights.map { w in treated.map { w[$0] } },
                                              bins: (effectBins, effectCodes?.selectingRows(treated)),
                                              seed: seed, stream: UInt64(10_000 + a * 2))
                let (m0, rep0) = try fitFinal(data.covariates.selectingRows(control), d0,
                                              weights: data.weights.map { w in control.map { w[$0] } },
                                              bins: (effectBins, effectCodes?.selectingRows(control)),
                                              seed: seed, stream: UInt64(10_001 + a * 2))
                effectModels.append(ArmEffectModels(arm: a, treated: m1, treatedReplicates: rep1, control: m0,
                                                    controlReplicates: rep0))
            }
        }
        if kind == .x {
            let model = try propensity.fit(data, seed: seed &+ 11, bins: propensityPlan.bins)
            messages += model.diagnostics.messages.map { "propensity model: \($0)" }
            propensityModel = model
        }
        let fitted = FittedMetaLearner<OutcomeEstimator.Model, EffectEstimator.Model>(
            kind: kind, estimand: estimand, armNames: data.armNames, referenceArm: r, featureNames: data.covariates.names,
            timeGrid: [], outcomeModels: [], effectModels: effectModels, propensityModel: propensityModel, messages: messages)
        return MetaLearnerFit(model: fitted, crossFit: crossFit, messages: messages)
    }

    /// The final regression of `values` on `features`, and its bootstrap replicates (`bins`: shared bins and
    /// the features' codes, for ``Learning/Dataset/binner`` and ``Learning/Dataset/binned``).
    private func fitFinal(_ features: FeatureMatrix, _ values: [Double], weights: [Double]?,
                          bins: (binner: FeatureBinner?, codes: BinnedFeatures?),
                          seed: UInt64, stream: UInt64) throws -> (EffectEstimator.Model, [EffectEstimator.Model]) {
        var generator = Xoshiro256StarStar(seed: seed, stream: stream)
        let data = Dataset(features: features, target: .continuous(values), weights: weights, binner: bins.binner,
                           binned: bins.codes)
        let primary = try effectEstimator.fit(data, generator: &generator)
        let m = features.rowCount
        let effectEstimator = self.effectEstimator
        let replicates = try ConcurrentFits.map(standardErrorReplicates, threads: concurrentFits) { b -> EffectEstimator.Model in
            var draw = Xoshiro256StarStar(seed: seed, stream: stream &* 1_000 &+ UInt64(b) &+ 1)
            var counts = [Double](repeating: 0, count: m)
            for _ in 0..<m { counts[Int(draw.next() % UInt64(m))] += 1 }
            if let weights { for i in 0..<m { counts[i] *= weights[i] } }
            return try effectEstimator.fit(Dataset(features: features, target: .continuous(values), weights: counts,
                                                   binner: bins.binner, binned: bins.codes), generator: &draw)
        }
        return (primary, replicates)
    }
}

extension MetaLearner where EffectEstimator == LeastSquaresRegression {
    /// An S- or T-learner (no final stage; the effect estimator is an unused placeholder).
    public init(kind: MetaLearnerKind, estimand: EffectEstimand, outcomeEstimator: OutcomeEstimator) {
        self.init(kind: kind, estimand: estimand, outcomeEstimator: outcomeEstimator, effectEstimator: LeastSquaresRegression())
    }
}

/// The result of one cross-fitting job of ``MetaLearner``: a propensity fold, or an outcome model's (fold × arm,
/// or pooled fold's) predictions `values[q]` for arm `arms[q]` on the fold's patients `test`.
private enum NuisanceFit: Sendable {
    case propensity(PropensityCrossFit.FoldResult)
    case outcome(test: [Int], arms: [Int], values: [[Double]], messages: [String])
}

/// What ``MetaLearner/fit(_:seed:folds:)`` returns.
public struct MetaLearnerFit<OutcomeModel: FittedModel, EffectModel: FittedModel>: Sendable, Codable {
    /// The fitted effect model, for new patients.
    public var model: FittedMetaLearner<OutcomeModel, EffectModel>
    /// X and DR: cross-fitted nuisances and per-patient AIPW scores (nil for S and T).
    public var crossFit: CrossFitResult?
    /// Non-fatal trouble from every stage.
    public var messages: [String]
}
