import Foundation

extension CohortMapping {
    /// MSK patients treated without checkpoint inhibitors (LORIS control cohort): OS only.
    public static let mskNonICI = CohortMapping(
        patientID: "SAMPLE_ID",
        overallSurvival: SurvivalColumns(time: "OS_Months", event: "OS_Event", eventCodes: ["1"], censoredCodes: ["0"],
                                         unit: .months),
        treatment: TreatmentColumns(drugClassForAll: .otherNonICI,
                                    priorSystemicTherapy: BinaryColumn(column: "Systemic_therapy_history",
                                                                       positive: ["1"], negative: ["0"])),
        features: FeatureColumns(exclude: (1...16).map { "CancerType\($0)" } + ["OS0.5yr", "OS1yr", "OS2yr", "OS3yr", "LORIS"],
                                 units: ["TMB": "mut/Mb", "Albumin": "g/dL", "Age": "years"]))

    /// Builds a cohort from a clinical table: one row per patient.
    ///
    /// - Throws: ``CohortDataError`` when a mapped column is absent (`missingColumn`), a code is not
    ///   listed (`unknownCode`, naming line and column), a patient ID repeats (`duplicateID`) or is
    ///   missing, or a survival time is negative or not a number.
    public func cohort(from table: DelimitedTable, name: String) throws -> Cohort {
        let idColumn = try patientID.map { try table.requireColumn($0) } ?? 0
        var ids: [String] = []
        var seen: [String: Int] = [:]
        for (r, row) in table.rows.enumerated() {
            let id = row[idColumn].trimmingCharacters(in: .whitespaces)
            if table.isMissing(r, idColumn) {
                throw CohortDataError(.invalidValue, file: table.name, line: table.lineNumbers[r],
                                      column: table.header[idColumn], expected: "a patient ID (found a missing value)")
            }
            if let first = seen[id] {
                throw CohortDataError(.duplicateID, file: table.name, line: table.lineNumbers[r],
                                      column: table.header[idColumn],
                                      expected: "unique patient IDs (this one first appears on line \(first))", value: id)
            }
            seen[id] = table.lineNumbers[r]
            ids.append(id)
        }

        var used: Set<Int> = [idColumn]
        var outcomes = Outcomes()
        if let recist {
            let c = try table.requireColumn(recist.column)
            used.insert(c)
            outcomes.bestOverallResponse = try table.rows.indices.map { r in
                guard let text = table.strings(c)[r] else { return nil }
                let code = recist.codes?[text] ?? text
                if let value = RECIST(code: code) { return value }
                throw CohortDataError(.unknownCode, file: table.name, line: table.lineNumbers[r], column: recist.column,
                                      expected: "a RECIST code (CR, PR, SD, PD, NE) or a code listed in the mapping", value: text)
            }
        }
        if let response {
            outcomes.response = try binaryOutcome(response, name: "response", table: table, used: &used)
        } else if let best = outcomes.bestOverallResponse {
            outcomes.response = Outcomes.response(fromRECIST: best)
        }
        if let clinicalBenefit {
            outcomes.clinicalBenefit = try binaryOutcome(clinicalBenefit, name: "clinical_benefit", table: table, used: &used)
        }
        if let overallSurvival {
            outcomes.overallSurvival = try survival(overallSurvival, name: "OS", table: table, used: &used)
        }
        if let progressionFreeSurvival {
            outcomes.progressionFreeSurvival = try survival(progressionFreeSurvival, name: "PFS", table: table, used: &used)
        }
        // A mapped outcome with no usable value at all (ORCESTRA cohorts without PFS) is absent, not empty.
        if outcomes.overallSurvival?.completeCount == 0 { outcomes.overallSurvival = nil }
        if outcomes.progressionFreeSurvival?.completeCount == 0 { outcomes.progressionFreeSurvival = nil }
        if outcomes.response?.missingCount == ids.count { outcomes.response = nil }
        if outcomes.bestOverallResponse?.allSatisfy({ $0 == nil }) == true { outcomes.bestOverallResponse = nil }
        let treatmentValue = try treatmentValues(table: table, used: &used, count: ids.count)

        var clinical: [ClinicalColumn] = []
        let excluded = Set(features?.exclude ?? [])
        let categorical = Set(features?.categorical ?? [])
        let candidates: [Int]
        if let include = features?.include {
            candidates = try include.map { try table.requireColumn($0) }
        } else {
            candidates = table.header.indices.filter { !used.contains($0) && !excluded.contains(table.header[$0]) }
        }
        for c in candidates where !table.header[c].isEmpty {
            var column = categorical.contains(table.header[c])
                ? ClinicalColumn(name: table.header[c], values: .categorical(table.strings(c)))
                : table.inferredColumn(c)
            column.unit = features?.units?[column.name]
            clinical.append(column)
        }
        let cohort = Cohort(name: name, patientIDs: ids, clinical: clinical, outcomes: outcomes, treatment: treatmentValue,
                            provenance: ["clinical": table.name])
        try cohort.validate()
        return cohort
    }

