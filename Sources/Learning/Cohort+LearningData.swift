import CohortData

/// Turning a cohort into estimator input: which outcome, which features.
extension Cohort {
    /// Outcomes `immunokit train --outcome` accepts.
    public enum LearningOutcome: String, Sendable, CaseIterable {
        case response, clinicalBenefit = "benefit", os, pfs
    }

    /// Special feature names beyond clinical columns: treatment fields, and `gene:SYMBOL` for an
    /// expression gene.
    public static let treatmentFeatureNames = ["prior_systemic_therapy", "drug_class", "line"]

    /// All feature names available by default: every clinical column and the treatment fields that
    /// have at least one value.
    public var defaultFeatureNames: [String] {
        var names = clinical.map(\.name)
        if treatment.priorSystemicTherapy.contains(where: { $0 != nil }) { names.append("prior_systemic_therapy") }
        if treatment.drugClass.contains(where: { $0 != nil }) && Set(treatment.drugClass.compactMap { $0 }).count > 1 {
            names.append("drug_class")
        }
        if treatment.line.contains(where: { $0 != nil }) { names.append("line") }
        return names
    }

    /// The features named, as columns aligned to patients. Throws ``CohortDataError`` (`missingColumn`)
    /// naming an unknown feature.
    ///
    /// - Complexity: O(patients + genes) once, then O(patients) per feature: genome-wide requests are linear.
    public func featureColumns(_ names: [String]) throws -> [ClinicalColumn] {
        let wantsGenes = expression != nil && names.contains { $0.hasPrefix("gene:") }
        let geneIndex = wantsGenes ? expression!.geneIndex : [:]
        let sampleOfPatient: [Int?] = wantsGenes ? {
            let bySample = Dictionary(expression!.sampleIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            return patientIDs.map { bySample[$0] }
        }() : []
        return try names.map { name in
            if let column = column(name) { return column }
            switch name {
            case "prior_systemic_therapy":
                return ClinicalColumn(name: name, values: .binary(treatment.priorSystemicTherapy))
            case "drug_class":
                return ClinicalColumn(name: name, values: .categorical(treatment.drugClass.map { $0?.rawValue }))
            case "line":
                return ClinicalColumn(name: name, values: .continuous(treatment.line.map { $0.map(Double.init) }))
            default:
                if name.hasPrefix("gene:"), let expression {
                    let symbol = String(name.dropFirst(5))
                    guard let g = geneIndex[symbol] else {
                        throw CohortDataError(.missingColumn, column: name, expected: "a gene of the expression block")
                    }
                    return ClinicalColumn(name: name, values: .continuous(sampleOfPatient.map { s in
                        s.flatMap { let v = expression.value(gene: g, sample: $0); return v.isNaN ? nil : v }
                    }))
                }
                throw CohortDataError(.missingColumn, column: name,
                                      expected: "a clinical column, prior_systemic_therapy, drug_class, line or gene:SYMBOL")
            }
        }
    }

    /// The learning target for `outcome` and the patients (indices) that have it.
    public func learningTarget(_ outcome: LearningOutcome) throws -> (target: Target, rows: [Int], rule: String) {
        switch outcome {
        case .response, .clinicalBenefit:
            guard let binary = outcome == .response ? outcomes.response : outcomes.clinicalBenefit else {
                throw CohortDataError(.missingColumn, column: outcome.rawValue, expected: "the cohort to have this outcome")
            }
            let rows = binary.values.indices.filter { binary.values[$0] != nil }
            return (.binary(rows.map { binary.values[$0]! ? 1 : 0 }), rows, binary.rule)
        case .os, .pfs:
            guard let survival = outcome == .os ? outcomes.overallSurvival : outcomes.progressionFreeSurvival else {
                throw CohortDataError(.missingColumn, column: outcome.rawValue, expected: "the cohort to have this outcome")
            }
            let rows = survival.time.indices.filter { survival.time[$0] != nil && survival.event[$0] != nil }
            return (.survival(time: rows.map { survival.time[$0]! }, event: rows.map { survival.event[$0]! }), rows,
                    "\(survival.name): time in \(survival.unit.rawValue), event = \(survival.name == "OS" ? "death" : "progression or death")")
        }
    }
}
