import Dispatch
import Foundation
import Statistics

/// The rank-weighted average treatment effect (RATE) of a prioritisation rule, with its targeting operator
/// characteristic (TOC), as grf's `rank_average_treatment_effect` (Yadlowsky, Fleming, Shah, Brunskill &
/// Wager 2021, "Evaluating treatment prioritization rules via rank-weighted average treatment effects",
/// arXiv:2111.07966).
///
/// Patients are sorted by decreasing priority Sᵢ; Γᵢ are doubly robust scores of the effect
/// (``DoublyRobustScores``), tied priorities share their group's mean score, wᵢ are weights,
/// C_k = Σ_{j ≤ k} w_j, W = C_n, ATE = Σ wᵢΓᵢ / W and TOC_k = Σ_{j ≤ k} w_jΓ_j / C_k − ATE. Then
///
/// - AUTOC = Σ_k w_k TOC_k / W (identity weighting: more power when few patients benefit);
/// - QINI = Σ_k (C_k/W) w_k TOC_k / W (linear weighting: more power for diffuse heterogeneity);
///
/// and the TOC on a grid of fractions q uses the last patient fractionally (``UpliftCurve``). A rule that
/// ranks no better than chance has RATE 0; a positive RATE whose interval excludes 0 says the rule finds
/// patients who benefit more than average (and that the effect is heterogeneous).
///
/// **Uncertainty.** The standard error is the standard deviation (n − 1 denominator) of the estimate over
/// `replicates` resamples; the interval is estimate ± z_{(1+level)/2} · SE and the p-value the two-sided
/// normal one. The default resampling is grf's half-sample bootstrap (⌊n/2⌋ patients drawn without
/// replacement: its spread matches the full-sample SE without rescaling); the patient bootstrap (n draws
/// with replacement) is the alternative. Replicate b draws from `Xoshiro256StarStar(seed:stream: b + 1)`,
/// so the result does not depend on the thread count.
///
/// The priorities must come from a model that did not see these patients' outcomes (a held-out split or
/// cross-fitting), or the RATE is biased upwards.
public struct RankWeightedAverageTreatmentEffect: Sendable, Hashable, Codable {
    /// The weighting of the TOC curve.
    public enum Target: String, Sendable, Hashable, Codable, CaseIterable {
        case autoc = "AUTOC"
        case qini = "QINI"
    }

    /// How replicates are drawn.
    public enum Resampling: String, Sendable, Hashable, Codable, CaseIterable {
        /// ⌊n/2⌋ patients without replacement (grf's default).
        case halfSample = "half-sample"
        /// n patients with replacement.
        case patient
    }

    /// Settings, with grf's defaults.
    public struct Configuration: Sendable, Hashable, Codable {
        /// Default AUTOC (grf's default).
        public var target: Target = .autoc
        /// Fractions at which the TOC is reported: increasing, in (0, 1], ending at 1. Default 0.1, 0.2, …, 1.
        public var grid: [Double] = (1...10).map { Double($0) / 10 }
        /// Bootstrap replicates, ≥ 2 (0 for no standard error). Default 200 (grf's `R`).
        public var replicates: Int = 200
        /// Two-sided confidence level in (0, 1). Default 0.95.
        public var confidenceLevel: Double = 0.95
        /// Default ``Resampling/halfSample``.
        public var resampling: Resampling = .halfSample
        /// Seed of the resampling. Default 0.
        public var seed: UInt64 = 0

        public init(target: Target = .autoc, grid: [Double] = (1...10).map { Double($0) / 10 }, replicates: Int = 200,
                    confidenceLevel: Double = 0.95, resampling: Resampling = .halfSample, seed: UInt64 = 0) {
            self.target = target
            self.grid = grid
            self.replicates = replicates
            self.confidenceLevel = confidenceLevel
            self.resampling = resampling
            self.seed = seed
        }

        /// Throws ``PolicyError/invalidParameter(name:value:fix:)`` naming the bad setting.
        public func validate() throws {
            guard !grid.isEmpty, grid.allSatisfy({ $0 > 0 && $0 <= 1 }), grid.last == 1,
                  zip(grid, grid.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw PolicyError.invalidParameter(name: "grid", value: "\(grid.count) fractions",
                                                   fix: "use strictly increasing fractions in (0, 1] ending at 1, e.g. 0.1, 0.2, …, 1")
            }
            guard replicates == 0 || replicates >= 2 else {
                throw PolicyError.invalidParameter(name: "replicates", value: "\(replicates)",
                                                   fix: "use 0 (no standard error) or at least 2, e.g. 200")
            }
            guard confidenceLevel > 0 && confidenceLevel < 1 else {
                throw PolicyError.invalidParameter(name: "confidenceLevel", value: "\(confidenceLevel)",
                                                   fix: "use a level in (0, 1), e.g. 0.95")
            }
        }
    }

    /// One point of the TOC curve with its bootstrap standard error.
    public struct TOCPoint: Sendable, Hashable, Codable {
        public var fraction: Double
        public var estimate: Double
        public var standardError: Double
    }

    public var target: Target
    public var estimate: Double
    public var standardError: Double
    public var lower: Double
    public var upper: Double
    public var confidenceLevel: Double
    /// Two-sided normal p-value of RATE = 0.
    public var pValue: Double
    public var toc: [TOCPoint]
    /// The average effect Σ wᵢΓᵢ / W.
    public var averageEffect: Double
    public var count: Int
    public var replicates: Int
    public var resampling: Resampling
    public var diagnostics: [String]

