import CohortData
import Foundation

/// Tumour mutational burden (TMB): somatic mutations per megabase of sequenced territory.
///
///     TMB = #{mutations passing the filters} / panel size (Mb)
///
/// Filters, each with its default (``Configuration``):
/// - classification in ``Configuration/countedClassifications`` — default the non-synonymous classes
///   (``CohortData/Mutation/nonSynonymousClassifications``: missense, nonsense, frameshift and in-frame
///   indels, splice site, nonstop, translation start), the usual TCGA/cBioPortal convention;
/// - variant allele fraction ≥ ``Configuration/minimumVAF`` (default 0.05; valid 0…1);
/// - tumour depth ≥ ``Configuration/minimumDepth`` (default 10 reads; ≥ 0);
/// - a mutation whose VAF or depth is not known passes that filter (``Configuration/keepUnknown``,
///   default `true`: the MAF of many published studies has no read counts) and is counted in
///   ``PatientBurden/unknownQualityCount``.
///
/// Clonal TMB counts the passing mutations that are clonal: cancer cell fraction ≥
/// ``Configuration/clonalCCF`` (default 0.9, a common cut-off, e.g. McGranahan et al. 2016 Science
/// 351:1463 used the upper CCF confidence bound ≥ 1), or the caller's own clonal flag. It is reported
/// only for patients whose passing mutations all carry a CCF or flag.
///
/// Patients: every patient in ``CohortData/MutationBlock/sequencedPatientIDs`` gets a TMB (0 when no
/// mutation passes); patients outside it are not sequenced and get none.
///
/// - Complexity: O(mutations + patients).
public enum TumorMutationalBurden {
    public struct Configuration: Sendable, Hashable, Codable {
        public var countedClassifications: Set<String>
        public var minimumVAF: Double
        public var minimumDepth: Int
        public var keepUnknown: Bool
        public var clonalCCF: Double

        public init(countedClassifications: Set<String> = Mutation.nonSynonymousClassifications, minimumVAF: Double = 0.05,
                    minimumDepth: Int = 10, keepUnknown: Bool = true, clonalCCF: Double = 0.9) {
            self.countedClassifications = countedClassifications
            self.minimumVAF = minimumVAF
            self.minimumDepth = minimumDepth
            self.keepUnknown = keepUnknown
            self.clonalCCF = clonalCCF
        }

        /// Problems with the values, each naming the parameter, the value and the valid range.
        public func problems() -> [String] {
            var out: [String] = []
            if !(minimumVAF.isFinite && (0...1).contains(minimumVAF)) { out.append("minimum VAF must be between 0 and 1 (got \(minimumVAF)); the default is 0.05") }
            if minimumDepth < 0 { out.append("minimum depth must be 0 or more reads (got \(minimumDepth)); the default is 10") }
            if !(clonalCCF.isFinite && clonalCCF > 0 && clonalCCF <= 1) { out.append("clonal CCF threshold must be in (0, 1] (got \(clonalCCF)); the default is 0.9") }
            if countedClassifications.isEmpty { out.append("at least one variant classification must be counted") }
            return out
        }

        /// Whether `mutation` passes the classification, VAF and depth filters.
        public func passes(_ mutation: Mutation) -> Bool {
            guard countedClassifications.contains(mutation.variantClassification) else { return false }
            if let vaf = mutation.variantAlleleFraction {
                if vaf < minimumVAF { return false }
            } else if !keepUnknown && minimumVAF > 0 { return false }
            if let depth = mutation.tumorDepth {
                if depth < minimumDepth { return false }
            } else if !keepUnknown && minimumDepth > 0 { return false }
            return true
        }
    }

    /// One patient's burden.
    public struct PatientBurden: Sendable, Hashable, Codable {
        public var patientID: String
        /// Mutations passing the filters.
        public var mutationCount: Int
        /// mutationCount / panel size.
        public var tmbPerMb: Double
        /// Passing mutations with unknown VAF or depth (kept under ``Configuration/keepUnknown``).
        public var unknownQualityCount: Int
        /// Passing clonal mutations, when every passing mutation has a CCF or clonal flag.
        public var clonalCount: Int?
        public var clonalTMBPerMb: Double?
    }

    public struct Result: Sendable, Hashable, Codable {
        public var panelSizeMb: Double
        public var configuration: Configuration
        public var patients: [PatientBurden]
        /// Rows rejected by each filter, over all patients.
        public var excludedByClassification: Int
        public var excludedByQuality: Int

