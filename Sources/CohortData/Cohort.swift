/// A cancer-immunotherapy cohort: patients, their clinical table, outcomes, treatment, and modality
/// blocks (expression, mutations, embeddings), each aligned to patients by ID.
///
/// Invariants, checked by ``validate()`` and by every reader:
/// - patient IDs are unique and non-empty;
/// - every clinical column, outcome and treatment field has one entry per patient, in patient order;
/// - every block's sample IDs are unique and each is one of the patients (a block may cover only
///   some patients: a patient without RNA-seq is simply absent from the expression block);
/// - clinical column names and embedding block names are unique.
public struct Cohort: Sendable, Hashable, Codable {
    /// Short name ("riaz2017", "synthetic").
    public var name: String
    public var patientIDs: [String]
    public var clinical: [ClinicalColumn]
    public var outcomes: Outcomes
    public var treatment: Treatment
    public var expression: ExpressionBlock?
    public var mutations: MutationBlock?
    public var embeddings: [EmbeddingBlock]
    /// Where the data came from: source files, citation, reader, mapping — free-form key/value pairs.
    public var provenance: [String: String]

    public init(
        name: String, patientIDs: [String], clinical: [ClinicalColumn] = [], outcomes: Outcomes = Outcomes(),
        treatment: Treatment? = nil, expression: ExpressionBlock? = nil, mutations: MutationBlock? = nil,
        embeddings: [EmbeddingBlock] = [], provenance: [String: String] = [:]
    ) {
        self.name = name
        self.patientIDs = patientIDs
        self.clinical = clinical
        self.outcomes = outcomes
        self.treatment = treatment ?? Treatment(missingFor: patientIDs.count)
        self.expression = expression
        self.mutations = mutations
        self.embeddings = embeddings
        self.provenance = provenance
    }

    public var patientCount: Int { patientIDs.count }

