/// The mutated genes the simulator writes to the MAF-like mutation block.
///
/// Two kinds:
/// - **driver genes** (``drivers``), each mutated with a cancer-type-specific probability drawn once
///   per sequenced patient; those with a known ICI association change the latent biology and the
///   outcome model (STK11/KEAP1: Skoulidis et al. 2018 Cancer Discov 8:822; B2M: Sade-Feldman et al.
///   2017 Nat Commun 8:1136; JAK1/JAK2: Zaretsky et al. 2016 NEJM 375:819; PTEN: Peng et al. 2016
///   Cancer Discov 6:202; POLE ultramutation: Campbell et al. 2017 Cell 171:1042);
/// - **background genes** (``backgroundGenes``) of an MSK-IMPACT–like panel, hit by passenger
///   mutations in proportion to their coding length. Driver genes are never hit by passengers, so
///   that "mutated in the MAF" and "mutated in the truth" are the same thing.
///
/// Prevalences per type (melanoma, NSCLC, renal, urothelial, HNSCC, gastro-oesophageal, CRC MSI-H,
/// CRC MSS) are rounded from the MSK-IMPACT cohorts on cBioPortal (Zehir et al. 2017 Nat Med
/// 23:703; Samstein 2019) and TCGA.
enum DriverGenes {
    /// How a driver's mutations look in a MAF.
    enum Role { case oncogene, tumourSuppressor, tp53 }

    struct Driver {
        let gene: String
        let role: Role
        /// Probability per cancer type, in ``SimulatedCancerType/ordinal`` order.
        let prevalence: [Double]
        /// Protein changes of recurrent hotspots (oncogenes), drawn uniformly.
        let hotspots: [String]
    }

    static let drivers: [Driver] = [
        Driver(gene: "STK11", role: .tumourSuppressor, prevalence: [0.01, 0.15, 0.005, 0.01, 0.01, 0.01, 0.02, 0.01], hotspots: []),
        Driver(gene: "KEAP1", role: .tumourSuppressor, prevalence: [0.01, 0.15, 0.005, 0.01, 0.02, 0.01, 0.02, 0.01], hotspots: []),
        Driver(gene: "B2M", role: .tumourSuppressor, prevalence: [0.03, 0.02, 0.01, 0.02, 0.02, 0.02, 0.25, 0.01], hotspots: []),
        Driver(gene: "JAK1", role: .tumourSuppressor, prevalence: [0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.15, 0.01], hotspots: []),
        Driver(gene: "JAK2", role: .tumourSuppressor, prevalence: [0.02, 0.01, 0.005, 0.01, 0.01, 0.01, 0.05, 0.005], hotspots: []),
        Driver(gene: "PTEN", role: .tumourSuppressor, prevalence: [0.10, 0.04, 0.05, 0.04, 0.05, 0.04, 0.15, 0.03], hotspots: []),
        Driver(gene: "POLE", role: .oncogene, prevalence: [0.005, 0.005, 0.002, 0.005, 0.005, 0.01, 0.0, 0.01], hotspots: ["p.P286R", "p.V411L", "p.S297F"]),
        Driver(gene: "ARID1A", role: .tumourSuppressor, prevalence: [0.05, 0.07, 0.04, 0.25, 0.05, 0.20, 0.45, 0.06], hotspots: []),
        Driver(gene: "TP53", role: .tp53, prevalence: [0.15, 0.50, 0.03, 0.50, 0.70, 0.70, 0.30, 0.70], hotspots: ["p.R175H", "p.R248Q", "p.R273H", "p.R248W", "p.R273C", "p.G245S"]),
        Driver(gene: "KRAS", role: .oncogene, prevalence: [0.02, 0.30, 0.005, 0.03, 0.01, 0.08, 0.25, 0.45], hotspots: ["p.G12C", "p.G12D", "p.G12V", "p.G13D", "p.Q61H"]),
        Driver(gene: "BRAF", role: .oncogene, prevalence: [0.45, 0.04, 0.005, 0.02, 0.01, 0.02, 0.40, 0.05], hotspots: ["p.V600E", "p.V600E", "p.V600E", "p.V600K", "p.G469A"]),
        Driver(gene: "NRAS", role: .oncogene, prevalence: [0.25, 0.01, 0.005, 0.02, 0.01, 0.01, 0.03, 0.04], hotspots: ["p.Q61R", "p.Q61K", "p.Q61L", "p.G12D"]),
        Driver(gene: "PIK3CA", role: .oncogene, prevalence: [0.02, 0.05, 0.03, 0.20, 0.20, 0.10, 0.30, 0.18], hotspots: ["p.E545K", "p.H1047R", "p.E542K"]),
        Driver(gene: "FGFR3", role: .oncogene, prevalence: [0.005, 0.005, 0.005, 0.15, 0.01, 0.005, 0.02, 0.005], hotspots: ["p.S249C", "p.Y373C", "p.R248C"]),
        Driver(gene: "VHL", role: .tumourSuppressor, prevalence: [0.0, 0.002, 0.55, 0.0, 0.0, 0.0, 0.0, 0.0], hotspots: []),
        Driver(gene: "PBRM1", role: .tumourSuppressor, prevalence: [0.01, 0.02, 0.40, 0.02, 0.01, 0.01, 0.05, 0.01], hotspots: []),
        Driver(gene: "APC", role: .tumourSuppressor, prevalence: [0.03, 0.02, 0.01, 0.02, 0.02, 0.08, 0.50, 0.75], hotspots: []),
        Driver(gene: "SMARCA4", role: .tumourSuppressor, prevalence: [0.03, 0.08, 0.01, 0.02, 0.01, 0.03, 0.05, 0.02], hotspots: []),
        Driver(gene: "NF1", role: .tumourSuppressor, prevalence: [0.12, 0.08, 0.01, 0.05, 0.02, 0.03, 0.10, 0.03], hotspots: []),
    ]

