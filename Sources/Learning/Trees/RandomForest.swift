import Statistics

/// A random forest classifier (Breiman 2001, Machine Learning 45:5): bagged CART trees grown on bootstrap
/// samples, each node choosing among a random subset of features by Gini decrease, predictions averaged.
///
/// Features are binned once (``FeatureBinner``, ≤ 255 quantile bins, NaN = missing sent to the better side),
/// so thresholds are bin edges rather than every midpoint as in scikit-learn; with 255 bins the accuracy is
/// the same to within noise. Trees are built in parallel, tree `t` from the random stream `(seed, t)`, so
/// the forest does not depend on the thread count. Out-of-bag (OOB) rows give honest probability
/// estimates and scores (``RandomForestModel/oobProbabilities``).
///
/// - Complexity: O(trees · maxFeatures · n log n) time; memory O(n · p) bytes for the bins plus the trees
///   (≈ 2n nodes per fully grown tree).
public struct RandomForest: Estimator {
    public typealias Model = RandomForestModel

    public static var supportedTasks: Set<Task> { [.binaryClassification] }

    /// Number of trees, ≥ 1. Default 100 (scikit-learn `n_estimators`).
    public var trees: Int = 100
    /// Features tried per node. Default ``MaxFeatures/sqrt``.
    public var maxFeatures: MaxFeatures = .sqrt
    /// Minimum distinct rows in a leaf, ≥ 1. Default 1 (scikit-learn).
    public var minSamplesLeaf: Int = 1
    /// Minimum distinct rows to split a node, ≥ 2. Default 2 (scikit-learn).
    public var minSamplesSplit: Int = 2
    /// Maximum depth (root = 0), ≥ 1, or `nil` to grow until pure (default).
    public var maxDepth: Int? = nil
    /// Draw a bootstrap sample per tree (default true); false grows every tree on all rows.
    public var bootstrap: Bool = true
    /// Value bins per feature, 2...255. Default 255.
    public var maxBins: Int = 255
    /// Threads building trees, ≥ 1, or `nil` for all cores (default). Does not change results.
    public var threads: Int? = nil

    public init(trees: Int = 100, maxFeatures: MaxFeatures = .sqrt, minSamplesLeaf: Int = 1, minSamplesSplit: Int = 2,
                maxDepth: Int? = nil, bootstrap: Bool = true, maxBins: Int = 255, threads: Int? = nil) {
        self.trees = trees
        self.maxFeatures = maxFeatures
        self.minSamplesLeaf = minSamplesLeaf
        self.minSamplesSplit = minSamplesSplit
        self.maxDepth = maxDepth
        self.bootstrap = bootstrap
        self.maxBins = maxBins
        self.threads = threads
    }

    public func validate() throws {
        try ForestParameters.validate(trees: trees, maxFeatures: maxFeatures, minSamplesLeaf: minSamplesLeaf,
                                      minSamplesSplit: minSamplesSplit, maxDepth: maxDepth, maxBins: maxBins,
                                      threads: threads)
    }

