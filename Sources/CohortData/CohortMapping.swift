import Foundation
import Yams

/// Says which columns of a user's clinical table are which outcome, treatment or feature, and how
/// their codes read. Written by hand as YAML or JSON; the built-in presets cover the layouts ImmunoKit
/// recognises by itself (``orcestra``, ``mskChowell``).
///
/// ```yaml
/// patient_id: patientid
/// response: {column: response, positive: [R], negative: [NR]}
/// recist: {column: recist}                       # best overall response; derives response if none given
/// overall_survival:
///   time: OS_time
///   event: OS_SOR
///   event_codes: ["0"]                           # Riaz: OS_SOR = 1 means censored
///   censored_codes: ["1"]
///   unit: months                                 # or unit_column: survival_unit
/// treatment:
///   drug_class: {column: treatment, codes: {"PD-1/PD-L1": "anti-PD-1/PD-L1", CTLA4: "anti-CTLA-4"}}
///   prior_systemic_therapy: {column: Systemic_therapy_history, positive: ["1"], negative: ["0"]}
/// features: {exclude: [source_rda], categorical: [Sex], units: {Albumin: g/dL}}
/// expression: {file: expr_log2tpm.tsv.gz, unit: log2_tpm}
/// ```
///
/// Every code that appears in a mapped column must be listed; an unlisted code is an error naming
/// file, line and column (``CohortDataError/Kind/unknownCode``), never a silent missing value.
public struct CohortMapping: Sendable, Hashable, Codable {
    /// A binary column and its codes.
    public struct BinaryColumn: Sendable, Hashable, Codable {
        public var column: String
        public var positive: [String]
        public var negative: [String]
        /// Text recorded with the outcome; defaults to a description of the codes.
        public var rule: String?

        public init(column: String, positive: [String], negative: [String], rule: String? = nil) {
            self.column = column
            self.positive = positive
            self.negative = negative
            self.rule = rule
        }
    }

    public struct RECISTColumn: Sendable, Hashable, Codable {
        public var column: String
        /// Extra spellings mapped to RECIST codes (e.g. {"PD*": "PD"}).
        public var codes: [String: String]?

        public init(column: String, codes: [String: String]? = nil) {
            self.column = column
            self.codes = codes
        }
    }

    public struct SurvivalColumns: Sendable, Hashable, Codable {
        public var time: String
        public var event: String
        /// Codes meaning the event happened (default `1`, `TRUE`, `dead`, `deceased`, `1:DECEASED`, …).
        public var eventCodes: [String]?
        /// Codes meaning censored (default `0`, `FALSE`, `alive`, `living`, `0:LIVING`, …).
        public var censoredCodes: [String]?
        /// Unit for every row, or…
        public var unit: TimeUnit?
        /// …a column holding the unit per row.
        public var unitColumn: String?

        public init(time: String, event: String, eventCodes: [String]? = nil, censoredCodes: [String]? = nil,
                    unit: TimeUnit? = nil, unitColumn: String? = nil) {
            self.time = time
            self.event = event
            self.eventCodes = eventCodes
            self.censoredCodes = censoredCodes
            self.unit = unit
            self.unitColumn = unitColumn
        }

        enum CodingKeys: String, CodingKey {
            case time, event, unit
            case eventCodes = "event_codes", censoredCodes = "censored_codes", unitColumn = "unit_column"
        }
    }

    public struct DrugClassColumn: Sendable, Hashable, Codable {
        public var column: String
        /// Code → drug class raw value ("anti-PD-1/PD-L1", "anti-CTLA-4", …). Codes not listed are read
        /// with ``DrugClass/init(code:)``; codes neither way are an error.
        public var codes: [String: String]?

        public init(column: String, codes: [String: String]? = nil) {
            self.column = column
            self.codes = codes
        }
    }

    public struct TreatmentColumns: Sendable, Hashable, Codable {
        public var drugClass: DrugClassColumn?
        /// Every patient received this class (when the table has no treatment column).
        public var drugClassForAll: DrugClass?
        public var line: String?
        public var priorSystemicTherapy: BinaryColumn?
        public var regimen: String?

        public init(drugClass: DrugClassColumn? = nil, drugClassForAll: DrugClass? = nil, line: String? = nil,
                    priorSystemicTherapy: BinaryColumn? = nil, regimen: String? = nil) {
            self.drugClass = drugClass
            self.drugClassForAll = drugClassForAll
            self.line = line
            self.priorSystemicTherapy = priorSystemicTherapy
            self.regimen = regimen
        }

        enum CodingKeys: String, CodingKey {
            case line, regimen
            case drugClass = "drug_class", drugClassForAll = "drug_class_for_all"
            case priorSystemicTherapy = "prior_systemic_therapy"
        }
    }

