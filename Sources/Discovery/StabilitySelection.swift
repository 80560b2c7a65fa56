import Foundation
import Learning
import Statistics

/// Stability selection (Meinshausen & Bühlmann 2010, "Stability selection", JRSS B 72:417–473; complementary
/// pairs: Shah & Samworth 2013, JRSS B 75:55–80): the features an elastic-net path selects again and again
/// when the model is refitted on half of the patients, with a bound on the expected number of false selections.
///
/// Procedure. A fixed grid of ``lambdaCount`` penalties Λ runs geometrically from λ_max of the full data (the
/// smallest λ that selects nothing) down to ``lambdaMinRatio``·λ_max. Each of B = ``subsamples`` subsamples
/// holds ⌊n_s/2⌋ patients of every stratum s (responders and non-responders, or events and censored, so the
/// outcome mix is kept); with ``Sampling/complementaryPairs`` the subsamples come in B/2 disjoint pairs (Shah &
/// Samworth's CPSS). On each subsample the elastic-net path is fitted over the whole grid with Learning's
/// solvers (``ElasticNetLogisticRegression`` for a binary outcome, ``ElasticNetCox`` for survival; mixing
/// ``alpha``, standardised features, no cross-validation), and feature j counts as selected at λ when β̂ⱼ(λ) ≠ 0.
///
///     Π̂ⱼ(λ) = share of subsamples selecting j at λ,     Π̂ⱼ = max_{λ ∈ Λ_region} Π̂ⱼ(λ),
///
/// and the stable set is {j : Π̂ⱼ ≥ π_thr} (``threshold``, default 0.75, valid range (0.5, 1]).
///
/// Error control (Meinshausen & Bühlmann Theorem 1; for complementary pairs without the exchangeability
/// assumption's sampling part, Shah & Samworth Theorem 1): with q_Λ the average over subsamples of the number
/// of features selected at any λ of the region (the union over the region) and p features,
///
///     E[V] ≤ q_Λ² / ((2π_thr − 1) · p),
///
/// V the number of selected noise features, under exchangeability of the noise features and a selection
/// procedure no worse than random guessing. With ``targetFalseSelections`` = E the region is the longest prefix
/// λ_max … λ_k of the grid whose q_Λ ≤ √(E (2π_thr − 1) p), so the bound holds at E by construction; with nil the
/// whole grid is used and the bound is reported. Diagnostics (not printed) report failed subsample fits, a
/// target that cannot be met even at λ_max, and solver warnings.
///
/// Subsample b draws from the stream `(seed, b)` (pair b/2 for complementary pairs) of a seed taken from the
/// generator, and subsamples are fitted in parallel, so a seed reproduces the result on any number of cores.
public struct StabilitySelection: Sendable, Hashable, Codable {
    /// How subsamples are drawn.
    public enum Sampling: String, Sendable, Hashable, Codable, CaseIterable {
        /// B independent half-subsamples (Meinshausen & Bühlmann).
        case halves = "halves"
        /// B/2 pairs of disjoint halves (Shah & Samworth's complementary pairs).
        case complementaryPairs = "complementary-pairs"
    }

    /// B, the number of subsamples (fits), ≥ 2; even for complementary pairs. Default 100.
    public var subsamples: Int
    /// Default ``Sampling/halves``.
    public var sampling: Sampling
    /// π_thr ∈ (0.5, 1]: the selection probability a feature needs. Default 0.75.
    public var threshold: Double
    /// Elastic-net mixing α ∈ (0, 1] (1 = lasso; 0, pure ridge, selects everything and is refused). Default 1.
    public var alpha: Double
    /// Penalties in the grid, ≥ 2. Default 50.
    public var lambdaCount: Int
    /// Smallest λ of the grid / λ_max, in (0, 1). Default 0.01.
    public var lambdaMinRatio: Double
    /// Target bound on E[V] that chooses the λ region, > 0; nil uses the whole grid. Default 1.
    public var targetFalseSelections: Double?
    /// Keep each outcome class (binary) or event status (survival) at half its size in every subsample.
    /// Default true.
    public var stratify: Bool
    /// Coordinate-descent threshold of the path solvers, > 0. Default 1e-7 (glmnet's).
    public var tolerance: Double

    public init(subsamples: Int = 100, sampling: Sampling = .halves, threshold: Double = 0.75, alpha: Double = 1,
                lambdaCount: Int = 50, lambdaMinRatio: Double = 0.01, targetFalseSelections: Double? = 1,
                stratify: Bool = true, tolerance: Double = 1e-7) {
        self.subsamples = subsamples
        self.sampling = sampling
        self.threshold = threshold
        self.alpha = alpha
        self.lambdaCount = lambdaCount
        self.lambdaMinRatio = lambdaMinRatio
        self.targetFalseSelections = targetFalseSelections
        self.stratify = stratify
        self.tolerance = tolerance
    }

