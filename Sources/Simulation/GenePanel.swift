import Foundation
import Statistics

/// One gene of the simulated expression panel and how the latent programmes drive it.
///
/// log2(TPM + 1) of sample *i* = `max(0, baseline + Σ_k loadings_k z_ik + marker shift + batch_site
/// + noiseSD · ε)`, with ε standard normal (see ``ExpressionSimulator``).
public struct ExpressionGene: Sendable, Hashable, Codable {
    /// The biological group the gene belongs to (the gene sets of ``GenePanel/geneSets``).
    public enum Group: String, Sendable, Hashable, Codable, CaseIterable {
        case tCellInflamed = "t_cell_inflamed"
        case bCell = "b_cell"
        case tgfBetaStroma = "tgf_beta_stroma"
        case myeloid
        case proliferation
        case housekeeping
        case immuneModulator = "immune_modulator"
        case nrf2Target = "nrf2_target"
        case tumourMarker = "tumour_marker"
        case filler
    }

    /// HGNC symbol.
    public let symbol: String
    public let group: Group
    /// log2(TPM + 1) at zero programme scores, without marker, batch or noise.
    public let baseline: Double
    /// Change in log2 TPM per unit of each programme score.
    public let loadings: LatentProgrammes
    /// Standard deviation of the gene's independent noise, log2 units.
    public let noiseSD: Double
    /// Cancer types in which the gene is a lineage marker (expression + ``GenePanel/markerShift``).
    public let markerTypes: [SimulatedCancerType]
}

/// The expression gene panel: a few hundred real HGNC symbols with realistic log2(TPM + 1) levels
/// (magnitudes from TCGA RSEM TPM medians, rounded) and loadings on the latent programmes.
///
/// Gene groups and the published signatures they cover:
/// - T-cell-inflamed / IFN-γ: the 18-gene GEP (Ayers et al. 2017 J Clin Invest 127:2930), the
///   IFN-γ 6-gene set, cytolytic activity GZMA/PRF1 (Rooney et al. 2015 Cell 160:48), CXCL13, HLA
///   class I/II, checkpoints (PDCD1, CD274, PDCD1LG2, CTLA4, LAG3, TIGIT, HAVCR2);
/// - B cells / tertiary lymphoid structures (Helmink et al. 2020 Nature 577:549);
/// - TGF-β and fibroblast (pan-F-TBRS and CAF genes, Mariathasan et al. 2018 Nature 554:544);
/// - myeloid suppression (CD68, CD163, CSF1R, S100A8/9…);
/// - proliferation (MKI67, TOP2A, CCNB1…; Whitfield et al. 2006 Nat Rev Cancer 6:99);
/// - housekeeping (NanoString PanCancer IO 360 reference genes: ABCF1, G6PD, …);
/// - NRF2 targets, raised by KEAP1 loss (NQO1, AKR1C1…);
/// - lineage markers per cancer type; then filler genes (ribosomal, metabolic, signalling) with small
///   random loadings, added up to the requested gene count.
public enum GenePanel {
    /// log2 shift of a lineage marker in its own cancer types.
    public static let markerShift = 5.0
    /// Shift of B2M expression in a tumour with a B2M mutation (nonsense-mediated decay), log2 units.
    public static let b2mLossShift = -1.5
    /// Shift of NRF2 targets in a KEAP1-mutant tumour, log2 units.
    public static let keap1NRF2Shift = 1.5

    private typealias Entry = (String, Double, Double)  // symbol, baseline, loading multiplier

