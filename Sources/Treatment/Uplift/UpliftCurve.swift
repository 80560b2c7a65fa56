/// Uplift, gain and Qini curves of a ranking of patients by predicted benefit, from doubly robust scores,
/// so that they are valid on observational data (Radcliffe 2007, "Using control groups to target on
/// predicted lift", Direct Marketing Analytics Journal 1:14–21, for the Qini curve; Yadlowsky et al.
/// 2021, arXiv:2111.07966, and Sverdrup, Wu, Athey & Wager 2023, "Qini curves for multi-armed treatment
/// rules", for the AIPW form).
///
/// Patients are sorted by decreasing priority Sᵢ (e.g. a predicted individual effect); Γᵢ are AIPW scores
/// of the effect (``DoublyRobustScores``; IPW scores in a randomised trial), wᵢ optional weights,
/// W = Σwᵢ and ATE = Σwᵢ Γᵢ / W. For the top fraction q of patients:
///
/// - uplift(q) = Σ_{top q} wᵢΓᵢ / (qW): the average effect among those treated first;
/// - TOC(q) = uplift(q) − ATE: the targeting operator characteristic;
/// - gain(q) = q · uplift(q): the effect per patient of the whole population when only the top q are
///   treated (the cumulative-gain curve);
/// - Qini(q) = gain(q) − q · ATE: the gain over treating the same fraction at random.
///
/// Tied priorities share their group's mean score (the curve does not depend on how ties are broken).
/// Between patients the last one needed is counted fractionally (grf's grid TOC).
///
/// Areas are discrete averages over the n patient positions q_k = C_k/W (C_k = Σ_{j ≤ k} w_j):
/// `areaUnderTOC` = Σ w_k TOC(q_k)/W is the AUTOC and `qiniCoefficient` = Σ w_k Qini(q_k)/W is the
/// Qini-weighted RATE (``RankWeightedAverageTreatmentEffect``); `areaUnderGain` = Σ w_k gain(q_k)/W.
/// A ranking no better than chance has expected AUTOC and Qini coefficient 0.
public struct UpliftCurve: Sendable, Hashable, Codable {
    /// The curves at one fraction of patients treated.
    public struct Point: Sendable, Hashable, Codable {
        /// q, the fraction of (weighted) patients treated first, in (0, 1].
        public var fraction: Double
        public var uplift: Double
        public var toc: Double
        public var gain: Double
        public var qini: Double
    }

    /// The curves on the grid.
    public var points: [Point]
    /// The average effect ATE over all patients (uplift at q = 1).
    public var averageEffect: Double
    public var areaUnderTOC: Double
    public var qiniCoefficient: Double
    public var areaUnderGain: Double
    public var count: Int
    /// Warnings (few patients, all priorities tied).
    public var diagnostics: [String]

    /// - Parameters:
    ///   - priorities: Sᵢ, finite; larger is treated first.
    ///   - scores: Γᵢ, finite.
    ///   - weights: wᵢ > 0, or `nil` for 1.
    ///   - grid: fractions in (0, 1], increasing; default 0.01, 0.02, …, 1.
    /// - Throws: ``PolicyError/invalidInput(_:)`` on lengths, non-finite values or a bad grid.
    /// - Complexity: O(n log n + grid · log n).
    public init(priorities: [Double], scores: [Double], weights: [Double]? = nil,
                grid: [Double] = (1...100).map { Double($0) / 100 }) throws {
        try RankedScores.check(priorities: priorities, scores: scores, weights: weights, minimumCount: 1,
                               context: "uplift curve")
        guard !grid.isEmpty, grid.allSatisfy({ $0 > 0 && $0 <= 1 }), zip(grid, grid.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw PolicyError.invalidParameter(name: "grid", value: "\(grid.count) fractions",
                                               fix: "use increasing fractions in (0, 1], e.g. 0.01 … 1")
        }
        let ranked = RankedScores(priorities: priorities, scores: scores, weights: weights,
                                  rows: Array(0..<scores.count))
        let ate = ranked.average
        points = grid.map { q in
            let up = ranked.topMean(q)
            return Point(fraction: q, uplift: up, toc: up - ate, gain: q * up, qini: q * (up - ate))
        }
        averageEffect = ate
        areaUnderTOC = ranked.autoc
        qiniCoefficient = ranked.qini
        var gainArea = 0.0
        let total = ranked.totalWeight
        for k in 0..<ranked.count {
            gainArea += ranked.weights[k] * ranked.cumulativeScore[k] / total
        }
        areaUnderGain = gainArea / total
        count = scores.count
        var notes: [String] = []
        if scores.count < 50 {
            notes.append("uplift curve on \(scores.count) patients: the curve is very noisy; read it with its RATE confidence interval")
        }
        if Set(priorities).count == 1 {
            notes.append("all priorities are equal: the ranking carries no information and the curves are flat")
        }
        diagnostics = notes
    }
}
