/// `cohort.json`: the manifest of a cohort folder in the ImmunoKit layout. It names every file, the
/// type and unit of every clinical column, the units of outcomes and expression, and the rules that
/// derived binary outcomes, so that the folder reads back to the same ``Cohort``.
public struct CohortManifest: Sendable, Hashable, Codable {
    public static let formatName = "immunokit-cohort"
    public static let currentVersion = 1

    public struct Column: Sendable, Hashable, Codable {
        public var name: String
        /// "continuous", "categorical" or "binary".
        public var kind: String
        public var unit: String?
    }

    public struct Expression: Sendable, Hashable, Codable {
        public var file: String
        public var unit: ExpressionUnit
        public var genes: Int
        public var samples: Int
    }

    public struct Mutations: Sendable, Hashable, Codable {
        public var file: String
        public var sequencedFile: String
        public var panelSizeMb: Double?
        public var count: Int
    }

    public struct Embedding: Sendable, Hashable, Codable {
        public var name: String
        public var source: String?
        public var file: String
        public var dimension: Int
        public var samples: Int
    }

    public var format: String = formatName
    public var version: Int = currentVersion
    public var name: String
    public var patients: Int
    public var clinicalColumns: [Column]
    public var responseRule: String?
    public var clinicalBenefitRule: String?
    public var overallSurvivalUnit: TimeUnit?
    public var progressionFreeSurvivalUnit: TimeUnit?
    public var expression: Expression?
    public var mutations: Mutations?
    public var embeddings: [Embedding]
    /// Further tables written beside the cohort (e.g. `truth.tsv` of a simulation).
    public var additionalFiles: [String]
    public var provenance: [String: String]
}
