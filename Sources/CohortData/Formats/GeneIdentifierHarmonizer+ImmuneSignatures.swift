extension GeneIdentifierHarmonizer {
    /// A small built-in table of genes in published immune signatures and checkpoint panels, with the
    /// names they carry in older papers, platforms and slides.
    ///
    /// Written for ImmunoKit from HGNC gene symbol reports (https://www.genenames.org, approved
    /// symbols, previous symbols and aliases as of 2024) and the signature publications; it is not a copy
    /// of the HGNC download. It covers the renamings that break signature scoring on older data
    /// (C10orf54 → VSIR, FAM26F → CALHM6, KIAA0101 → PCLAF, FAM46C → TENT5C, C8orf4 → TCIM,
    /// C4orf48 → NICOL1, TMEM173 → STING1, IGJ → JCHAIN, IL8 → CXCL8, WARS → WARS1, …) and the
    /// protein names used on slides (PD-L1, TIM-3, LAG-3, 4-1BB, OX40 …).
    ///
    /// Unlike the full HGNC table, this curated table lists one gene per alias: `PD1` maps to PDCD1
    /// here, while HGNC also lists it for SNCA and SPATA2 and the HGNC-loaded harmonizer reports it as
    /// ambiguous. Load the HGNC complete set (``loadHGNC(_:)``) for anything beyond these genes.
    /// `CD25` likewise maps to IL2RA only (HGNC also lists it for ISG20). Names that are ambiguous in
    /// immunology itself (`CD16`: FCGR3A or FCGR3B) are left out. A few entries are protein or colloquial
    /// names that HGNC does not list (`HLA-DR`, `IFN-gamma`, `TIM-3`, `Ki-67`).
    public static let immuneSignatures = GeneIdentifierHarmonizer(
        records: immuneSignatureRecords, source: "built-in immune-signature table")

    /// The records of ``immuneSignatures``.
    public static let immuneSignatureRecords: [GeneRecord] = [
        // Checkpoints and their ligands.
        GeneRecord(symbol: "CD274", aliases: ["PD-L1", "PDL1", "B7-H1", "B7H1", "B7-H"], previousSymbols: ["PDCD1LG1"], entrezID: "29126"),
        GeneRecord(symbol: "PDCD1LG2", aliases: ["PD-L2", "PDL2", "B7-DC", "B7DC", "CD273"], entrezID: "80380"),
        GeneRecord(symbol: "PDCD1", aliases: ["PD-1", "PD1", "CD279"], entrezID: "5133"),
        GeneRecord(symbol: "CTLA4", aliases: ["CTLA-4", "CD152"], entrezID: "1493"),
        GeneRecord(symbol: "HAVCR2", aliases: ["TIM-3", "TIM3", "TIMD3", "CD366"], entrezID: "84868"),
        GeneRecord(symbol: "LAG3", aliases: ["LAG-3", "CD223"], entrezID: "3902"),
        GeneRecord(symbol: "TIGIT", aliases: ["VSIG9", "VSTM3", "WUCAM"], entrezID: "201633"),
        GeneRecord(symbol: "VSIR", aliases: ["VISTA", "PD-1H", "B7H5", "GI24", "SISP1"], previousSymbols: ["C10orf54"], entrezID: "64115"),
        GeneRecord(symbol: "BTLA", aliases: ["CD272"], entrezID: "151888"),
        GeneRecord(symbol: "CD276", aliases: ["B7-H3", "B7H3"], entrezID: "80381"),
        GeneRecord(symbol: "VTCN1", aliases: ["B7-H4", "B7H4", "B7X", "B7S1"], entrezID: "79679"),
        GeneRecord(symbol: "HHLA2", aliases: ["B7-H7", "B7H7"], entrezID: "11148"),
        GeneRecord(symbol: "SIGLEC15", aliases: ["CD33L3"], entrezID: "284266"),
        GeneRecord(symbol: "NECTIN2", aliases: ["CD112"], previousSymbols: ["PVRL2"], entrezID: "5819"),
        GeneRecord(symbol: "PVR", aliases: ["CD155", "NECL5"], entrezID: "5817"),
        GeneRecord(symbol: "CD226", aliases: ["DNAM-1", "DNAM1"], entrezID: "10666"),
        GeneRecord(symbol: "KLRC1", aliases: ["NKG2A", "CD159A"], entrezID: "3821"),
        GeneRecord(symbol: "KLRK1", aliases: ["NKG2D", "CD314"], entrezID: "22914"),
        // Co-stimulatory receptors.
        GeneRecord(symbol: "TNFRSF9", aliases: ["4-1BB", "CD137", "ILA"], entrezID: "3604"),
        GeneRecord(symbol: "TNFRSF4", aliases: ["OX40", "CD134"], entrezID: "7293"),
        GeneRecord(symbol: "TNFRSF18", aliases: ["GITR", "AITR", "CD357"], entrezID: "8784"),
        GeneRecord(symbol: "ICOS", aliases: ["AILIM", "CD278"], entrezID: "29851"),
        GeneRecord(symbol: "TMIGD2", aliases: ["CD28H"], entrezID: "126259"),
        // T cells, NK cells, cytotoxicity.
        GeneRecord(symbol: "CD8A", aliases: ["CD8"], entrezID: "925"),
        GeneRecord(symbol: "CD8B", previousSymbols: ["CD8B1"], entrezID: "926"),
        GeneRecord(symbol: "CD247", aliases: ["CD3Z"], entrezID: "919"),
        GeneRecord(symbol: "PRF1", aliases: ["PFP"], entrezID: "5551"),
        GeneRecord(symbol: "GZMA", aliases: ["HFSP"], previousSymbols: ["CTLA3"], entrezID: "3001"),
        GeneRecord(symbol: "ITGAE", aliases: ["CD103"], entrezID: "3682"),
        GeneRecord(symbol: "IL2RA", aliases: ["CD25"], entrezID: "3559"),
        GeneRecord(symbol: "FOXP3", aliases: ["IPEX", "JM2"], entrezID: "50943"),
        GeneRecord(symbol: "NCAM1", aliases: ["CD56"], entrezID: "4684"),
        GeneRecord(symbol: "FCGR3A", aliases: ["CD16A"], entrezID: "2214"),
        GeneRecord(symbol: "PTPRC", aliases: ["CD45"], entrezID: "5788"),
        // B cells, plasma cells, tertiary lymphoid structures.
        GeneRecord(symbol: "MS4A1", previousSymbols: ["CD20"], entrezID: "931"),
        GeneRecord(symbol: "JCHAIN", previousSymbols: ["IGJ"], entrezID: "3512"),
        GeneRecord(symbol: "CXCL13", aliases: ["BCA-1", "BLC"], previousSymbols: ["SCYB13"], entrezID: "10563"),
        GeneRecord(symbol: "CCL19", aliases: ["ELC", "MIP-3b"], previousSymbols: ["SCYA19"], entrezID: "6363"),
        GeneRecord(symbol: "CCL21", aliases: ["6Ckine"], previousSymbols: ["SCYA21"], entrezID: "6366"),
        GeneRecord(symbol: "LAMP3", aliases: ["DC-LAMP", "CD208"], entrezID: "27074"),
        // Interferon-gamma and chemokines (Ayers 2017 IFN-γ and expanded immune signatures, CYT, TIS).
        GeneRecord(symbol: "IFNG", aliases: ["IFN-gamma", "IFNgamma", "IFN-g"], entrezID: "3458"),
        GeneRecord(symbol: "HLA-DRA", aliases: ["HLA-DR"], entrezID: "3122"),
        GeneRecord(symbol: "IDO1", aliases: ["IDO"], previousSymbols: ["INDO"], entrezID: "3620"),
        GeneRecord(symbol: "CXCL9", aliases: ["MIG", "Humig"], previousSymbols: ["CMK"], entrezID: "4283"),
        GeneRecord(symbol: "CXCL10", aliases: ["IP-10", "IP10"], previousSymbols: ["INP10"], entrezID: "3627"),
        GeneRecord(symbol: "CCL5", aliases: ["RANTES"], previousSymbols: ["SCYA5"], entrezID: "6352"),
        GeneRecord(symbol: "CXCL8", aliases: ["IL-8"], previousSymbols: ["IL8"], entrezID: "3576"),
        GeneRecord(symbol: "TNF", aliases: ["TNF-alpha", "TNFSF2"], previousSymbols: ["TNFA"], entrezID: "7124"),
        GeneRecord(symbol: "TGFB1", previousSymbols: ["TGFB"], entrezID: "7040"),
        GeneRecord(symbol: "PTGS2", aliases: ["COX-2"], entrezID: "5743"),
        GeneRecord(symbol: "CALHM6", aliases: ["INAM"], previousSymbols: ["FAM26F", "C6orf187"], entrezID: "441168"),
        GeneRecord(symbol: "WARS1", previousSymbols: ["WARS"], entrezID: "7453"),
        // Innate sensing, adenosine pathway, myeloid cells.
        GeneRecord(symbol: "STING1", aliases: ["STING", "MITA", "MPYS"], previousSymbols: ["TMEM173"], entrezID: "340061"),
        GeneRecord(symbol: "CGAS", previousSymbols: ["MB21D1", "C6orf150"], entrezID: "115004"),
        GeneRecord(symbol: "NT5E", aliases: ["CD73"], entrezID: "4907"),
        GeneRecord(symbol: "ENTPD1", aliases: ["CD39"], entrezID: "953"),
        GeneRecord(symbol: "ADORA2A", previousSymbols: ["ADORA2"], entrezID: "135"),
        GeneRecord(symbol: "ITGAM", aliases: ["CD11B"], entrezID: "3684"),
        GeneRecord(symbol: "MRC1", aliases: ["CD206"], entrezID: "4360"),
        GeneRecord(symbol: "ADGRE1", previousSymbols: ["EMR1"], entrezID: "2015"),
        // Proliferation, stroma and other renamed genes of published signatures.
        GeneRecord(symbol: "MKI67", aliases: ["Ki-67", "KI67"], entrezID: "4288"),
        GeneRecord(symbol: "PCLAF", aliases: ["PAF15", "NS5ATP9"], previousSymbols: ["KIAA0101"], entrezID: "9768"),
        GeneRecord(symbol: "TENT5C", previousSymbols: ["FAM46C"], entrezID: "54855"),
        GeneRecord(symbol: "TCIM", aliases: ["TC-1"], previousSymbols: ["C8orf4"], entrezID: "56892"),
        GeneRecord(symbol: "NICOL1", previousSymbols: ["C4orf48"]),
        GeneRecord(symbol: "CCN2", previousSymbols: ["CTGF"], entrezID: "1490"),
        GeneRecord(symbol: "CCN1", previousSymbols: ["CYR61"], entrezID: "3491"),
        GeneRecord(symbol: "NIBAN1", previousSymbols: ["FAM129A"], entrezID: "116496"),
        GeneRecord(symbol: "MARCHF1", previousSymbols: ["MARCH1"], entrezID: "55016"),
        GeneRecord(symbol: "H2AZ1", previousSymbols: ["H2AFZ"], entrezID: "3015"),
    ]
}
