/// What harmonising the gene identifiers of an expression block changed and could not resolve.
public struct GeneHarmonizationReport: Sendable, Hashable, Codable {
    /// One input identifier renamed to an approved symbol.
    public struct Rename: Sendable, Hashable, Codable {
        public var from: String
        public var to: String
        public var via: GeneIdentifierMatch
    }

    /// An identifier naming several approved genes, left as it was (or dropped).
    public struct Ambiguity: Sendable, Hashable, Codable {
        public var identifier: String
        public var candidates: [String]
    }

    /// Several input rows mapping to one symbol: the row with the highest mean (NaN ignored; ties go
    /// to the earlier row) is kept under the symbol, the others are dropped.
    public struct Collision: Sendable, Hashable, Codable {
        public var symbol: String
        /// The input identifier whose row was kept.
        public var kept: String
        /// The input identifiers whose rows were dropped, in input order.
        public var dropped: [String]
    }

    /// Identifiers renamed (approved symbols are not listed), in input order.
    public var renamed: [Rename] = []
    /// Identifiers no gene has, in input order.
    public var unmapped: [String] = []
    /// Identifiers naming several genes, in input order.
    public var ambiguous: [Ambiguity] = []
    /// Symbols that several input rows mapped to.
    public var collisions: [Collision] = []
    /// Rows removed: colliding rows, plus unresolved rows under ``UnresolvedGenes/drop``.
    public var droppedRows: Int = 0

    public init() {}

    /// What to do with rows whose identifier is unknown or ambiguous.
    public enum UnresolvedGenes: String, Sendable, Hashable, Codable {
        /// Keep the row under its input identifier (default; it cannot clash with an approved symbol).
        case keep
        /// Remove the row.
        case drop
    }
}
