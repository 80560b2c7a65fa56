import CohortData
import Foundation

/// The TIDE model (Tumour Immune Dysfunction and Exclusion) as distributed by its authors: the T-cell
/// dysfunction and exclusion weight vectors and the per-dataset standard deviations that normalise the scores.
///
/// The weights are not bundled with ImmunoKit (TIDEpy is GPL-3); the user points ``load(folder:)`` at the
/// CSV export of TIDEpy's `model.pkl` and `Gene_Ref.pkl` (the file names are those of
/// `../shared/data/signatures/tide_tidepy`):
///
/// | File | Content |
/// |---|---|
/// | `tide_dysfunction_exclusion_signatures_entrez.csv` | `entrez_id,Dysfunction,Exclusion` weights |
/// | `tide_signature_sd_by_dataset.csv` | `dataset,Dysfunction,Exclusion` standard deviations |
/// | `tide_gene_ref_symbol_to_entrez.csv` | `symbol,entrez_id`, to match expression gene symbols |
///
/// Scores (TIDEpy 1.3.9, `tidepy/model.py::tide_pred`), with each gene centred across the cohort first
/// (``CorrelationScoring``):
///
///     dysfunction(s) = cor_g( y_g(s), w_g^dys ) / SD^dys        exclusion(s) = cor_g( y_g(s), w_g^exc ) / SD^exc
///     CTL flag(s)    = min over CD8A, CD8B, GZMA, GZMB, PRF1 of y_g(s) > 0
///     TIDE(s)        = dysfunction(s) if the CTL flag is set, exclusion(s) otherwise; predicted responder if TIDE < 0
///
/// The SD row is `SKCM.RNASeq` for melanoma (and, as in TIDEpy, for every other cancer type) and the mean of
/// the `LUSC.RNASeq.norm_subtract` and `LUAD.RNASeq.norm_subtract` rows for NSCLC. Correlations are over the
/// genes that have a weight and a measured value. Expression genes are matched to Entrez IDs through the
/// symbol table (case-insensitive, as TIDEpy); where several expression rows map to one Entrez ID, TIDEpy
/// averages them while ImmunoKit keeps each row (rare; reported in ``ambiguousGenes(in:)``).
///
/// Jiang P, Gu S, Pan D, et al. (2018) "Signatures of T cell dysfunction and exclusion predict cancer
/// immunotherapy response." Nat Med 24:1550–1558 (PMID 30127393). Fu J et al., TIDEpy
/// (github.com/jingxinfu/TIDEpy).
public struct TIDEModel: Sendable, Hashable {
    /// The cancer type choosing the normalising standard deviations (TIDEpy's `cancer` argument).
    public enum Cancer: String, Sendable, Hashable, CaseIterable {
        case melanoma, nsclc, other
    }

    /// File names as distributed with the shared data and TIDEpy's CSV export.
    public static let weightsFile = "tide_dysfunction_exclusion_signatures_entrez.csv"
    public static let standardDeviationsFile = "tide_signature_sd_by_dataset.csv"
    public static let symbolTableFile = "tide_gene_ref_symbol_to_entrez.csv"
    /// The catalog signatures this model supplies weights for.
    public static let dysfunctionSignature = "TIDE_dysfunction"
    public static let exclusionSignature = "TIDE_exclusion"

    /// Entrez ID → weight (genes with a missing weight are absent).
    public var dysfunctionWeights: [Int: Double]
    public var exclusionWeights: [Int: Double]
    /// Dataset name → (dysfunction SD, exclusion SD).
    public var standardDeviations: [String: [Double]]
    /// Upper-case gene symbol → Entrez ID.
    public var symbolToEntrez: [String: Int]

    public init(dysfunctionWeights: [Int: Double], exclusionWeights: [Int: Double],
                standardDeviations: [String: [Double]], symbolToEntrez: [String: Int]) {
        self.dysfunctionWeights = dysfunctionWeights
        self.exclusionWeights = exclusionWeights
        self.standardDeviations = standardDeviations
        self.symbolToEntrez = symbolToEntrez
    }

    /// Reads the three CSV files from `folder`. Errors name the file, line and column.
    ///
    /// - Complexity: O(rows of the three files).
    public static func load(folder: URL) throws -> TIDEModel {
        func table(_ name: String) throws -> DelimitedTable {
            let url = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw CohortDataError(.fileNotFound, file: url.path,
                                      expected: "the TIDE model file \(name) (TIDEpy's model export; see `immunokit score --help`)")
            }
            return try DelimitedTable.read(url, format: .csv)
        }
        func entrez(_ t: DelimitedTable, _ column: Int) throws -> [Int] {
            try t.rows.indices.map { r in
                let cell = t.rows[r][column]
                guard let id = Int(cell), id > 0 else {
                    throw CohortDataError(.nonNumericValue, file: t.name, line: t.lineNumbers[r], column: t.header[column],
                                          expected: "a positive integer Entrez gene ID", value: cell)
                }
                return id
            }
        }

