import ArgumentParser
import Foundation
import ImmunoKit
import Treatment

struct EffectsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "effects",
        abstract: "Heterogeneous treatment effects: meta-learner effects, overlap, balance, IPW survival, uplift/RATE and policy values.",
        discussion: """
            Estimates each patient's effect of every arm against the reference arm with an S-, T-, X- or
            DR-learner (cross-fitted nuisances, propensity by multinomial logistic regression), then checks
            it: propensity overlap and covariate balance before/after inverse-probability weighting, IPW
            Kaplan–Meier summaries (survival), uplift/Qini curves and the RATE (AUTOC and Qini, half-sample
            bootstrap) of out-of-fold effect predictions against AIPW scores, and the off-policy value of the
            recommend-with-abstention policy against current practice and treat-all with each arm.

            Outcome: response (risk difference in response probability) or os/pfs (difference in restricted
            mean survival time to --horizon, in the outcome's unit, default 24 months). Arms come from a
            clinical column (--treatment COLUMN), the treatment table (--treatment drug-class), or from
            pooling cohorts that each received one arm (--arm NAME=PATH, repeated; the last one is the
            reference unless --reference is given).

            Writes to --out: effects.tsv (per patient: arm, the outcome the scores use — the 0/1 response,
            or for os/pfs the IPCW-transformed outcome whose mean is the RMST — fitted and out-of-fold effects
            with SEs, cross-fitted propensities, AIPW scores, the recommendation and its reason), overlap.tsv, balance.tsv, survival.tsv (IPW
            Kaplan–Meier, survival outcomes), uplift.tsv, rate.tsv, policy_values.tsv, effect_model.json
            (for `immunokit recommend`) summary.json and report.html (the plots: effects, overlap, balance, IPW survival curves,
            TOC curves, policy values). Nothing is written unless everything succeeds.

            Examples:
              immunokit effects synthetic --treatment drug-class --outcome response --reference chemotherapy \\
                  --features tmb,pdl1_tps,ecog,albumin,nlr,cancer_type --out effects_synthetic
              immunokit effects --arm ICI=Chowell_train.csv --arm nonICI=MSK_nonICB.csv --outcome os \\
                  --horizon 24 --features TMB,Albumin,NLR,Age,CancerType --learner dr --out msk_effects --json
            """
    )

    @Argument(help: "A cohort folder or table (omit when pooling cohorts with --arm).")
    var cohort: String?

    @Option(help: "The arm: a categorical clinical column, or drug-class for the treatment table.")
    var treatment: String?

    @Option(name: .customLong("arm"), help: "Pool cohorts as arms, NAME=PATH (repeat; at least two).")
    var pooledArms: [String] = []

    @Option(help: "Outcome: response, os or pfs.")
    var outcome: String = "response"

    @Option(help: "Meta-learner: dr, x, t or s (default dr).")
    var learner: String = "dr"

    @Option(help: "Outcome and effect models: gbdt (boosted trees) or linear (alias logistic: logistic / Cox / least squares). Default gbdt.")
    var model: String = "gbdt"

    var family: EffectModelFamily? { model == "logistic" ? .linear : EffectModelFamily(rawValue: model) }

    @Option(help: "Cross-fitted outcome regressions (of X and DR, and of the DR evaluation of S and T): per-arm (one model per arm and fold) or pooled (one model per fold on the covariates and arm indicators, as EconML's DRLearner; arms borrow strength). Default per-arm.")
    var outcomeModels: String = "per-arm"

    @Option(help: "The reference arm (default: chemotherapy if present, else the first arm in sorted order; the last --arm when pooling).")
    var reference: String?

    @Option(help: "Comma-separated arms to keep (default: every arm with patients).")
    var arms: String?

    @Option(help: "Survival horizon for the RMST, in the outcome's time unit (default 24).")
    var horizon: Double = 24

    @Option(help: "Comma-separated covariates (default: every clinical column except the arm; shared columns when pooling).")
    var features: String?

    @Option(help: "Cross-fitting folds (default 5).")
    var folds: Int = 5

    @Option(help: "Bootstrap replicates for effect standard errors (X and DR; default 20).")
    var seReplicates: Int = 20

    @Option(help: "Bootstrap replicates for the RATE standard error (default 200).")
    var rateReplicates: Int = 200

    @Option(help: "Margin of the recommend-with-abstention policy, on the outcome scale (0.02 = 2 points; default 0).")
    var margin: Double = 0

    @Option(help: "Random seed (default 42).")
    var seed: UInt64 = 42

    @Option(help: "The output folder.")
    var out: String

    @Flag(help: "Replace the output folder if it exists.")
    var overwrite = false

    @Flag(help: "Print the summary as JSON.")
    var json = false

    @Flag(help: "Include offending values in error messages (hidden by default: they may be patient data).")
    var showValues = false

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        guard ["response", "os", "pfs"].contains(outcome) else {
            throw ValidationError("--outcome \"\(outcome)\" is not one of response, os, pfs")
        }
        guard MetaLearnerKind(rawValue: learner.uppercased()) != nil else {
            throw ValidationError("--learner \"\(learner)\" is not one of dr, x, t, s")
        }
        guard family != nil else {
            throw ValidationError("--model \"\(model)\" is not one of gbdt, linear (logistic)")
        }
        guard OutcomeModels(rawValue: outcomeModels) != nil else {
            throw ValidationError("--outcome-models \"\(outcomeModels)\" is not one of per-arm, pooled")
        }
        guard (cohort == nil) != pooledArms.isEmpty else {
            throw ValidationError("give either a cohort (with --treatment) or at least two --arm NAME=PATH, not both")
        }
        if cohort != nil, treatment == nil {
            throw ValidationError("--treatment is required with a cohort: a clinical column or drug-class")
        }
        if !pooledArms.isEmpty {
            guard pooledArms.count >= 2 else { throw ValidationError("--arm: give at least two cohorts to pool") }
            for spec in pooledArms where spec.split(separator: "=", maxSplits: 1).count != 2 {
                throw ValidationError("--arm expects NAME=PATH, not \"\(spec)\"")
            }
        }
        guard horizon > 0, horizon.isFinite else { throw ValidationError("--horizon must be a positive number of time units") }
        guard folds >= 2 else { throw ValidationError("--folds must be at least 2") }
        guard seReplicates == 0 || seReplicates >= 2 else { throw ValidationError("--se-replicates must be 0 or at least 2") }
        guard rateReplicates >= 2 else { throw ValidationError("--rate-replicates must be at least 2") }
        guard margin.isFinite else { throw ValidationError("--margin must be a finite number") }
    }

    func run() throws {
        outputOptions.apply()
        try reportingErrors(showValues: showValues) {
            let destination = URL(fileURLWithPath: out)
            if FileManager.default.fileExists(atPath: destination.path), !overwrite {
                throw UsageError(message: "output folder \(out) exists; choose another or pass --overwrite")
            }
            let data = try treatmentData()
            Terminal.progress("\(data.patientCount) patients, arms \(data.armNames.joined(separator: ", ")) (reference \(data.armNames[data.referenceArm]))")
            let kind = MetaLearnerKind(rawValue: learner.uppercased())!
            let run = try EffectsAnalysis.fit(data: data, kind: kind, family: family!, estimand: estimand, folds: folds,
                                              outcomeModels: OutcomeModels(rawValue: outcomeModels)!,
                                              seReplicates: seReplicates, seed: seed)
            run.messages.forEach(Terminal.warning)
            let report = try EffectsAnalysis.evaluate(run, margin: margin, rateReplicates: rateReplicates, seed: seed,
                                                      outcomeName: outcomeName, scale: scale, horizon: horizon)
            report.warnings.forEach(Terminal.warning)
            if !pooledArms.isEmpty {
                Terminal.warning("pooled cohorts: each arm is a different cohort, so anything not among the covariates (line of therapy, treatment era, selection into treatment, when sequencing happened relative to treatment start) is confounded with the arm")
            }
            try AtomicFile.writeDirectory(at: destination) { folder in
                for (name, table) in report.tables { try table.writeTSV(to: folder.appendingPathComponent(name)) }
                try AtomicFile.write(try run.modelFile.jsonData(), to: folder.appendingPathComponent("effect_model.json"))
                try AtomicFile.write(try report.summaryJSON(), to: folder.appendingPathComponent("summary.json"))
                try AtomicFile.write(report.page.html(), to: folder.appendingPathComponent("report.html"))
            }
            Terminal.progress("wrote \(out)")
            if json {
                Terminal.output(String(decoding: try report.summaryJSON(), as: UTF8.self) + "\n")
            } else {
                Terminal.output(report.text)
            }
        }
    }

    var estimand: EffectEstimand {
        outcome == "response" ? .riskDifference : .restrictedMeanSurvivalTime(horizon: horizon)
    }

    var scale: BenefitScale { outcome == "response" ? .probability : .time(unit: "months") }

    var outcomeName: String {
        outcome == "response" ? "response probability" : "\(outcome.uppercased()) RMST to \(String(format: "%g", horizon))"
    }

    /// The arms, covariates and outcome, from one cohort or pooled cohorts.
    func treatmentData() throws -> TreatmentData {
        let learningOutcome = Cohort.LearningOutcome(rawValue: outcome)!
        let keep = arms.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        func read(_ path: String) throws -> Cohort {
            guard FileManager.default.fileExists(atPath: path) else { throw UsageError(message: "input not found: \(path)") }
            Terminal.progress("reading \(path)")
            return try CohortReader.read(URL(fileURLWithPath: path))
        }
        func featureList(_ available: [String]) -> [String] {
            if let features { return features.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            return available
        }
        if !pooledArms.isEmpty {
            var cohorts: [(cohort: Cohort, arm: String)] = []
            for spec in pooledArms {
                let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
                cohorts.append((try read(parts[1]), parts[0]))
            }
            let names = cohorts.map(\.arm)
            guard Set(names).count == names.count else { throw UsageError(message: "--arm: each arm name must be used once") }
            let ref = reference ?? names.last!
            guard names.contains(ref) else {
                throw UsageError(message: "--reference \"\(ref)\" is not one of the pooled arms (\(names.joined(separator: ", ")))")
            }
            var shared = cohorts[0].cohort.clinical.map(\.name)
            for c in cohorts.dropFirst() { shared = shared.filter { name in c.cohort.column(name) != nil } }
            return try TreatmentData.pooling(cohorts, reference: ref, covariates: featureList(shared), outcome: learningOutcome)
        }
        let source = try read(cohort!)
        let armSource: TreatmentData.ArmSource = treatment == "drug-class" ? .drugClass : .clinicalColumn(treatment!)
        let labels: [String]
        if treatment == "drug-class" {
            labels = source.treatment.drugClass.compactMap { $0?.rawValue }
        } else {
            guard let column = source.column(treatment!) else {
                throw UsageError(message: "--treatment: the cohort has no column \"\(treatment!)\"; use a clinical column or drug-class")
            }
            labels = source.patientIDs.indices.compactMap { column.text(at: $0) }
        }
        let present = Array(Set(labels)).sorted()
        let armNames = keep ?? present
        for name in armNames where !present.contains(name) {
            throw UsageError(message: "--arms: unknown arm \"\(name)\"; the cohort has \(present.joined(separator: ", "))")
        }
        guard armNames.count >= 2 else {
            throw UsageError(message: "--treatment: need at least two arms with patients, found \(armNames.joined(separator: ", "))")
        }
        let ref = reference ?? (armNames.contains("chemotherapy") ? "chemotherapy" : armNames[0])
        guard armNames.contains(ref) else {
            throw UsageError(message: "--reference: unknown arm \"\(ref)\"; the arms are \(armNames.joined(separator: ", "))")
        }
        let available = source.clinical.map(\.name).filter { $0 != treatment }
        return try TreatmentData.from(source, arm: armSource, armNames: armNames, reference: ref,
                                      covariates: featureList(available), outcome: learningOutcome)
    }
}

