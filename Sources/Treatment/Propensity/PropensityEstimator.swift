import Foundation
import Learning
import Statistics

/// How propensity scores π̂ₐ(x) = P(A = a | x) are estimated.
///
/// - ``Method/multinomialLogistic(_:)`` (default): ``MultinomialLogisticRegression`` with a small ridge
///   penalty (λ = 10⁻³), after ``preprocessing`` (median imputation with missing-value indicators, one-hot
///   encoding of categorical covariates, standardisation: Learning's ``Learning/PreprocessingConfiguration``).
/// - ``Method/boostedTrees(_:)``: Learning's ``Learning/GradientBoostedTrees`` on the raw covariates (NaN =
///   missing): one binary model for two arms, one-vs-rest models renormalised to sum 1 for more.
///
/// Cross-fitting (``crossFit(_:folds:)``): the model is fitted on all folds but one and predicts the held-out
/// fold, so no patient's propensity comes from a model that saw them (Chernozhukov et al. 2018, Econom J
/// 21:C1).
public struct PropensityEstimator: Sendable, Hashable, Codable {
    public enum Method: Sendable, Hashable, Codable {
        case multinomialLogistic(MultinomialLogisticRegression)
        case boostedTrees(GradientBoostedTrees)
    }

    public var method: Method
    /// Preprocessing before the logistic model (ignored by boosted trees).
    public var preprocessing: PreprocessingConfiguration

    public init(method: Method = .multinomialLogistic(MultinomialLogisticRegression()),
                preprocessing: PreprocessingConfiguration = PreprocessingConfiguration()) {
        self.method = method
        self.preprocessing = preprocessing
    }

    /// Checks the settings.
    public func validate() throws {
        try preprocessing.validate()
        switch method {
        case .multinomialLogistic(let m): try m.validate()
        case .boostedTrees(let t): try t.validate()
        }
    }

    /// Fits on all patients (weights of `data` are case weights).
    ///
    /// - Complexity: that of the chosen method.
    public func fit(_ data: TreatmentData, seed: UInt64 = 0) throws -> PropensityModel {
        try fit(data, seed: seed, bins: (nil, nil))
    }

    /// ``fit(_:seed:)`` with bins shared across fits for the boosted trees: the binner and the codes of
    /// `data`'s covariates (``Learning/Dataset/binner``, ``Learning/Dataset/binned``).
    func fit(_ data: TreatmentData, seed: UInt64, bins: (binner: FeatureBinner?, codes: BinnedFeatures?)) throws -> PropensityModel {
        try validate()
        let k = data.armCount
        switch method {
        case .multinomialLogistic(let regression):
            let prep = try FittedPreprocessing(configuration: preprocessing, fitting: data.covariates, weights: data.weights)
            let matrix = try prep.transform(data.covariates).matrix
            let model = try regression.fit(matrix, classes: data.arm, classCount: k, weights: data.weights)
            return PropensityModel(featureNames: data.covariates.names, armNames: data.armNames,
                                   kind: .multinomialLogistic(preprocessing: prep, model: model))
        case .boostedTrees(let trees):
            let models = try (k == 2 ? [1] : Array(0..<k)).map { a -> GradientBoostedTreesModel in
                var generator = Xoshiro256StarStar(seed: seed, stream: UInt64(a))
                let target = Target.binary(data.arm.map { $0 == a ? 1 : 0 })
                return try trees.fit(Dataset(features: data.covariates, target: target, weights: data.weights,
                                             binner: bins.binner, binned: bins.codes), generator: &generator)
            }
            return PropensityModel(featureNames: data.covariates.names, armNames: data.armNames,
                                   kind: .boostedTrees(models))
        }
    }

    /// Cross-fitted propensities: patients of fold f are scored by the model fitted on the other folds.
    ///
    /// - Parameters:
    ///   - folds: the fold of each patient (e.g. from ``CrossFitting/folds(_:count:seed:)``).
    ///   - concurrentFits: fold fits run at once, ≥ 1 (default 1); does not change results.
    /// - Complexity: `folds` fits of the chosen method.
    public func crossFit(_ data: TreatmentData, folds: [Int], seed: UInt64 = 0, concurrentFits: Int = 1) throws -> PropensityScores {
        let plan = try crossFitPlan(data, folds: folds, seed: seed)
        return plan.assemble(try ConcurrentFits.map(plan.jobCount, threads: concurrentFits) { try plan.run($0) })
    }

