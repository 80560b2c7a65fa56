import Statistics

/// Histogram gradient-boosted decision trees, as LightGBM and scikit-learn's HistGradientBoosting
/// (Friedman 2001; Chen & Guestrin 2016, KDD, for the regularised gain; Ke et al. 2017, NeurIPS, for
/// histograms and leaf-wise growth).
///
/// **Algorithm.** Features are binned once (``FeatureBinner``, ≤ 255 quantile bins, NaN = missing). Starting
/// from the best constant score, each of ``iterations`` rounds computes the gradient and hessian of the
/// loss (``BoostingLoss``: logistic for a binary target, squared error for a continuous one, Cox partial
/// likelihood with Breslow ties for survival), grows one tree leaf-wise on them (``LeafWiseGrower``:
/// histogram subtraction, learned default direction for missing values, categorical subsets, monotone
/// bounds) and adds `learningRate ×` its leaf values `−G/(H + λ)` to the scores.
///
/// **Randomness** (row subsampling, column subsampling, the early-stopping split) comes from the generator;
/// each round draws from its own stream `(seed, round)`, so results never depend on the thread count.
/// With the defaults (no subsampling, no early stopping) the fit is deterministic and invariant to row
/// order, and a weight of 2 equals a duplicated row.
///
/// **Predictions** (``GradientBoostedTreesModel/predict(_:)``): the probability σ(f) (binary), the value f
/// (regression), or the relative hazard exp(f) (survival; `S(t|x) = exp(−H₀(t) eᶠ)` with the Breslow
/// baseline H₀).
///
/// - Complexity: O(iterations · n · p) time for `n` rows and `p` features (histograms), memory
///   O(n · p) bytes for the binned data plus O(maxLeaves · p · 256) doubles.
public struct GradientBoostedTrees: Estimator {
    public typealias Model = GradientBoostedTreesModel

    public static var supportedTasks: Set<Task> { [.binaryClassification, .regression, .survival] }

    /// Boosting rounds (trees), ≥ 1. Default 100 (LightGBM `n_estimators`).
    public var iterations: Int = 100
    /// Shrinkage of each tree, in (0, 1]. Default 0.1.
    public var learningRate: Double = 0.1
    /// Leaves per tree, ≥ 2. Default 31 (LightGBM `num_leaves`).
    public var maxLeaves: Int = 31
    /// Maximum depth (root = 0), ≥ 1, or `nil` for none (the default; leaf-wise growth is bounded by `maxLeaves`).
    public var maxDepth: Int? = nil
    /// Minimum total sample weight in a leaf (row count when unweighted), ≥ 0. Default 20 (LightGBM `min_data_in_leaf`).
    /// As in LightGBM, a candidate child's weight is estimated from its hessian as `H_child · W/H` (W, H: the
    /// parent's weight and hessian): exact for squared error, approximate for the other losses.
    public var minSamplesLeaf: Double = 20
    /// Minimum hessian sum in a leaf, ≥ 0. Default 1e-3 (LightGBM `min_sum_hessian_in_leaf`).
    public var minChildWeight: Double = 1e-3
    /// L2 penalty λ on leaf values, ≥ 0. Default 0 (LightGBM `lambda_l2`).
    public var lambda: Double = 0
    /// A split must gain more than this, ≥ 0. Default 0.
    public var minSplitGain: Double = 0
    /// Value bins per feature, 2...255. Default 255 (LightGBM `max_bin`).
    public var maxBins: Int = 255
    /// Fraction of rows drawn (without replacement) for each tree, in (0, 1]. Default 1 (no subsampling).
    public var subsample: Double = 1
    /// Fraction of features drawn for each tree, in (0, 1]. Default 1.
    public var columnSampleByTree: Double = 1
    /// Features holding integer category codes (by name), split by category subsets.
    public var categoricalFeatures: [String] = []
    /// Monotone constraints by feature name: +1 (prediction never decreases as the feature rises), −1
    /// (never increases), 0 (free). Not allowed on categorical features.
    public var monotoneConstraints: [String: Int] = [:]
    /// Categorical splits: smoothing added to the hessian when ordering categories by `G/(H + s)`, and the
    /// minimum weight of a category to be ordered; ≥ 0. Default 10 (LightGBM `cat_smooth`).
    public var categoricalSmoothing: Double = 10
    /// Extra L2 penalty in categorical splits, ≥ 0. Default 10 (LightGBM `cat_l2`).
    public var categoricalL2: Double = 10
    /// Most categories on the smaller side of a categorical split, ≥ 1. Default 32 (LightGBM `max_cat_threshold`).
    public var maxCategoriesPerSplit: Int = 32
    /// Fraction of rows held out (seeded) to stop early, in (0, 1), or `nil` for no early stopping (the default).
    public var validationFraction: Double? = nil
    /// Stop when the validation loss has not improved for this many rounds, ≥ 1. Default 10; used only
    /// with `validationFraction`. The model keeps the trees up to the best round (none when no tree improves on
    /// the constant model's validation loss).
    public var earlyStoppingRounds: Int = 10
    /// Threads for histogram building, ≥ 1, or `nil` for all cores (default). Does not change results.
    public var threads: Int? = nil
    /// Whether numerical thresholds are scanned four features at a time (``LeafWiseGrower/scanLanes``); the
    /// tests turn it off to check that the one-feature scan chooses the same splits. Not encoded.
    var laneScans = true

