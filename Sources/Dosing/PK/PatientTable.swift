import Foundation

/// Reads virtual or real patients' covariates from a tab-separated table with a header row.
///
/// Columns (case-insensitive): `patient_id` (or `id`, required), `weight_kg` (required), and optionally
/// `albumin_g_l`, `egfr`, `sex` (F/M, female/male), `tumour_burden_mm` (or `tumor_burden_mm`),
/// `ecog` (0–4), `nsclc`, `prior_ipilimumab`, `asian`, `ada` (0/1, yes/no, true/false). A missing optional
/// column takes the reference value of ``PatientCovariates/reference`` for every patient, and the column is
/// listed in ``defaultedColumns``. Empty cells, non-numbers and values out of range throw an error naming the
/// line and column (never the value).
public struct PatientTable: Sendable {
    public var patients: [VirtualPatient]
    /// Optional columns absent from the file (their reference values were used).
    public var defaultedColumns: [String]

    /// Parses `text`; `name` (the file name) prefixes error locations.
    ///
    /// - Complexity: O(size of the text).
    public init(text: String, name: String = "patients") throws {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\r")) }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let header = lines.first else {
            throw DosingError.invalidPatientData(field: name, message: "the file is empty; expected a header row with patient_id and weight_kg")
        }
        let columns = header.split(separator: "\t", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ names: String...) -> Int? { columns.firstIndex { names.contains($0) } }
        guard let idColumn = column("patient_id", "id") else {
            throw DosingError.invalidPatientData(field: "\(name) line 1", message: "no patient_id column; expected a header with patient_id and weight_kg")
        }
        guard let weightColumn = column("weight_kg", "weight") else {
            throw DosingError.invalidPatientData(field: "\(name) line 1", message: "no weight_kg column; body weight (kg) is required")
        }
        let optional: [(key: String, index: Int?)] = [
            ("albumin_g_l", column("albumin_g_l", "albumin")), ("egfr", column("egfr")), ("sex", column("sex")),
            ("tumour_burden_mm", column("tumour_burden_mm", "tumor_burden_mm")), ("ecog", column("ecog")),
            ("nsclc", column("nsclc")), ("prior_ipilimumab", column("prior_ipilimumab")), ("asian", column("asian")),
            ("ada", column("ada")),
        ]
        defaultedColumns = optional.filter { $0.index == nil }.map(\.key)
        let index = Dictionary(uniqueKeysWithValues: optional.map { ($0.key, $0.index) })
        var patients: [VirtualPatient] = []
        var seen = Set<String>()
        for (offset, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let lineNumber = offset + 1
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            func cell(_ k: Int, _ column: String) throws -> String {
                guard k < cells.count, !cells[k].isEmpty else {
                    throw DosingError.invalidPatientData(field: "\(name) line \(lineNumber), column \(column)", message: "missing value")
                }
                return cells[k]
            }
            func number(_ key: String) throws -> Double? {
                guard let k = index[key] ?? nil else { return nil }
                guard let v = Double(try cell(k, key)), v.isFinite else {
                    throw DosingError.invalidPatientData(field: "\(name) line \(lineNumber), column \(key)", message: "expected a finite number")
                }
                return v
            }
            func flag(_ key: String) throws -> Bool? {
                guard let k = index[key] ?? nil else { return nil }
                switch try cell(k, key).lowercased() {
                case "1", "yes", "true", "y": return true
                case "0", "no", "false", "n": return false
                default:
                    throw DosingError.invalidPatientData(field: "\(name) line \(lineNumber), column \(key)", message: "expected 0/1, yes/no or true/false")
                }
            }
            let id = try cell(idColumn, "patient_id")
            guard seen.insert(id).inserted else {
                throw DosingError.invalidPatientData(field: "\(name) line \(lineNumber), column patient_id", message: "duplicate patient identifier")
            }
            guard let weight = Double(try cell(weightColumn, "weight_kg")), weight.isFinite else {
                throw DosingError.invalidPatientData(field: "\(name) line \(lineNumber), column weight_kg", message: "expected a finite number (kg)")
            }
            var c = PatientCovariates.reference
            c.weightKilograms = weight
            if let v = try number("albumin_g_l") { c.albuminGramsPerLitre = v }
            if let v = try number("egfr") { c.eGFR = v }
            if let v = try number("tumour_burden_mm") { c.tumourBurdenMillimetres = v }
            if let v = try number("ecog") {
                guard (0...4).contains(v) else {
                    throw DosingError.invalidPatientData(field: "\(name) line \(lineNumber), column ecog", message: "expected 0, 1, 2, 3 or 4")
                }
                c.ecogAtLeastOne = v >= 1
            }
            if let k = index["sex"] ?? nil {
                switch try cell(k, "sex").lowercased() {
                case "f", "female", "woman": c.isFemale = true
                case "m", "male", "man": c.isFemale = false
                default:
                    throw DosingError.invalidPatientData(field: "\(name) line \(lineNumber), column sex", message: "expected F, M, female or male")
                }
            }
            if let v = try flag("nsclc") { c.nsclc = v }
            if let v = try flag("prior_ipilimumab") { c.priorIpilimumab = v }
            if let v = try flag("asian") { c.asian = v }
            if let v = try flag("ada") { c.antiDrugAntibodies = v }
            try c.validate(context: "\(name) line \(lineNumber)")
            patients.append(VirtualPatient(id: id, covariates: c))
        }
        guard !patients.isEmpty else {
            throw DosingError.invalidPatientData(field: name, message: "no patient rows after the header")
        }
        self.patients = patients
    }
}