    /// Index of each patient ID.
    public var patientIndex: [String: Int] {
        Dictionary(patientIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The clinical column called `name`, if any.
    public func column(_ name: String) -> ClinicalColumn? { clinical.first { $0.name == name } }

    /// The embedding block called `name`, if any.
    public func embedding(_ name: String) -> EmbeddingBlock? { embeddings.first { $0.name == name } }

    /// Checks the invariants listed on the type; throws the first violation found.
    public func validate() throws {
        let n = patientIDs.count
        if let dup = firstDuplicate(patientIDs) {
            throw CohortDataError(.duplicateID, column: "patient ID", expected: "unique patient IDs", value: dup)
        }
        if patientIDs.contains(where: { $0.isEmpty }) {
            throw CohortDataError(.invalidValue, column: "patient ID", expected: "a non-empty patient ID")
        }
        if let dup = firstDuplicate(clinical.map(\.name)) {
            throw CohortDataError(.duplicateID, column: dup, expected: "unique clinical column names")
        }
        for column in clinical where column.count != n {
            throw CohortDataError(.mismatchedIDs, column: column.name,
                                  expected: "\(n) values, one per patient (found \(column.count))")
        }
        try checkLength(outcomes.bestOverallResponse?.count, n, "best overall response")
        try checkLength(outcomes.response?.values.count, n, "response")
        try checkLength(outcomes.clinicalBenefit?.values.count, n, "clinical benefit")
        try checkLength(outcomes.overallSurvival?.time.count, n, "overall survival")
        try checkLength(outcomes.progressionFreeSurvival?.time.count, n, "progression-free survival")
        for survival in [outcomes.overallSurvival, outcomes.progressionFreeSurvival].compactMap({ $0 }) {
            if survival.time.contains(where: { ($0 ?? 0) < 0 || !($0 ?? 0).isFinite }) {
                throw CohortDataError(.invalidValue, column: survival.name, expected: "survival times ≥ 0")
            }
        }
        try checkLength(treatment.count, n, "treatment")

        let known = Set(patientIDs)
        if let expression {
            try checkBlock(expression.sampleIDs, known: known, block: "expression")
            if let dup = firstDuplicate(expression.genes) {
                throw CohortDataError(.duplicateID, column: "gene", expected: "unique gene identifiers in the expression block", value: dup)
            }
        }
        if let mutations {
            try checkBlock(mutations.sequencedPatientIDs, known: known, block: "mutations")
            let sequenced = Set(mutations.sequencedPatientIDs)
            if let stray = mutations.mutations.first(where: { !sequenced.contains($0.patientID) }) {
                throw CohortDataError(.mismatchedIDs, column: "patient ID",
                                      expected: "mutations only for sequenced patients", value: stray.patientID)
            }
        }
        if let dup = firstDuplicate(embeddings.map(\.name)) {
            throw CohortDataError(.duplicateID, column: dup, expected: "unique embedding block names")
        }
        for block in embeddings {
            try checkBlock(block.sampleIDs, known: known, block: "embedding \(block.name)")
        }
    }

    private func checkLength(_ count: Int?, _ n: Int, _ what: String) throws {
        if let count, count != n {
            throw CohortDataError(.mismatchedIDs, column: what, expected: "\(n) entries, one per patient (found \(count))")
        }
    }

    private func checkBlock(_ ids: [String], known: Set<String>, block: String) throws {
        if let dup = firstDuplicate(ids) {
            throw CohortDataError(.duplicateID, column: "\(block) sample ID", expected: "unique sample IDs", value: dup)
        }
        if let stray = ids.first(where: { !known.contains($0) }) {
            throw CohortDataError(.mismatchedIDs, column: "\(block) sample ID",
                                  expected: "every sample ID to be one of the cohort's patients", value: stray)
        }
    }

    /// The cohort restricted to the patients at `indices` (in that order); blocks keep only those patients.
    public func selectingPatients(_ indices: [Int]) -> Cohort {
        let ids = indices.map { patientIDs[$0] }
        let keep = Set(ids)
        func pick<T>(_ v: [T]) -> [T] { indices.map { v[$0] } }
        var out = Cohort(name: name, patientIDs: ids, provenance: provenance)
        out.clinical = clinical.map { $0.selecting(indices) }
        out.outcomes = Outcomes(
            bestOverallResponse: outcomes.bestOverallResponse.map(pick),
            response: outcomes.response.map { BinaryOutcome(name: $0.name, values: pick($0.values), rule: $0.rule) },
            clinicalBenefit: outcomes.clinicalBenefit.map { BinaryOutcome(name: $0.name, values: pick($0.values), rule: $0.rule) },
            overallSurvival: outcomes.overallSurvival.map {
                SurvivalOutcome(name: $0.name, time: pick($0.time), event: pick($0.event), unit: $0.unit) },
            progressionFreeSurvival: outcomes.progressionFreeSurvival.map {
                SurvivalOutcome(name: $0.name, time: pick($0.time), event: pick($0.event), unit: $0.unit) })
        out.treatment = Treatment(
            drugClass: pick(treatment.drugClass), line: pick(treatment.line),
            priorSystemicTherapy: pick(treatment.priorSystemicTherapy), regimen: pick(treatment.regimen))
        if let expression {
            let order = Dictionary(expression.sampleIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            out.expression = expression.selectingSamples(ids.compactMap { order[$0] })
        }
        if let mutations {
            out.mutations = MutationBlock(
                mutations: mutations.mutations.filter { keep.contains($0.patientID) },
                sequencedPatientIDs: mutations.sequencedPatientIDs.filter { keep.contains($0) },
                panelSizeMb: mutations.panelSizeMb)
        }
        out.embeddings = embeddings.map { block in
            let order = Dictionary(block.sampleIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            let rows = ids.compactMap { order[$0] }
            var values = [Double]()
            for r in rows { values.append(contentsOf: block.vector(sample: r)) }
            return EmbeddingBlock(name: block.name, source: block.source, dimensionNames: block.dimensionNames,
                                  sampleIDs: rows.map { block.sampleIDs[$0] }, values: values)
        }
        return out
    }
}

/// The first element that occurs twice, if any.
func firstDuplicate(_ values: [String]) -> String? {
    var seen = Set<String>()
    seen.reserveCapacity(values.count)
    for v in values where !seen.insert(v).inserted { return v }
    return nil
}