    public struct FeatureColumns: Sendable, Hashable, Codable {
        /// Keep only these columns (default: every column not used above).
        public var include: [String]?
        public var exclude: [String]?
        /// Force these columns to be categorical (numeric codes such as cancer type 0/1/2).
        public var categorical: [String]?
        public var units: [String: String]?

        public init(include: [String]? = nil, exclude: [String]? = nil, categorical: [String]? = nil,
                    units: [String: String]? = nil) {
            self.include = include
            self.exclude = exclude
            self.categorical = categorical
            self.units = units
        }
    }

    public struct ExpressionFile: Sendable, Hashable, Codable {
        /// Path relative to the mapping or cohort folder.
        public var file: String
        public var unit: ExpressionUnit

        public init(file: String, unit: ExpressionUnit) {
            self.file = file
            self.unit = unit
        }
    }

    /// The patient ID column; default: the first column.
    public var patientID: String?
    public var response: BinaryColumn?
    public var recist: RECISTColumn?
    public var clinicalBenefit: BinaryColumn?
    public var overallSurvival: SurvivalColumns?
    public var progressionFreeSurvival: SurvivalColumns?
    public var treatment: TreatmentColumns?
    public var features: FeatureColumns?
    public var expression: ExpressionFile?

    public init(
        patientID: String? = nil, response: BinaryColumn? = nil, recist: RECISTColumn? = nil,
        clinicalBenefit: BinaryColumn? = nil, overallSurvival: SurvivalColumns? = nil,
        progressionFreeSurvival: SurvivalColumns? = nil, treatment: TreatmentColumns? = nil,
        features: FeatureColumns? = nil, expression: ExpressionFile? = nil
    ) {
        self.patientID = patientID
        self.response = response
        self.recist = recist
        self.clinicalBenefit = clinicalBenefit
        self.overallSurvival = overallSurvival
        self.progressionFreeSurvival = progressionFreeSurvival
        self.treatment = treatment
        self.features = features
        self.expression = expression
    }

    enum CodingKeys: String, CodingKey {
        case response, recist, treatment, features, expression
        case patientID = "patient_id", clinicalBenefit = "clinical_benefit"
        case overallSurvival = "overall_survival", progressionFreeSurvival = "progression_free_survival"
    }

    /// Reads a mapping from YAML (`.yaml`, `.yml`) or JSON (anything else). Unknown keys are errors,
    /// so that a misspelt key does not silently do nothing.
    public static func load(_ url: URL) throws -> CohortMapping {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CohortDataError(.fileNotFound, file: url.path, expected: "a readable mapping file")
        }
        let isYAML = ["yaml", "yml"].contains(url.pathExtension.lowercased())
        do {
            if isYAML {
                let text = String(decoding: data, as: UTF8.self)
                try checkKeys(Yams.load(yaml: text), path: url.path)
                return try YAMLDecoder().decode(CohortMapping.self, from: text)
            }
            try checkKeys(JSONSerialization.jsonObject(with: data), path: url.path)
            return try JSONDecoder().decode(CohortMapping.self, from: data)
        } catch let error as CohortDataError {
            throw error
        } catch let error as DecodingError {
            throw CohortDataError(.invalidMapping, file: url.path, column: Self.describe(error), expected: Self.expectation(error))
        } catch {
            throw CohortDataError(.invalidMapping, file: url.path, expected: "valid \(isYAML ? "YAML" : "JSON") (\(error))")
        }
    }

    private static let knownKeys: [String: Set<String>] = [
        "": ["patient_id", "response", "recist", "clinical_benefit", "overall_survival", "progression_free_survival",
             "treatment", "features", "expression"],
        "response": ["column", "positive", "negative", "rule"],
        "clinical_benefit": ["column", "positive", "negative", "rule"],
        "recist": ["column", "codes"],
        "overall_survival": ["time", "event", "event_codes", "censored_codes", "unit", "unit_column"],
        "progression_free_survival": ["time", "event", "event_codes", "censored_codes", "unit", "unit_column"],
        "treatment": ["drug_class", "drug_class_for_all", "line", "prior_systemic_therapy", "regimen"],
        "features": ["include", "exclude", "categorical", "units"],
        "expression": ["file", "unit"],
    ]

    private static func checkKeys(_ object: Any?, path: String) throws {
        guard let top = object as? [String: Any] else {
            throw CohortDataError(.invalidMapping, file: path, expected: "a mapping (key: value) at the top level")
        }
        for (key, value) in top {
            guard knownKeys[""]!.contains(key) else {
                throw CohortDataError(.invalidMapping, file: path, column: key,
                                      expected: "one of the keys \(knownKeys[""]!.sorted().joined(separator: ", "))")
            }
            if let nested = value as? [String: Any], let allowed = knownKeys[key] {
                for inner in nested.keys where !allowed.contains(inner) {
                    throw CohortDataError(.invalidMapping, file: path, column: "\(key).\(inner)",
                                          expected: "one of the keys \(allowed.sorted().joined(separator: ", "))")
                }
            }
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        let path: [any CodingKey]
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): path = c.codingPath
        case .keyNotFound(let key, let c): path = c.codingPath + [key]
        @unknown default: path = []
        }
        return path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }

    private static func expectation(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, _): "a value of type \(type)"
        case .valueNotFound(let type, _): "a value of type \(type)"
        case .keyNotFound(let key, _): "the key \"\(key.stringValue)\""
        case .dataCorrupted(let c): c.debugDescription
        @unknown default: "a valid mapping"
        }
    }
}