    /// Indices into ``drivers`` of the genes the outcome model reads.
    static let stk11 = 0, keap1 = 1, b2m = 2, jak1 = 3, jak2 = 4, pten = 5, pole = 6, arid1a = 7

    /// Genes whose mutation rate rises to at least the MSI-high colorectal level in any MSI-high
    /// tumour (frameshift targets of mismatch-repair deficiency).
    static let msiTargets: Set<Int> = [b2m, jak1, jak2, pten, arid1a]

    /// TMB multiplier for a POLE exonuclease-domain mutation (ultramutation, ≈ 100 mut/Mb;
    /// Campbell et al. 2017 Cell).
    static let poleTMBMultiplier = 6.0

    /// Median TMB (mut/Mb) of an MSI-high tumour outside colorectal cancer, log-SD 0.5
    /// (Samstein 2019; Le et al. 2017 Science).
    static let msiHighTMBMedian = 35.0

    /// Background panel genes with approximate coding length in kb (passenger hit weights).
    static let backgroundGenes: [(gene: String, lengthKb: Double)] = [
        ("ATM", 9.2), ("ATR", 7.9), ("BRCA1", 5.6), ("BRCA2", 10.3), ("CDH1", 2.6), ("CREBBP", 7.3),
        ("CTNNB1", 2.3), ("EGFR", 3.6), ("EP300", 7.2), ("ERBB2", 3.8), ("ERBB3", 4.0), ("FAT1", 13.8),
        ("FBXW7", 2.1), ("KMT2A", 11.9), ("KMT2C", 14.7), ("KMT2D", 16.6), ("LRP1B", 13.8), ("NOTCH1", 7.7),
        ("NOTCH2", 7.4), ("PTPRD", 5.7), ("RB1", 2.7), ("SMAD4", 1.6), ("SPEN", 10.9), ("ZFHX3", 11.2),
        ("PTPRT", 4.3), ("ROS1", 7.0), ("ALK", 4.9), ("MET", 4.2), ("RET", 3.3), ("KIT", 2.9),
        ("PDGFRA", 3.3), ("FLT3", 3.0), ("NTRK1", 2.4), ("NTRK3", 2.5), ("GRIN2A", 4.4), ("EPHA3", 3.0),
        ("EPHA5", 3.1), ("ERBB4", 3.9), ("ARID1B", 6.8), ("ARID2", 5.5), ("BAP1", 2.2), ("SETD2", 7.7),
        ("KDM6A", 4.2), ("KDM5C", 4.7), ("CIC", 4.8), ("NSD1", 8.1), ("POLD1", 3.3), ("MSH2", 2.8),
        ("MSH6", 4.1), ("MLH1", 2.3), ("PMS2", 2.6), ("CDKN2A", 0.5), ("MTOR", 7.6), ("TSC1", 3.5),
        ("TSC2", 5.4), ("NFE2L2", 1.8), ("SMARCB1", 1.2), ("RNF43", 2.4), ("ASXL1", 4.6), ("DNMT3A", 2.7),
        ("TET2", 6.0), ("IDH1", 1.2), ("GNAS", 3.1), ("AXIN1", 2.6), ("CUL3", 2.3), ("SOX9", 1.5),
        ("FGFR1", 2.5), ("FGFR2", 2.5), ("PIK3R1", 2.2), ("AKT1", 1.4), ("MAP2K1", 1.2), ("RAC1", 0.6),
        ("HRAS", 0.6), ("ELF3", 1.1),
    ]

    /// Cumulative hit weights of ``backgroundGenes`` (last entry 1).
    static let backgroundCumulative: [Double] = {
        let total = backgroundGenes.reduce(0) { $0 + $1.lengthKb }
        var running = 0.0
        return backgroundGenes.map { running += $0.lengthKb; return running / total }
    }()

    /// Variant classifications of non-synonymous passengers with their probabilities (TCGA pan-cancer
    /// MC3 proportions, rounded), and the indel-heavy spectrum of MSI-high tumours.
    static let passengerClasses: [(String, Double)] = [
        ("Missense_Mutation", 0.80), ("Nonsense_Mutation", 0.07), ("Frame_Shift_Del", 0.045),
        ("Frame_Shift_Ins", 0.02), ("Splice_Site", 0.045), ("In_Frame_Del", 0.015), ("In_Frame_Ins", 0.005),
    ]
    static let msiPassengerClasses: [(String, Double)] = [
        ("Missense_Mutation", 0.62), ("Nonsense_Mutation", 0.06), ("Frame_Shift_Del", 0.17),
        ("Frame_Shift_Ins", 0.08), ("Splice_Site", 0.045), ("In_Frame_Del", 0.02), ("In_Frame_Ins", 0.005),
    ]
    /// Loss-of-function spectrum of tumour-suppressor drivers.
    static let suppressorClasses: [(String, Double)] = [
        ("Nonsense_Mutation", 0.35), ("Frame_Shift_Del", 0.22), ("Frame_Shift_Ins", 0.10),
        ("Splice_Site", 0.10), ("Missense_Mutation", 0.23),
    ]
    /// Synonymous (`Silent`) mutations per non-synonymous one, written to the MAF but not counted in TMB.
    static let silentPerNonSynonymous = 0.3

    /// Picks a label from `(label, probability)` pairs with one uniform `u` in (0, 1).
    static func pick(_ table: [(String, Double)], _ u: Double) -> String {
        var cumulative = 0.0
        for (label, p) in table {
            cumulative += p
            if u < cumulative { return label }
        }
        return table[table.count - 1].0
    }
}
