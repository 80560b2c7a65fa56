import CohortData
import Foundation
@testable import Signatures

/// A small seeded generator (SplitMix64) so the synthetic mixtures are reproducible.
struct DeconvolutionRNG: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func normal() -> Double {
        let u = max(uniform(), 1e-300), v = uniform()
        return (-2 * Foundation.log(u)).squareRoot() * cos(2 * .pi * v)
    }
}

enum DeconvolutionStats {
    static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let pairs = zip(x, y).filter { $0.0.isFinite && $0.1.isFinite }
        let n = Double(pairs.count)
        let mx = pairs.reduce(0) { $0 + $1.0 } / n, my = pairs.reduce(0) { $0 + $1.1 } / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in pairs { sxy += (a - mx) * (b - my); sxx += (a - mx) * (a - mx); syy += (b - my) * (b - my) }
        return sxy / (sxx * syy).squareRoot()
    }
    static func ranks(_ x: [Double]) -> [Double] {
        let order = x.indices.sorted { x[$0] < x[$1] }
        var r = [Double](repeating: 0, count: x.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && x[order[j + 1]] == x[order[i]] { j += 1 }
            for k in i...j { r[order[k]] = Double(i + j) / 2 + 1 }
            i = j + 1
        }
        return r
    }
    static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        let pairs = zip(x, y).filter { $0.0.isFinite && $0.1.isFinite }
        return pearson(ranks(pairs.map(\.0)), ranks(pairs.map(\.1)))
    }
}

/// Synthetic bulk tumours: TIL10 immune profiles mixed with a tumour profile at known fractions.
///
/// The transcriptome is the 170 TIL10 genes plus `fillerGenes` genes. Each immune profile is the TIL10
/// column on the signature genes plus random filler expression scaled so the profile sums to 10⁶ TPM;
/// the tumour profile expresses the signature genes at 0–5 TPM. Truth is given in quanTIseq's terms:
/// cell fractions fᵢ (immune) and f_other with Σ = 1; the mRNA fractions are xᵢ = T·fᵢmᵢ/Σⱼfⱼmⱼ with T the
/// immune total, and bulk = Σ xᵢ profileᵢ + (1 − T) tumour, times log-normal noise (sd `noise`).
struct SyntheticMixtures {
    var genes: [String]
    /// cellTypes × genes (type-major) profiles, TPM.
    var profiles: [[Double]]
    var tumour: [Double]

    init(genes: [String], profiles: [[Double]], tumour: [Double]) {
        self.genes = genes
        self.profiles = profiles
        self.tumour = tumour
    }

    init(fillerGenes: Int = 2000, seed: UInt64) {
        var rng = DeconvolutionRNG(seed: seed)
        let t = TIL10Signature.cellTypes.count
        genes = TIL10Signature.genes + (0..<fillerGenes).map { "FILLER\($0)" }
        profiles = (0..<t).map { type in
            let signature = TIL10Signature.genes.indices.map { TIL10Signature.expression[$0 * t + type] }
            let used = signature.reduce(0, +)
            var filler = (0..<fillerGenes).map { _ in Foundation.exp(2 * rng.normal()) }
            let fillerTotal = filler.reduce(0, +)
            filler = filler.map { $0 / fillerTotal * max(1e6 - used, 1e5) }
            return signature + filler
        }
        let tumourSignature = TIL10Signature.genes.map { _ in 5 * rng.uniform() }
        let tumourFiller = (0..<fillerGenes).map { _ in Foundation.exp(2 * rng.normal()) }
        let fillerTotal = tumourFiller.reduce(0, +)
        let remaining = 1e6 - tumourSignature.reduce(0, +)
        tumour = tumourSignature + tumourFiller.map { $0 / fillerTotal * remaining }
    }

    /// Random truth: immune total T in [0.1, 0.7], split by a flat Dirichlet.
    static func randomFractions(_ rng: inout DeconvolutionRNG, count: Int) -> [Double] {
        let immuneTotal = 0.1 + 0.6 * rng.uniform()
        let g = (0..<count).map { _ in -Foundation.log(max(rng.uniform(), 1e-300)) }
        let s = g.reduce(0, +)
        return g.map { $0 / s * immuneTotal } + [1 - immuneTotal]
    }

    /// Bulk TPM of one sample with cell fractions `fractions` (immune types then other).
    func bulk(fractions: [Double], mRNA: [Double], noise: Double, rng: inout DeconvolutionRNG) -> [Double] {
        let t = profiles.count
        let immuneTotal = fractions[0..<t].reduce(0, +)
        let weighted = (0..<t).map { fractions[$0] * mRNA[$0] }
        let weightedTotal = weighted.reduce(0, +)
        let x = weighted.map { weightedTotal > 0 ? $0 / weightedTotal * immuneTotal : 0 }
        return genes.indices.map { g in
            var v = (1 - immuneTotal) * tumour[g]
            for i in 0..<t { v += x[i] * profiles[i][g] }
            return v * Foundation.exp(noise * rng.normal())
        }
    }

    /// An expression block (log2(TPM + 1)) of `samples` mixtures; returns the block and the truth
    /// (samples × (types + 1)).
    func cohort(samples: Int, noise: Double, mRNA: [Double], seed: UInt64, unit: ExpressionUnit = .log2TPM)
        -> (ExpressionBlock, [[Double]]) {
        var rng = DeconvolutionRNG(seed: seed)
        var truth: [[Double]] = []
        var columns: [[Double]] = []
        for _ in 0..<samples {
            let f = Self.randomFractions(&rng, count: profiles.count)
            truth.append(f)
            columns.append(bulk(fractions: f, mRNA: mRNA, noise: noise, rng: &rng))
        }
        var values = [Double](repeating: 0, count: genes.count * samples)
        for g in genes.indices {
            for s in 0..<samples {
                let v = columns[s][g]
                values[g * samples + s] = unit == .tpm ? v : Foundation.log2(v + 1)
            }
        }
        let block = ExpressionBlock(genes: genes, sampleIDs: (0..<samples).map { "S\($0)" }, unit: unit, geneMajorValues: values)
        return (block, truth)
    }
}
