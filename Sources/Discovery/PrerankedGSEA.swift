import Foundation
import Statistics

/// One gene set's result in a ``PrerankedGSEA``.
public struct GeneSetEnrichment: Sendable, Hashable, Codable {
    public var setName: String
    /// Set members found in the ranking (the size that counts for the size filter and the walk).
    public var matchedSize: Int
    /// Members listed in the set (before matching to the ranking).
    public var listedSize: Int
    /// ES: the running-sum maximum deviation from zero (positive: members concentrate at the top).
    public var enrichmentScore: Double
    /// NES: ES divided by the mean of the same-signed null ES of this set.
    public var normalizedEnrichmentScore: Double
    /// Nominal permutation p-value (same-signed part of the null).
    public var pValue: Double
    /// GSEA's FDR q-value from the pooled null NES of all sets.
    public var fdr: Double
    /// Leading-edge genes: members at or before the running-sum peak (ES > 0, top first) or at or after the
    /// trough (ES < 0, bottom first), as GSEA and gseapy report them.
    public var leadingEdge: [String]
    /// Matched members in ranking order.
    public var matchedGenes: [String]
    /// Position (0 = top) where the running sum reaches ES.
    public var peakPosition: Int
}

/// Preranked gene-set enrichment analysis (GSEA; Subramanian et al. 2005, PNAS 102:15545–15550): where do a
/// gene set's members fall in a list ranked by a statistic (here: a scan's signed effect or z)?
///
/// Genes are sorted by decreasing score r (ties keep the input order). Walking down the N ranked genes, a
/// running sum rises by |rⱼ|ᵖ / N_R at each of the k set members (N_R = Σ_members |r|ᵖ) and falls by
/// 1/(N − k) at each other gene; ES is the running sum's largest deviation from zero (the maximum if
/// |max| > |min|, else the minimum: the weighted Kolmogorov–Smirnov statistic, weight p = ``weight``,
/// default 1 as in GSEA's preranked tool).
///
/// Significance by gene-set permutation (the only option for a preranked list): each of ``permutations``
/// draws shuffles the gene labels once, and every set's ES is recomputed on the same shuffle (so
/// correlations between overlapping sets are kept). For a set with ES ≥ 0, with ES⁺_null the null ES ≥ 0,
///
///     NES = ES / mean(ES⁺_null),    p = #{ES⁺_null ≥ ES} / #{ES⁺_null},
///
/// and symmetrically (strict <) for ES < 0. The FDR q-value pools the null NES of all sets: for NES* ≥ 0,
/// q = [#{null NES ≥ NES*} / #{null NES ≥ 0}] / [#{observed NES ≥ NES*} / #{observed NES ≥ 0}], capped at 1.
/// These are GSEA's and gseapy's formulas (`gseapy.algorithm.gsea_significance`); ES and leading edges
/// match `gseapy.prerank` exactly, NES/p/q within Monte-Carlo error (Tests/Fixtures/discovery_enrichment).
/// A p-value of 0 means below 1/#{same-signed null}.
///
/// Permutation m draws from the stream `(seed, m)` of a seed taken from the generator, in parallel, so the
/// result is the same for every thread count.
public struct PrerankedGSEA: Sendable, Hashable, Codable {
    /// Exponent p of the hit weights |r|ᵖ, ≥ 0 (0 = the classical unweighted KS statistic). Default 1.
    public var weight: Double
    /// Sets with fewer matched genes are skipped, ≥ 1. Default 15 (GSEA, gseapy).
    public var minimumSize: Int
    /// Sets with more matched genes are skipped, ≥ ``minimumSize``. Default 500 (GSEA, gseapy).
    public var maximumSize: Int
    /// Gene-set permutations, ≥ 0 (0 = ES and leading edges only; NES, p and q are NaN). Default 1000.
    public var permutations: Int

    public init(weight: Double = 1, minimumSize: Int = 15, maximumSize: Int = 500, permutations: Int = 1000) {
        self.weight = weight
        self.minimumSize = minimumSize
        self.maximumSize = maximumSize
        self.permutations = permutations
    }