    private static let tCell: [Entry] = [
        ("CD8A", 3.5, 1.0), ("CD8B", 2.8, 1.0), ("CD3E", 3.8, 1.0), ("CD3D", 3.6, 1.0), ("CD3G", 3.0, 0.9),
        ("CD2", 3.8, 1.0), ("CD247", 3.0, 0.9), ("GZMA", 4.2, 1.0), ("GZMB", 4.3, 1.0), ("GZMK", 3.2, 0.9),
        ("GZMH", 3.3, 0.9), ("PRF1", 3.6, 1.0), ("NKG7", 4.5, 1.0), ("IFNG", 1.6, 0.9), ("CXCL9", 4.8, 1.2),
        ("CXCL10", 4.8, 1.2), ("CXCL11", 3.2, 1.1), ("CXCL13", 2.6, 1.0), ("CCL5", 5.5, 1.0), ("STAT1", 6.8, 0.8),
        ("IRF1", 5.5, 0.7), ("IDO1", 3.6, 1.1), ("LAG3", 2.6, 1.0), ("PDCD1", 2.1, 0.9), ("CD274", 3.1, 0.8),
        ("PDCD1LG2", 2.6, 0.8), ("CTLA4", 2.2, 0.9), ("TIGIT", 2.6, 1.0), ("HAVCR2", 3.9, 0.7), ("ICOS", 2.4, 0.9),
        ("CD27", 3.3, 0.9), ("CXCR6", 2.5, 0.9), ("CMKLR1", 3.0, 0.6), ("PSMB10", 6.0, 0.5), ("HLA-DRA", 8.6, 0.6),
        ("HLA-DRB1", 8.0, 0.6), ("HLA-DQA1", 5.0, 0.7), ("HLA-DPA1", 7.2, 0.6), ("HLA-DPB1", 7.0, 0.6),
        ("HLA-E", 8.2, 0.4), ("HLA-A", 9.2, 0.4), ("HLA-B", 9.6, 0.4), ("HLA-C", 9.1, 0.4), ("B2M", 11.2, 0.35),
        ("TAP1", 6.2, 0.6), ("TAP2", 5.3, 0.5), ("GBP1", 6.0, 0.8), ("GBP4", 4.6, 0.9), ("GBP5", 4.2, 1.0),
        ("CIITA", 4.0, 0.7), ("TBX21", 1.8, 0.8), ("EOMES", 2.0, 0.8), ("KLRD1", 2.8, 0.8), ("KLRK1", 3.0, 0.8),
        ("LCK", 3.4, 0.9), ("ZAP70", 3.0, 0.8), ("ITK", 2.6, 0.9), ("SH2D1A", 2.3, 0.9), ("CCR5", 3.2, 0.8),
        ("CXCR3", 2.8, 0.8), ("FASLG", 1.5, 0.8), ("IL2RG", 5.0, 0.8), ("CD4", 5.2, 0.5),
    ]
    private static let bCell: [Entry] = [
        ("MS4A1", 2.6, 0.7), ("CD19", 1.8, 0.7), ("CD79A", 3.4, 0.7), ("CD79B", 3.0, 0.7), ("CR2", 1.2, 0.6),
        ("FCRL5", 1.5, 0.6), ("TCL1A", 1.4, 0.6), ("BANK1", 1.8, 0.6), ("PAX5", 1.3, 0.6), ("CD22", 1.9, 0.6),
    ]
    private static let stroma: [Entry] = [
        ("TGFB1", 6.2, 0.6), ("TGFB2", 3.0, 0.8), ("TGFB3", 4.6, 0.9), ("TGFBR1", 5.0, 0.5), ("TGFBR2", 6.3, 0.7),
        ("TGFBI", 8.0, 0.9), ("ACTA2", 8.2, 1.0), ("ACTG2", 4.5, 1.0), ("TAGLN", 8.0, 1.0), ("CNN1", 5.0, 0.9),
        ("TPM1", 7.5, 0.7), ("COL1A1", 9.0, 1.2), ("COL1A2", 9.2, 1.2), ("COL3A1", 9.3, 1.2), ("COL4A1", 7.1, 1.0),
        ("COL4A2", 6.9, 1.0), ("COL5A1", 6.5, 1.1), ("COL6A1", 7.6, 0.9), ("COL11A1", 3.5, 1.2), ("FAP", 4.1, 1.1),
        ("POSTN", 6.2, 1.2), ("FN1", 9.1, 1.0), ("SPARC", 9.0, 0.9), ("THBS2", 5.6, 1.1), ("LUM", 7.6, 1.0),
        ("DCN", 8.2, 0.9), ("PDGFRB", 6.2, 1.0), ("PDGFRA", 5.0, 0.8), ("MMP2", 6.6, 1.0), ("VCAN", 6.4, 1.0),
        ("LRRC15", 3.0, 1.1), ("INHBA", 4.2, 1.0), ("SNAI2", 4.6, 0.8), ("TWIST1", 3.8, 0.9), ("ZEB1", 4.0, 0.7),
        ("ADAM12", 3.6, 1.1), ("ADAM19", 3.8, 0.7), ("FSTL3", 5.4, 0.7), ("IGFBP3", 6.4, 0.7), ("SEMA7A", 4.6, 0.5),
        ("SH3PXD2A", 4.5, 0.5), ("TNS1", 5.6, 0.7), ("CCN2", 7.0, 0.8), ("HSPB1", 9.0, 0.4), ("CTPS1", 4.8, 0.3),
    ]
    private static let myeloidGenes: [Entry] = [
        ("CD68", 7.4, 0.9), ("CD163", 5.8, 1.0), ("CSF1R", 5.8, 1.0), ("ITGAM", 3.6, 0.9), ("S100A8", 5.2, 1.2),
        ("S100A9", 6.0, 1.2), ("CD14", 6.8, 1.0), ("FCGR3A", 5.6, 0.9), ("MRC1", 4.9, 1.0), ("MSR1", 4.2, 1.0),
        ("MARCO", 3.0, 1.0), ("CD86", 3.7, 0.9), ("LYZ", 8.2, 1.0), ("AIF1", 6.2, 0.9), ("C1QA", 7.2, 1.0),
        ("C1QB", 7.3, 1.0), ("C1QC", 6.8, 1.0), ("TREM2", 4.2, 1.0), ("SPP1", 6.0, 1.0), ("IL1B", 4.0, 0.9),
        ("CXCL8", 5.0, 1.0), ("ARG1", 1.5, 0.8), ("PTGS2", 4.0, 0.8), ("VSIG4", 5.0, 1.0), ("MS4A4A", 3.9, 1.0),
        ("FCER1G", 6.5, 0.9), ("TYROBP", 7.0, 0.9), ("CCL2", 5.6, 0.9), ("CD33", 3.0, 0.9), ("CSF3R", 3.6, 0.9),
        ("FCGR1A", 3.2, 0.9),
    ]
    private static let proliferationGenes: [Entry] = [
        ("MKI67", 4.2, 1.0), ("TOP2A", 5.4, 1.0), ("CCNB1", 5.2, 1.0), ("CCNB2", 4.6, 1.0), ("CDK1", 4.4, 1.0),
        ("BIRC5", 4.6, 1.0), ("AURKA", 4.0, 1.0), ("AURKB", 3.8, 1.0), ("PLK1", 3.6, 1.0), ("BUB1", 3.4, 1.0),
        ("CENPF", 4.5, 1.0), ("MCM2", 5.0, 0.8), ("MCM6", 5.1, 0.8), ("PCNA", 6.5, 0.6), ("TYMS", 5.4, 0.8),
        ("E2F1", 3.5, 0.8), ("CCNE1", 3.2, 0.7), ("CDC20", 4.3, 1.0), ("KIF2C", 3.3, 1.0), ("UBE2C", 5.0, 1.0),
        ("FOXM1", 4.0, 1.0), ("RRM2", 5.2, 1.0), ("TPX2", 4.5, 1.0), ("MYBL2", 3.7, 1.0), ("CCNA2", 4.1, 1.0),
        ("ZWINT", 5.3, 0.8), ("NUSAP1", 4.6, 1.0), ("PTTG1", 5.6, 0.8), ("CENPA", 3.6, 1.0), ("MAD2L1", 4.4, 0.8),
    ]
    private static let housekeepingGenes: [Entry] = [
        ("ACTB", 12.0, 0), ("GAPDH", 11.2, 0), ("ABCF1", 5.6, 0), ("G6PD", 5.3, 0), ("GUSB", 5.4, 0),
        ("HPRT1", 4.3, 0), ("PGK1", 7.3, 0), ("POLR2A", 6.4, 0), ("RPLP0", 11.0, 0), ("SDHA", 5.8, 0),
        ("TBP", 3.9, 0), ("TUBB", 7.4, 0), ("PPIA", 8.6, 0), ("TFRC", 5.6, 0), ("OAZ1", 8.3, 0),
        ("EEF1A1", 12.2, 0), ("NRDE2", 4.0, 0), ("SF3A3", 4.6, 0), ("TLK2", 4.4, 0), ("TMUB2", 5.0, 0),
        ("ERCC3", 4.3, 0), ("DNAJC14", 4.5, 0), ("DHX16", 4.6, 0), ("EDC3", 4.1, 0), ("MRPL19", 4.9, 0),
        ("PSMC4", 5.9, 0), ("SNRPD3", 6.2, 0), ("UBB", 9.8, 0), ("YWHAZ", 8.6, 0), ("HMBS", 3.9, 0),
    ]
    /// Immune modulators: (symbol, baseline, loadings inflamed/exclusion/myeloid/proliferation).
    private static let modulators: [(String, Double, LatentProgrammes)] = [
        ("CD276", 6.0, .init(inflamed: 0, exclusion: 0.3, myeloid: 0, proliferation: 0.2)),
        ("VTCN1", 2.0, .zero),
        ("NT5E", 5.0, .init(inflamed: 0, exclusion: 0.5, myeloid: 0, proliferation: 0)),
        ("ENTPD1", 4.3, .init(inflamed: 0.5, exclusion: 0, myeloid: 0.3, proliferation: 0)),
        ("ADORA2A", 2.6, .init(inflamed: 0.3, exclusion: 0, myeloid: 0, proliferation: 0)),
        ("VEGFA", 7.0, .init(inflamed: 0, exclusion: 0.2, myeloid: 0, proliferation: 0)),
        ("HIF1A", 6.8, .init(inflamed: 0, exclusion: 0.2, myeloid: 0.2, proliferation: 0)),
        ("MYC", 6.4, .init(inflamed: 0, exclusion: 0, myeloid: 0, proliferation: 0.3)),
        ("CTNNB1", 7.0, .init(inflamed: -0.1, exclusion: 0, myeloid: 0, proliferation: 0)),
        ("CD47", 6.2, .zero),
        ("SIGLEC15", 1.5, .init(inflamed: 0, exclusion: 0, myeloid: 0.3, proliferation: 0)),
        ("TNFRSF9", 2.2, .init(inflamed: 0.8, exclusion: 0, myeloid: 0, proliferation: 0)),
        ("TNFRSF4", 2.3, .init(inflamed: 0.7, exclusion: 0, myeloid: 0, proliferation: 0)),
        ("TNFRSF18", 2.0, .init(inflamed: 0.7, exclusion: 0, myeloid: 0, proliferation: 0)),
        ("BTLA", 1.6, .init(inflamed: 0.6, exclusion: 0, myeloid: 0, proliferation: 0)),
        ("VSIR", 5.0, .init(inflamed: 0.2, exclusion: 0, myeloid: 0.5, proliferation: 0)),
        ("FOXP3", 2.3, .init(inflamed: 0.8, exclusion: 0, myeloid: 0, proliferation: 0)),
        ("IL10", 2.1, .init(inflamed: 0.2, exclusion: 0, myeloid: 0.6, proliferation: 0)),
        ("IL2RA", 2.4, .init(inflamed: 0.6, exclusion: 0, myeloid: 0, proliferation: 0)),
    ]
    private static let nrf2: [Entry] = [
        ("NQO1", 7.0, 0), ("AKR1C1", 5.5, 0), ("AKR1C3", 5.2, 0), ("TXNRD1", 6.4, 0), ("GCLM", 5.0, 0),
        ("SRXN1", 4.8, 0),
    ]
    private static let markers: [(String, Double, [SimulatedCancerType])] = {
        let carcinomas = SimulatedCancerType.allCases.filter { $0 != .melanoma }
        let colorectal: [SimulatedCancerType] = [.colorectalMSIHigh, .colorectalMSS]
        return [
            ("PMEL", 1.0, [.melanoma]), ("MLANA", 1.0, [.melanoma]), ("TYR", 0.8, [.melanoma]),
            ("DCT", 0.8, [.melanoma]), ("SOX10", 1.0, [.melanoma]), ("MITF", 2.0, [.melanoma]),
            ("NKX2-1", 0.8, [.nsclc]), ("SFTPC", 1.0, [.nsclc]), ("SFTPB", 1.5, [.nsclc]), ("NAPSA", 1.2, [.nsclc]),
            ("PAX8", 1.0, [.renal]), ("CA9", 1.0, [.renal]), ("PAX2", 0.8, [.renal]),
            ("UPK1B", 1.0, [.urothelial]), ("UPK2", 0.8, [.urothelial]), ("UPK3A", 0.8, [.urothelial]),
            ("GATA3", 2.0, [.urothelial]),
            ("KRT5", 2.0, [.hnscc]), ("KRT14", 1.5, [.hnscc]), ("TP63", 1.2, [.hnscc]),
            ("CLDN18", 0.8, [.gastroesophageal]), ("MUC5AC", 1.0, [.gastroesophageal]), ("TFF1", 1.5, [.gastroesophageal]),
            ("CDX2", 1.0, colorectal), ("CDX1", 0.8, colorectal), ("VIL1", 1.2, colorectal), ("LGALS4", 1.5, colorectal),
            ("SATB2", 1.0, colorectal), ("CEACAM5", 1.5, colorectal),
            ("EPCAM", 2.5, carcinomas), ("KRT8", 4.0, carcinomas), ("KRT18", 4.0, carcinomas),
            ("KRT19", 3.5, carcinomas), ("CDH1", 3.0, carcinomas), ("CLDN4", 2.5, carcinomas),
        ]
    }()
    /// Filler symbols, in the order they are added; ribosomal-protein genes are highly expressed.
    private static let fillerSymbols: [String] = [
        "RPL3", "RPL4", "RPL5", "RPL6", "RPL7", "RPL7A", "RPL8", "RPL9", "RPL10", "RPL10A", "RPL11", "RPL12",
        "RPL13", "RPL13A", "RPL14", "RPL15", "RPL17", "RPL18", "RPL18A", "RPL19", "RPL21", "RPL22", "RPL23",
        "RPL23A", "RPL24", "RPL26", "RPL27", "RPL27A", "RPL28", "RPL29", "RPL30", "RPL31", "RPL32", "RPL34",
        "RPL35", "RPL35A", "RPL36", "RPL37", "RPL37A", "RPL38", "RPL39", "RPL41", "RPS2", "RPS3", "RPS3A",
        "RPS4X", "RPS5", "RPS6", "RPS7", "RPS8", "RPS9", "RPS10", "RPS11", "RPS12", "RPS13", "RPS14", "RPS15",
        "RPS15A", "RPS16", "RPS17", "RPS18", "RPS19", "RPS20", "RPS21", "RPS23", "RPS24", "RPS25", "RPS26",
        "RPS27", "RPS27A", "RPS28", "RPS29",
        "ALDOA", "ENO1", "LDHA", "PKM", "TPI1", "PFKP", "HK2", "PGAM1", "SLC2A1", "IDH2", "ACLY", "FASN", "SCD",
        "ACACA", "CPT1A", "HMGCR", "LDLR", "SREBF1", "PPARG", "MAPK1", "MAPK3", "AKT2", "PIK3CB", "STAT3",
        "NFKB1", "RELA", "JUN", "FOS", "EGR1", "ATF3", "KLF4", "KLF6", "SOX4", "TCF7L2", "ID1", "ID2", "ID3",
        "HES1", "NOTCH3", "YAP1", "WWTR1", "TEAD1", "CCND1", "CDKN1A", "CDKN1B", "GADD45A", "MDM2", "BAX",
        "BCL2", "BCL2L1", "MCL1", "XIAP", "CASP3", "CASP8", "FADD", "TNFRSF10B", "SQSTM1", "ATG5", "BECN1",
        "LAMP1", "LAMP2", "CTSB", "CTSD", "CTSL", "GRN", "PSAP", "CD63", "CD81", "CD9", "ITGB1", "ITGAV",
        "ITGA6", "LAMB3", "LAMC2", "CAV1", "ANXA1", "ANXA2", "S100A4", "S100A6", "S100A10", "S100A11", "LGALS1",
        "LGALS3", "MIF", "TIMP1", "TIMP2", "SERPINE1", "SERPINH1", "PLAU", "PLAUR", "EZR", "MSN", "RDX", "VIM",
        "KRT7", "MUC1",
    ]