/// The outcome and effect model families of `effects --model`.
enum EffectModelFamily: String, Codable {
    case gbdt, linear
}

/// The saved effect model: the fitted meta-learner with the tag of its concrete model types, so that
/// `immunokit recommend` can load it.
struct EffectModelFile: Codable {
    static let formatName = "immunokit-effect-model"
    var format = formatName
    var formatVersion = 1
    /// Outcome-model tag: gbdt, logistic, cox or least-squares (the effect model is gbdt for gbdt, else least-squares).
    var outcomeModel: String
    var outcome: String
    var learner: String
    var armNames: [String]
    var referenceArm: String
    var featureNames: [String]
    /// Standard errors of the effects were bootstrapped (X, DR) — otherwise recommendations use SE 0.
    var hasStandardErrors: Bool
    /// The FittedMetaLearner JSON.
    var model: Data

    func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dataEncodingStrategy = .base64
        return try encoder.encode(self)
    }

    static func load(_ url: URL) throws -> EffectModelFile {
        guard FileManager.default.fileExists(atPath: url.path) else { throw UsageError(message: "effect model not found: \(url.path)") }
        let file: EffectModelFile
        do {
            file = try JSONDecoder().decode(EffectModelFile.self, from: Data(contentsOf: url))
        } catch {
            throw UsageError(message: "\(url.lastPathComponent) is not an effect model written by `immunokit effects`")
        }
        guard file.format == formatName, file.formatVersion == 1 else {
            throw UsageError(message: "\(url.lastPathComponent): unsupported effect model format \(file.format) v\(file.formatVersion)")
        }
        return file
    }

    /// Effect predictions for `covariates`, decoding the model with its concrete types.
    func predict(_ covariates: FeatureMatrix) throws -> EffectPredictions {
        typealias GBDT = Pipeline<GradientBoostedTrees>.Model
        typealias LSQ = Pipeline<LeastSquaresRegression>.Model
        switch outcomeModel {
        case "gbdt": return try FittedMetaLearner<GBDT, GBDT>(jsonData: model).predict(covariates)
        case "logistic": return try FittedMetaLearner<Pipeline<ElasticNetLogisticRegression>.Model, LSQ>(jsonData: model).predict(covariates)
        case "cox": return try FittedMetaLearner<Pipeline<CoxProportionalHazards>.Model, LSQ>(jsonData: model).predict(covariates)
        case "least-squares": return try FittedMetaLearner<LSQ, LSQ>(jsonData: model).predict(covariates)
        default: throw UsageError(message: "effect model: unknown outcome model \"\(outcomeModel)\"")
        }
    }
}