    /// The fold fits of ``crossFit(_:folds:seed:concurrentFits:)`` as separate jobs, so that a caller can run
    /// them alongside its own fits.
    ///
    /// - Parameter binners: the cohort's bins, shared with the caller's other estimators.
    func crossFitPlan(_ data: TreatmentData, folds: [Int], seed: UInt64, binners: SharedBinners? = nil) throws -> PropensityCrossFit {
        try validate()
        try CrossFitting.check(folds, data)
        // The boosted trees bin the cohort once for every fold.
        var bins: (binner: FeatureBinner?, codes: BinnedFeatures?) = (nil, nil)
        if case .boostedTrees(let trees) = method {
            let shared = binners ?? SharedBinners(features: data.covariates, weights: data.weights)
            bins = (try shared.binner(for: trees), try shared.codes(for: trees))
        }
        return PropensityCrossFit(estimator: self, data: data, folds: folds, foldIDs: Set(folds).sorted(), seed: seed,
                                  bins: bins)
    }
}

/// One cross-fitting job per fold (``PropensityEstimator/crossFitPlan(_:folds:seed:)``) and their assembly.
struct PropensityCrossFit: Sendable {
    typealias FoldResult = (test: [Int], p: [[Double]], messages: [String])
    let estimator: PropensityEstimator
    let data: TreatmentData
    let folds: [Int]
    let foldIDs: [Int]
    let seed: UInt64
    /// The cohort's shared bins and codes (boosted trees), or nils.
    let bins: (binner: FeatureBinner?, codes: BinnedFeatures?)

    var jobCount: Int { foldIDs.count }

    /// Fits on every fold but the `j`-th and scores that fold.
    func run(_ j: Int) throws -> FoldResult {
        let f = foldIDs[j], n = data.patientCount
        let train = (0..<n).filter { folds[$0] != f }, test = (0..<n).filter { folds[$0] == f }
        let trainData = data.selectingPatients(train)
        if Set(trainData.arm).count < data.armCount {
            throw TreatmentError.invalidData(field: "fold \(f)", expected: "every arm among the training patients of every fold; use fewer folds")
        }
        let model = try estimator.fit(trainData, seed: seed &+ UInt64(f), bins: (bins.binner, bins.codes?.selectingRows(train)))
        return (test, try model.probabilities(data.covariates.selectingRows(test)),
                model.diagnostics.messages.map { "fold \(f): \($0)" })
    }

    /// The scores from the results of every job, in job order.
    func assemble(_ results: [FoldResult]) -> PropensityScores {
        let n = data.patientCount, k = data.armCount
        var probabilities = [[Double]](repeating: [Double](repeating: .nan, count: n), count: k)
        var messages: [String] = []
        for result in results {
            messages += result.messages
            for a in 0..<k { for (r, i) in result.test.enumerated() { probabilities[a][i] = result.p[a][r] } }
        }
        return PropensityScores(armNames: data.armNames, referenceArm: data.referenceArm, arm: data.arm,
                                probabilities: probabilities, folds: folds, messages: messages)
    }
}

/// A fitted propensity model (``PropensityEstimator/fit(_:seed:)``): a versioned Codable artifact.
public struct PropensityModel: Sendable, Hashable, Codable {
    public enum Kind: Sendable, Hashable, Codable {
        case multinomialLogistic(preprocessing: FittedPreprocessing, model: MultinomialLogisticModel)
        /// One binary model for two arms (P(arm 1)), else one per arm (one-vs-rest).
        case boostedTrees([GradientBoostedTreesModel])
    }

    public var formatVersion = 1
    /// Raw covariates, in order.
    public var featureNames: [String]
    public var armNames: [String]
    public var kind: Kind

    public var diagnostics: FitDiagnostics {
        switch kind {
        case .multinomialLogistic(_, let model): model.diagnostics
        case .boostedTrees(let models): FitDiagnostics(messages: models.flatMap(\.diagnostics.messages))
        }
    }

    /// π̂ₐ(xᵢ), indexed `[a][i]`; each patient's values sum to 1.
    ///
    /// - Complexity: that of the model's prediction.
    public func probabilities(_ covariates: FeatureMatrix) throws -> [[Double]] {
        guard covariates.names == featureNames else {
            throw TreatmentError.incompatible("the propensity model needs the covariates \(featureNames.joined(separator: ", ")) in this order")
        }
        switch kind {
        case .multinomialLogistic(let prep, let model):
            return try model.probabilities(prep.transform(covariates).matrix)
        case .boostedTrees(let models):
            if models.count == 1 {
                let p1 = try models[0].predict(covariates)
                return [p1.map { 1 - $0 }, p1]
            }
            var p = try models.map { try $0.predict(covariates) }
            for i in 0..<covariates.rowCount {
                let total = p.reduce(0) { $0 + $1[i] }
                for a in p.indices { p[a][i] = total > 0 ? p[a][i] / total : 1 / Double(p.count) }
            }
            return p
        }
    }
}
