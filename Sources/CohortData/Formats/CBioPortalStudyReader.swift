import Foundation

/// Reads a cBioPortal study folder into a ``Cohort`` (one row per patient).
///
/// Format: https://docs.cbioportal.org/file-formats/. Files read from the folder:
/// - `data_clinical_patient.txt` and `data_clinical_sample.txt` (both required), through
///   ``CBioPortalClinicalFile``: columns are typed by the `#` datatype line (NUMBER → continuous,
///   BOOLEAN → binary, STRING → categorical);
/// - `OS_STATUS`/`OS_MONTHS` and `PFS_STATUS`/`PFS_MONTHS` (patient file) become
///   ``Outcomes/overallSurvival`` and ``Outcomes/progressionFreeSurvival`` in months, and are not repeated
///   as clinical columns. Status codes: `1:DECEASED`, `0:LIVING`, `1:Recurred/Progressed`,
///   `0:ProgressionFree` (any `1:`/`0:` prefix), or the bare words DECEASED/DEAD/LIVING/ALIVE,
///   Recurred/Progressed/Progressed/Recurred, ProgressionFree/DiseaseFree/Censored, or 1/0;
/// - the first of ``mutationFileNames`` present (or ``Options/mutationFile``), through ``MAFReader``;
/// - the first of ``expressionFiles`` present (or ``Options/expressionFile``): `Hugo_Symbol`,
///   `Entrez_Gene_Id` (the identifier when the symbol is missing), then samples;
/// - `data_gene_panel_matrix.txt` when present: a sample counts as sequenced when its `mutations` column
///   names a panel; otherwise `case_lists/cases_sequenced.txt`; otherwise the samples with MAF rows
///   (the provenance says which).
///
/// One sample per patient: the first sample in `data_clinical_sample.txt` whose `SAMPLE_TYPE` contains
/// "primary" (any case), otherwise the patient's first sample. The choice is in
/// ``CBioPortalStudy/sampleForPatient`` and in the cohort's provenance (`sample_selection`); the
/// expression and mutations of the other samples are left out.
///
/// Any other file may be absent. Rejected with a ``CohortDataError`` naming file, line and column:
/// a missing patient or sample file (`fileNotFound`), no `PATIENT_ID` / `SAMPLE_ID` column
/// (`missingColumn`), a patient or sample listed twice, or an attribute in both files (`duplicateID`),
/// a sample of an unknown patient, an expression column or MAF barcode that is not a known sample, or
/// a mutated sample the panel matrix marks as not sequenced (`mismatchedIDs`), an unknown survival
/// status (`unknownCode`), a negative survival time (`invalidValue`), and everything the underlying
/// readers reject (ragged rows, text in numbers, empty files, truncated gzip).
public enum CBioPortalStudyReader {
    public struct Options: Sendable {
        /// The cohort name; default: `cancer_study_identifier` of `meta_study.txt`, else the folder name.
        public var name: String?
        /// An expression file inside the folder to read instead of the first of ``CBioPortalStudyReader/expressionFiles``.
        public var expressionFile: String?
        /// The unit of that file (required with ``expressionFile`` unless it is one of the known names).
        public var expressionUnit: ExpressionUnit?
        /// A mutation file inside the folder to read instead of the first of ``CBioPortalStudyReader/mutationFileNames``.
        public var mutationFile: String?
        /// Variant classifications accepted besides the GDC set (see ``MAFReader``).
        public var additionalVariantClassifications: Set<String>
        /// What to do with a gene listed twice in the expression file (default: reject).
        public var duplicateGenes: ExpressionMatrixReader.DuplicateGenes

        public init(name: String? = nil, expressionFile: String? = nil, expressionUnit: ExpressionUnit? = nil,
                    mutationFile: String? = nil, additionalVariantClassifications: Set<String> = [],
                    duplicateGenes: ExpressionMatrixReader.DuplicateGenes = .reject) {
            self.name = name
            self.expressionFile = expressionFile
            self.expressionUnit = expressionUnit
            self.mutationFile = mutationFile
            self.additionalVariantClassifications = additionalVariantClassifications
            self.duplicateGenes = duplicateGenes
        }
    }

