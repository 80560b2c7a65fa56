import Foundation
import CohortData

/// The output of a deconvolution method: one value per sample and cell population, with the genes
/// each population could use and any warnings.
public struct DeconvolutionResult: Sendable, Hashable, Codable {
    /// The methods ImmunoKit implements.
    public enum Method: String, Sendable, Hashable, Codable, CaseIterable {
        case mcpCounter = "mcpcounter"
        case quanTIseq = "quantiseq"
        case epic
        case estimate
    }

    /// What the numbers mean.
    public enum ValueKind: String, Sendable, Hashable, Codable {
        /// Fractions of cells in the sample (0…1, summing to 1 with the uncharacterised "other" cells).
        case cellFraction = "cell_fraction"
        /// Abundance scores, comparable across samples for one population but not across populations.
        case abundanceScore = "abundance_score"
        /// ESTIMATE scores and purity.
        case purity
    }

    /// Genes of one population found in the data.
    public struct Coverage: Sendable, Hashable, Codable {
        public var population: String
        public var genesFound: Int
        public var genesTotal: Int
        /// Reference genes not measured (names as published).
        public var missingGenes: [String]
        public var fraction: Double { genesTotal == 0 ? 0 : Double(genesFound) / Double(genesTotal) }
    }

    public var method: Method
    public var kind: ValueKind
    public var sampleIDs: [String]
    /// Output columns (populations, plus "Other cells" for fraction methods, or ESTIMATE's four).
    public var columns: [String]
    /// Sample-major: `values[sample * columns.count + column]`; NaN where a value could not be computed.
    public var values: [Double]
    public var coverage: [Coverage]
    public var warnings: [String]

    public init(method: Method, kind: ValueKind, sampleIDs: [String], columns: [String], values: [Double],
                coverage: [Coverage], warnings: [String] = []) {
        precondition(values.count == sampleIDs.count * columns.count, "DeconvolutionResult: values must be samples × columns")
        self.method = method
        self.kind = kind
        self.sampleIDs = sampleIDs
        self.columns = columns
        self.values = values
        self.coverage = coverage
        self.warnings = warnings
    }

    public func value(sample: Int, column: Int) -> Double { values[sample * columns.count + column] }

    /// The values of one column across samples, or `nil` for an unknown column name.
    public func column(_ name: String) -> [Double]? {
        guard let j = columns.firstIndex(of: name) else { return nil }
        return sampleIDs.indices.map { value(sample: $0, column: j) }
    }

    /// The column name as a clinical feature: method prefix, lower-case words joined by `_`
    /// (`quantiseq_cd8_t_cells`).
    public func featureName(_ column: String) -> String {
        let words = column.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        return ([method.rawValue] + words.map(String.init)).joined(separator: "_")
    }

    /// A table: `sample_id` then one column per output, numbers with 6 significant digits (NA = missing).
    public func table() -> DataTable {
        var table = DataTable(columns: ["sample_id"] + columns.map(featureName))
        for s in sampleIDs.indices {
            table.append([sampleIDs[s]] + columns.indices.map { j in
                let v = value(sample: s, column: j)
                return v.isFinite ? formatSignificant(v) : nil
            })
        }
        return table
    }

    /// Continuous clinical columns aligned to `patientIDs` (missing for a patient without a sample).
    public func clinicalColumns(for patientIDs: [String]) -> [ClinicalColumn] {
        let index = Dictionary(sampleIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let unit: String? = kind == .cellFraction ? "fraction" : nil
        return columns.indices.map { j in
            let values: [Double?] = patientIDs.map { p in
                guard let s = index[p] else { return nil }
                let v = value(sample: s, column: j)
                return v.isFinite ? v : nil
            }
            return ClinicalColumn(name: featureName(columns[j]), values: .continuous(values), unit: unit)
        }
    }
}

/// `v` with 6 significant digits, without exponent noise for ordinary magnitudes.
func formatSignificant(_ v: Double) -> String {
    if v == 0 { return "0" }
    let text = String(format: "%.6g", v)
    return text
}
