import Statistics

/// DeLong's paired test of two AUCs measured on the same patients (two models, one cohort).
///
/// With the structural components of each model (see ``AreaUnderROC``) stacked as V10 (m × 2) and
/// V01 (n × 2), their sample covariance matrices S10 and S01 give
///
///     S = S10 / m + S01 / n,     Var(AUC₁ − AUC₂) = S₁₁ + S₂₂ − 2 S₁₂,
///     z = (AUC₁ − AUC₂) / √Var,  p = 2 (1 − Φ(|z|)),
///
/// and the interval of the difference `AUC₁ − AUC₂ ± z_{(1+level)/2} √Var` — as R's pROC
/// `roc.test(method = "delong", paired = TRUE)`.
///
/// DeLong ER, DeLong DM, Clarke-Pearson DL (1988), Biometrics 44:837–845; Sun X, Xu W (2014), IEEE
/// Signal Processing Letters 21:1389–1393.
public struct DeLongTest: Sendable, Hashable, Codable {
    public var first: Double
    public var second: Double
    /// `first − second`.
    public var difference: Double
    /// Variance of the difference.
    public var variance: Double
    /// DeLong covariance of the two AUCs (S₁₂).
    public var covariance: Double
    /// `difference / √variance` (NaN when the variance is 0, i.e. the models rank identically).
    public var z: Double
    /// Two-sided p-value (1 when the variance is 0 and the AUCs are equal).
    public var pValue: Double
    public var confidenceLevel: Double
    /// Interval for the difference.
    public var lower: Double
    public var upper: Double

    /// - Parameters:
    ///   - first, second: the two models' scores for the same patients, in the same order.
    ///   - labels: outcomes; both classes must be present.
    ///   - confidenceLevel: in (0, 1), default 0.95.
    /// - Complexity: O(N) per model after radix sorts.
    public init(first: [Double], second: [Double], labels: [Bool], confidenceLevel: Double = 0.95) throws {
        InputChecks.sameLength(first.count, labels.count, "first scores and labels")
        InputChecks.sameLength(second.count, labels.count, "second scores and labels")
        InputChecks.level(confidenceLevel)
        try InputChecks.finite(first, "scores")
        try InputChecks.finite(second, "scores")
        let (m, n) = try InputChecks.bothClasses(labels, metric: "DeLong test")
        let a = StructuralComponents(scores: first, labels: labels, positives: m, negatives: n)
        let b = StructuralComponents(scores: second, labels: labels, positives: m, negatives: n)
        func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
        func cov(_ u: [Double], _ v: [Double]) -> Double {
            guard u.count > 1 else { return 0 }
            let mu = mean(u), mv = mean(v)
            var s = 0.0
            for k in u.indices { s += (u[k] - mu) * (v[k] - mv) }
            return s / Double(u.count - 1)
        }
        let auc1 = mean(a.positive), auc2 = mean(b.positive)
        let s11 = cov(a.positive, a.positive) / Double(m) + cov(a.negative, a.negative) / Double(n)
        let s22 = cov(b.positive, b.positive) / Double(m) + cov(b.negative, b.negative) / Double(n)
        let s12 = cov(a.positive, b.positive) / Double(m) + cov(a.negative, b.negative) / Double(n)
        self.first = auc1
        self.second = auc2
        difference = auc1 - auc2
        variance = max(0, s11 + s22 - 2 * s12)
        covariance = s12
        self.confidenceLevel = confidenceLevel
        let se = variance.squareRoot()
        if se > 0 {
            z = difference / se
            pValue = 2 * Normal().survival(abs(z))
        } else {
            z = .nan
            pValue = difference == 0 ? 1 : 0
        }
        let q = Normal().quantile(0.5 + confidenceLevel / 2)
        lower = difference - q * se
        upper = difference + q * se
    }
}