    public func validate() throws {
        guard subsamples >= 2 else {
            throw DiscoveryError("stability selection: subsamples \(subsamples) must be at least 2 (100 is usual)")
        }
        guard sampling == .halves || subsamples % 2 == 0 else {
            throw DiscoveryError("stability selection: subsamples \(subsamples) must be even for complementary pairs (e.g. 100 = 50 pairs)")
        }
        guard threshold.isFinite, threshold > 0.5, threshold <= 1 else {
            throw DiscoveryError("stability selection: threshold \(threshold) must be in (0.5, 1] (0.6–0.9 is usual; default 0.75)")
        }
        guard alpha.isFinite, alpha > 0, alpha <= 1 else {
            throw DiscoveryError("stability selection: alpha \(alpha) must be in (0, 1] (1 = lasso)")
        }
        guard lambdaCount >= 2 else {
            throw DiscoveryError("stability selection: lambdaCount \(lambdaCount) must be at least 2 (default 50)")
        }
        guard lambdaMinRatio > 0, lambdaMinRatio < 1 else {
            throw DiscoveryError("stability selection: lambdaMinRatio \(lambdaMinRatio) must be in (0, 1) (default 0.01)")
        }
        if let target = targetFalseSelections, !(target.isFinite && target > 0) {
            throw DiscoveryError("stability selection: targetFalseSelections \(target) must be a positive number (e.g. 1), or nil for the whole λ grid")
        }
        guard tolerance.isFinite, tolerance > 0 else {
            throw DiscoveryError("stability selection: tolerance \(tolerance) must be a small positive number such as 1e-7")
        }
    }

    /// The Meinshausen–Bühlmann bound E[V] ≤ q² / ((2π_thr − 1) p).
    ///
    /// - Complexity: O(1).
    public static func errorBound(averageSelected q: Double, threshold: Double, featureCount p: Int) -> Double {
        q * q / ((2 * threshold - 1) * Double(p))
    }

    /// The largest q whose bound is at most `target`: √(target (2π_thr − 1) p).
    ///
    /// - Complexity: O(1).
    public static func maximumAverageSelected(target: Double, threshold: Double, featureCount p: Int) -> Double {
        (target * (2 * threshold - 1) * Double(p)).squareRoot()
    }

    /// The row indices (sorted) of every subsample, as ``run(features:outcome:generator:)`` draws them from
    /// `seed` (``StabilitySelectionResult/seed``).
    ///
    /// - Complexity: O(B · n).
    public func subsampleRows(rowCount n: Int, strata: [Bool]?, seed: UInt64) -> [[Int]] {
        let groups: [[Int]]
        if stratify, let strata {
            groups = [strata.indices.filter { !strata[$0] }, strata.indices.filter { strata[$0] }]
        } else {
            groups = [Array(0..<n)]
        }
        return (0..<subsamples).map { b in
            let pair = sampling == .complementaryPairs
            var generator = Xoshiro256StarStar(seed: seed, stream: UInt64(pair ? b / 2 : b))
            var rows: [Int] = []
            for group in groups {
                var g = group
                g.shuffle(using: &generator)
                let half = g.count / 2
                rows += pair && b % 2 == 1 ? g[half..<(2 * half)] : g[0..<half]
            }
            return rows.sorted()
        }
    }