        let weights = try table(weightsFile)
        let ids = try entrez(weights, try weights.requireColumn("entrez_id"))
        let dys = try weights.doubles(try weights.requireColumn("Dysfunction"))
        let exc = try weights.doubles(try weights.requireColumn("Exclusion"))
        var dysfunction: [Int: Double] = [:], exclusion: [Int: Double] = [:]
        for (i, id) in ids.enumerated() {
            if let w = dys[i] { dysfunction[id] = w }
            if let w = exc[i] { exclusion[id] = w }
        }

        let sdTable = try table(standardDeviationsFile)
        let names = sdTable.strings(try sdTable.requireColumn("dataset"))
        let sdDys = try sdTable.doubles(try sdTable.requireColumn("Dysfunction"))
        let sdExc = try sdTable.doubles(try sdTable.requireColumn("Exclusion"))
        var sds: [String: [Double]] = [:]
        for r in names.indices {
            guard let name = names[r], let a = sdDys[r], let b = sdExc[r] else { continue }
            guard a > 0, b > 0 else {
                throw CohortDataError(.invalidValue, file: sdTable.name, line: sdTable.lineNumbers[r], column: "Dysfunction/Exclusion",
                                      expected: "positive standard deviations")
            }
            sds[name] = [a, b]
        }

        let symbols = try table(symbolTableFile)
        let symbolColumn = try symbols.requireColumn("symbol")
        let symbolIDs = try entrez(symbols, try symbols.requireColumn("entrez_id"))
        var map: [String: Int] = [:]
        for (r, symbol) in symbols.strings(symbolColumn).enumerated() {
            guard let symbol else { continue }
            map[symbol.uppercased()] = map[symbol.uppercased()] ?? symbolIDs[r]
        }
        return TIDEModel(dysfunctionWeights: dysfunction, exclusionWeights: exclusion,
                         standardDeviations: sds, symbolToEntrez: map)
    }

    /// The (dysfunction, exclusion) standard deviations for `cancer`, as TIDEpy chooses them.
    public func divisors(for cancer: Cancer) throws -> (dysfunction: Double, exclusion: Double) {
        func row(_ name: String) throws -> [Double] {
            guard let r = standardDeviations[name] else {
                throw CohortDataError(.missingColumn, file: Self.standardDeviationsFile, column: "dataset",
                                      expected: "a row for dataset \(name)")
            }
            return r
        }
        switch cancer {
        case .melanoma, .other:
            let r = try row("SKCM.RNASeq")
            return (r[0], r[1])
        case .nsclc:
            let a = try row("LUSC.RNASeq.norm_subtract"), b = try row("LUAD.RNASeq.norm_subtract")
            return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        }
    }

    /// Weights keyed by the expression's own gene names, for ``SignatureScorer/Options/externalWeights``:
    /// `[TIDE_dysfunction: [gene: w], TIDE_exclusion: [gene: w]]`.
    public func externalWeights(for genes: [String]) -> [String: [String: Double]] {
        var dys: [String: Double] = [:], exc: [String: Double] = [:]
        for gene in genes {
            guard let id = symbolToEntrez[gene.uppercased()] else { continue }
            if let w = dysfunctionWeights[id] { dys[gene] = w }
            if let w = exclusionWeights[id] { exc[gene] = w }
        }
        return [Self.dysfunctionSignature: dys, Self.exclusionSignature: exc]
    }

    /// Scorer options with this model's weights and normalisation for `cancer` added to `options`.
    public func apply(to options: SignatureScorer.Options, genes: [String], cancer: Cancer) throws -> SignatureScorer.Options {
        var options = options
        for (name, weights) in externalWeights(for: genes) { options.externalWeights[name] = weights }
        let (d, e) = try divisors(for: cancer)
        options.correlationDivisors[Self.dysfunctionSignature] = d
        options.correlationDivisors[Self.exclusionSignature] = e
        return options
    }

    /// How many of each signature's weighted genes the expression has (found, weighted).
    public func coverage(of genes: [String]) -> [String: (found: Int, weighted: Int)] {
        let ids = Set(genes.compactMap { symbolToEntrez[$0.uppercased()] })
        return [Self.dysfunctionSignature: (dysfunctionWeights.keys.filter(ids.contains).count, dysfunctionWeights.count),
                Self.exclusionSignature: (exclusionWeights.keys.filter(ids.contains).count, exclusionWeights.count)]
    }

    /// Expression genes that share an Entrez ID with another expression gene (TIDEpy averages such rows).
    public func ambiguousGenes(in genes: [String]) -> [String] {
        var byID: [Int: [String]] = [:]
        for g in genes { if let id = symbolToEntrez[g.uppercased()] { byID[id, default: []].append(g) } }
        return byID.values.filter { $0.count > 1 }.flatMap { $0 }.sorted()
    }
}