/// A fitted effect model with everything the checks need, its generic model types erased.
struct EffectsRun {
    var data: TreatmentData
    /// Cross-fitted nuisances and AIPW scores (from the learner itself for X/DR, from a DR fit for S/T).
    var crossFit: CrossFitResult
    /// The final model's predictions for the fitted patients (with SEs for X/DR).
    var predictions: EffectPredictions
    /// Effects of each patient from a model fitted without them, `[arm][patient]`: the honest priorities
    /// for RATE and the policy evaluated off-policy.
    var outOfFold: [[Double]]
    var modelFile: EffectModelFile
    /// The design of the cross-fitted outcome regressions behind the AIPW scores: the learner's own (X, DR)
    /// or the DR evaluation's (S, T), which ``EffectsAnalysis/fit`` builds with the same setting.
    var outcomeModels: OutcomeModels
    var messages: [String]
}

/// What `effects` writes and prints.
struct EffectsReport {
    var tables: [(String, DataTable)]
    var summary: EffectsSummary
    var text: String
    var warnings: [String]
    /// The HTML page (report.html).
    var page: HTMLReport
    /// The recommend-with-abstention policy on the out-of-fold effects (abstaining patients follow practice).
    var policy: PolicyAssignment

    func summaryJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(summary)
    }
}