    public func validate() throws {
        guard weight.isFinite, weight >= 0 else {
            throw DiscoveryError("GSEA: weight \(weight) must be finite and ≥ 0 (1 = GSEA's default, 0 = unweighted)")
        }
        guard minimumSize >= 1 else { throw DiscoveryError("GSEA: minimumSize \(minimumSize) must be at least 1") }
        guard maximumSize >= minimumSize else {
            throw DiscoveryError("GSEA: maximumSize \(maximumSize) must be ≥ minimumSize \(minimumSize)")
        }
        guard permutations >= 0 else {
            throw DiscoveryError("GSEA: permutations \(permutations) must be ≥ 0 (1000 is usual)")
        }
    }

    /// Runs GSEA of every set against the ranking. Results are sorted by nominal p, then by |NES|
    /// (decreasing), then by name; sets outside the size range after matching are left out.
    ///
    /// - Parameters:
    ///   - genes: gene names, unique.
    ///   - scores: the ranking statistic per gene (finite).
    ///   - geneSets: set name → members (duplicates are counted once; genes not in the ranking are ignored).
    /// - Throws: ``DiscoveryError`` for mismatched lengths, an empty ranking, duplicate genes or a non-finite
    ///   score (naming the gene), or invalid settings.
    /// - Complexity: O(N log N + Σ N) for the observed walks, plus permutations × (N + Σ k log k).
    public func run(genes: [String], scores: [Double], geneSets: [String: [String]],
                    generator: inout Xoshiro256StarStar) throws -> [GeneSetEnrichment] {
        try validate()
        guard genes.count == scores.count else {
            throw DiscoveryError("GSEA: \(genes.count) genes but \(scores.count) scores; give one score per gene")
        }
        guard genes.count >= 2 else { throw DiscoveryError("GSEA: the ranking needs at least 2 genes, got \(genes.count)") }
        if let bad = scores.indices.first(where: { !scores[$0].isFinite }) {
            throw DiscoveryError("GSEA: the score of gene \"\(genes[bad])\" is not finite; drop or fix it before ranking")
        }
        var position: [String: Int] = [:]
        position.reserveCapacity(genes.count)
        let order = genes.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        for (rank, i) in order.enumerated() {
            guard position.updateValue(rank, forKey: genes[i]) == nil else {
                throw DiscoveryError("GSEA: gene \"\(genes[i])\" appears more than once in the ranking; give each gene once")
            }
        }
        let ranked = order.map { scores[$0] }
        let rankedGenes = order.map { genes[$0] }
        let n = ranked.count
        let hitWeight = ranked.map { weight == 0 ? 1 : pow(abs($0), weight) }

        var names: [String] = [], hits: [[Int]] = [], listed: [Int] = []
        for name in geneSets.keys.sorted() {
            let members = Set(geneSets[name]!)
            let pos = members.compactMap { position[$0] }.sorted()
            guard pos.count >= minimumSize, pos.count <= maximumSize, pos.count < n else { continue }
            names.append(name)
            hits.append(pos)
            listed.append(members.count)
        }

        var results: [GeneSetEnrichment] = []
        for (s, pos) in hits.enumerated() {
            let walk = Self.walk(pos, hitWeight: hitWeight, count: n)
            let lead = walk.es >= 0 ? pos.filter { $0 <= walk.peak }.map { rankedGenes[$0] }
                                    : pos.filter { $0 >= walk.peak }.reversed().map { rankedGenes[$0] }
            results.append(GeneSetEnrichment(setName: names[s], matchedSize: pos.count, listedSize: listed[s],
                                             enrichmentScore: walk.es, normalizedEnrichmentScore: .nan, pValue: .nan,
                                             fdr: .nan, leadingEdge: lead, matchedGenes: pos.map { rankedGenes[$0] },
                                             peakPosition: walk.peak))
        }
        if permutations > 0 && !hits.isEmpty {
            let nulls = Self.nullScores(hits, hitWeight: hitWeight, count: n, permutations: permutations,
                                        seed: generator.next())
            let significance = Self.significance(enrichmentScores: results.map(\.enrichmentScore), nulls: nulls)
            for i in results.indices {
                results[i].normalizedEnrichmentScore = significance.nes[i]
                results[i].pValue = significance.p[i]
                results[i].fdr = significance.fdr[i]
            }
        }
        return results.sorted { a, b in
            let pa = a.pValue.isNaN ? 2 : a.pValue, pb = b.pValue.isNaN ? 2 : b.pValue
            if pa != pb { return pa < pb }
            let na = abs(a.normalizedEnrichmentScore.isNaN ? a.enrichmentScore : a.normalizedEnrichmentScore)
            let nb = abs(b.normalizedEnrichmentScore.isNaN ? b.enrichmentScore : b.normalizedEnrichmentScore)
            if na != nb { return na > nb }
            return a.setName < b.setName
        }
    }

