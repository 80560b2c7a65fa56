/// A named block of numeric vectors per patient from an external model (a pathology or single-cell
/// foundation model, a language-model encoding of notes), aligned to patients by ID.
///
/// Storage is row-major: one patient's vector is contiguous, `values[sample * dimension + j]`.
public struct EmbeddingBlock: Sendable, Hashable, Codable {
    /// Block name, unique within a cohort ("uni_pathology", "scgpt").
    public var name: String
    /// The model that produced the vectors and its version, as the user states it.
    public var source: String?
    /// Names of the dimensions (defaults to `dim_1`, `dim_2`, …).
    public var dimensionNames: [String]
    public var sampleIDs: [String]
    public var values: [Double]

    public init(name: String, source: String? = nil, dimensionNames: [String], sampleIDs: [String], values: [Double]) {
        precondition(values.count == dimensionNames.count * sampleIDs.count,
                     "embedding values must hold samples × dimensions entries")
        self.name = name
        self.source = source
        self.dimensionNames = dimensionNames
        self.sampleIDs = sampleIDs
        self.values = values
    }

    public var dimension: Int { dimensionNames.count }
    public var sampleCount: Int { sampleIDs.count }

    public func vector(sample: Int) -> ArraySlice<Double> {
        values[(sample * dimension)..<((sample + 1) * dimension)]
    }
}