/// The summary.json of `effects`.
struct EffectsSummary: Codable {
    struct Effect: Codable { var arm: String; var estimate: Double; var lower: Double; var upper: Double }
    struct Rate: Codable { var arm: String; var target: String; var estimate: Double; var standardError: Double; var lower: Double; var upper: Double; var pValue: Double }
    struct Value: Codable { var policy: String; var dr: Double; var drLower: Double; var drUpper: Double; var ipw: Double; var selfNormalizedIPW: Double }
    struct Difference: Codable { var baseline: String; var dr: Double; var lower: Double; var upper: Double; var pValue: Double }
    var patients: Int
    var arms: [String]
    var reference: String
    var learner: String
    /// "per-arm" or "pooled": the cross-fitted outcome regressions behind the AIPW scores (the DR evaluation's
    /// for S and T).
    var outcomeModels: String
    var outcome: String
    var armSizes: [Int]
    var averageEffectsDR: [Effect]
    var averageEffectsIPW: [Effect]
    var overlapExtremeShare: Double
    var overlapEffectiveSampleSize: [Double]
    var maximumAbsoluteSMDBefore: Double
    var maximumAbsoluteSMDAfter: Double
    var rate: [Rate]
    var policyValues: [Value]
    var recommendedVersus: [Difference]
    var recommendedShares: [Double]
    var abstentions: Int
    var messages: [String]
}

