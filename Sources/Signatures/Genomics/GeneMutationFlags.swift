import CohortData

/// Per-gene mutation status as binary clinical features: for each chosen gene, whether a patient's
/// tumour carries at least one mutation in it that passes the TMB filters (classification, VAF,
/// depth: ``TumorMutationalBurden/Configuration``).
///
/// Sequenced patients without such a mutation are `false`; patients not sequenced are missing (`nil`).
/// Column names are `mut_<GENE>` (`mut_STK11`). Gene symbols are compared exactly as written in the MAF
/// `Hugo_Symbol` column; harmonise the MAF first if it uses old symbols.
///
/// The default list (``defaultGenes``) holds genes with published associations with ICI outcome:
/// STK11 and KEAP1 (Skoulidis et al. 2018 Cancer Discov 8:822; Ricciuti 2022 JCO 40:1313), B2M (Zaretsky
/// et al. 2016 NEJM 375:819; Sade-Feldman 2017), JAK1/JAK2 (Zaretsky 2016; Shin 2017 Cancer Discov
/// 7:188), PTEN (Peng et al. 2016 Cancer Discov 6:202), POLE (Rizvi/Mehnert: ultramutated tumours).
///
/// - Complexity: O(mutations + patients × genes).
public enum GeneMutationFlags {
    public static let defaultGenes = ["STK11", "KEAP1", "B2M", "JAK1", "JAK2", "PTEN", "POLE"]

    /// The column name for `gene`.
    public static func columnName(_ gene: String) -> String { "mut_\(gene)" }

    /// Flags for `genes` (in that order) for every sequenced patient of `block`, keyed by patient ID.
    public static func compute(_ block: MutationBlock, genes: [String] = defaultGenes,
                               configuration: TumorMutationalBurden.Configuration = .init()) -> [String: [Bool]] {
        let position = Dictionary(genes.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var flags: [String: [Bool]] = [:]
        for p in block.sequencedPatientIDs { flags[p] = [Bool](repeating: false, count: genes.count) }
        for m in block.mutations {
            guard let g = position[m.gene], flags[m.patientID] != nil, configuration.passes(m) else { continue }
            flags[m.patientID]![g] = true
        }
        return flags
    }

    /// Binary clinical columns `mut_<GENE>` aligned to `patientIDs`.
    public static func clinicalColumns(_ block: MutationBlock, genes: [String] = defaultGenes,
                                       configuration: TumorMutationalBurden.Configuration = .init(),
                                       for patientIDs: [String]) -> [ClinicalColumn] {
        let flags = compute(block, genes: genes, configuration: configuration)
        return genes.enumerated().map { g, gene in
            ClinicalColumn(name: columnName(gene), values: .binary(patientIDs.map { flags[$0]?[g] }))
        }
    }
}
