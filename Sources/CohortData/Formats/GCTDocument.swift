/// The content of a GCT file: the expression matrix with the file's row and column metadata.
///
/// GCT is the Broad Institute's expression format (GSEA, GenePattern, CMap/clue.io):
/// https://software.broadinstitute.org/cancer/software/gsea/wiki/index.php/Data_formats
public struct GCTDocument: Sendable, Hashable {
    /// The GCT versions read.
    public enum Version: String, Sendable, Hashable, Codable {
        /// `#1.2`: `Name`, `Description`, then one column per sample.
        case v1_2 = "1.2"
        /// `#1.3`: an ID column, any number of row-metadata columns, samples, and column-metadata rows.
        case v1_3 = "1.3"
    }

    public var version: Version
    /// The matrix: genes in file order (the `Name` / `id` column), samples in header order.
    public var block: ExpressionBlock
    /// Row metadata, one entry per gene: for 1.2 the single `Description` column, for 1.3 the
    /// declared row-metadata columns. Missing-value tokens (`na`, `NA`, empty) are `nil`.
    public var rowMetadata: [GCTMetadataField]
    /// Column metadata (1.3 only), one entry per sample, in file order.
    public var columnMetadata: [GCTMetadataField]

    public init(version: Version, block: ExpressionBlock, rowMetadata: [GCTMetadataField] = [],
                columnMetadata: [GCTMetadataField] = []) {
        self.version = version
        self.block = block
        self.rowMetadata = rowMetadata
        self.columnMetadata = columnMetadata
    }

    /// The row-metadata field called `name`, if any.
    public func rowField(_ name: String) -> GCTMetadataField? { rowMetadata.first { $0.name == name } }

    /// The column-metadata field called `name`, if any.
    public func columnField(_ name: String) -> GCTMetadataField? { columnMetadata.first { $0.name == name } }
}

/// One named metadata field of a GCT file: a row-metadata column (one value per gene) or a
/// column-metadata row (one value per sample).
public struct GCTMetadataField: Sendable, Hashable, Codable {
    public var name: String
    /// One value per gene (row metadata) or per sample (column metadata); `nil` when missing.
    public var values: [String?]

    public init(name: String, values: [String?]) {
        self.name = name
        self.values = values
    }
}