enum EffectsAnalysis {
    /// Fits the meta-learner of `kind` with the model family, the DR evaluator (for S/T) and the out-of-fold effects.
    static func fit(data: TreatmentData, kind: MetaLearnerKind, family: EffectModelFamily, estimand: EffectEstimand,
                    folds: Int, outcomeModels: OutcomeModels = .perArm, seReplicates: Int,
                    seed: UInt64) throws -> EffectsRun {
        var survival = false
        if case .survival = data.outcome { survival = true }
        let preprocessing = PreprocessingConfiguration()
        let lsq = Pipeline(preprocessing: preprocessing, model: LeastSquaresRegression(l2Penalty: 1e-3))
        func learner<O: Estimator, E: Estimator>(_ k: MetaLearnerKind, _ o: O, _ e: E, _ replicates: Int) -> MetaLearner<O, E> {
            MetaLearner(kind: k, estimand: estimand, outcomeEstimator: o, effectEstimator: e, folds: folds,
                        outcomeModels: outcomeModels, standardErrorReplicates: replicates)
        }
        switch family {
        case .gbdt:
            let trees = Pipeline(preprocessing: preprocessing,
                                 model: GradientBoostedTrees(iterations: 100, learningRate: 0.05, maxLeaves: 8, minSamplesLeaf: 20))
            return try run(learner(kind, trees, trees, seReplicates), evaluator: learner(.dr, trees, trees, 0), tag: "gbdt",
                           data: data, folds: folds, seed: seed)
        case .linear:
            if !survival {
                let logistic = Pipeline(preprocessing: preprocessing, model: ElasticNetLogisticRegression(alpha: 0, lambda: 0.01))
                return try run(learner(kind, logistic, lsq, seReplicates), evaluator: learner(.dr, logistic, lsq, 0),
                               tag: "logistic", data: data, folds: folds, seed: seed)
            }
            if kind == .s || kind == .t {
                let cox = Pipeline(preprocessing: preprocessing, model: CoxProportionalHazards())
                return try run(learner(kind, cox, lsq, seReplicates), evaluator: learner(.dr, lsq, lsq, 0), tag: "cox",
                               data: data, folds: folds, seed: seed)
            }
            return try run(learner(kind, lsq, lsq, seReplicates), evaluator: learner(.dr, lsq, lsq, 0), tag: "least-squares",
                           data: data, folds: folds, seed: seed)
        }
    }

    static func run<O: Estimator, E: Estimator, O2: Estimator, E2: Estimator>(
        _ learner: MetaLearner<O, E>, evaluator: MetaLearner<O2, E2>, tag: String, data: TreatmentData, folds: Int, seed: UInt64
    ) throws -> EffectsRun {
        let n = data.patientCount, k = data.armCount
        Terminal.progress("fitting the \(learner.kind.rawValue)-learner (\(tag))")
        let fitted = try learner.fit(data, seed: seed)
        var messages = fitted.messages
        let crossFit: CrossFitResult
        if let own = fitted.crossFit {
            crossFit = own
        } else {
            Terminal.progress("cross-fitting DR nuisances for the evaluation")
            let evaluation = try evaluator.fit(data, seed: seed)
            crossFit = evaluation.crossFit!
            messages += evaluation.messages.map { "evaluation: \($0)" }
        }
        let predictions = try fitted.model.predict(data.covariates)
        Terminal.progress("out-of-fold effects (\(folds) folds)")
        var quick = learner
        quick.standardErrorReplicates = 0
        let foldOf = try CrossFitting.folds(data, count: folds, seed: seed &+ 101)
        var outOfFold = [[Double]](repeating: [Double](repeating: .nan, count: n), count: k)
        for f in Set(foldOf).sorted() {
            let test = (0..<n).filter { foldOf[$0] == f }
            let train = (0..<n).filter { foldOf[$0] != f }
            let model = try quick.fit(data.selectingPatients(train), seed: seed &+ UInt64(f) &+ 1).model
            let p = try model.predict(data.covariates.selectingRows(test))
            for a in 0..<k { for (q, i) in test.enumerated() { outOfFold[a][i] = p.effects[a][q] } }
        }
        let file = EffectModelFile(outcomeModel: tag, outcome: "\(learner.estimand)", learner: learner.kind.rawValue,
                                   armNames: data.armNames, referenceArm: data.armNames[data.referenceArm],
                                   featureNames: data.covariates.names, hasStandardErrors: predictions.standardErrors != nil,
                                   model: try fitted.model.jsonData())
        return EffectsRun(data: data, crossFit: crossFit, predictions: predictions, outOfFold: outOfFold, modelFile: file,
                          outcomeModels: learner.outcomeModels, messages: messages)
    }

