import CohortData

/// One published gene signature, as stored in the catalog (`Resources/catalog.json`).
///
/// JSON keys are snake_case (`expected_unit`, `minimum_coverage`, `log_scale_factor`, …).
public struct GeneSignature: Sendable, Hashable, Codable, Identifiable {
    /// How a signature's score relates to response to immune checkpoint blockade, as published.
    public enum ResponseAssociation: String, Sendable, Hashable, Codable, CaseIterable {
        /// Higher scores go with response.
        case positive
        /// Higher scores go with resistance.
        case negative
        /// A descriptive score with no stated direction (cell abundances, stroma).
        case none
    }

    /// The publication.
    public struct Citation: Sendable, Hashable, Codable {
        /// Authors, title, journal, year, volume and pages.
        public var reference: String
        public var pmid: String
        public var doi: String

        public init(reference: String, pmid: String, doi: String) {
            self.reference = reference
            self.pmid = pmid
            self.doi = doi
        }
    }

    /// Genes whose expression raises the score (`up`) and lowers it (`down`, often empty).
    public struct Genes: Sendable, Hashable, Codable {
        public var up: [String]
        public var down: [String]

        public init(up: [String], down: [String] = []) {
            self.up = up
            self.down = down
        }
    }

    /// A published weight.
    public struct Weight: Sendable, Hashable, Codable {
        public var gene: String
        public var weight: Double

        public init(gene: String, weight: Double) {
            self.gene = gene
            self.weight = weight
        }
    }

    /// A rank-pair rule: the pair counts when `high` is expressed above `low`.
    public struct GenePair: Sendable, Hashable, Codable {
        public var high: String
        public var low: String

        public init(high: String, low: String) {
            self.high = high
            self.low = low
        }
    }

    /// A score computed from other signatures' scores.
    public struct Combination: Sendable, Hashable, Codable {
        public enum Kind: String, Sendable, Hashable, Codable {
            /// The sum of the components (ESTIMATE score = stromal + immune).
            case sum
            /// The first component minus the second (TMEscore = A − B).
            case difference
            /// ESTIMATE purity: `cos(0.6049872018 + 0.0001467884 × (stromal + immune))` (Yoshihara 2013).
            case estimatePurity = "estimate_purity"
            /// TIDE (Jiang 2018): the dysfunction score (first component) where the CTL flag is set, the
            /// exclusion score (second) otherwise; the third component names the CTL genes. See ``TIDEModel``.
            case tide
            /// The mean over components of each component's z-score across the cohort (n − 1 SD), as IPRES
            /// (Hugo 2016). Cohort-dependent.
            case meanZScore = "mean_z_score"
        }
        public var kind: Kind
        /// Names of the component signatures, in order.
        public var components: [String]

        public init(kind: Kind, components: [String]) {
            self.kind = kind
            self.components = components
        }
    }

    /// Weights that are published but not bundled (licence), for the user to supply.
    public struct ExternalWeights: Sendable, Hashable, Codable {
        /// The file name as distributed.
        public var file: String
        /// The column holding this signature's weights.
        public var column: String
        /// The identifier kind of the file's genes ("entrez", "symbol").
        public var identifier: String
        public var licence: String
    }

    /// Unique name within the catalog ("CYT", "GEP_18").
    public var name: String
    /// Other names it is known by (matched case-insensitively by ``SignatureCatalog/signature(named:)``).
    public var aliases: [String]
    public var description: String
    public var citation: Citation
    /// Where the gene list (and weights) were taken from: table or figure of the publication.
    public var source: String
    public var genes: Genes
    /// Published weights (weighted sums), in gene order.
    public var weights: [Weight]?
    /// Housekeeping genes whose mean is subtracted before weighting (T-cell-inflamed GEP).
    public var housekeeping: [String]?
    /// Gene pairs (rank-pair rules such as IMPRES).
    public var pairs: [GenePair]?
    /// Factor applied to log-scale input before weighting (`log10(2)` turns log2 into log10).
    public var logScaleFactor: Double?
    /// The method the signature was published with.
    public var method: ScoringMethod
    /// The input the method expects.
    public var expectedUnit: ExpressionUnit
    public var direction: ResponseAssociation
    /// Tissue, cancer type and treatment the signature was developed or validated in.
    public var context: String
    public var notes: String?
    /// Overrides the method's default minimum coverage.
    public var minimumCoverage: Double?
    /// Set when the score is computed from other signatures.
    public var combination: Combination?
    /// Set when the weights are published but not bundled.
    public var externalWeights: ExternalWeights?

    public var id: String { name }

    public init(name: String, aliases: [String] = [], description: String = "", citation: Citation,
                source: String = "", genes: Genes, weights: [Weight]? = nil, housekeeping: [String]? = nil,
                pairs: [GenePair]? = nil, logScaleFactor: Double? = nil, method: ScoringMethod,
                expectedUnit: ExpressionUnit = .log2TPM, direction: ResponseAssociation = .positive,
                context: String = "", notes: String? = nil, minimumCoverage: Double? = nil,
                combination: Combination? = nil, externalWeights: ExternalWeights? = nil) {
        self.name = name
        self.aliases = aliases
        self.description = description
        self.citation = citation
        self.source = source
        self.genes = genes
        self.weights = weights
        self.housekeeping = housekeeping
        self.pairs = pairs
        self.logScaleFactor = logScaleFactor
        self.method = method
        self.expectedUnit = expectedUnit
        self.direction = direction
        self.context = context
        self.notes = notes
        self.minimumCoverage = minimumCoverage
        self.combination = combination
        self.externalWeights = externalWeights
    }

    /// A user gene set (GMT) as a signature scored by `method`, with no citation.
    public init(geneSet: GeneSet, method: ScoringMethod) {
        self.init(name: geneSet.name, description: geneSet.description ?? "",
                  citation: Citation(reference: "user gene set", pmid: "", doi: ""), source: "GMT file",
                  genes: Genes(up: geneSet.genes), method: method, direction: .none, context: "user-supplied")
    }

    /// Every gene the signature reads (up, down, weighted, housekeeping, paired), without duplicates.
    public var allGenes: [String] {
        var seen = Set<String>(), out: [String] = []
        let pairGenes = (pairs ?? []).flatMap { [$0.high, $0.low] }
        for g in genes.up + genes.down + (weights ?? []).map(\.gene) + (housekeeping ?? []) + pairGenes
        where seen.insert(g).inserted { out.append(g) }
        return out
    }
}