    private func binaryOutcome(_ spec: BinaryColumn, name: String, table: DelimitedTable,
                               used: inout Set<Int>) throws -> BinaryOutcome {
        let c = try table.requireColumn(spec.column)
        used.insert(c)
        let values = try binaryValues(spec, column: c, table: table)
        let rule = spec.rule ?? "column \(spec.column): \(spec.positive.joined(separator: "/")) = positive, "
            + "\(spec.negative.joined(separator: "/")) = negative"
        return BinaryOutcome(name: name, values: values, rule: rule)
    }

    private func binaryValues(_ spec: BinaryColumn, column c: Int, table: DelimitedTable) throws -> [Bool?] {
        let positive = Set(spec.positive)
        let negative = Set(spec.negative)
        return try table.strings(c).enumerated().map { r, text in
            guard let text else { return nil }
            if positive.contains(text) { return true }
            if negative.contains(text) { return false }
            throw CohortDataError(.unknownCode, file: table.name, line: table.lineNumbers[r], column: spec.column,
                                  expected: "one of the codes \((spec.positive + spec.negative).joined(separator: ", ")) or a missing value",
                                  value: text)
        }
    }

    private func survival(_ spec: SurvivalColumns, name: String, table: DelimitedTable,
                          used: inout Set<Int>) throws -> SurvivalOutcome {
        let t = try table.requireColumn(spec.time)
        let e = try table.requireColumn(spec.event)
        used.formUnion([t, e])
        let times = try table.doubles(t)
        for (r, time) in times.enumerated() where (time ?? 0) < 0 {
            throw CohortDataError(.invalidValue, file: table.name, line: table.lineNumbers[r], column: spec.time,
                                  expected: "a survival time ≥ 0", value: String(time!))
        }
        let eventCodes = Set(spec.eventCodes ?? Self.defaultEventCodes)
        let censoredCodes = Set(spec.censoredCodes ?? Self.defaultCensoredCodes)
        let events: [Bool?] = try table.strings(e).enumerated().map { r, text in
            guard let text else { return nil }
            if eventCodes.contains(text) { return true }
            if censoredCodes.contains(text) { return false }
            throw CohortDataError(.unknownCode, file: table.name, line: table.lineNumbers[r], column: spec.event,
                                  expected: "an event code (\(eventCodes.sorted().prefix(6).joined(separator: ", "))) or a censoring code (\(censoredCodes.sorted().prefix(6).joined(separator: ", ")))",
                                  value: text)
        }
        var unit = spec.unit ?? .months
        if let unitColumn = spec.unitColumn, let u = table.columnIndex(unitColumn) {
            used.insert(u)
            // Every patient's time must be in one unit; convert rows that state another.
            let units = try table.strings(u).enumerated().map { r, text -> TimeUnit? in
                guard let text else { return nil }
                guard let parsed = TimeUnit(code: text) else {
                    throw CohortDataError(.unknownCode, file: table.name, line: table.lineNumbers[r], column: unitColumn,
                                          expected: "a time unit (days, weeks, months, years)", value: text)
                }
                return parsed
            }
            if let first = units.compactMap({ $0 }).first { unit = first }
            let converted = zip(times, units).map { time, rowUnit in
                time.map { $0 * (rowUnit ?? unit).days / unit.days }
            }
            return SurvivalOutcome(name: name, time: converted, event: events, unit: unit)
        }
        return SurvivalOutcome(name: name, time: times, event: events, unit: unit)
    }