    /// Every non-filler gene, in panel order.
    static let coreGenes: [ExpressionGene] = {
        var genes: [ExpressionGene] = []
        func add(_ entries: [Entry], _ group: ExpressionGene.Group, noise: Double,
                 _ loading: (Double) -> LatentProgrammes) {
            for (symbol, baseline, m) in entries {
                genes.append(ExpressionGene(symbol: symbol, group: group, baseline: baseline, loadings: loading(m),
                                            noiseSD: noise, markerTypes: []))
            }
        }
        add(tCell, .tCellInflamed, noise: 0.45) { .init(inflamed: $0, exclusion: 0, myeloid: 0.1 * $0, proliferation: 0) }
        add(bCell, .bCell, noise: 0.7) { .init(inflamed: $0, exclusion: 0, myeloid: 0, proliferation: 0) }
        add(stroma, .tgfBetaStroma, noise: 0.45) { .init(inflamed: 0, exclusion: $0, myeloid: 0.1 * $0, proliferation: 0) }
        add(myeloidGenes, .myeloid, noise: 0.5) { .init(inflamed: 0.1 * $0, exclusion: 0, myeloid: $0, proliferation: 0) }
        add(proliferationGenes, .proliferation, noise: 0.45) { .init(inflamed: 0, exclusion: 0, myeloid: 0, proliferation: $0) }
        add(housekeepingGenes, .housekeeping, noise: 0.2) { _ in .zero }
        for (symbol, baseline, loadings) in modulators {
            genes.append(ExpressionGene(symbol: symbol, group: .immuneModulator, baseline: baseline, loadings: loadings,
                                        noiseSD: 0.6, markerTypes: []))
        }
        add(nrf2, .nrf2Target, noise: 0.5) { _ in .zero }
        for (symbol, baseline, types) in markers {
            genes.append(ExpressionGene(symbol: symbol, group: .tumourMarker, baseline: baseline, loadings: .zero,
                                        noiseSD: 0.7, markerTypes: types))
        }
        return genes
    }()

