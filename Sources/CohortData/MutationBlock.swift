/// One somatic mutation, in the terms of the Mutation Annotation Format (MAF).
public struct Mutation: Sendable, Hashable, Codable {
    public var patientID: String
    /// `Hugo_Symbol`.
    public var gene: String
    /// `Variant_Classification` (Missense_Mutation, Nonsense_Mutation, Silent, …).
    public var variantClassification: String
    public var chromosome: String?
    public var startPosition: Int?
    public var endPosition: Int?
    public var referenceAllele: String?
    public var tumorAllele: String?
    /// `HGVSp_Short` or equivalent ("p.G12D").
    public var proteinChange: String?
    /// Variant allele fraction in the tumour (t_alt_count / t_depth), when known.
    public var variantAlleleFraction: Double?
    /// Tumour read depth at the site.
    public var tumorDepth: Int?
    /// Cancer cell fraction (0…1), when a clonality analysis is available.
    public var cancerCellFraction: Double?

    public init(
        patientID: String, gene: String, variantClassification: String, chromosome: String? = nil,
        startPosition: Int? = nil, endPosition: Int? = nil, referenceAllele: String? = nil,
        tumorAllele: String? = nil, proteinChange: String? = nil, variantAlleleFraction: Double? = nil,
        tumorDepth: Int? = nil, cancerCellFraction: Double? = nil
    ) {
        self.patientID = patientID
        self.gene = gene
        self.variantClassification = variantClassification
        self.chromosome = chromosome
        self.startPosition = startPosition
        self.endPosition = endPosition
        self.referenceAllele = referenceAllele
        self.tumorAllele = tumorAllele
        self.proteinChange = proteinChange
        self.variantAlleleFraction = variantAlleleFraction
        self.tumorDepth = tumorDepth
        self.cancerCellFraction = cancerCellFraction
    }

    /// Variant classifications counted as non-synonymous by TCGA/cBioPortal TMB conventions.
    public static let nonSynonymousClassifications: Set<String> = [
        "Missense_Mutation", "Nonsense_Mutation", "Frame_Shift_Del", "Frame_Shift_Ins", "In_Frame_Del",
        "In_Frame_Ins", "Splice_Site", "Nonstop_Mutation", "Translation_Start_Site",
    ]

    public var isNonSynonymous: Bool { Self.nonSynonymousClassifications.contains(variantClassification) }
}

/// The somatic mutations of the patients that were sequenced.
///
/// `sequencedPatientIDs` matters: a sequenced patient with no mutation row has zero mutations, while
/// a patient outside it has unknown mutation status.
public struct MutationBlock: Sendable, Hashable, Codable {
    public var mutations: [Mutation]
    /// Patients whose tumour was sequenced (each one of the cohort's patients).
    public var sequencedPatientIDs: [String]
    /// Size of the sequenced territory in megabases (exome ≈ 30–38 Mb; MSK-IMPACT 468 ≈ 1.22 Mb), when known.
    public var panelSizeMb: Double?

    public init(mutations: [Mutation], sequencedPatientIDs: [String], panelSizeMb: Double? = nil) {
        self.mutations = mutations
        self.sequencedPatientIDs = sequencedPatientIDs
        self.panelSizeMb = panelSizeMb
    }
}
