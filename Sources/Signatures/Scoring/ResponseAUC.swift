import Statistics

/// The area under the ROC curve of a score for a binary response, with DeLong's variance.
///
///     AUC = (1/(m·n)) Σ_i Σ_j ψ(x_i, y_j),   ψ = 1 if x > y, ½ if x = y, 0 otherwise
///
/// over the m responders' scores x and the n non-responders' scores y (the Mann–Whitney statistic).
/// DeLong ER, DeLong DM, Clarke-Pearson DL (1988) "Comparing the areas under two or more correlated
/// receiver operating characteristic curves: a nonparametric approach." Biometrics 44:837–845:
/// `V10_i = (1/n) Σ_j ψ(x_i, y_j)`, `V01_j = (1/m) Σ_i ψ(x_i, y_j)`,
/// `Var(AUC) = s²(V10)/m + s²(V01)/n` (sample variances, n − 1 denominators). The confidence interval is
/// AUC ± z·√Var clipped to [0, 1] (z = 1.96 for 95 %).
///
/// Internal to the signature benchmark; the Evaluation layer provides the general metrics.
/// - Complexity: O(m · n).
struct ResponseAUC: Sendable, Hashable {
    var auc: Double
    var variance: Double
    var responders: Int
    var nonResponders: Int

    /// `nil` when either group is empty.
    init?(scores: [Double], response: [Bool]) {
        precondition(scores.count == response.count, "one response per score")
        let x = zip(scores, response).filter { $0.1 }.map(\.0)
        let y = zip(scores, response).filter { !$0.1 }.map(\.0)
        let m = x.count, n = y.count
        guard m > 0, n > 0 else { return nil }
        var v10 = [Double](repeating: 0, count: m)
        var v01 = [Double](repeating: 0, count: n)
        for i in 0..<m {
            for j in 0..<n {
                let psi: Double = x[i] > y[j] ? 1 : (x[i] == y[j] ? 0.5 : 0)
                v10[i] += psi
                v01[j] += psi
            }
        }
        for i in 0..<m { v10[i] /= Double(n) }
        for j in 0..<n { v01[j] /= Double(m) }
        auc = v10.reduce(0, +) / Double(m)
        func sampleVariance(_ v: [Double]) -> Double {
            guard v.count > 1 else { return 0 }
            let mean = v.reduce(0, +) / Double(v.count)
            return v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count - 1)
        }
        variance = sampleVariance(v10) / Double(m) + sampleVariance(v01) / Double(n)
        responders = m
        nonResponders = n
    }

    /// The (1 − level) two-sided normal interval, clipped to [0, 1].
    func interval(level: Double = 0.95) -> (lower: Double, upper: Double) {
        let z = Normal().quantile(1 - (1 - level) / 2)
        let half = z * variance.squareRoot()
        return (max(0, auc - half), min(1, auc + half))
    }
}

/// DerSimonian–Laird random-effects pooling of per-cohort estimates.
///
/// DerSimonian R, Laird N (1986) "Meta-analysis in clinical trials." Control Clin Trials 7:177–188.
/// With within-study variances v_i and weights w_i = 1/v_i: `Q = Σ w_i (θ_i − θ̄_w)²`,
/// `τ² = max(0, (Q − (k − 1)) / (Σw − Σw²/Σw))`, `w*_i = 1/(v_i + τ²)`, `θ = Σ w*θ / Σ w*`,
/// `SE = 1/√Σw*`, `I² = max(0, (Q − (k − 1))/Q)`. Variances are floored at 1e-4 so that a cohort with
/// perfect separation (DeLong variance 0) does not take all the weight.
struct RandomEffectsPool: Sendable, Hashable {
    var estimate: Double
    var standardError: Double
    var tau2: Double
    var i2: Double
    var studies: Int

    init?(estimates: [Double], variances: [Double]) {
        let k = estimates.count
        guard k > 0 else { return nil }
        let v = variances.map { max($0, 1e-4) }
        let w = v.map { 1 / $0 }
        let sw = w.reduce(0, +)
        let mean = zip(w, estimates).reduce(0) { $0 + $1.0 * $1.1 } / sw
        let q = zip(w, estimates).reduce(0) { $0 + $1.0 * ($1.1 - mean) * ($1.1 - mean) }
        let c = sw - w.reduce(0) { $0 + $1 * $1 } / sw
        let t2 = k > 1 && c > 0 ? max(0, (q - Double(k - 1)) / c) : 0
        tau2 = t2
        let ws = v.map { 1 / ($0 + t2) }
        let sws = ws.reduce(0, +)
        estimate = zip(ws, estimates).reduce(0) { $0 + $1.0 * $1.1 } / sws
        standardError = (1 / sws).squareRoot()
        i2 = q > 0 && k > 1 ? max(0, (q - Double(k - 1)) / q) : 0
        studies = k
    }

    func interval(level: Double = 0.95) -> (lower: Double, upper: Double) {
        let z = Normal().quantile(1 - (1 - level) / 2)
        return (estimate - z * standardError, estimate + z * standardError)
    }
}