        /// A table: patient_id, mutations, tmb (mut/Mb), clonal_mutations, clonal_tmb, unknown_quality.
        public func table() -> DataTable {
            var table = DataTable(columns: ["patient_id", "mutations", "tmb_per_mb", "clonal_mutations", "clonal_tmb_per_mb",
                                            "unknown_vaf_or_depth"])
            for p in patients {
                table.append([p.patientID, String(p.mutationCount), formatTMB(p.tmbPerMb), p.clonalCount.map(String.init),
                              p.clonalTMBPerMb.map(formatTMB), String(p.unknownQualityCount)])
            }
            return table
        }

        /// Clinical columns `tmb_per_mb`, `tmb_mutations` and (when any patient has it) `clonal_tmb_per_mb`,
        /// aligned to `patientIDs` (missing for patients not sequenced).
        public func clinicalColumns(for patientIDs: [String]) -> [ClinicalColumn] {
            let index = Dictionary(patients.map { ($0.patientID, $0) }, uniquingKeysWith: { a, _ in a })
            var columns = [
                ClinicalColumn(name: "tmb_per_mb", values: .continuous(patientIDs.map { index[$0]?.tmbPerMb }), unit: "mut/Mb"),
                ClinicalColumn(name: "tmb_mutations", values: .continuous(patientIDs.map { index[$0].map { Double($0.mutationCount) } }),
                               unit: "mutations"),
            ]
            if patients.contains(where: { $0.clonalTMBPerMb != nil }) {
                columns.append(ClinicalColumn(name: "clonal_tmb_per_mb", values: .continuous(patientIDs.map { index[$0]?.clonalTMBPerMb }),
                                              unit: "mut/Mb"))
            }
            return columns
        }
    }

    /// Computes TMB for every sequenced patient of `block`.
    ///
    /// - Parameters:
    ///   - panelSizeMb: sequenced territory in Mb (> 0); default `block.panelSizeMb`.
    ///   - isClonal: a clonal flag per mutation (`nil` = unknown); default: CCF ≥ `clonalCCF`.
    /// - Precondition: a positive, finite panel size, and a configuration without ``Configuration/problems()``.
    public static func compute(_ block: MutationBlock, panelSizeMb: Double? = nil, configuration: Configuration = Configuration(),
                               isClonal: ((Mutation) -> Bool?)? = nil) -> Result {
        let size = panelSizeMb ?? block.panelSizeMb ?? .nan
        precondition(size.isFinite && size > 0, "TumorMutationalBurden.compute: the panel size must be a positive number of Mb (got \(size))")
        let problems = configuration.problems()
        precondition(problems.isEmpty, "TumorMutationalBurden.compute: \(problems.joined(separator: "; "))")
        let clonal: (Mutation) -> Bool? = isClonal ?? { m in m.cancerCellFraction.map { $0 >= configuration.clonalCCF } }
        var counts: [String: (n: Int, unknown: Int, clonal: Int, clonalKnown: Bool)] = [:]
        for p in block.sequencedPatientIDs { counts[p] = (0, 0, 0, true) }
        var byClass = 0, byQuality = 0
        for m in block.mutations {
            guard counts[m.patientID] != nil else { continue }
            guard configuration.countedClassifications.contains(m.variantClassification) else { byClass += 1; continue }
            guard configuration.passes(m) else { byQuality += 1; continue }
            counts[m.patientID]!.n += 1
            if m.variantAlleleFraction == nil || m.tumorDepth == nil { counts[m.patientID]!.unknown += 1 }
            switch clonal(m) {
            case .some(true): counts[m.patientID]!.clonal += 1
            case .some(false): break
            case .none: counts[m.patientID]!.clonalKnown = false
            }
        }
        let anyClonalInformation = block.mutations.contains { clonal($0) != nil }
        let patients = block.sequencedPatientIDs.map { p -> PatientBurden in
            let c = counts[p]!
            let clonalCount = anyClonalInformation && c.clonalKnown ? c.clonal : nil
            return PatientBurden(patientID: p, mutationCount: c.n, tmbPerMb: Double(c.n) / size, unknownQualityCount: c.unknown,
                                 clonalCount: clonalCount, clonalTMBPerMb: clonalCount.map { Double($0) / size })
        }
        return Result(panelSizeMb: size, configuration: configuration, patients: patients,
                      excludedByClassification: byClass, excludedByQuality: byQuality)
    }
}

/// TMB with up to 4 decimals, trailing zeros trimmed.
func formatTMB(_ v: Double) -> String {
    var text = String(format: "%.4f", v)
    while text.contains("."), text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
}