    /// Expression files looked for, in order of preference, with their units. RSEM files hold
    /// upper-quartile-normalised RSEM counts, recorded as ``ExpressionUnit/counts``.
    public static let expressionFiles: [(name: String, unit: ExpressionUnit)] = [
        ("data_mrna_seq_tpm.txt", .tpm),
        ("data_mrna_seq_v2_rsem.txt", .counts),
        ("data_RNA_Seq_v2_expression_median.txt", .counts),
        ("data_mrna_seq_fpkm.txt", .fpkm),
        ("data_mrna_seq_rpkm.txt", .fpkm),
        ("data_RNA_Seq_expression_median.txt", .fpkm),
    ]

    /// Mutation files looked for, in order of preference; then any other `data_mutations*.txt`.
    public static let mutationFileNames = ["data_mutations.txt", "data_mutations_extended.txt", "data_mutations_mskcc.txt"]

    /// The rule used to choose each patient's sample, as recorded in provenance.
    public static let sampleSelectionRule =
        "one sample per patient: the first sample (file order) whose SAMPLE_TYPE contains \"primary\", otherwise the first sample"

    /// Reads the study in `folder`.
    public static func read(_ folder: URL, options: Options = Options()) throws -> CBioPortalStudy {
        let fm = FileManager.default
        func file(_ name: String) -> URL { folder.appendingPathComponent(name) }
        func exists(_ name: String) -> Bool { fm.fileExists(atPath: file(name).path) }
        var provenance: [String: String] = ["source": "cBioPortal study folder", "folder": folder.path]

        // Patients.
        let patientFile = try CBioPortalClinicalFile.read(file("data_clinical_patient.txt"))
        let patientTable = patientFile.table
        let patientColumn = try patientFile.requireColumn("PATIENT_ID")
        var patientIDs: [String] = []
        var patientLine: [String: Int] = [:]
        for (r, row) in patientTable.rows.enumerated() {
            let id = row[patientColumn].trimmingCharacters(in: .whitespaces)
            let line = patientTable.lineNumbers[r]
            guard !id.isEmpty, !patientTable.isMissing(r, patientColumn) else {
                throw CohortDataError(.invalidValue, file: patientTable.name, line: line, column: "PATIENT_ID", expected: "a patient ID")
            }
            if let first = patientLine[id] {
                throw CohortDataError(.duplicateID, file: patientTable.name, line: line, column: "PATIENT_ID",
                                      expected: "each patient once (this patient first appears on line \(first))")
            }
            patientLine[id] = line
            patientIDs.append(id)
        }
        provenance["patient_file"] = "data_clinical_patient.txt"

        // Outcomes and clinical columns from the patient file.
        let outcomeColumns: Set<String> = ["OS_STATUS", "OS_MONTHS", "PFS_STATUS", "PFS_MONTHS"]
        var outcomes = Outcomes()
        outcomes.overallSurvival = try survival(patientFile, status: "OS_STATUS", months: "OS_MONTHS", name: "overall survival")
        outcomes.progressionFreeSurvival = try survival(patientFile, status: "PFS_STATUS", months: "PFS_MONTHS",
                                                        name: "progression-free survival")
        var clinical: [ClinicalColumn] = []
        for i in patientTable.header.indices where i != patientColumn && !outcomeColumns.contains(patientTable.header[i].uppercased()) {
            clinical.append(try patientFile.column(i))
        }

        // Samples.
        let sampleFile = try CBioPortalClinicalFile.read(file("data_clinical_sample.txt"))
        let sampleTable = sampleFile.table
        let samplePatientColumn = try sampleFile.requireColumn("PATIENT_ID")
        let sampleColumn = try sampleFile.requireColumn("SAMPLE_ID")
        let typeColumn = sampleTable.columnIndex("SAMPLE_TYPE")
        var sampleLine: [String: Int] = [:]
        var patientOfSample: [String: String] = [:]
        var samplesByPatient: [String: [String]] = [:]
        var rowOfSample: [String: Int] = [:]
        var primaryRow: [String: Int] = [:]
        var firstRow: [String: Int] = [:]
        for (r, row) in sampleTable.rows.enumerated() {
            let line = sampleTable.lineNumbers[r]
            let sample = row[sampleColumn].trimmingCharacters(in: .whitespaces)
            let patient = row[samplePatientColumn].trimmingCharacters(in: .whitespaces)
            guard !sample.isEmpty, !sampleTable.isMissing(r, sampleColumn) else {
                throw CohortDataError(.invalidValue, file: sampleTable.name, line: line, column: "SAMPLE_ID", expected: "a sample ID")
            }
            if let first = sampleLine[sample] {
                throw CohortDataError(.duplicateID, file: sampleTable.name, line: line, column: "SAMPLE_ID",
                                      expected: "each sample once (this sample first appears on line \(first))")
            }
            guard patientLine[patient] != nil else {
                throw CohortDataError(.mismatchedIDs, file: sampleTable.name, line: line, column: "PATIENT_ID",
                                      expected: "a patient listed in data_clinical_patient.txt", value: patient)
            }
            sampleLine[sample] = line
            rowOfSample[sample] = r
            patientOfSample[sample] = patient
            samplesByPatient[patient, default: []].append(sample)
            if firstRow[patient] == nil { firstRow[patient] = r }
            if let typeColumn, primaryRow[patient] == nil, row[typeColumn].lowercased().contains("primary") {
                primaryRow[patient] = r
            }
        }
        var sampleForPatient: [String: String] = [:]
        var chosenRow: [Int?] = []
        for patient in patientIDs {
            if let r = primaryRow[patient] ?? firstRow[patient] {
                sampleForPatient[patient] = sampleTable.rows[r][sampleColumn].trimmingCharacters(in: .whitespaces)
                chosenRow.append(r)
            } else {
                chosenRow.append(nil)
            }
        }
        provenance["sample_file"] = "data_clinical_sample.txt"
        provenance["sample_selection_rule"] = sampleSelectionRule
        provenance["sample_selection"] = patientIDs.compactMap { p in sampleForPatient[p].map { "\(p)=\($0)" } }
            .joined(separator: ";")
        provenance["samples_not_selected"] = String(sampleTable.rowCount - sampleForPatient.count)

        // Sample attributes of each patient's chosen sample.
        let patientNames = Set(patientTable.header.map { $0.uppercased() })
        for i in sampleTable.header.indices where i != sampleColumn && i != samplePatientColumn {
            let name = sampleTable.header[i]
            if patientNames.contains(name.uppercased()) {
                throw CohortDataError(.duplicateID, file: sampleTable.name, line: sampleFile.headerLine, column: name,
                                      expected: "each attribute in only one of the patient and sample files")
            }
            clinical.append(pick(try sampleFile.column(i), rows: chosenRow))
        }

        // Expression.
        let selectedSamples = Set(sampleForPatient.values)
        var expression: ExpressionBlock?
        var expressionChoice: (name: String, unit: ExpressionUnit)?
        if let name = options.expressionFile {
            guard let unit = options.expressionUnit ?? expressionFiles.first(where: { $0.name == name })?.unit else {
                throw CohortDataError(.invalidMapping, file: file(name).path,
                                      expected: "the unit of the expression file (Options.expressionUnit)")
            }
            expressionChoice = (name, unit)
        } else if let known = expressionFiles.first(where: { exists($0.name) }) {
            expressionChoice = (known.name, options.expressionUnit ?? known.unit)
        }
        if let (name, unit) = expressionChoice {
            let url = file(name)
            let headerReader = try DelimitedReader(url: url, format: CBioPortalClinicalFile.format)
            guard try headerReader.nextLocated() else {
                throw CohortDataError(.emptyFile, file: url.path, expected: "a header line (Hugo_Symbol, Entrez_Gene_Id, samples)")
            }
            let header = headerReader.strings()
            let headerLine = headerReader.lineNumber
            let geneColumns: Set<String> = ["hugo_symbol", "entrez_gene_id", "cytoband", "composite.element.ref"]
            var leading = 0
            while leading < header.count, geneColumns.contains(header[leading].lowercased()) { leading += 1 }
            guard leading > 0 else {
                throw CohortDataError(.missingColumn, file: url.path, line: headerLine, column: "Hugo_Symbol",
                                      expected: "Hugo_Symbol and/or Entrez_Gene_Id before the sample columns")
            }
            let index = HeaderIndex(Array(header[0..<leading]))
            let symbol = index.index("Hugo_Symbol")
            let entrez = index.index("Entrez_Gene_Id")
            let result = try ExpressionMatrixReader.read(
                url, options: .init(unit: unit, leadingColumns: leading, idColumn: symbol ?? entrez ?? 0,
                                    fallbackIDColumn: symbol != nil ? entrez : nil, duplicates: options.duplicateGenes),
                format: CBioPortalClinicalFile.format)
            var keep: [Int] = []
            for (s, sample) in result.block.sampleIDs.enumerated() {
                guard patientOfSample[sample] != nil else {
                    throw CohortDataError(.mismatchedIDs, file: url.path, line: headerLine, column: sample,
                                          expected: "every sample column to be a sample of data_clinical_sample.txt")
                }
                if selectedSamples.contains(sample) { keep.append(s) }
            }
            var block = result.block.selectingSamples(keep)
            block.sampleIDs = block.sampleIDs.map { patientOfSample[$0]! }
            expression = block
            provenance["expression_file"] = name
            provenance["expression_unit"] = unit.rawValue
            if result.rowsWithoutIdentifier > 0 { provenance["expression_rows_without_identifier"] = String(result.rowsWithoutIdentifier) }
            if result.duplicatesDropped > 0 { provenance["expression_duplicate_genes_dropped"] = String(result.duplicatesDropped) }
        }

        // Mutations.
        var mutations: MutationBlock?
        let mutationName: String? = options.mutationFile ?? mutationFileNames.first(where: exists) ?? {
            let names = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter { $0.hasPrefix("data_mutations") && $0.hasSuffix(".txt") }.sorted().first
        }()
        if let mutationName {
            let url = file(mutationName)
            var patientForSelected: [String: String] = [:]
            for (patient, sample) in sampleForPatient { patientForSelected[sample] = patient }
            let ignored = Set(patientOfSample.keys).subtracting(selectedSamples)
            var mafOptions = MAFReader.Options.mapping(patientForSelected, unmappedSamples: .reject, ignoredSamples: ignored)
            mafOptions.additionalVariantClassifications = options.additionalVariantClassifications
            let result = try MAFReader.read(url, options: mafOptions)
            provenance["mutation_file"] = mutationName

            // Which chosen samples were sequenced.
            var sequencedSamples: Set<String>
            if exists("data_gene_panel_matrix.txt") {
                let panel = try DelimitedTable.read(file("data_gene_panel_matrix.txt"), format: CBioPortalClinicalFile.format)
                let sampleIndex = try panel.requireColumn("SAMPLE_ID")
                let mutationIndex = panel.columnIndex("mutations")
                sequencedSamples = []
                var panels = Set<String>()
                for r in panel.rows.indices {
                    let sample = panel.rows[r][sampleIndex].trimmingCharacters(in: .whitespaces)
                    guard patientOfSample[sample] != nil else {
                        throw CohortDataError(.mismatchedIDs, file: panel.name, line: panel.lineNumbers[r], column: "SAMPLE_ID",
                                              expected: "a sample of data_clinical_sample.txt", value: sample)
                    }
                    if let mutationIndex {
                        if panel.isMissing(r, mutationIndex) { continue }
                        panels.insert(panel.rows[r][mutationIndex].trimmingCharacters(in: .whitespaces))
                    }
                    sequencedSamples.insert(sample)
                }
                provenance["sequenced_from"] = "data_gene_panel_matrix.txt"
                if !panels.isEmpty { provenance["gene_panels"] = panels.sorted().joined(separator: ",") }
                if let stray = result.sampleIDs.first(where: { !sequencedSamples.contains($0) }) {
                    throw CohortDataError(.mismatchedIDs, file: url.path, column: "Tumor_Sample_Barcode",
                                          expected: "mutations only for samples profiled for mutations in data_gene_panel_matrix.txt",
                                          value: stray)
                }
            } else if exists("case_lists/cases_sequenced.txt") {
                sequencedSamples = try caseList(file("case_lists/cases_sequenced.txt"))
                sequencedSamples.formUnion(result.sampleIDs)
                provenance["sequenced_from"] = "case_lists/cases_sequenced.txt"
            } else {
                sequencedSamples = Set(result.sampleIDs)
                provenance["sequenced_from"] = "samples with rows in \(mutationName) (patients with no mutation are counted as not sequenced)"
            }
            let sequencedPatients = patientIDs.filter { sampleForPatient[$0].map(sequencedSamples.contains) ?? false }
            mutations = MutationBlock(mutations: result.mutations, sequencedPatientIDs: sequencedPatients)
        }

        var name = options.name
        if name == nil, let meta = try? String(contentsOf: file("meta_study.txt"), encoding: .utf8) {
            for line in meta.split(whereSeparator: \.isNewline) where line.hasPrefix("cancer_study_identifier:") {
                name = line.dropFirst("cancer_study_identifier:".count).trimmingCharacters(in: .whitespaces)
            }
        }
        let cohort = Cohort(name: name ?? folder.lastPathComponent, patientIDs: patientIDs, clinical: clinical,
                            outcomes: outcomes, expression: expression, mutations: mutations, provenance: provenance)
        try cohort.validate()
        return CBioPortalStudy(cohort: cohort, samplesByPatient: samplesByPatient, sampleForPatient: sampleForPatient,
                               patientAttributes: patientFile.attributes, sampleAttributes: sampleFile.attributes)
    }