    enum CodingKeys: String, CodingKey {
        case iterations, learningRate, maxLeaves, maxDepth, minSamplesLeaf, minChildWeight, lambda, minSplitGain, maxBins,
             subsample, columnSampleByTree, categoricalFeatures, monotoneConstraints, categoricalSmoothing,
             categoricalL2, maxCategoriesPerSplit, validationFraction, earlyStoppingRounds, threads
    }

    public init(iterations: Int = 100, learningRate: Double = 0.1, maxLeaves: Int = 31, maxDepth: Int? = nil,
                minSamplesLeaf: Double = 20, minChildWeight: Double = 1e-3, lambda: Double = 0,
                minSplitGain: Double = 0, maxBins: Int = 255, subsample: Double = 1, columnSampleByTree: Double = 1,
                categoricalFeatures: [String] = [], monotoneConstraints: [String: Int] = [:],
                validationFraction: Double? = nil, earlyStoppingRounds: Int = 10, threads: Int? = nil) {
        self.iterations = iterations
        self.learningRate = learningRate
        self.maxLeaves = maxLeaves
        self.maxDepth = maxDepth
        self.minSamplesLeaf = minSamplesLeaf
        self.minChildWeight = minChildWeight
        self.lambda = lambda
        self.minSplitGain = minSplitGain
        self.maxBins = maxBins
        self.subsample = subsample
        self.columnSampleByTree = columnSampleByTree
        self.categoricalFeatures = categoricalFeatures
        self.monotoneConstraints = monotoneConstraints
        self.validationFraction = validationFraction
        self.earlyStoppingRounds = earlyStoppingRounds
        self.threads = threads
    }

    public func validate() throws {
        func fail(_ name: String, _ value: Any, _ fix: String) -> EstimatorError {
            .invalidParameter(name: name, value: "\(value)", fix: fix)
        }
        guard iterations >= 1 else { throw fail("iterations", iterations, "use at least 1 boosting round") }
        guard learningRate > 0 && learningRate <= 1 else {
            throw fail("learningRate", learningRate, "use a value in (0, 1], e.g. 0.1")
        }
        guard maxLeaves >= 2 else { throw fail("maxLeaves", maxLeaves, "use at least 2 leaves, e.g. 31") }
        if let maxDepth, maxDepth < 1 { throw fail("maxDepth", maxDepth, "use at least 1, or nil for no limit") }
        guard minSamplesLeaf >= 0 && minSamplesLeaf.isFinite else {
            throw fail("minSamplesLeaf", minSamplesLeaf, "use a finite value ≥ 0, e.g. 20")
        }
        guard minChildWeight >= 0 && minChildWeight.isFinite else {
            throw fail("minChildWeight", minChildWeight, "use a finite value ≥ 0, e.g. 1e-3")
        }
        guard lambda >= 0 && lambda.isFinite else { throw fail("lambda", lambda, "use a finite value ≥ 0") }
        guard minSplitGain >= 0 && minSplitGain.isFinite else {
            throw fail("minSplitGain", minSplitGain, "use a finite value ≥ 0")
        }
        guard (2...FeatureBinner.maxValueBins).contains(maxBins) else { throw fail("maxBins", maxBins, "use 2...255") }
        guard subsample > 0 && subsample <= 1 else { throw fail("subsample", subsample, "use a fraction in (0, 1]") }
        guard columnSampleByTree > 0 && columnSampleByTree <= 1 else {
            throw fail("columnSampleByTree", columnSampleByTree, "use a fraction in (0, 1]")
        }
        for (name, c) in monotoneConstraints where ![-1, 0, 1].contains(c) {
            throw fail("monotoneConstraints[\(name)]", c, "use +1 (increasing), −1 (decreasing) or 0")
        }
        if let both = categoricalFeatures.first(where: { (monotoneConstraints[$0] ?? 0) != 0 }) {
            throw fail("monotoneConstraints[\(both)]", monotoneConstraints[both]!,
                       "a categorical feature has no order: remove its constraint")
        }
        guard categoricalSmoothing >= 0 && categoricalSmoothing.isFinite else {
            throw fail("categoricalSmoothing", categoricalSmoothing, "use a finite value ≥ 0, e.g. 10")
        }
        guard categoricalL2 >= 0 && categoricalL2.isFinite else {
            throw fail("categoricalL2", categoricalL2, "use a finite value ≥ 0, e.g. 10")
        }
        guard maxCategoriesPerSplit >= 1 else {
            throw fail("maxCategoriesPerSplit", maxCategoriesPerSplit, "use at least 1, e.g. 32")
        }
        if let validationFraction, !(validationFraction > 0 && validationFraction < 1) {
            throw fail("validationFraction", validationFraction, "use a fraction in (0, 1), e.g. 0.1, or nil")
        }
        guard earlyStoppingRounds >= 1 else { throw fail("earlyStoppingRounds", earlyStoppingRounds, "use at least 1") }
        if let threads, threads < 1 { throw fail("threads", threads, "use at least 1, or nil for all cores") }
    }
}
