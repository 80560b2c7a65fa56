import CohortData

/// Mean of per-gene z-scores.
///
///     z_gs = (x_gs − μ_g) / σ_g,      score(s) = (1/k) Σ_{g ∈ G} z_gs
///
/// With ``Reference/cohort`` (the default), μ_g and σ_g are the gene's mean and standard deviation
/// (n − 1 denominator, R's `scale`) over the samples being scored: **the score depends on the cohort** —
/// adding or removing patients changes everyone's score. With ``Reference/stored(_:)`` they come from a
/// fixed reference (for example the training cohort), which makes the score single-sample.
/// Genes with σ = 0 (or no σ in the reference) and missing values are left out.
///
/// Lee E, Chuang H-Y, Kim J-W, Ideker T, Lee D (2008) "Inferring pathway activity toward precise disease
/// classification." PLoS Comput Biol 4:e1000217 (the "combined z-score", PMID 18989396).
///
/// - Complexity: O(samples × k).
public enum ZScoreScoring {
    /// Per-gene location and scale, keyed by gene symbol.
    public struct GeneStatistics: Sendable, Hashable, Codable {
        public var mean: [String: Double]
        public var standardDeviation: [String: Double]

        public init(mean: [String: Double], standardDeviation: [String: Double]) {
            self.mean = mean
            self.standardDeviation = standardDeviation
        }

        /// Means and standard deviations (n − 1) of every gene of `expression`, for storing as a reference.
        public init(_ expression: ExpressionBlock) {
            var mean: [String: Double] = [:], sd: [String: Double] = [:]
            for g in 0..<expression.geneCount {
                let (m, s) = ZScoreScoring.moments(expression, gene: g)
                if m.isFinite { mean[expression.genes[g]] = m }
                if s.isFinite { sd[expression.genes[g]] = s }
            }
            self.init(mean: mean, standardDeviation: sd)
        }
    }

    /// Where μ and σ come from.
    public enum Reference: Sendable, Hashable {
        /// The samples being scored (cohort-dependent).
        case cohort
        /// A stored reference (single-sample).
        case stored(GeneStatistics)
    }

    /// One score per sample; NaN when no gene of the set has a usable z in that sample.
    public static func scores(_ expression: ExpressionBlock, genes: [Int], reference: Reference = .cohort) -> [Double] {
        let n = expression.sampleCount
        var sums = [Double](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: n)
        for g in genes {
            let (m, s): (Double, Double)
            switch reference {
            case .cohort: (m, s) = moments(expression, gene: g)
            case .stored(let stats):
                let name = expression.genes[g]
                (m, s) = (stats.mean[name] ?? .nan, stats.standardDeviation[name] ?? .nan)
            }
            guard m.isFinite, s.isFinite, s > 0 else { continue }
            for j in 0..<n {
                let v = expression.values[g * n + j]
                if !v.isNaN { sums[j] += (v - m) / s; counts[j] += 1 }
            }
        }
        return (0..<n).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : .nan }
    }

    /// Mean and standard deviation (n − 1) of one gene over the present samples.
    static func moments(_ expression: ExpressionBlock, gene g: Int) -> (Double, Double) {
        let n = expression.sampleCount
        var sum = 0.0, count = 0
        for s in 0..<n { let v = expression.values[g * n + s]; if !v.isNaN { sum += v; count += 1 } }
        guard count > 1 else { return (count == 1 ? sum : .nan, .nan) }
        let mean = sum / Double(count)
        var ss = 0.0
        for s in 0..<n { let v = expression.values[g * n + s]; if !v.isNaN { ss += (v - mean) * (v - mean) } }
        return (mean, (ss / Double(count - 1)).squareRoot())
    }
}