    private func treatmentValues(table: DelimitedTable, used: inout Set<Int>, count: Int) throws -> Treatment {
        var result = Treatment(missingFor: count)
        guard let treatment else { return result }
        if let all = treatment.drugClassForAll { result.drugClass = Array(repeating: all, count: count) }
        if let spec = treatment.drugClass {
            let c = try table.requireColumn(spec.column)
            used.insert(c)
            result.drugClass = try table.strings(c).enumerated().map { r, text in
                guard let text else { return nil }
                if let mapped = spec.codes?[text] {
                    if mapped.isEmpty { return nil }   // deliberately unmapped
                    if let value = DrugClass(rawValue: mapped) { return value }
                    throw CohortDataError(.invalidMapping, column: "treatment.drug_class.codes.\(text)",
                                          expected: "one of \(DrugClass.allCases.map(\.rawValue).joined(separator: ", "))",
                                          value: mapped)
                }
                if let value = DrugClass(code: text) { return value }
                throw CohortDataError(.unknownCode, file: table.name, line: table.lineNumbers[r], column: spec.column,
                                      expected: "a drug class (anti-PD-1/PD-L1, anti-CTLA-4, …) or a code listed in the mapping",
                                      value: text)
            }
        }
        if let line = treatment.line {
            let c = try table.requireColumn(line)
            used.insert(c)
            result.line = try table.doubles(c).enumerated().map { r, value in
                guard let value else { return nil }
                guard value >= 1, value == value.rounded() else {
                    throw CohortDataError(.invalidValue, file: table.name, line: table.lineNumbers[r], column: line,
                                          expected: "a line of therapy (1, 2, 3, …)", value: String(value))
                }
                return Int(value)
            }
        }
        if let prior = treatment.priorSystemicTherapy {
            let c = try table.requireColumn(prior.column)
            used.insert(c)
            result.priorSystemicTherapy = try binaryValues(prior, column: c, table: table)
        }
        if let regimen = treatment.regimen {
            let c = try table.requireColumn(regimen)
            used.insert(c)
            result.regimen = table.strings(c)
        }
        return result
    }
}

extension CohortMapping {
    /// This mapping without the parts whose columns `table` lacks. Built-in presets are applied this
    /// way (an ORCESTRA cohort without PFS simply has no PFS); a user's own mapping is applied as
    /// written, so that a misspelt column is an error.
    public func keepingColumnsPresent(in table: DelimitedTable) -> CohortMapping {
        let has = { (name: String) in table.columnIndex(name) != nil }
        var copy = self
        if let c = patientID, !has(c) { copy.patientID = nil }
        if let r = response, !has(r.column) { copy.response = nil }
        if let r = recist, !has(r.column) { copy.recist = nil }
        if let b = clinicalBenefit, !has(b.column) { copy.clinicalBenefit = nil }
        if let s = overallSurvival, !(has(s.time) && has(s.event)) { copy.overallSurvival = nil }
        if let s = progressionFreeSurvival, !(has(s.time) && has(s.event)) { copy.progressionFreeSurvival = nil }
        if var t = treatment {
            if let d = t.drugClass, !has(d.column) { t.drugClass = nil }
            if let l = t.line, !has(l) { t.line = nil }
            if let p = t.priorSystemicTherapy, !has(p.column) { t.priorSystemicTherapy = nil }
            if let r = t.regimen, !has(r) { t.regimen = nil }
            copy.treatment = t
        }
        if var f = features, let include = f.include {
            f.include = include.filter(has)
            copy.features = f
        }
        return copy
    }
}