    /// Fits the forest.
    ///
    /// - Throws: ``EstimatorError/invalidParameter(name:value:fix:)`` for a bad configuration;
    ///   ``EstimatorError/invalidData(_:)`` for empty data, infinite features or a non-binary target.
    public func fit(_ data: Dataset, generator: inout Xoshiro256StarStar) throws -> RandomForestModel {
        try validate()
        try data.validate(for: .binaryClassification, allowMissingFeatures: true)
        guard case .binary(let y) = data.target else { fatalError("validated above") }
        let n = data.rowCount, p = data.features.columnCount
        let binner = try FeatureBinner(fitting: data.features, weights: data.weights, maxBins: maxBins)
        let binned = binner.transform(data.features)
        let builder = ClassificationTreeBuilder(data: binned, binner: binner, label: y,
                                                maxFeatures: maxFeatures.resolve(p), minSamplesLeaf: minSamplesLeaf,
                                                minSamplesSplit: minSamplesSplit, maxDepth: maxDepth)
        let seed = generator.next()
        let built = ForestSupport.buildTrees(trees, seed: seed, threads: threads ?? TreeParallel.coreCount) {
            _, stream -> (FlatTree, [Double]) in
            var weight = ForestSupport.bootstrapCounts(n, bootstrap: bootstrap, using: &stream)
            let counts = weight
            if let w = data.weights { for i in 0..<n { weight[i] *= w[i] } }
            return (builder.build(weight: weight, using: &stream), counts)
        }
        // Out-of-bag estimates, and impurity importance (each tree normalised, then averaged).
        var oobSum = [Double](repeating: 0, count: n), oobCount = [Double](repeating: 0, count: n)
        var importance = [Double](repeating: 0, count: p)
        binned.codes.withUnsafeBufferPointer { codes in
            for (tree, counts) in built {
                for i in 0..<n where counts[i] == 0 {
                    oobSum[i] += tree.leafValue[tree.leaf(binned: codes, rowCount: n, row: i)]
                    oobCount[i] += 1
                }
                var gain = [Double](repeating: 0, count: p), splits = [Int](repeating: 0, count: p)
                tree.accumulateImportance(gain: &gain, splits: &splits)
                let total = gain.reduce(0, +)
                if total > 0 { for j in 0..<p { importance[j] += gain[j] / total } }
            }
        }
        let importanceTotal = importance.reduce(0, +)
        if importanceTotal > 0 { importance = importance.map { $0 / importanceTotal } }
        let oob: [Double?] = (0..<n).map { oobCount[$0] > 0 ? oobSum[$0] / oobCount[$0] : nil }
        var messages: [String] = []
        let scored = (0..<n).filter { oob[$0] != nil }
        if scored.count < n {
            messages.append("\(n - scored.count) rows were in every bootstrap sample and have no OOB estimate")
        }
        let accuracy = scored.isEmpty ? nil
            : Double(scored.filter { (oob[$0]! > 0.5 ? 1.0 : 0.0) == y[$0] }.count) / Double(scored.count)
        let auc = RankMetrics.areaUnderROC(scores: scored.map { oob[$0]! }, labels: scored.map { y[$0] == 1 })
        return RandomForestModel(featureNames: data.features.names,
                                 diagnostics: FitDiagnostics(converged: true, iterations: trees, messages: messages),
                                 binner: binner, trees: built.map(\.0), oobProbabilities: oob,
                                 oobAccuracy: accuracy, oobAUC: auc.isNaN ? nil : auc, featureImportances: importance)
    }
}

/// The fitted ``RandomForest``.
public struct RandomForestModel: FittedModel, Hashable {
    public let featureNames: [String]
    public var task: Task { .binaryClassification }
    public let diagnostics: FitDiagnostics
    public let binner: FeatureBinner
    /// Trees whose leaves hold class-1 probabilities.
    public let trees: [FlatTree]
    /// Out-of-bag probability of class 1 for each training row (`nil` for a row in every bootstrap sample).
    public let oobProbabilities: [Double?]
    /// OOB accuracy at threshold 0.5 (scikit-learn's `oob_score_`; `nil` without OOB rows).
    public let oobAccuracy: Double?
    /// OOB area under the ROC curve (`nil` with a single class or without OOB rows).
    public let oobAUC: Double?
    /// Mean decrease in Gini impurity per feature, normalised to sum to 1 (scikit-learn's
    /// `feature_importances_`).
    public let featureImportances: [Double]

    /// The probability of class 1: the mean of the trees' leaf fractions (scikit-learn's `predict_proba`).
    ///
    /// - Complexity: O(n · trees · depth), parallel over rows.
    public func predict(_ features: FeatureMatrix) throws -> [Double] {
        try checkCompatible(features)
        return ensembleMeanLeafValue(trees, binner: binner, features: features)
    }
}

/// The hyperparameter checks the two forests share.
enum ForestParameters {
    static func validate(trees: Int, maxFeatures: MaxFeatures, minSamplesLeaf: Int, minSamplesSplit: Int,
                         maxDepth: Int?, maxBins: Int, threads: Int?) throws {
        func fail(_ name: String, _ value: Any, _ fix: String) -> EstimatorError {
            .invalidParameter(name: name, value: "\(value)", fix: fix)
        }
        guard trees >= 1 else { throw fail("trees", trees, "use at least 1 tree, e.g. 100") }
        guard maxFeatures.isValid else {
            throw fail("maxFeatures", maxFeatures, "use a count ≥ 1 or a fraction in (0, 1]")
        }
        guard minSamplesLeaf >= 1 else { throw fail("minSamplesLeaf", minSamplesLeaf, "use at least 1") }
        guard minSamplesSplit >= 2 else { throw fail("minSamplesSplit", minSamplesSplit, "use at least 2") }
        if let maxDepth, maxDepth < 1 { throw fail("maxDepth", maxDepth, "use at least 1, or nil for no limit") }
        guard (2...FeatureBinner.maxValueBins).contains(maxBins) else { throw fail("maxBins", maxBins, "use 2...255") }
        if let threads, threads < 1 { throw fail("threads", threads, "use at least 1, or nil for all cores") }
    }
}
