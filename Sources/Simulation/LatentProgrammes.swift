import Foundation
import Statistics

/// A patient's scores on the four latent tumour-microenvironment programmes that drive expression,
/// PD-L1, labs, embeddings and (through the outcome model) response and survival.
///
/// Each score is on a standard-deviation scale: within one cancer type the residual part is
/// standard normal, with the correlations in ``correlation``; cancer types shift the mean
/// (``CancerTypeProfile/programmeMeans``).
///
/// - ``inflamed``: the T-cell-inflamed / IFN-γ programme (Ayers et al. 2017 J Clin Invest
///   127:2930, the 18-gene T-cell-inflamed GEP); drives CD8A, GZMB, CXCL9, PD-L1 and the ICI benefit.
/// - ``exclusion``: TGF-β–driven fibroblast activity and T-cell exclusion (Mariathasan et al. 2018
///   Nature 554:544, pan-F-TBRS); lowers ICI benefit.
/// - ``myeloid``: suppressive myeloid infiltration (macrophages, neutrophils; Bagaev et al. 2021
///   Cancer Cell 39:845); raises NLR.
/// - ``proliferation``: tumour cell-cycle activity (MKI67, TOP2A…); raises LDH, worsens prognosis.
public struct LatentProgrammes: Sendable, Hashable, Codable {
    public var inflamed: Double
    public var exclusion: Double
    public var myeloid: Double
    public var proliferation: Double

    public init(inflamed: Double, exclusion: Double, myeloid: Double, proliferation: Double) {
        self.inflamed = inflamed
        self.exclusion = exclusion
        self.myeloid = myeloid
        self.proliferation = proliferation
    }

    public static let zero = LatentProgrammes(inflamed: 0, exclusion: 0, myeloid: 0, proliferation: 0)

    /// Number of programmes.
    public static let count = 4

    /// Programme names, in storage order (the truth table's column names).
    public static let names = ["inflamed", "exclusion", "myeloid", "proliferation"]

    /// The scores in storage order.
    public var vector: [Double] { [inflamed, exclusion, myeloid, proliferation] }

    /// The score at `index` (0 inflamed, 1 exclusion, 2 myeloid, 3 proliferation).
    @inlinable
    public subscript(index: Int) -> Double {
        switch index {
        case 0: inflamed
        case 1: exclusion
        case 2: myeloid
        default: proliferation
        }
    }

    /// Residual correlation of the programmes within a cancer type.
    ///
    /// Inflamed–myeloid +0.35 (IFN-γ recruits monocytes); inflamed–exclusion −0.2 (TGF-β excludes
    /// T cells, Mariathasan 2018); exclusion–myeloid +0.3 (fibrotic, macrophage-rich stroma);
    /// inflamed–proliferation −0.1. Magnitudes chosen to resemble the TCGA immune-subtype
    /// correlations of Thorsson et al. 2018 Immunity 48:812; exact values are not published as such.
    public static let correlation: [[Double]] = [
        [1.00, -0.20, 0.35, -0.10],
        [-0.20, 1.00, 0.30, -0.05],
        [0.35, 0.30, 1.00, 0.00],
        [-0.10, -0.05, 0.00, 1.00],
    ]

    /// Lower Cholesky factor `L` of ``correlation`` (`L Lᵀ = R`), row-major 4 × 4.
    static let choleskyFactor: [Double] = {
        let r = correlation
        let n = count
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var s = r[i][j]
                for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
                if i == j {
                    precondition(s > 0, "LatentProgrammes.correlation must be positive definite")
                    l[i * n + i] = s.squareRoot()
                } else {
                    l[i * n + j] = s / l[j * n + j]
                }
            }
        }
        return l
    }()

    /// `mean + L ε` with ε four independent standard normal draws (four words of `generator`).
    static func draw(mean: LatentProgrammes, using generator: inout Xoshiro256StarStar) -> LatentProgrammes {
        let standard = Normal()
        let e0 = standard.sample(using: &generator)
        let e1 = standard.sample(using: &generator)
        let e2 = standard.sample(using: &generator)
        let e3 = standard.sample(using: &generator)
        let l = choleskyFactor
        return LatentProgrammes(
            inflamed: mean.inflamed + l[0] * e0,
            exclusion: mean.exclusion + l[4] * e0 + l[5] * e1,
            myeloid: mean.myeloid + l[8] * e0 + l[9] * e1 + l[10] * e2,
            proliferation: mean.proliferation + l[12] * e0 + l[13] * e1 + l[14] * e2 + l[15] * e3)
    }
}
