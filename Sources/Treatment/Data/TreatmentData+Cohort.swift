import CohortData
import Learning

extension TreatmentData {
    /// Where a cohort records the arm each patient received.
    public enum ArmSource: Sendable, Hashable, Codable {
        /// The cohort's treatment table: the drug class's raw value ("anti-PD-1/PD-L1", "chemotherapy", …).
        case drugClass
        /// A categorical (or binary, as "0"/"1") clinical column.
        case clinicalColumn(String)
    }

    /// Builds treatment-effect data from one cohort: the arm from `armSource`, covariates from clinical
    /// columns or treatment fields (names as ``CohortData/Cohort/featureColumns(_:)`` accepts:
    /// `prior_systemic_therapy`, `line`, `gene:SYMBOL`, …), and `outcome`. Patients without an arm or
    /// without the outcome are left out; missing covariates stay NaN.
    ///
    /// - Parameters:
    ///   - armNames: the arms, in order (default: the labels present, sorted). Patients whose arm is not
    ///     listed are left out.
    ///   - reference: the reference arm's label.
    /// - Throws: ``TreatmentError/invalidData(field:expected:)`` for an unknown column, outcome or reference,
    ///   or when the result fails ``validate()``.
    /// - Complexity: O(n · p).
    public static func from(_ cohort: Cohort, arm armSource: ArmSource = .drugClass, armNames: [String]? = nil,
                            reference: String, covariates: [String],
                            outcome: Cohort.LearningOutcome) throws -> TreatmentData {
        let labels = try armLabels(cohort, armSource)
        let (target, outcomeRows) = try outcomeRows(cohort, outcome)
        let names = armNames ?? Array(Set(labels.compactMap { $0 })).sorted()
        let listed = Set(names)
        let keep = outcomeRows.indices.filter { k in labels[outcomeRows[k]].map(listed.contains) ?? false }
        let rows = keep.map { outcomeRows[$0] }
        let columns = try covariateColumns(cohort, covariates).map { $0.selecting(rows) }
        var data = try TreatmentData(covariates: FeatureMatrix(clinical: columns), armLabels: rows.map { labels[$0]! },
                                     armNames: names, reference: reference, outcome: outcomeFrom(target, keep))
        data.patientIDs = rows.map { cohort.patientIDs[$0] }
        return data
    }

    /// Pools cohorts that each received one arm (patient IDs become `cohort:patient`) — e.g. `msk_chowell_train` as "ICI" and `msk_nonici` as
    /// "non-ICI" — on covariates they share. Categorical levels are the union over cohorts; a column that is
    /// categorical in one cohort and numeric in another is an error.
    ///
    /// - Throws: ``TreatmentError/invalidData(field:expected:)`` for a covariate a cohort lacks, an outcome
    ///   it lacks, duplicate arm labels, or an unknown reference.
    /// - Complexity: O(n · p) over the pooled patients.
    public static func pooling(_ cohorts: [(cohort: Cohort, arm: String)], reference: String, covariates: [String],
                               outcome: Cohort.LearningOutcome) throws -> TreatmentData {
        guard cohorts.count >= 2 else {
            throw TreatmentError.invalidData(field: "cohorts", expected: "at least two cohorts, one per arm")
        }
        var perCohort: [[ClinicalColumn]] = []
        var labels: [String] = []
        var time: [Double] = [], event: [Bool] = [], y: [Double] = []
        var kind: Target?
        var ids: [String] = []
        for (cohort, armName) in cohorts {
            let (target, rows) = try outcomeRows(cohort, outcome)
            kind = target
            switch target {
            case .binary(let v), .continuous(let v): y += v
            case .survival(let t, let e): time += t; event += e
            }
            perCohort.append(try covariateColumns(cohort, covariates).map { $0.selecting(rows) })
            ids += rows.map { "\(cohort.name):\(cohort.patientIDs[$0])" }
            labels += Array(repeating: armName, count: rows.count)
        }
        var pooled: [ClinicalColumn] = []
        for (j, name) in covariates.enumerated() {
            let parts = perCohort.map { $0[j] }
            if parts.allSatisfy({ if case .categorical = $0.values { true } else { false } }) {
                pooled.append(ClinicalColumn(name: name, values: .categorical(parts.flatMap { part -> [String?] in
                    if case .categorical(let v) = part.values { return v } else { return [] }
                })))
            } else if parts.allSatisfy({ $0.numericValues != nil }) {
                if parts.allSatisfy({ if case .binary = $0.values { true } else { false } }) {
                    pooled.append(ClinicalColumn(name: name, values: .binary(parts.flatMap { part -> [Bool?] in
                        if case .binary(let v) = part.values { return v } else { return [] }
                    })))
                } else {
                    pooled.append(ClinicalColumn(name: name, values: .continuous(parts.flatMap { $0.numericValues! }),
                                                 unit: parts.first?.unit))
                }
            } else {
                throw TreatmentError.invalidData(field: "covariate \"\(name)\"",
                                                 expected: "the same kind (categorical or numeric) in every cohort")
            }
        }
        let pooledOutcome: TreatmentOutcome = switch kind! {
        case .binary: .binary(y)
        case .continuous: .continuous(y)
        case .survival: .survival(time: time, event: event)
        }
        let names = cohorts.map(\.arm)
        guard Set(names).count == names.count else {
            throw TreatmentError.invalidData(field: "arm labels", expected: "one distinct arm label per cohort")
        }
        var data = try TreatmentData(covariates: FeatureMatrix(clinical: pooled), armLabels: labels, armNames: names,
                                     reference: reference, outcome: pooledOutcome)
        data.patientIDs = ids
        return data
    }

    static func armLabels(_ cohort: Cohort, _ source: ArmSource) throws -> [String?] {
        switch source {
        case .drugClass:
            return cohort.treatment.drugClass.map { $0?.rawValue }
        case .clinicalColumn(let name):
            guard let column = cohort.column(name) else {
                throw TreatmentError.invalidData(field: "arm column \"\(name)\"", expected: "a clinical column of the cohort")
            }
            switch column.values {
            case .categorical(let v): return v
            case .binary(let v): return v.map { $0.map { $0 ? "1" : "0" } }
            case .continuous:
                throw TreatmentError.invalidData(field: "arm column \"\(name)\"", expected: "a categorical or binary column")
            }
        }
    }

    static func outcomeRows(_ cohort: Cohort, _ outcome: Cohort.LearningOutcome) throws -> (Target, [Int]) {
        do {
            let (target, rows, _) = try cohort.learningTarget(outcome)
            return (target, rows)
        } catch {
            throw TreatmentError.invalidData(field: "outcome \"\(outcome.rawValue)\"",
                                             expected: "cohort \"\(cohort.name)\" to record this outcome")
        }
    }

    static func covariateColumns(_ cohort: Cohort, _ names: [String]) throws -> [ClinicalColumn] {
        guard !names.isEmpty else { throw TreatmentError.invalidData(field: "covariates", expected: "at least one covariate") }
        return try names.map { name in
            do {
                return try cohort.featureColumns([name])[0]
            } catch {
                throw TreatmentError.invalidData(
                    field: "covariate \"\(name)\"",
                    expected: "a clinical column of cohort \"\(cohort.name)\", prior_systemic_therapy, line or gene:SYMBOL")
            }
        }
    }

    static func outcomeFrom(_ target: Target, _ keep: [Int]) -> TreatmentOutcome {
        switch target.selectingRows(keep) {
        case .binary(let y): .binary(y)
        case .continuous(let y): .continuous(y)
        case .survival(let t, let e): .survival(time: t, event: e)
        }
    }
}