extension CohortMapping {
    /// Default codes for survival events.
    static let defaultEventCodes = ["1", "1.0", "TRUE", "True", "true", "dead", "Dead", "DEAD", "deceased", "Deceased",
                                    "1:DECEASED", "1:Recurred/Progressed", "1:Progressed", "event", "yes", "Yes"]
    static let defaultCensoredCodes = ["0", "0.0", "FALSE", "False", "false", "alive", "Alive", "ALIVE", "living",
                                       "Living", "0:LIVING", "0:ProgressionFree", "0:Not Progressed", "censored", "no", "No"]

    /// The ORCESTRA / PredictioR clinical layout of `clinical.tsv` (BHK lab curation): `patientid`,
    /// `response` R/NR, `recist`, `survival_time_os` + `event_occurred_os` (1 = death),
    /// `survival_time_pfs` + `event_occurred_pfs`, `survival_unit`, `treatment`.
    public static let orcestra = CohortMapping(
        patientID: "patientid",
        response: BinaryColumn(column: "response", positive: ["R"], negative: ["NR"],
                               rule: "ORCESTRA column response: R = responder, NR = non-responder"),
        recist: RECISTColumn(column: "recist", codes: ["PD*": "PD", "X": "NE"]),
        overallSurvival: SurvivalColumns(time: "survival_time_os", event: "event_occurred_os", eventCodes: ["1"],
                                         censoredCodes: ["0"], unitColumn: "survival_unit"),
        progressionFreeSurvival: SurvivalColumns(time: "survival_time_pfs", event: "event_occurred_pfs",
                                                 eventCodes: ["1"], censoredCodes: ["0"], unitColumn: "survival_unit"),
        treatment: TreatmentColumns(drugClass: DrugClassColumn(column: "treatment", codes: [
            "PD-1/PD-L1": DrugClass.antiPD1PDL1.rawValue, "CTLA4": DrugClass.antiCTLA4.rawValue,
            // ORCESTRA's "IO+combo" means different things in different studies (Riaz: nivolumab after
            // ipilimumab progression; elsewhere a combination); it is kept as missing, not guessed.
            "IO+combo": "", "IO+chemo": DrugClass.iciChemotherapy.rawValue,
            "PD-1/PD-L1+CTLA4": DrugClass.iciCombination.rawValue,
        ])),
        features: FeatureColumns(exclude: ["sample_id", "source_rda", "survival_type", "dna", "rna", "tissueid",
                                           "treatmentid", "response.other.info"]),
        expression: ExpressionFile(file: "expr_log2tpm.tsv.gz", unit: .log2TPM))

    /// The MSK pan-cancer ICI table of Chowell et al. 2022 (Nat Biotechnol 40:499) as distributed with
    /// LORIS (Chang et al. 2024, Nat Cancer): `SAMPLE_ID`, `Response` (1 = responder), `OS_Months` +
    /// `OS_Event` (1 = death), `PFS_Months` + `PFS_Event`, `Systemic_therapy_history`. `Drug` (0/1/2) is
    /// kept as a categorical feature because its coding is undocumented in the source.
    public static let mskChowell = CohortMapping(
        patientID: "SAMPLE_ID",
        response: BinaryColumn(column: "Response", positive: ["1"], negative: ["0"],
                               rule: "column Response: 1 = responder (RECIST CR/PR), 0 = non-responder"),
        overallSurvival: SurvivalColumns(time: "OS_Months", event: "OS_Event", eventCodes: ["1"], censoredCodes: ["0"],
                                         unit: .months),
        progressionFreeSurvival: SurvivalColumns(time: "PFS_Months", event: "PFS_Event", eventCodes: ["1"],
                                                 censoredCodes: ["0"], unit: .months),
        treatment: TreatmentColumns(priorSystemicTherapy: BinaryColumn(column: "Systemic_therapy_history",
                                                                        positive: ["1"], negative: ["0"])),
        features: FeatureColumns(exclude: (1...18).map { "CancerType\($0)" } + ["OS0.5yr", "OS1yr", "OS2yr", "OS3yr"],
                                 categorical: ["CancerType_grouped", "Drug", "Sex"],
                                 units: ["TMB": "mut/Mb", "Albumin": "g/dL", "Age": "years", "BMI": "kg/m2",
                                         "HGB": "g/dL", "Platelets": "10^9/L", "PDL1_TPS(%)": "%"]))
}
