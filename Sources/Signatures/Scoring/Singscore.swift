import CohortData
import Foundation

/// singscore: rank-based single-sample gene-set scores, as the R/Bioconductor package's `simpleScore`.
///
/// Foroutan M, Bhuva DD, Lyu R, Horan K, Cursons J, Davis MJ (2018) "Single sample scoring of molecular
/// phenotypes." BMC Bioinformatics 19:404 (PMID 30400809, doi:10.1186/s12859-018-2435-4).
///
/// Genes are ranked within the sample (1 = lowest, ties get the minimum rank of their run: `rankGenes`).
/// For a set of `k` measured genes among `N` measured genes, with mean rank `R̄`:
///
///     S = (R̄ − (k + 1)/2) / ((2N − k + 1)/2 − (k + 1)/2)        (0 … 1)
///
/// centred by subtracting 0.5 (`centerScore = TRUE`, the default). With a down set as well, the down
/// part is `1 − S_down` (also centred) and the total is the sum of the two parts (−1 … 1 centred).
/// The dispersion is the median absolute deviation (scaled by 1.4826, R's `mad`) of the set's ranks,
/// summed over the up and down parts.
///
/// `knownDirection = false` (up set only) scores `|r − ⌈median(r)⌉|` instead of `r`, with bounds for
/// `⌊k/2⌋` genes among `⌈N/2⌉` and no centring, as the package does.
///
/// - Complexity: O(samples × (genes log genes + Σ set sizes)); samples run in parallel.
public enum Singscore {
    public struct Configuration: Sendable, Hashable, Codable {
        /// Subtract 0.5 from each part. Default `true`, as `simpleScore`.
        public var centerScore: Bool
        /// Whether the up set's direction is known. Default `true`; `false` only for up-only sets.
        public var knownDirection: Bool

        public init(centerScore: Bool = true, knownDirection: Bool = true) {
            self.centerScore = centerScore
            self.knownDirection = knownDirection
        }
    }

    /// Scores up sets (and optional down sets, `nil` or empty for up-only) given as expression row indices.
    ///
    /// - Returns: total scores, set-major (`scores[set * sampleCount + sample]`), NaN when no up gene
    ///   (or, with a down set, no down gene) is measured in the sample; and the dispersions, same layout.
    public static func scores(_ expression: ExpressionBlock, upSets: [[Int]], downSets: [[Int]?]? = nil,
                              configuration: Configuration = Configuration()) -> (total: [Double], dispersion: [Double]) {
        let downs = downSets ?? Array(repeating: nil, count: upSets.count)
        precondition(downs.count == upSets.count, "one down set (or nil) per up set")
        precondition(configuration.knownDirection || downs.allSatisfy { ($0 ?? []).isEmpty },
                     "singscore with an unknown direction takes an up set only")
        let samples = expression.sampleCount
        let ups = upSets
        let config = configuration
        // Dispersions are written to a second matrix placed after the scores (2 × sets × samples).
        let both = SampleRanking.forEachSample(of: expression, setCount: 2 * ups.count) { s, ranking, out in
            var scratch: [Double] = []
            var median = 0.0
            if !config.knownDirection {
                var present: [Double] = []
                present.reserveCapacity(ranking.n)
                for r in ranking.minimumRank where r > 0 { present.append(r) }
                median = Foundation.ceil(Self.median(&present))
            }
            for i in ups.indices {
                let rank: (Int) -> Double = config.knownDirection
                    ? { ranking.minimumRank[$0] }
                    : { abs(ranking.minimumRank[$0] - median) }
                guard let up = part(ups[i], ranking, rank: rank, knownDirection: config.knownDirection, scratch: &scratch) else {
                    continue
                }
                let offset = config.centerScore && config.knownDirection ? -0.5 : 0
                var total = up.score + offset
                var dispersion = up.mad
                if let down = downs[i], !down.isEmpty {
                    guard let d = part(down, ranking, rank: { ranking.minimumRank[$0] }, knownDirection: true, scratch: &scratch) else {
                        continue
                    }
                    total += 1 - d.score + offset
                    dispersion += d.mad
                }
                out[i * samples + s] = total
                out[(ups.count + i) * samples + s] = dispersion
            }
        }
        let half = ups.count * samples
        return (Array(both[0..<half]), Array(both[half...]))
    }

    private static func part(_ set: [Int], _ ranking: SampleRanking, rank: (Int) -> Double, knownDirection: Bool,
                             scratch: inout [Double]) -> (score: Double, mad: Double)? {
        scratch.removeAll(keepingCapacity: true)
        for g in set where ranking.ascendingPosition[g] != 0 { scratch.append(rank(g)) }
        let k = scratch.count
        guard k > 0 else { return nil }
        let mean = scratch.reduce(0, +) / Double(k)
        var gs = Double(k), bg = Double(ranking.n)
        if !knownDirection { gs = Foundation.floor(gs / 2); bg = Foundation.ceil(bg / 2) }
        let low = (gs + 1) / 2
        let high = (2 * bg - gs + 1) / 2
        let score = (mean - low) / (high - low)
        return (score, madOf(&scratch))
    }

    /// R's `mad`: 1.4826 × median |x − median(x)|.
    static func madOf(_ values: inout [Double]) -> Double {
        let m = median(&values)
        for i in values.indices { values[i] = abs(values[i] - m) }
        return 1.4826 * median(&values)
    }

    static func median(_ values: inout [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        values.sort()
        let m = values.count / 2
        return values.count % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2
    }
}