    /// - Parameters:
    ///   - priorities: Sᵢ, finite; larger is treated first.
    ///   - scores: Γᵢ, finite doubly robust scores of the effect.
    ///   - weights: wᵢ > 0, or `nil` for 1.
    /// - Throws: ``PolicyError`` on bad input or settings; the half-sample bootstrap needs n ≥ 4.
    /// - Complexity: O(n log n + replicates · n), replicates in parallel.
    public init(priorities: [Double], scores: [Double], weights: [Double]? = nil,
                configuration: Configuration = Configuration()) throws {
        try configuration.validate()
        let minimum = configuration.replicates == 0 ? 1 : (configuration.resampling == .halfSample ? 4 : 2)
        try RankedScores.check(priorities: priorities, scores: scores, weights: weights, minimumCount: minimum,
                               context: "RATE")
        let n = scores.count
        let full = Self.statistics(priorities: priorities, scores: scores, weights: weights, rows: Array(0..<n),
                                   target: configuration.target, grid: configuration.grid)
        let replicateCount = configuration.replicates
        var replicateValues: [[Double]] = []
        if replicateCount > 0 {
            // Sort once; each replicate keeps the global order of its patients (O(n) per replicate).
            let globalOrder = RankedScores.decreasingOrder(priorities, Array(0..<n))
            replicateValues = Self.parallel(replicateCount) { b in
                let rows = Self.resample(n: n, replicate: b, seed: configuration.seed, resampling: configuration.resampling)
                var multiplicity = [Int32](repeating: 0, count: n)
                for i in rows { multiplicity[i] += 1 }
                var sorted: [Int] = []
                sorted.reserveCapacity(rows.count)
                for i in globalOrder where multiplicity[i] > 0 {
                    for _ in 0..<multiplicity[i] { sorted.append(i) }
                }
                let ranked = RankedScores(priorities: priorities, scores: scores, weights: weights, sortedRows: sorted)
                return Self.statistics(ranked, target: configuration.target, grid: configuration.grid)
            }
        }
        func sd(_ j: Int) -> Double {
            guard replicateValues.count >= 2 else { return .nan }
            return Descriptive.standardDeviation(replicateValues.map { $0[j] })
        }
        let z = Normal().quantile((1 + configuration.confidenceLevel) / 2)
        target = configuration.target
        estimate = full[0]
        standardError = sd(0)
        lower = estimate - z * standardError
        upper = estimate + z * standardError
        confidenceLevel = configuration.confidenceLevel
        pValue = standardError > 0 ? 2 * Normal().survival(abs(estimate / standardError)) : .nan
        toc = configuration.grid.enumerated().map { j, q in
            TOCPoint(fraction: q, estimate: full[j + 1], standardError: sd(j + 1))
        }
        averageEffect = full[full.count - 1]
        count = n
        replicates = replicateCount
        resampling = configuration.resampling
        var notes: [String] = []
        if n < 100 {
            notes.append("RATE on \(n) patients: the bootstrap interval is approximate with so few patients")
        }
        if Set(priorities).count == 1 {
            notes.append("all priorities are equal: the RATE is 0 by construction")
        }
        if replicateCount > 0 && !(standardError > 0) {
            notes.append("the bootstrap standard error is 0 or undefined; no interval")
        }
        diagnostics = notes
    }

    /// [RATE, TOC(grid)…, ATE] on the given rows (grf's `estimate_rate` plus the ATE).
    ///
    /// - Complexity: O(m log m).
    static func statistics(priorities: [Double], scores: [Double], weights: [Double]?, rows: [Int],
                           target: Target, grid: [Double]) -> [Double] {
        statistics(RankedScores(priorities: priorities, scores: scores, weights: weights, rows: rows), target: target, grid: grid)
    }

    static func statistics(_ ranked: RankedScores, target: Target, grid: [Double]) -> [Double] {
        let rate = target == .autoc ? ranked.autoc : ranked.qini
        return [rate] + grid.map { ranked.topMean($0) - ranked.average } + [ranked.average]
    }

    /// The rows of replicate `replicate`.
    static func resample(n: Int, replicate: Int, seed: UInt64, resampling: Resampling) -> [Int] {
        var generator = Xoshiro256StarStar(seed: seed, stream: UInt64(replicate + 1))
        switch resampling {
        case .patient:
            return (0..<n).map { _ in Int.random(in: 0..<n, using: &generator) }
        case .halfSample:
            // Partial Fisher–Yates: the first ⌊n/2⌋ of a random permutation.
            var pool = Array(0..<n)
            let m = n / 2
            for k in 0..<m {
                let j = Int.random(in: k..<n, using: &generator)
                pool.swapAt(k, j)
            }
            return Array(pool[0..<m])
        }
    }

    /// `body(b)` for b in 0..<count, spread over the cores in contiguous chunks; results by index.
    static func parallel(_ count: Int, _ body: @Sendable (Int) -> [Double]) -> [[Double]] {
        let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount, count))
        let slots = RATEResultSlots(count: count)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            for b in (count * c / chunks)..<(count * (c + 1) / chunks) { slots.set(b, body(b)) }
        }
        return slots.values
    }
}

/// Per-replicate result slots, each written by exactly one task.
private final class RATEResultSlots: @unchecked Sendable {
    private var storage: [[Double]]
    private let lock = NSLock()
    init(count: Int) { storage = Array(repeating: [], count: count) }
    func set(_ i: Int, _ value: [Double]) {
        lock.lock()
        storage[i] = value
        lock.unlock()
    }
    var values: [[Double]] { storage }
}
