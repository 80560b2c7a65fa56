/// An expression matrix (genes × samples) with its unit, aligned to patients by sample ID.
///
/// Storage is column-major over samples: the profile of one sample is contiguous, which is what
/// per-sample scoring and building a patient × feature matrix read. `value(gene:sample:)` is
/// `values[sample * geneCount + gene]`. A missing measurement is `.nan` (the only place ImmunoKit
/// uses NaN for "missing": matrices are dense); ``missingCount`` counts them.
public struct ExpressionBlock: Sendable, Hashable, Codable {
    /// Gene identifiers (HGNC symbols after harmonisation), unique.
    public var genes: [String]
    /// Patient IDs of the samples, unique; each is one of the cohort's patients.
    public var sampleIDs: [String]
    public var unit: ExpressionUnit
    /// `genes.count * sampleIDs.count` values, sample-major.
    public var values: [Double]

    public init(genes: [String], sampleIDs: [String], unit: ExpressionUnit, values: [Double]) {
        precondition(values.count == genes.count * sampleIDs.count,
                     "expression values must hold genes × samples entries")
        self.genes = genes
        self.sampleIDs = sampleIDs
        self.unit = unit
        self.values = values
    }

    public var geneCount: Int { genes.count }
    public var sampleCount: Int { sampleIDs.count }

    @inlinable
    public func value(gene: Int, sample: Int) -> Double { values[sample * genes.count + gene] }

    /// The profile of one sample (all genes), contiguous.
    public func profile(sample: Int) -> ArraySlice<Double> {
        values[(sample * genes.count)..<((sample + 1) * genes.count)]
    }

    /// Index of each gene symbol.
    public var geneIndex: [String: Int] {
        Dictionary(genes.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The values of one gene across samples.
    public func row(gene: Int) -> [Double] {
        (0..<sampleCount).map { values[$0 * genes.count + gene] }
    }

    /// How many entries are missing (NaN).
    public var missingCount: Int { values.reduce(0) { $0 + ($1.isNaN ? 1 : 0) } }

    /// The block restricted to the samples at `indices`, in that order.
    public func selectingSamples(_ indices: [Int]) -> ExpressionBlock {
        var out = [Double]()
        out.reserveCapacity(indices.count * genes.count)
        for s in indices { out.append(contentsOf: profile(sample: s)) }
        return ExpressionBlock(genes: genes, sampleIDs: indices.map { sampleIDs[$0] }, unit: unit, values: out)
    }
}
