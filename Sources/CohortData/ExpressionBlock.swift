/// An expression matrix (genes × samples) with its unit, aligned to patients by sample ID.
///
/// Storage is gene-major: the values of one gene across all samples are contiguous, i.e. a
/// samples × genes column-major matrix whose columns are genes — the layout the learning layer's
/// feature matrices use, and the order in which gene-per-row files are read (no transposition).
/// `value(gene:sample:)` is `values[gene * sampleCount + sample]`. A missing measurement is `.nan`
/// (the only place ImmunoKit uses NaN for "missing": matrices are dense); ``missingCount`` counts them.
public struct ExpressionBlock: Sendable, Hashable, Codable {
    /// Gene identifiers (HGNC symbols after harmonisation), unique.
    public var genes: [String]
    /// Patient IDs of the samples, unique; each is one of the cohort's patients.
    public var sampleIDs: [String]
    public var unit: ExpressionUnit
    /// `genes.count * sampleIDs.count` values, gene-major (`values[gene * sampleCount + sample]`).
    public var values: [Double]

    /// - Parameter geneMajorValues: the values of gene 0 for every sample, then gene 1, and so on.
    public init(genes: [String], sampleIDs: [String], unit: ExpressionUnit, geneMajorValues: [Double]) {
        precondition(geneMajorValues.count == genes.count * sampleIDs.count,
                     "expression values must hold genes × samples entries")
        self.genes = genes
        self.sampleIDs = sampleIDs
        self.unit = unit
        self.values = geneMajorValues
    }

    public var geneCount: Int { genes.count }
    public var sampleCount: Int { sampleIDs.count }

    @inlinable
    public func value(gene: Int, sample: Int) -> Double { values[gene * sampleIDs.count + sample] }

    /// The values of one gene across all samples, contiguous.
    public func row(gene: Int) -> ArraySlice<Double> {
        values[(gene * sampleIDs.count)..<((gene + 1) * sampleIDs.count)]
    }

    /// The profile of one sample (all genes), gathered.
    public func profile(sample: Int) -> [Double] {
        let n = sampleIDs.count
        return (0..<genes.count).map { values[$0 * n + sample] }
    }

    /// Index of each gene symbol.
    public var geneIndex: [String: Int] {
        Dictionary(genes.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// How many entries are missing (NaN).
    public var missingCount: Int { values.reduce(0) { $0 + ($1.isNaN ? 1 : 0) } }

    /// The block restricted to the samples at `indices`, in that order.
    public func selectingSamples(_ indices: [Int]) -> ExpressionBlock {
        var out = [Double]()
        out.reserveCapacity(indices.count * genes.count)
        let n = sampleIDs.count
        for g in 0..<genes.count {
            for s in indices { out.append(values[g * n + s]) }
        }
        return ExpressionBlock(genes: genes, sampleIDs: indices.map { sampleIDs[$0] }, unit: unit, geneMajorValues: out)
    }
}
