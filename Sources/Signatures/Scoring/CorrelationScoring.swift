import CohortData

/// Pearson correlation between a sample's cohort-centred profile and a signature's weight vector, as
/// TIDE's T-cell dysfunction and exclusion scores.
///
///     y_g(s)   = x_g(s) − mean_s' x_g(s')          (each gene centred across the cohort)
///     score(s) = cor_g( y_g(s), w_g )               (over the genes with a weight, measured in s)
///
/// Jiang P, Gu S, Pan D, et al. (2018) "Signatures of T cell dysfunction and exclusion predict cancer
/// immunotherapy response." Nat Med 24:1550–1558 (PMID 30127393). TIDE further divides by a
/// per-cancer-type standard deviation and combines the two; ImmunoKit reports the correlations.
/// **Cohort-dependent** (the centring uses the cohort's gene means), as in TIDE.
///
/// - Complexity: O(samples × k).
public enum CorrelationScoring {
    public static func scores(_ expression: ExpressionBlock, genes: [Int], weights: [Double]) -> [Double] {
        precondition(genes.count == weights.count, "one weight per gene")
        let n = expression.sampleCount
        let means = genes.map { ZScoreScoring.moments(expression, gene: $0).0 }
        return (0..<n).map { s in
            var xs: [Double] = [], ws: [Double] = []
            for (i, g) in genes.enumerated() {
                let v = expression.values[g * n + s]
                if v.isNaN || !means[i].isFinite { continue }
                xs.append(v - means[i]); ws.append(weights[i])
            }
            return pearson(xs, ws)
        }
    }

    static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let k = x.count
        guard k > 2 else { return .nan }
        let mx = x.reduce(0, +) / Double(k), my = y.reduce(0, +) / Double(k)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in 0..<k {
            let dx = x[i] - mx, dy = y[i] - my
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy
        }
        guard sxx > 0, syy > 0 else { return .nan }
        return sxy / (sxx * syy).squareRoot()
    }
}
