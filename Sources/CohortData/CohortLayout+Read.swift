import Foundation

extension CohortLayout {
    /// Reads a cohort folder written by ``write(_:to:additionalTables:additionalFiles:)``.
    ///
    /// Every file is checked against the manifest: patient IDs must match `clinical.tsv` row for row
    /// in every table, column types must parse, and blocks may only name known patients.
    public static func read(_ folder: URL) throws -> Cohort {
        let manifestURL = folder.appendingPathComponent(manifestName)
        guard let data = FileManager.default.contents(atPath: manifestURL.path) else {
            throw CohortDataError(.fileNotFound, file: manifestURL.path, expected: "a cohort manifest (cohort.json)")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let manifest: CohortManifest
        do {
            manifest = try decoder.decode(CohortManifest.self, from: data)
        } catch {
            throw CohortDataError(.invalidHeader, file: manifestURL.path, expected: "a valid ImmunoKit cohort manifest (\(error))")
        }
        guard manifest.format == CohortManifest.formatName, manifest.version <= CohortManifest.currentVersion else {
            throw CohortDataError(.unsupportedLayout, file: manifestURL.path, column: "format",
                                  expected: "\(CohortManifest.formatName) version ≤ \(CohortManifest.currentVersion)")
        }

        let clinicalTable = try DelimitedTable.read(folder.appendingPathComponent("clinical.tsv"), format: .tsv)
        let ids = clinicalTable.rows.map { $0[0] }
        var cohort = Cohort(name: manifest.name, patientIDs: ids, provenance: manifest.provenance)
        guard ids.count == manifest.patients else {
            throw CohortDataError(.mismatchedIDs, file: clinicalTable.name,
                                  expected: "\(manifest.patients) patients as the manifest says, found \(ids.count)")
        }
        for column in manifest.clinicalColumns {
            let c = try clinicalTable.requireColumn(column.name)
            let values: ClinicalColumn.Values
            switch column.kind {
            case "continuous": values = .continuous(try clinicalTable.doubles(c))
            case "binary":
                values = .binary(try clinicalTable.doubles(c).enumerated().map { r, v in
                    guard let v else { return nil }
                    guard v == 0 || v == 1 else {
                        throw CohortDataError(.unknownCode, file: clinicalTable.name, line: clinicalTable.lineNumbers[r],
                                              column: column.name, expected: "0 or 1", value: formatNumber(v))
                    }
                    return v == 1
                })
            case "categorical": values = .categorical(clinicalTable.strings(c))
            default:
                throw CohortDataError(.invalidHeader, file: manifestURL.path, column: column.name,
                                      expected: "a column kind of continuous, categorical or binary", value: column.kind)
            }
            cohort.clinical.append(ClinicalColumn(name: column.name, values: values, unit: column.unit))
        }

        let outcomes = try alignedTable(folder, "outcomes.tsv", ids: ids)
        func flags(_ name: String) throws -> [Bool?] {
            let c = try outcomes.requireColumn(name)
            return try outcomes.doubles(c).enumerated().map { r, v in
                guard let v else { return nil }
                guard v == 0 || v == 1 else {
                    throw CohortDataError(.unknownCode, file: outcomes.name, line: outcomes.lineNumbers[r], column: name,
                                          expected: "1 (yes/event) or 0 (no/censored)", value: formatNumber(v))
                }
                return v == 1
            }
        }
        let recistColumn = try outcomes.requireColumn("best_overall_response")
        let recist = try outcomes.strings(recistColumn).enumerated().map { r, text -> RECIST? in
            guard let text else { return nil }
            guard let value = RECIST(rawValue: text) else {
                throw CohortDataError(.unknownCode, file: outcomes.name, line: outcomes.lineNumbers[r],
                                      column: "best_overall_response", expected: "CR, PR, SD, PD or NE", value: text)
            }
            return value
        }
        if recist.contains(where: { $0 != nil }) { cohort.outcomes.bestOverallResponse = recist }
        if let rule = manifest.responseRule {
            cohort.outcomes.response = BinaryOutcome(name: "response", values: try flags("response"), rule: rule)
        }
        if let rule = manifest.clinicalBenefitRule {
            cohort.outcomes.clinicalBenefit = BinaryOutcome(name: "clinical_benefit", values: try flags("clinical_benefit"), rule: rule)
        }
        if let unit = manifest.overallSurvivalUnit {
            cohort.outcomes.overallSurvival = SurvivalOutcome(
                name: "OS", time: try outcomes.doubles(outcomes.requireColumn("os_time")), event: try flags("os_event"), unit: unit)
        }
        if let unit = manifest.progressionFreeSurvivalUnit {
            cohort.outcomes.progressionFreeSurvival = SurvivalOutcome(
                name: "PFS", time: try outcomes.doubles(outcomes.requireColumn("pfs_time")), event: try flags("pfs_event"), unit: unit)
        }

        let treatment = try alignedTable(folder, "treatment.tsv", ids: ids)
        let drugColumn = try treatment.requireColumn("drug_class")
        cohort.treatment.drugClass = try treatment.strings(drugColumn).enumerated().map { r, text in
            guard let text else { return nil }
            guard let value = DrugClass(rawValue: text) else {
                throw CohortDataError(.unknownCode, file: treatment.name, line: treatment.lineNumbers[r], column: "drug_class",
                                      expected: DrugClass.allCases.map(\.rawValue).joined(separator: ", "), value: text)
            }
            return value
        }
        cohort.treatment.line = try treatment.doubles(treatment.requireColumn("line")).map { $0.map { Int($0) } }
        let priorColumn = try treatment.requireColumn("prior_systemic_therapy")
        cohort.treatment.priorSystemicTherapy = try treatment.doubles(priorColumn).map { $0.map { $0 == 1 } }
        cohort.treatment.regimen = treatment.strings(try treatment.requireColumn("regimen"))

        if let e = manifest.expression {
            let result = try ExpressionMatrixReader.read(folder.appendingPathComponent(e.file), options: .init(unit: e.unit))
            cohort.expression = result.block
        }
        if let m = manifest.mutations {
            let sequenced = try DelimitedTable.read(folder.appendingPathComponent(m.sequencedFile), format: .tsv)
            let mutations = try readMutations(folder.appendingPathComponent(m.file))
            cohort.mutations = MutationBlock(mutations: mutations, sequencedPatientIDs: sequenced.rows.map { $0[0] },
                                             panelSizeMb: m.panelSizeMb)
        }
        for entry in manifest.embeddings {
            let table = try DelimitedTable.read(folder.appendingPathComponent(entry.file), format: .tsv)
            var values: [Double] = []
            values.reserveCapacity(table.rowCount * entry.dimension)
            let columns = try (1..<table.header.count).map { try table.doubles($0) }
            for r in table.rows.indices {
                for c in columns.indices {
                    guard let v = columns[c][r] else {
                        throw CohortDataError(.nonNumericValue, file: table.name, line: table.lineNumbers[r],
                                              column: table.header[c + 1], expected: "a number (embeddings have no missing values)")
                    }
                    values.append(v)
                }
            }
            cohort.embeddings.append(EmbeddingBlock(name: entry.name, source: entry.source,
                                                    dimensionNames: Array(table.header.dropFirst()),
                                                    sampleIDs: table.rows.map { $0[0] }, values: values))
        }
        try cohort.validate()
        return cohort
    }

    /// Streams `mutations.tsv` (one record per line, no intermediate table of strings: a 100,000-patient
    /// cohort has millions of mutations).
    static func readMutations(_ url: URL) throws -> [Mutation] {
        let reader = try DelimitedReader(url: url, format: .tsv)
        guard try reader.next() else {
            throw CohortDataError(.emptyFile, file: url.path, expected: "a header line")
        }
        let header = reader.strings()
        let columns = try mutationColumns.map { name -> Int in
            guard let index = header.firstIndex(of: name) else {
                throw CohortDataError(.missingColumn, file: url.path, line: 1, column: name, expected: "a column named \"\(name)\"")
            }
            return index
        }
        var mutations: [Mutation] = []
        while try reader.next() {
            guard reader.fieldCount == header.count else {
                throw reader.error(.raggedRow, expected: "\(header.count) fields as in the header, found \(reader.fieldCount)")
            }
            func text(_ k: Int) -> String? { reader.isMissing(columns[k]) ? nil : reader.string(columns[k]) }
            func number(_ k: Int) throws -> Double? { try reader.double(columns[k], column: mutationColumns[k]) }
            func integer(_ k: Int) throws -> Int? {
                guard let v = try number(k) else { return nil }
                guard v == v.rounded(), abs(v) < 1e15 else {
                    throw reader.error(.nonNumericValue, column: mutationColumns[k], expected: "a whole number", value: reader.string(columns[k]))
                }
                return Int(v)
            }
            guard let patient = text(0), let gene = text(1), let classification = text(2) else {
                throw reader.error(.invalidValue, expected: "a sample, gene and variant classification on every mutation line")
            }
            mutations.append(Mutation(
                patientID: patient, gene: gene, variantClassification: classification, chromosome: text(3),
                startPosition: try integer(4), endPosition: try integer(5), referenceAllele: text(6),
                tumorAllele: text(7), proteinChange: text(8), variantAlleleFraction: try number(9),
                tumorDepth: try integer(10), cancerCellFraction: try number(11)))
        }
        return mutations
    }

    /// A per-patient table whose first column must list the patients in manifest order.
    private static func alignedTable(_ folder: URL, _ name: String, ids: [String]) throws -> DelimitedTable {
        let table = try DelimitedTable.read(folder.appendingPathComponent(name), format: .tsv)
        guard table.rowCount == ids.count else {
            throw CohortDataError(.mismatchedIDs, file: table.name,
                                  expected: "\(ids.count) rows, one per patient in clinical.tsv, found \(table.rowCount)")
        }
        for (r, row) in table.rows.enumerated() where row[0] != ids[r] {
            throw CohortDataError(.mismatchedIDs, file: table.name, line: table.lineNumbers[r], column: table.header[0],
                                  expected: "the patient IDs of clinical.tsv in the same order", value: row[0])
        }
        return table
    }
}
