import Statistics

/// The area under the ROC curve with DeLong's variance and a normal confidence interval.
///
/// The AUC is the Mann–Whitney probability that a random positive scores higher than a random
/// negative, ties counting ½:
///
///     AUC = (1 / mn) Σ_i Σ_j ψ(x_i, y_j),   ψ(x, y) = 1[x > y] + ½·1[x = y],
///
/// over the `m` positives' scores `x_i` and the `n` negatives' scores `y_j`. Its variance (DeLong,
/// DeLong & Clarke-Pearson 1988) is
///
///     Var(AUC) = S10 / m + S01 / n,
///
/// where S10 and S01 are the sample variances (denominators m − 1 and n − 1) of the structural
/// components V10(x_i) = (1/n) Σ_j ψ(x_i, y_j) and V01(y_j) = (1/m) Σ_i ψ(x_i, y_j). The interval is
/// `AUC ± z_{(1+level)/2} · √Var`, clipped to [0, 1] — what R's pROC reports by `ci.auc(method =
/// "delong")`.
///
/// Computed in O(N) after sorting the positives' and negatives' scores separately and merging
/// (Sun & Xu 2014); the sort is a linear-time radix sort, so a million scores take milliseconds.
///
/// - DeLong ER, DeLong DM, Clarke-Pearson DL (1988), "Comparing the areas under two or more correlated
///   receiver operating characteristic curves: a nonparametric approach", Biometrics 44:837–845.
/// - Sun X, Xu W (2014), IEEE Signal Processing Letters 21:1389–1393.
///
/// Agreement: scikit-learn `roc_auc_score` (1e-12) and a NumPy transcription of the published formulas
/// (`Tests/Fixtures/evaluation/reference_delong.py`, 1e-10), cross-checked with scipy's Mann–Whitney U.
public struct AreaUnderROC: Sendable, Hashable, Codable {
    /// The AUC, in [0, 1].
    public var estimate: Double
    /// DeLong's variance of the AUC (0 when both classes have one member).
    public var variance: Double
    /// The confidence level of ``lower`` … ``upper`` (default 0.95).
    public var confidenceLevel: Double
    public var lower: Double
    public var upper: Double
    /// Number of positive and negative outcomes.
    public var positives: Int
    public var negatives: Int

    public var standardError: Double { variance.squareRoot() }

    /// - Parameters:
    ///   - scores: one finite score per patient; higher means "more likely positive".
    ///   - labels: the outcomes (true = positive); both classes must be present.
    ///   - confidenceLevel: in (0, 1); default 0.95.
    /// - Throws: ``EvaluationError/invalidInput(_:)`` for non-finite scores,
    ///   ``EvaluationError/undefined(metric:reason:)`` when a class is absent.
    /// - Complexity: O(N) time and memory (radix sort), N = number of patients.
    public init(scores: [Double], labels: [Bool], confidenceLevel: Double = 0.95) throws {
        InputChecks.sameLength(scores.count, labels.count, "scores and labels")
        InputChecks.level(confidenceLevel)
        try InputChecks.finite(scores, "scores")
        let (m, n) = try InputChecks.bothClasses(labels, metric: "ROC AUC")
        var x = [Double](), y = [Double]()
        x.reserveCapacity(m)
        y.reserveCapacity(n)
        for i in scores.indices { if labels[i] { x.append(scores[i]) } else { y.append(scores[i]) } }
        let (auc, s10, s01) = Self.mergedComponents(sortedPositives: RadixSort.sorted(x), sortedNegatives: RadixSort.sorted(y))
        estimate = auc
        variance = s10 / Double(m) + s01 / Double(n)
        self.confidenceLevel = confidenceLevel
        let z = Normal().quantile(0.5 + confidenceLevel / 2)
        let half = z * variance.squareRoot()
        lower = max(0, auc - half)
        upper = min(1, auc + half)
        positives = m
        negatives = n
    }

    /// The AUC alone (Mann–Whitney), without the variance.
    ///
    /// - Complexity: O(N).
    public static func auc(scores: [Double], labels: [Bool]) throws -> Double {
        try AreaUnderROC(scores: scores, labels: labels).estimate
    }

    /// AUC, S10 and S01 from sorted positive and negative scores, by merging: for each tied group of
    /// positives the count of negatives below and equal gives V10; symmetrically for negatives. The
    /// variances are accumulated in a second sweep around the mean (two-pass, for accuracy).
    static func mergedComponents(sortedPositives x: [Double], sortedNegatives y: [Double]) -> (Double, Double, Double) {
        let m = x.count, n = y.count
        // Sweep 1 and 2 share this walker: calls `body(value, count)` per tied group of `a`, with the
        // number of `b` values strictly below and equal.
        func walk(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>, _ body: (Int, Int, Int) -> Void) {
            var i = 0, below = 0, belowOrEqual = 0
            while i < a.count {
                let v = a[i]
                var end = i + 1
                while end < a.count && a[end] == v { end += 1 }
                while below < b.count && b[below] < v { below += 1 }
                if belowOrEqual < below { belowOrEqual = below }
                while belowOrEqual < b.count && b[belowOrEqual] <= v { belowOrEqual += 1 }
                body(end - i, below, belowOrEqual - below)
                i = end
            }
        }
        return x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in
                var sum10 = 0.0
                walk(xp, yp) { count, below, equal in sum10 += Double(count) * (Double(below) + 0.5 * Double(equal)) }
                let auc = sum10 / (Double(m) * Double(n))
                var ss10 = 0.0
                walk(xp, yp) { count, below, equal in
                    let d = (Double(below) + 0.5 * Double(equal)) / Double(n) - auc
                    ss10 += Double(count) * d * d
                }
                // V01(y) = share of positives above y (+ ½ ties) = 1 − share below − ½ share equal.
                var ss01 = 0.0
                walk(yp, xp) { count, below, equal in
                    let v = 1 - (Double(below) + 0.5 * Double(equal)) / Double(m)
                    let d = v - auc
                    ss01 += Double(count) * d * d
                }
                let s10 = m > 1 ? ss10 / Double(m - 1) : 0
                let s01 = n > 1 ? ss01 / Double(n - 1) : 0
                return (auc, s10, s01)
            }
        }
    }
}