    /// Filler genes with fixed pseudo-random baselines and small loadings (the same for every seed).
    static let fillerGenes: [ExpressionGene] = {
        var generator = Xoshiro256StarStar(seed: 0x1A2B_3C4D, stream: 7)
        let standard = Normal()
        return fillerSymbols.map { symbol in
            let ribosomal = symbol.hasPrefix("RPL") || symbol.hasPrefix("RPS")
            let level = (ribosomal ? 10.5 : 5.5) + (ribosomal ? 0.7 : 1.4) * standard.sample(using: &generator)
            let loadings = LatentProgrammes(
                inflamed: 0.1 * standard.sample(using: &generator), exclusion: 0.1 * standard.sample(using: &generator),
                myeloid: 0.1 * standard.sample(using: &generator), proliferation: 0.1 * standard.sample(using: &generator))
            return ExpressionGene(symbol: symbol, group: .filler, baseline: max(1, level), loadings: loadings,
                                  noiseSD: 0.5, markerTypes: [])
        }
    }()

    /// Smallest allowed panel: every non-filler gene.
    public static var minimumGeneCount: Int { coreGenes.count }
    /// Largest allowed panel: every gene including all fillers.
    public static var maximumGeneCount: Int { coreGenes.count + fillerGenes.count }

    /// The first `count` genes of the panel: all core genes, then fillers.
    /// - Precondition: `minimumGeneCount ≤ count ≤ maximumGeneCount`.
    public static func genes(count: Int) -> [ExpressionGene] {
        precondition(count >= minimumGeneCount && count <= maximumGeneCount,
                     "GenePanel.genes(count:): count must be in \(minimumGeneCount)...\(maximumGeneCount), got \(count)")
        return coreGenes + fillerGenes.prefix(count - coreGenes.count)
    }

    /// Symbols of each non-filler group, for signature tests ("t_cell_inflamed" → CD8A, …).
    public static var geneSets: [String: [String]] {
        var sets: [String: [String]] = [:]
        for gene in coreGenes { sets[gene.group.rawValue, default: []].append(gene.symbol) }
        return sets
    }
}