    /// The full running sum over the ranking (as gseapy's `RES`): ES and the position where it is reached
    /// (first maximum for ES ≥ 0, first minimum for ES < 0).
    static func walk(_ hits: [Int], hitWeight: [Double], count n: Int) -> (es: Double, peak: Int) {
        var total = 0.0
        for h in hits { total += hitWeight[h] }
        let miss = 1 / Double(n - hits.count)
        var running = 0.0, maxValue = -Double.infinity, minValue = Double.infinity, argMax = 0, argMin = 0
        var next = 0
        for i in 0..<n {
            if next < hits.count && hits[next] == i {
                running += total > 0 ? hitWeight[i] / total : 1 / Double(hits.count)
                next += 1
            } else {
                running -= miss
            }
            if running > maxValue { maxValue = running; argMax = i }
            if running < minValue { minValue = running; argMin = i }
        }
        return abs(maxValue) > abs(minValue) ? (maxValue, argMax) : (minValue, argMin)
    }

    /// ES from the sorted hit positions only, O(k): the running sum's extremes are reached right after a
    /// hit (maximum) or at the end of a run of misses (minimum).
    static func fastScore(_ hits: UnsafeBufferPointer<Int>, hitWeight: [Double], count n: Int) -> Double {
        let k = hits.count
        var total = 0.0
        for h in hits { total += hitWeight[h] }
        let miss = 1 / Double(n - k)
        let step = total > 0 ? 1 / total : 0
        var maxValue = -Double.infinity, minValue = Double.infinity
        var cumulative = 0.0
        for j in 0..<k {
            let missesBefore = Double(hits[j] - j)
            if hits[j] > (j == 0 ? 0 : hits[j - 1] + 1) || (j == 0 && hits[0] > 0) {
                // End of a run of misses just before this hit (and, for the first run, its first miss).
                let before = cumulative - missesBefore * miss
                minValue = min(minValue, before)
                if j == 0 { maxValue = max(maxValue, -miss) }
            }
            cumulative += total > 0 ? hitWeight[hits[j]] * step : 1 / Double(k)
            let after = cumulative - missesBefore * miss
            maxValue = max(maxValue, after)
            minValue = min(minValue, after)
        }
        if hits[k - 1] < n - 1 { minValue = min(minValue, cumulative - Double(n - k) * miss) }
        return abs(maxValue) > abs(minValue) ? maxValue : minValue
    }