    /// Reads a survival status code; `nil` for an unknown code.
    public static func survivalEvent(_ code: String) -> Bool? {
        let text = code.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("1:") { return true }
        if text.hasPrefix("0:") { return false }
        switch text.lowercased() {
        case "1", "deceased", "dead", "recurred/progressed", "progressed", "recurred", "progression": return true
        case "0", "living", "alive", "progressionfree", "diseasefree", "censored", "censor": return false
        default: return nil
        }
    }

    private static func survival(_ file: CBioPortalClinicalFile, status: String, months: String,
                                 name: String) throws -> SurvivalOutcome? {
        let table = file.table
        guard let statusIndex = table.columnIndex(status), let monthsIndex = table.columnIndex(months) else { return nil }
        let times = try table.doubles(monthsIndex)
        var events: [Bool?] = []
        for (r, text) in table.strings(statusIndex).enumerated() {
            if let t = times[r], t < 0 {
                throw CohortDataError(.invalidValue, file: table.name, line: table.lineNumbers[r], column: table.header[monthsIndex],
                                      expected: "a survival time ≥ 0 months", value: table.rows[r][monthsIndex])
            }
            guard let text else { events.append(nil); continue }
            guard let event = survivalEvent(text) else {
                throw CohortDataError(.unknownCode, file: table.name, line: table.lineNumbers[r], column: table.header[statusIndex],
                                      expected: "a survival status such as 1:DECEASED, 0:LIVING, 1:Recurred/Progressed or 0:ProgressionFree",
                                      value: text)
            }
            events.append(event)
        }
        return SurvivalOutcome(name: name, time: times, event: events, unit: .months)
    }

    /// The column values at `rows` (a missing row gives a missing value).
    private static func pick(_ column: ClinicalColumn, rows: [Int?]) -> ClinicalColumn {
        switch column.values {
        case .continuous(let v): ClinicalColumn(name: column.name, values: .continuous(rows.map { $0.flatMap { v[$0] } }), unit: column.unit)
        case .categorical(let v): ClinicalColumn(name: column.name, values: .categorical(rows.map { $0.flatMap { v[$0] } }), unit: column.unit)
        case .binary(let v): ClinicalColumn(name: column.name, values: .binary(rows.map { $0.flatMap { v[$0] } }), unit: column.unit)
        }
    }

    /// The sample IDs of a case-list file (`case_list_ids: S1<TAB>S2…`).
    private static func caseList(_ url: URL) throws -> Set<String> {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw CohortDataError(.unreadable, file: url.path, expected: "a readable UTF-8 case-list file")
        }
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("case_list_ids:") {
            return Set(line.dropFirst("case_list_ids:".count).split(whereSeparator: { $0 == "\t" || $0 == " " }).map(String.init))
        }
        throw CohortDataError(.missingColumn, file: url.path, column: "case_list_ids", expected: "a case_list_ids: line")
    }
}