    /// Runs stability selection.
    ///
    /// - Parameters:
    ///   - features: patients × features, finite (impute or drop missing values first).
    ///   - outcome: binary response or survival, one entry per patient.
    /// - Throws: ``DiscoveryError`` for invalid settings, mismatched lengths, non-finite features (naming the
    ///   feature), fewer than 4 patients per outcome class / 2 events, negative or non-finite times.
    /// - Complexity: B elastic-net paths on n/2 patients, each O(lambdaCount · n · p) for the screening plus
    ///   the coordinate-descent passes; parallel over subsamples.
    public func run(features: FeatureMatrix, outcome: AssociationScan.Outcome,
                    generator: inout Xoshiro256StarStar) throws -> StabilitySelectionResult {
        try validate()
        let n = features.rowCount, p = features.columnCount
        guard p >= 1 else { throw DiscoveryError("stability selection: no features given") }
        guard outcome.count == n else {
            throw DiscoveryError("stability selection: \(n) patients in the features but \(outcome.count) in the outcome; align them first")
        }
        for j in 0..<p where !features.column(j).allSatisfy(\.isFinite) {
            throw DiscoveryError("stability selection: feature \"\(features.names[j])\" has missing or non-finite values; impute or drop them first")
        }
        let strata: [Bool]
        let target: Target
        switch outcome {
        case .binary(let y):
            let positives = y.filter { $0 }.count
            guard positives >= 4, n - positives >= 4 else {
                throw DiscoveryError("stability selection: the binary outcome needs at least 4 patients in each class (got \(positives) and \(n - positives))")
            }
            strata = y
            target = .binary(y.map { $0 ? 1 : 0 })
        case .survival(let time, let event):
            guard time.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                throw DiscoveryError("stability selection: survival times must be finite and ≥ 0")
            }
            guard event.filter({ $0 }).count >= 4 else {
                throw DiscoveryError("stability selection: the survival outcome needs at least 4 events")
            }
            strata = event
            target = .survival(time: time, event: event)
        }
        let full = Dataset(features: features, target: target)
        // λ_max of the full data: a one-point automatic path is exactly [λ_max].
        var unused = Xoshiro256StarStar(seed: 0)
        let lambdaMax: Double
        switch target {
        case .binary:
            lambdaMax = try ElasticNetLogisticRegression(alpha: alpha, lambdaCount: 1, tolerance: tolerance,
                                                         crossValidationFolds: 0).fit(full, generator: &unused).path.lambdas[0]
        default:
            lambdaMax = try ElasticNetCox(alpha: alpha, lambdaCount: 1, tolerance: tolerance,
                                          crossValidationFolds: 0).fit(full, generator: &unused).path.lambdas[0]
        }
        guard lambdaMax.isFinite, lambdaMax > 0 else {
            throw DiscoveryError("stability selection: no feature is associated with the outcome at all (λ_max = \(lambdaMax)); check for constant features")
        }
        let grid = (0..<lambdaCount).map { k in
            lambdaMax * pow(lambdaMinRatio, Double(k) / Double(lambdaCount - 1))
        }
        let seed = generator.next()
        let rows = subsampleRows(rowCount: n, strata: strata, seed: seed)
        // With a target, the grid is fitted only as far as the region needs: the first 10 penalties, then
        // twice as many until q exceeds its limit (the paths' upper parts are cheap; the lower parts of a
        // p ≫ n path are the expensive ones).
        let qMax = targetFalseSelections.map { Self.maximumAverageSelected(target: $0, threshold: threshold, featureCount: p) }
        var count = qMax == nil ? lambdaCount : min(lambdaCount, 10)
        while true {
            let prefix = Array(grid.prefix(count))
            let selections = Self.fitSubsamples(full, rows: rows, lambdas: prefix, alpha: alpha, tolerance: tolerance)
            let result = summarize(selections, grid: prefix, names: features.names, seed: seed)
            if count == lambdaCount || result.averageSelectedPath.last! > qMax! { return result }
            count = min(lambdaCount, 2 * count)
        }
    }

    /// The non-zero coefficient indices along the grid for every subsample (nil where the fit failed), with
    /// the solver messages.
    static func fitSubsamples(_ data: Dataset, rows: [[Int]], lambdas: [Double], alpha: Double,
                              tolerance: Double) -> [(selected: [[Int]]?, messages: [String])] {
        var out = [(selected: [[Int]]?, messages: [String])](repeating: (nil, []), count: rows.count)
        let chunks = max(1, min(rows.count, ProcessInfo.processInfo.activeProcessorCount * 2))
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let results = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                var b = c
                while b < rows.count {
                    results[b] = fitPath(data.selectingRows(rows[b]), lambdas: lambdas, alpha: alpha, tolerance: tolerance)
                    b += chunks
                }
            }
        }
        return out
    }

    /// One subsample's path: selected indices per λ (nil when the solver refused the data).
    public static func fitPath(_ data: Dataset, lambdas: [Double], alpha: Double,
                               tolerance: Double = 1e-7) -> (selected: [[Int]]?, messages: [String]) {
        var unused = Xoshiro256StarStar(seed: 0)
        do {
            switch data.target {
            case .binary:
                let model = try ElasticNetLogisticRegression(alpha: alpha, lambdas: lambdas, tolerance: tolerance,
                                                             crossValidationFolds: 0).fit(data, generator: &unused)
                return (model.path.nonzeroIndices, model.diagnostics.messages)
            default:
                let model = try ElasticNetCox(alpha: alpha, lambdas: lambdas, tolerance: tolerance,
                                              crossValidationFolds: 0).fit(data, generator: &unused)
                return (model.path.nonzeroIndices, model.diagnostics.messages)
            }
        } catch {
            return (nil, ["\(error)"])
        }
    }

    func summarize(_ selections: [(selected: [[Int]]?, messages: [String])], grid: [Double], names: [String],
                   seed: UInt64) -> StabilitySelectionResult {
        let p = names.count, l = grid.count
        var counts = [[Int]](repeating: [Int](repeating: 0, count: p), count: l)
        var entering = [Int](repeating: 0, count: l)  // Σ_b features first selected at λ_k
        var used = 0
        var diagnostics: [String] = []
        var failures = 0
        var messages = Set<String>()
        for s in selections {
            for m in s.messages { messages.insert(m.replacingOccurrences(of: #"λ = [0-9.e+-]+"#, with: "λ = …", options: .regularExpression)) }
            guard let selected = s.selected, selected.count == l else { failures += 1; continue }
            used += 1
            var seen = Set<Int>()
            for k in 0..<l {
                for j in selected[k] {
                    counts[k][j] += 1
                    if seen.insert(j).inserted { entering[k] += 1 }
                }
            }
        }
        if failures > 0 { diagnostics.append("\(failures) of \(selections.count) subsample fits failed and were left out") }
        diagnostics += messages.sorted().map { "subsample fits: \($0)" }
        let denominator = Double(max(used, 1))
        let frequencies = counts.map { row in row.map { Double($0) / denominator } }
        var q = [Double](repeating: 0, count: l)
        var cumulative = 0
        for k in 0..<l {
            cumulative += entering[k]
            q[k] = Double(cumulative) / denominator
        }
        var region = l
        if let target = targetFalseSelections {
            let qMax = Self.maximumAverageSelected(target: target, threshold: threshold, featureCount: p)
            region = q.lastIndex(where: { $0 <= qMax }).map { $0 + 1 } ?? 1
            if q[0] > qMax {
                diagnostics.append(String(format: "the target E[V] ≤ %g cannot be met even at λ_max (q = %.2f > %.2f); the region is λ_max alone", target, q[0], qMax))
            }
        }
        var probability = [Double](repeating: 0, count: p)
        for k in 0..<region { for j in 0..<p where frequencies[k][j] > probability[j] { probability[j] = frequencies[k][j] } }
        let selected = (0..<p).filter { probability[$0] >= threshold }
            .sorted { (-probability[$0], $0) < (-probability[$1], $1) }
        if used == 0 { diagnostics.append("no subsample could be fitted: no selection probabilities") }
        return StabilitySelectionResult(featureNames: names, lambdas: grid, selectionFrequencies: frequencies,
                                        averageSelectedPath: q, regionCount: region, selectionProbabilities: probability,
                                        averageSelected: q[region - 1], threshold: threshold,
                                        errorBound: Self.errorBound(averageSelected: q[region - 1], threshold: threshold, featureCount: p),
                                        selected: selected, subsamplesUsed: used, seed: seed, diagnostics: diagnostics)
    }
}

/// The result of ``StabilitySelection``.
public struct StabilitySelectionResult: Sendable, Hashable, Codable {
    public var featureNames: [String]
    /// The λ grid, decreasing: the whole grid without a target; with a target, the part that was fitted
    /// (from λ_max until q exceeded its limit, or the whole grid).
    public var lambdas: [Double]
    /// Π̂ⱼ(λ_k): `selectionFrequencies[k][j]`, the share of subsamples selecting feature j at λ_k.
    public var selectionFrequencies: [[Double]]
    /// q at each λ_k: the mean number of features selected anywhere in λ_max … λ_k.
    public var averageSelectedPath: [Double]
    /// The region is `lambdas[0..<regionCount]`.
    public var regionCount: Int
    /// Π̂ⱼ = max over the region of Π̂ⱼ(λ).
    public var selectionProbabilities: [Double]
    /// q_Λ of the region.
    public var averageSelected: Double
    public var threshold: Double
    /// q_Λ² / ((2π_thr − 1) p): the bound on the expected number of falsely selected features.
    public var errorBound: Double
    /// Indices of the stable features (Π̂ ≥ π_thr), by decreasing probability.
    public var selected: [Int]
    /// Subsamples whose fit succeeded (the denominator of the frequencies).
    public var subsamplesUsed: Int
    /// The seed of the subsample streams (``StabilitySelection/subsampleRows(rowCount:strata:seed:)``).
    public var seed: UInt64
    public var diagnostics: [String]

    /// Names of the stable features, by decreasing selection probability.
    public var selectedFeatures: [String] { selected.map { featureNames[$0] } }
    /// The smallest λ of the region.
    public var regionLambda: Double { lambdas[regionCount - 1] }
}
