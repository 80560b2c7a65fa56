import Foundation

/// The ImmunoKit cohort folder: what `immunokit convert` and `immunokit simulate` write and every
/// command reads.
///
/// ```
/// cohort.json          manifest (CohortManifest): names, types, units, rules, files
/// clinical.tsv         patient_id + one column per clinical variable (NA = missing)
/// outcomes.tsv         patient_id, best_overall_response, response, clinical_benefit,
///                      os_time, os_event, pfs_time, pfs_event (1 = event, 0 = censored)
/// treatment.tsv        patient_id, drug_class, line, prior_systemic_therapy, regimen
/// expression.tsv.gz    gene × sample matrix (first column "gene")
/// mutations.tsv        MAF columns; sequenced.tsv lists the sequenced patients
/// embeddings/NAME.tsv  patient_id + one column per dimension
/// ```
///
/// The folder is written atomically: it appears complete or not at all.
public enum CohortLayout {
    public static let manifestName = "cohort.json"

    /// Whether `folder` holds a cohort in this layout.
    public static func isCohortFolder(_ folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(manifestName).path)
    }

    /// Writes `cohort` (validated first) and any `additionalTables` (file name → table, written as TSV,
    /// or as JSON when the name ends in `.json`) into `folder`, replacing it atomically.
    public static func write(_ cohort: Cohort, to folder: URL, additionalTables: [String: DataTable] = [:],
                             additionalFiles: [String: Data] = [:]) throws {
        try cohort.validate()
        try AtomicFile.writeDirectory(at: folder) { dir in
            func put(_ name: String, _ text: String) throws {
                try Data(text.utf8).write(to: dir.appendingPathComponent(name))
            }
            let ids = cohort.patientIDs
            // clinical.tsv
            var clinical = DataTable(columns: ["patient_id"] + cohort.clinical.map(\.name))
            for p in ids.indices { clinical.append([ids[p]] + cohort.clinical.map { $0.text(at: p) }) }
            try put("clinical.tsv", clinical.tsv())

            // outcomes.tsv
            let o = cohort.outcomes
            var outcomes = DataTable(columns: ["patient_id", "best_overall_response", "response", "clinical_benefit",
                                               "os_time", "os_event", "pfs_time", "pfs_event"])
            func flag(_ b: Bool?) -> String? { b.map { $0 ? "1" : "0" } }
            for p in ids.indices {
                outcomes.append([
                    ids[p], o.bestOverallResponse?[p]?.rawValue, flag(o.response?.values[p]),
                    flag(o.clinicalBenefit?.values[p]), o.overallSurvival?.time[p].map(formatNumber),
                    flag(o.overallSurvival?.event[p]), o.progressionFreeSurvival?.time[p].map(formatNumber),
                    flag(o.progressionFreeSurvival?.event[p]),
                ])
            }
            try put("outcomes.tsv", outcomes.tsv())

            // treatment.tsv
            let t = cohort.treatment
            var treatment = DataTable(columns: ["patient_id", "drug_class", "line", "prior_systemic_therapy", "regimen"])
            for p in ids.indices {
                treatment.append([ids[p], t.drugClass[p]?.rawValue, t.line[p].map(String.init),
                                  flag(t.priorSystemicTherapy[p]), t.regimen[p]])
            }
            try put("treatment.tsv", treatment.tsv())

            var expressionEntry: CohortManifest.Expression?
            if let e = cohort.expression {
                try writeExpression(e, to: dir.appendingPathComponent("expression.tsv.gz"))
                expressionEntry = .init(file: "expression.tsv.gz", unit: e.unit, genes: e.geneCount, samples: e.sampleCount)
            }
            var mutationEntry: CohortManifest.Mutations?
            if let m = cohort.mutations {
                try put("mutations.tsv", mutationTable(m).tsv())
                try put("sequenced.tsv", DataTable(columns: ["patient_id"], rows: m.sequencedPatientIDs.map { [$0] }).tsv())
                mutationEntry = .init(file: "mutations.tsv", sequencedFile: "sequenced.tsv", panelSizeMb: m.panelSizeMb,
                                      count: m.mutations.count)
            }
            var embeddingEntries: [CohortManifest.Embedding] = []
            if !cohort.embeddings.isEmpty {
                try FileManager.default.createDirectory(at: dir.appendingPathComponent("embeddings"), withIntermediateDirectories: true)
            }
            for (k, block) in cohort.embeddings.enumerated() {
                let file = "embeddings/\(k + 1)_\(safeFileName(block.name)).tsv"
                var table = DataTable(columns: ["patient_id"] + block.dimensionNames)
                for s in 0..<block.sampleCount {
                    table.append([block.sampleIDs[s]] + block.vector(sample: s).map { formatNumber($0) })
                }
                try put(file, table.tsv())
                embeddingEntries.append(.init(name: block.name, source: block.source, file: file,
                                              dimension: block.dimension, samples: block.sampleCount))
            }
            for (name, table) in additionalTables.sorted(by: { $0.key < $1.key }) {
                let data = name.hasSuffix(".json") ? try table.json() : Data(table.tsv().utf8)
                try data.write(to: dir.appendingPathComponent(name))
            }
            for (name, data) in additionalFiles.sorted(by: { $0.key < $1.key }) {
                try data.write(to: dir.appendingPathComponent(name))
            }
            let manifest = CohortManifest(
                name: cohort.name, patients: ids.count,
                clinicalColumns: cohort.clinical.map { .init(name: $0.name, kind: $0.kind, unit: $0.unit) },
                responseRule: o.response?.rule, clinicalBenefitRule: o.clinicalBenefit?.rule,
                overallSurvivalUnit: o.overallSurvival?.unit, progressionFreeSurvivalUnit: o.progressionFreeSurvival?.unit,
                expression: expressionEntry, mutations: mutationEntry, embeddings: embeddingEntries,
                additionalFiles: (Array(additionalTables.keys) + Array(additionalFiles.keys)).sorted(),
                provenance: cohort.provenance)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            try encoder.encode(manifest).write(to: dir.appendingPathComponent(manifestName))
        }
    }

    static func safeFileName(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    }

    /// Writes a gene × sample matrix as gzip TSV (first column `gene`).
    public static func writeExpression(_ block: ExpressionBlock, to url: URL) throws {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(block.values.count * 9 + block.genes.count * 12)
        bytes.append(contentsOf: Array("gene".utf8))
        for s in block.sampleIDs { bytes.append(0x09); bytes.append(contentsOf: Array(s.utf8)) }
        bytes.append(0x0A)
        let n = block.sampleCount
        for g in 0..<block.geneCount {
            bytes.append(contentsOf: Array(block.genes[g].utf8))
            for s in 0..<n {
                bytes.append(0x09)
                NumberFormatting.append(block.values[g * n + s], to: &bytes)
            }
            bytes.append(0x0A)
        }
        try AtomicFile.write(GzipCompression.compress(bytes, level: 4), to: url)
    }

    static let mutationColumns = ["Tumor_Sample_Barcode", "Hugo_Symbol", "Variant_Classification", "Chromosome",
                                  "Start_Position", "End_Position", "Reference_Allele", "Tumor_Seq_Allele2",
                                  "HGVSp_Short", "t_vaf", "t_depth", "ccf"]

    static func mutationTable(_ block: MutationBlock) -> DataTable {
        var table = DataTable(columns: mutationColumns)
        for m in block.mutations {
            table.append([m.patientID, m.gene, m.variantClassification, m.chromosome, m.startPosition.map(String.init),
                          m.endPosition.map(String.init), m.referenceAllele, m.tumorAllele, m.proteinChange,
                          m.variantAlleleFraction.map(formatNumber), m.tumorDepth.map(String.init),
                          m.cancerCellFraction.map(formatNumber)])
        }
        return table
    }
}
