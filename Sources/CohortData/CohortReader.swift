import Foundation

/// Reads a cohort from any supported layout, recognising it from the files present.
///
/// | input | recognised by | reader |
/// |---|---|---|
/// | ImmunoKit folder | `cohort.json` | ``CohortLayout/read(_:)`` |
/// | ORCESTRA / PredictioR folder | `clinical.tsv` (+ `expr_log2tpm.tsv.gz`) | ``CohortMapping/orcestra`` |
/// | cBioPortal study folder | `data_clinical_patient.txt` | cBioPortal study reader |
/// | MSK pan-cancer ICI table | a CSV with `SAMPLE_ID`, `Response`, `OS_Months` | ``CohortMapping/mskChowell`` |
/// | MSK non-ICI table | a CSV with `SAMPLE_ID`, `OS_Months` and no `Response` | ``CohortMapping/mskNonICI`` |
/// | any clinical table | a TSV/CSV file, with a mapping file | the mapping |
///
/// A mapping given by the user always wins over recognition.
public enum CohortReader {
    /// The layouts ``read(_:mapping:)`` recognises.
    public enum Layout: String, Sendable, CaseIterable {
        case immunokit, orcestra, cbioportal, mskChowell = "msk-chowell", mskNonICI = "msk-nonici", table
    }

    /// Recognises the layout of `url` without reading it whole.
    public static func detect(_ url: URL) throws -> Layout {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw CohortDataError(.fileNotFound, file: url.path, expected: "an existing cohort folder or table file")
        }
        if isDirectory.boolValue {
            let has = { (name: String) in FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path) }
            if has(CohortLayout.manifestName) { return .immunokit }
            if has("data_clinical_patient.txt") { return .cbioportal }
            if has("clinical.tsv") { return .orcestra }
            throw CohortDataError(.unsupportedLayout, file: url.path,
                                  expected: "a cohort folder: cohort.json (ImmunoKit), clinical.tsv (ORCESTRA) or data_clinical_patient.txt (cBioPortal)")
        }
        let reader = try DelimitedReader(url: url)
        guard try reader.next() else {
            throw CohortDataError(.emptyFile, file: url.path, expected: "a header line and at least one row")
        }
        let header = Set(reader.strings())
        if header.contains("SAMPLE_ID"), header.contains("OS_Months") {
            return header.contains("Response") ? .mskChowell : .mskNonICI
        }
        return .table
    }

    /// Reads the cohort at `url`. `mapping` (a parsed mapping file) overrides recognition for tables
    /// and ORCESTRA folders; `name` defaults to the folder or file name.
    public static func read(_ url: URL, mapping: CohortMapping? = nil, name: String? = nil) throws -> Cohort {
        let layout = try detect(url)
        let cohortName = name ?? defaultName(url)
        switch layout {
        case .immunokit:
            return try CohortLayout.read(url)
        case .orcestra:
            return try readORCESTRA(url, mapping: mapping, name: cohortName)
        case .cbioportal:
            return try readCBioPortal(url, name: cohortName)
        case .mskChowell, .mskNonICI, .table:
            let table = try DelimitedTable.read(url)
            let preset: CohortMapping = layout == .mskChowell ? .mskChowell : layout == .mskNonICI ? .mskNonICI : CohortMapping()
            let chosen = mapping ?? preset.keepingColumnsPresent(in: table)
            var cohort = try chosen.cohort(from: table, name: cohortName)
            cohort.provenance["layout"] = mapping == nil ? layout.rawValue : "table+mapping"
            if let expression = chosen.expression {
                cohort.expression = try readExpression(url.deletingLastPathComponent(), expression, cohort: cohort)
                try cohort.validate()
            }
            return cohort
        }
    }

    static func defaultName(_ url: URL) -> String {
        var name = url.lastPathComponent
        for suffix in [".gz", ".tsv", ".csv", ".txt"] where name.lowercased().hasSuffix(suffix) {
            name.removeLast(suffix.count)
        }
        return name
    }

    /// ORCESTRA / PredictioR: `clinical.tsv` (one row per sample, `sample_id` and `patientid`) and
    /// `expr_log2tpm.tsv.gz` whose columns are sample IDs.
    static func readORCESTRA(_ folder: URL, mapping userMapping: CohortMapping?, name: String) throws -> Cohort {
        let table = try DelimitedTable.read(folder.appendingPathComponent("clinical.tsv"), format: .tsv)
        let mapping = userMapping ?? CohortMapping.orcestra.keepingColumnsPresent(in: table)
        var cohort = try mapping.cohort(from: table, name: name)
        cohort.provenance["layout"] = "orcestra"
        if let expression = mapping.expression,
           FileManager.default.fileExists(atPath: folder.appendingPathComponent(expression.file).path) {
            // Expression columns are sample IDs; map them to patient IDs through the clinical table.
            var sampleToPatient: [String: String] = [:]
            if let s = table.columnIndex("sample_id"), let p = table.columnIndex(mapping.patientID ?? "patientid") {
                for row in table.rows { sampleToPatient[row[s]] = row[p] }
            }
            cohort.expression = try readExpression(folder, expression, cohort: cohort, sampleToPatient: sampleToPatient)
            cohort.provenance["expression"] = folder.appendingPathComponent(expression.file).path
            try cohort.validate()
        }
        return cohort
    }

    static func readExpression(_ folder: URL, _ spec: CohortMapping.ExpressionFile, cohort: Cohort,
                               sampleToPatient: [String: String] = [:]) throws -> ExpressionBlock {
        let url = spec.file.hasPrefix("/") ? URL(fileURLWithPath: spec.file) : folder.appendingPathComponent(spec.file)
        var block = try ExpressionMatrixReader.read(url, options: .init(unit: spec.unit)).block
        let known = Set(cohort.patientIDs)
        block.sampleIDs = try block.sampleIDs.map { sample in
            let patient = sampleToPatient[sample] ?? sample
            guard known.contains(patient) else {
                throw CohortDataError(.mismatchedIDs, file: url.path, line: 1, column: sample,
                                      expected: "every expression sample to match a patient in the clinical table")
            }
            return patient
        }
        if let dup = firstDuplicate(block.sampleIDs) {
            throw CohortDataError(.duplicateID, file: url.path, line: 1, column: dup,
                                  expected: "one expression sample per patient")
        }
        return block
    }
}