    /// Null ES, `nulls[set][permutation]`: permutation m shuffles the ranking positions with stream (seed, m).
    static func nullScores(_ hits: [[Int]], hitWeight: [Double], count n: Int, permutations: Int,
                           seed: UInt64) -> [[Double]] {
        let sets = hits.count
        var flat = [Double](repeating: 0, count: sets * permutations)
        let chunks = max(1, min(permutations, ProcessInfo.processInfo.activeProcessorCount * 4))
        flat.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                var shuffled = Array(0..<n)
                var scratch = [Int](repeating: 0, count: hits.map(\.count).max() ?? 0)
                var m = c
                while m < permutations {
                    var generator = Xoshiro256StarStar(seed: seed, stream: UInt64(m))
                    for i in 0..<n { shuffled[i] = i }
                    // Fisher–Yates.
                    for i in stride(from: n - 1, to: 0, by: -1) {
                        let j = Int(generator.next() % UInt64(i + 1))
                        shuffled.swapAt(i, j)
                    }
                    for s in 0..<sets {
                        let k = hits[s].count
                        for (a, h) in hits[s].enumerated() { scratch[a] = shuffled[h] }
                        scratch.withUnsafeMutableBufferPointer { sb in
                            var slice = UnsafeMutableBufferPointer(rebasing: sb[0..<k])
                            slice.sort()
                            out[s * permutations + m] = fastScore(UnsafeBufferPointer(slice), hitWeight: hitWeight, count: n)
                        }
                    }
                    m += chunks
                }
            }
        }
        return (0..<sets).map { s in Array(flat[(s * permutations)..<((s + 1) * permutations)]) }
    }

    /// NES, nominal p-values and FDR q-values from observed ES and a null matrix `nulls[set][permutation]`
    /// (GSEA's formulas; see the type's documentation). Non-computable values (no same-signed null) are NaN.
    ///
    /// - Complexity: O(S·P log(S·P)) for S sets and P permutations.
    public static func significance(enrichmentScores es: [Double], nulls: [[Double]]) -> (nes: [Double], p: [Double], fdr: [Double]) {
        precondition(es.count == nulls.count, "one null row per set")
        let s = es.count
        var nes = [Double](repeating: .nan, count: s), p = [Double](repeating: .nan, count: s)
        var nullNES: [Double] = []
        for i in 0..<s {
            var posSum = 0.0, posCount = 0, negSum = 0.0, negCount = 0
            for v in nulls[i] { if v >= 0 { posSum += v; posCount += 1 } else { negSum += v; negCount += 1 } }
            let posMean = posCount > 0 ? posSum / Double(posCount) : .nan
            let negMean = negCount > 0 ? negSum / Double(negCount) : .nan
            if es[i] >= 0 {
                nes[i] = es[i] / posMean
                p[i] = posCount > 0 ? Double(nulls[i].filter { $0 >= es[i] }.count) / Double(posCount) : .nan
            } else {
                nes[i] = -es[i] / negMean
                p[i] = negCount > 0 ? Double(nulls[i].filter { $0 < es[i] }.count) / Double(negCount) : .nan
            }
            for v in nulls[i] { nullNES.append(v >= 0 ? v / posMean : -v / negMean) }
        }
        let nullSorted = nullNES.filter { !$0.isNaN }.sorted()
        let observedSorted = nes.filter { !$0.isNaN }.sorted()
        func lowerBound(_ a: [Double], _ x: Double) -> Int {  // first index with a[i] >= x
            var lo = 0, hi = a.count
            while lo < hi { let mid = (lo + hi) / 2; if a[mid] < x { lo = mid + 1 } else { hi = mid } }
            return lo
        }
        func upperBound(_ a: [Double], _ x: Double) -> Int {  // first index with a[i] > x
            var lo = 0, hi = a.count
            while lo < hi { let mid = (lo + hi) / 2; if a[mid] <= x { lo = mid + 1 } else { hi = mid } }
            return lo
        }
        var fdr = [Double](repeating: .nan, count: s)
        for i in 0..<s where !nes[i].isNaN {
            let x = nes[i]
            let allSide, allBeyond, obsSide, obsBeyond: Int
            if x >= 0 {
                allSide = nullSorted.count - lowerBound(nullSorted, 0)
                allBeyond = nullSorted.count - lowerBound(nullSorted, x)
                obsSide = observedSorted.count - lowerBound(observedSorted, 0)
                obsBeyond = observedSorted.count - lowerBound(observedSorted, x)
            } else {
                allSide = lowerBound(nullSorted, 0)
                allBeyond = upperBound(nullSorted, x)
                obsSide = lowerBound(observedSorted, 0)
                obsBeyond = upperBound(observedSorted, x)
            }
            guard allSide > 0, obsSide > 0, obsBeyond > 0 else { continue }
            let q = (Double(allBeyond) / Double(allSide)) / (Double(obsBeyond) / Double(obsSide))
            fdr[i] = min(q, 1)
        }
        return (nes, p, fdr)
    }
}