    /// Overlap, balance, IPW survival, uplift/RATE and policy values of a fitted run.
    static func evaluate(_ run: EffectsRun, margin: Double, rateReplicates: Int, seed: UInt64, outcomeName: String,
                         scale: BenefitScale, horizon: Double) throws -> EffectsReport {
        let data = run.data, cf = run.crossFit
        let n = data.patientCount, k = data.armCount, r = data.referenceArm
        let names = data.armNames
        let ids = data.patientIDs ?? (0..<n).map { "\($0 + 1)" }
        var warnings: [String] = []
        var tables: [(String, DataTable)] = []
        func f(_ x: Double) -> String { NumberFormatting.string(x) }

        // Overlap and balance.
        let scores = PropensityScores(armNames: names, referenceArm: r, arm: data.arm, probabilities: cf.propensities, folds: cf.folds)
        let overlap = try OverlapDiagnostics(scores)
        warnings += overlap.messages
        var overlapTable = DataTable(columns: ["propensity_arm", "received_arm", "n", "mean", "min", "q05", "q25", "median", "q75", "q95", "max"])
        for d in overlap.distributions {
            overlapTable.append([d.propensityArm, d.receivedArm, "\(d.count)", f(d.mean)] + d.quantiles.map(f))
        }
        tables.append(("overlap.tsv", overlapTable))
        let weights = try PropensityWeights(scores).weights
        let balance = try BalanceTable(data, weights: weights)
        var balanceTable = DataTable(columns: ["covariate", "arm", "reference", "mean_arm_ipw", "mean_reference_ipw", "smd_before", "smd_after",
                                               "variance_ratio_before", "variance_ratio_after", "imbalanced"])
        for row in balance.rows {
            balanceTable.append([row.covariate, row.arm, row.reference, f(row.meanArm), f(row.meanReference), f(row.smdBefore),
                                 row.smdAfter.map(f), f(row.varianceRatioBefore), row.varianceRatioAfter.map(f),
                                 row.imbalanced ? "yes" : "no"])
        }
        tables.append(("balance.tsv", balanceTable))

        // IPW survival.
        var survivalComparisons: [WeightedSurvivalComparison] = []
        if case .survival = data.outcome {
            var survivalTable = DataTable(columns: ["weighting", "arm", "time", "survival", "rmst_to_horizon", "rmst_difference"])
            for (label, w) in [("none", [Double](repeating: 1, count: n)), ("ipw", weights)] {
                let comparison = try WeightedSurvivalComparison(data, weights: w)
                survivalComparisons.append(comparison)
                let differences = comparison.restrictedMeanDifference(to: horizon)
                for a in 0..<k {
                    for t in Array(Set([6.0, 12.0, 24.0, horizon])).sorted() {
                        survivalTable.append([label, names[a], f(t), f(comparison.curves[a].survival(at: t)),
                                              f(comparison.curves[a].restrictedMean(to: horizon)), f(differences[a])])
                    }
                }
            }
            tables.append(("survival.tsv", survivalTable))
        }

        // Uplift and RATE of the out-of-fold effects against the AIPW contrast scores.
        var upliftTable = DataTable(columns: ["arm", "fraction", "uplift", "toc", "gain", "qini"])
        var rateTable = DataTable(columns: ["arm", "target", "estimate", "se", "lower", "upper", "p_value", "average_effect"])
        var rates: [EffectsSummary.Rate] = []
        var curves: [(arm: String, curve: UpliftCurve)] = []
        for a in data.comparisonArms {
            let contrast = (0..<n).map { cf.scores[a][$0] - cf.scores[r][$0] }
            let curve = try UpliftCurve(priorities: run.outOfFold[a], scores: contrast, weights: cf.weights)
            curves.append((names[a], curve))
            for p in curve.points {
                upliftTable.append([names[a], f(p.fraction), f(p.uplift), f(p.toc), f(p.gain), f(p.qini)])
            }
            for target in RankWeightedAverageTreatmentEffect.Target.allCases {
                let rate = try RankWeightedAverageTreatmentEffect(
                    priorities: run.outOfFold[a], scores: contrast, weights: cf.weights,
                    configuration: .init(target: target, replicates: rateReplicates, seed: seed))
                rateTable.append([names[a], target.rawValue, f(rate.estimate), f(rate.standardError), f(rate.lower), f(rate.upper),
                                  f(rate.pValue), f(rate.averageEffect)])
                rates.append(.init(arm: names[a], target: target.rawValue, estimate: rate.estimate, standardError: rate.standardError,
                                   lower: rate.lower, upper: rate.upper, pValue: rate.pValue))
                warnings += rate.diagnostics.map { "RATE \(names[a]): \($0)" }
            }
        }
        tables.append(("uplift.tsv", upliftTable))
        tables.append(("rate.tsv", rateTable))

        // The recommend-with-abstention policy on the out-of-fold effects, valued off-policy.
        let se = run.predictions.standardErrors
        let estimates = (0..<n).map { i in
            ArmEstimates(patientID: ids[i], reference: r, effects: (0..<k).map { run.outOfFold[$0][i] },
                         effectStandardErrors: (0..<k).map { se?[$0][i] ?? 0 })
        }
        let policy = RegimenPolicy(margin: margin, referenceArm: names[r], scale: scale, outcomeName: outcomeName)
        let recommendations = try policy.recommend(arms: names, patients: estimates)
        let assignment = try PolicyAssignment.recommendations(recommendations, arms: names, name: "recommended")
        let transpose = { (m: [[Double]]) in (0..<n).map { i in (0..<k).map { m[$0][i] } } }
        let evaluation = try OffPolicyEvaluation(armNames: names, outcome: cf.outcome, arm: cf.arm,
                                                 propensities: transpose(cf.propensities),
                                                 predictions: transpose(cf.outcomePredictions), propensityFloor: cf.propensityClip)
        let (values, comparisons) = try evaluation.valueTable(assignment)
        var valueTable = DataTable(columns: ["policy", "dr", "dr_se", "dr_lower", "dr_upper", "ipw", "ipw_se", "snipw", "snipw_se",
                                             "effective_sample_size", "recommended_minus_this_dr", "difference_lower",
                                             "difference_upper", "difference_p"])
        for (index, v) in values.enumerated() {
            let dr = v.doublyRobust!
            let comparison = index == 0 ? nil : comparisons[index - 1]
            valueTable.append([v.policy, f(dr.value), f(dr.standardError), f(dr.lower), f(dr.upper),
                               f(v.inverseProbabilityWeighted.value), f(v.inverseProbabilityWeighted.standardError),
                               f(v.selfNormalized.value), f(v.selfNormalized.standardError), f(v.effectiveSampleSize),
                               comparison.map { f($0.doublyRobust!.value) }, comparison.map { f($0.doublyRobust!.lower) },
                               comparison.map { f($0.doublyRobust!.upper) }, comparison.map { f($0.pValue) }])
            warnings += v.diagnostics
        }
        tables.append(("policy_values.tsv", valueTable))

        // Per patient.
        var columns = ["patient_id", "arm", "outcome"]
        columns += names.map { "effect_\($0)" } + names.map { "se_\($0)" } + names.map { "effect_oof_\($0)" }
        columns += names.map { "propensity_\($0)" } + names.map { "dr_score_\($0)" }
        columns += ["best_arm", "recommended", "policy_arm", "reason"]
        var perPatient = DataTable(columns: columns)
        for i in 0..<n {
            var row: [String?] = [ids[i], names[data.arm[i]], f(cf.outcome[i])]
            row += (0..<k).map { f(run.predictions.effects[$0][i]) }
            row += (0..<k).map { a in se.map { f($0[a][i]) } }
            row += (0..<k).map { f(run.outOfFold[$0][i]) }
            row += (0..<k).map { f(cf.propensities[$0][i]) }
            row += (0..<k).map { f(cf.scores[$0][i]) }
            let rec = recommendations[i]
            row += [rec.bestArm, rec.recommendedArm ?? "none", rec.recommendedArm ?? names[data.arm[i]], rec.reasons.first]
            perPatient.append(row)
        }
        tables.insert(("effects.tsv", perPatient), at: 0)

        let dr = cf.doublyRobustEffects(), ipw = cf.inverseProbabilityWeightedEffects()
        let abstentions = recommendations.filter { $0.abstained }.count
        let summary = EffectsSummary(
            patients: n, arms: names, reference: names[r], learner: run.modelFile.learner,
            outcomeModels: run.outcomeModels.rawValue, outcome: run.modelFile.outcome,
            armSizes: (0..<k).map { a in data.arm.filter { $0 == a }.count },
            averageEffectsDR: dr.map { .init(arm: $0.arm, estimate: $0.estimate, lower: $0.lower, upper: $0.upper) },
            averageEffectsIPW: ipw.map { .init(arm: $0.arm, estimate: $0.estimate, lower: $0.lower, upper: $0.upper) },
            overlapExtremeShare: overlap.extremeShare, overlapEffectiveSampleSize: overlap.effectiveSampleSize,
            maximumAbsoluteSMDBefore: balance.rows.map { abs($0.smdBefore) }.max() ?? .nan,
            maximumAbsoluteSMDAfter: balance.rows.compactMap { $0.smdAfter.map(abs) }.max() ?? .nan,
            rate: rates,
            policyValues: values.map { .init(policy: $0.policy, dr: $0.doublyRobust!.value, drLower: $0.doublyRobust!.lower,
                                             drUpper: $0.doublyRobust!.upper, ipw: $0.inverseProbabilityWeighted.value,
                                             selfNormalizedIPW: $0.selfNormalized.value) },
            recommendedVersus: comparisons.map { .init(baseline: $0.baseline, dr: $0.doublyRobust!.value, lower: $0.doublyRobust!.lower,
                                                       upper: $0.doublyRobust!.upper, pValue: $0.pValue) },
            recommendedShares: values[0].armShares, abstentions: abstentions, messages: run.messages + warnings)

        var text = "\(n) patients; arms \(names.joined(separator: ", ")) (reference \(names[r])); \(run.modelFile.learner)-learner\n"
        for e in dr {
            text += String(format: "  average effect %@ vs %@ (DR): %@ [%@, %@]\n", e.arm, names[r], scale.signedNumber(e.estimate),
                           scale.signedNumber(e.lower), scale.signedNumber(e.upper))
        }
        for rate in rates {
            text += String(format: "  RATE %@ %@: %.4g [%.4g, %.4g], p %.2g\n", rate.arm, rate.target, rate.estimate, rate.lower, rate.upper, rate.pValue)
        }
        for v in values {
            text += String(format: "  policy value %@: %.4g [%.4g, %.4g] (DR)\n", v.policy, v.doublyRobust!.value, v.doublyRobust!.lower, v.doublyRobust!.upper)
        }
        text += "  recommendations: \(n - abstentions) recommended, \(abstentions) no clear benefit (margin \(scale.magnitude(margin)))\n"
        let page = EffectsPage(run: run, scale: scale, outcomeName: outcomeName, horizon: horizon, averageEffects: dr,
                               overlap: overlap, balance: balance,
                               survival: survivalComparisons.count == 2 ? (survivalComparisons[0], survivalComparisons[1]) : nil,
                               uplift: curves, rates: rates, values: values, abstentions: abstentions).render()
        return EffectsReport(tables: tables, summary: summary, text: text, warnings: warnings, page: page, policy: assignment)
    }
}
