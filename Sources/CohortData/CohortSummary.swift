/// What `immunokit inspect` reports about a cohort: sizes, outcomes, missingness per column,
/// modality coverage and warnings. Codable, so the CLI's `--json` and the service share it.
public struct CohortSummary: Sendable, Hashable, Codable {
    public struct BinarySummary: Sendable, Hashable, Codable {
        public var positive: Int
        public var negative: Int
        public var missing: Int
        public var rule: String
    }

    public struct SurvivalSummary: Sendable, Hashable, Codable {
        public var complete: Int
        public var events: Int
        public var censored: Int
        public var unit: TimeUnit
        /// Median observed time among complete entries.
        public var medianTime: Double?
        public var maximumTime: Double?
    }

    public struct ColumnSummary: Sendable, Hashable, Codable {
        public var name: String
        public var kind: String
        public var unit: String?
        public var missing: Int
        public var missingFraction: Double
        /// Distinct labels for categorical columns (at most 12 listed), min/median/max for numeric ones.
        public var levels: [String]?
        public var minimum: Double?
        public var median: Double?
        public var maximum: Double?
    }

    public struct BlockSummary: Sendable, Hashable, Codable {
        public var name: String
        /// Patients covered by the block.
        public var patients: Int
        public var coverage: Double
        /// Genes, mutations or dimensions, by block kind.
        public var features: Int
        public var detail: String
    }

    public var name: String
    public var patients: Int
    public var response: BinarySummary?
    public var clinicalBenefit: BinarySummary?
    public var bestOverallResponse: [String: Int]?
    public var overallSurvival: SurvivalSummary?
    public var progressionFreeSurvival: SurvivalSummary?
    public var treatment: [String: Int]
    public var columns: [ColumnSummary]
    public var blocks: [BlockSummary]
    public var warnings: [String]
    public var provenance: [String: String]

    /// Summarises `cohort`. Warnings flag what would trouble an analysis: fewer than 10 events or
    /// responders, outcomes missing for more than 20% of patients, columns more than 50% missing,
    /// constant columns, expression whose value range does not fit its stated unit.
    public init(_ cohort: Cohort) {
        name = cohort.name
        patients = cohort.patientCount
        provenance = cohort.provenance
        var warnings: [String] = []
        let n = max(cohort.patientCount, 1)

        func binary(_ outcome: BinaryOutcome?) -> BinarySummary? {
            guard let outcome else { return nil }
            let summary = BinarySummary(positive: outcome.positiveCount, negative: outcome.negativeCount,
                                        missing: outcome.missingCount, rule: outcome.rule)
            if min(summary.positive, summary.negative) < 10 {
                warnings.append("\(outcome.name): only \(min(summary.positive, summary.negative)) patients in the smaller class; estimates will be unstable")
            }
            if Double(summary.missing) / Double(n) > 0.2 {
                warnings.append("\(outcome.name): missing for \(summary.missing) of \(cohort.patientCount) patients")
            }
            return summary
        }
        func survival(_ outcome: SurvivalOutcome?) -> SurvivalSummary? {
            guard let outcome else { return nil }
            let times = zip(outcome.time, outcome.event).compactMap { $0.0 != nil && $0.1 != nil ? $0.0 : nil }.sorted()
            let summary = SurvivalSummary(
                complete: outcome.completeCount, events: outcome.eventCount,
                censored: outcome.completeCount - outcome.eventCount, unit: outcome.unit,
                medianTime: times.isEmpty ? nil : Self.median(times), maximumTime: times.last)
            if summary.complete > 0, summary.events < 10 {
                warnings.append("\(outcome.name): only \(summary.events) events; survival models will be unstable")
            }
            if summary.complete == 0 {
                warnings.append("\(outcome.name): no patient has both a time and an event indicator")
            }
            return summary
        }
        response = binary(cohort.outcomes.response)
        clinicalBenefit = binary(cohort.outcomes.clinicalBenefit)
        bestOverallResponse = cohort.outcomes.bestOverallResponse.map { values in
            var counts: [String: Int] = [:]
            for v in values { counts[v?.rawValue ?? "missing", default: 0] += 1 }
            return counts
        }
        overallSurvival = survival(cohort.outcomes.overallSurvival)
        progressionFreeSurvival = survival(cohort.outcomes.progressionFreeSurvival)
        if cohort.outcomes.response == nil && cohort.outcomes.overallSurvival == nil
            && cohort.outcomes.progressionFreeSurvival == nil {
            warnings.append("no outcome found: give a mapping file that names the response or survival columns")
        }

        var treatment: [String: Int] = [:]
        for d in cohort.treatment.drugClass { treatment[d?.rawValue ?? "missing", default: 0] += 1 }
        self.treatment = treatment

        columns = cohort.clinical.map { column in
            var summary = ColumnSummary(name: column.name, kind: column.kind, unit: column.unit,
                                        missing: column.missingCount,
                                        missingFraction: Double(column.missingCount) / Double(n))
            if case .categorical = column.values {
                let levels = column.levels
                summary.levels = Array(levels.prefix(12))
                if levels.count == 1 { warnings.append("column \(column.name): a single value for every patient") }
            } else if let values = column.numericValues {
                let present = values.compactMap { $0 }.sorted()
                summary.minimum = present.first
                summary.maximum = present.last
                summary.median = present.isEmpty ? nil : Self.median(present)
                if present.count > 1, present.first == present.last {
                    warnings.append("column \(column.name): constant (\(column.kind))")
                }
            }
            if summary.missingFraction > 0.5 {
                warnings.append("column \(column.name): \(column.missingCount) of \(cohort.patientCount) values missing")
            }
            return summary
        }

        var blocks: [BlockSummary] = []
        if let e = cohort.expression {
            blocks.append(BlockSummary(name: "expression", patients: e.sampleCount,
                                       coverage: Double(e.sampleCount) / Double(n), features: e.geneCount,
                                       detail: "\(e.geneCount) genes, unit \(e.unit.rawValue), \(e.missingCount) missing values"))
            if let warning = ExpressionUnitCheck.warning(for: e) { warnings.append(warning) }
        }
        if let m = cohort.mutations {
            let panel = m.panelSizeMb.map { ", panel \(formatNumber($0)) Mb" } ?? ""
            blocks.append(BlockSummary(name: "mutations", patients: m.sequencedPatientIDs.count,
                                       coverage: Double(m.sequencedPatientIDs.count) / Double(n),
                                       features: m.mutations.count, detail: "\(m.mutations.count) mutations\(panel)"))
        }
        for b in cohort.embeddings {
            blocks.append(BlockSummary(name: "embedding \(b.name)", patients: b.sampleCount,
                                       coverage: Double(b.sampleCount) / Double(n), features: b.dimension,
                                       detail: "\(b.dimension) dimensions" + (b.source.map { " from \($0)" } ?? "")))
        }
        self.blocks = blocks
        self.warnings = warnings
    }

    static func median(_ sorted: [Double]) -> Double {
        let m = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2
    }
}

/// Checks that expression values look like their stated unit.
public enum ExpressionUnitCheck {
    /// A warning when the values do not fit the unit: log-scale data with a maximum above 25 (2^25 TPM
    /// is impossible) or with many large integers look like raw counts; linear TPM/counts with
    /// negative values or a maximum below 25 look log-transformed. `nil` when they fit.
    public static func warning(for block: ExpressionBlock) -> String? {
        var maximum = -Double.infinity
        var minimum = Double.infinity
        var integers = 0
        var present = 0
        // A strided sample keeps this cheap on large matrices.
        let stride = max(1, block.values.count / 200_000)
        var i = 0
        while i < block.values.count {
            let v = block.values[i]
            if !v.isNaN {
                present += 1
                maximum = max(maximum, v)
                minimum = min(minimum, v)
                if v == v.rounded(), v > 20 { integers += 1 }
            }
            i += stride
        }
        guard present > 0 else { return "expression: every value is missing" }
        if block.unit.isLogScale {
            if maximum > 25 || Double(integers) / Double(present) > 0.3 {
                return "expression: stated as \(block.unit.rawValue) but values reach \(formatNumber(maximum.rounded())) — they look like raw counts or linear TPM"
            }
        } else {
            if minimum < 0 {
                return "expression: stated as \(block.unit.rawValue) but has negative values — it looks log-transformed"
            }
            if maximum < 25 {
                return "expression: stated as \(block.unit.rawValue) but the maximum is \(formatNumber(maximum)) — it looks log-transformed"
            }
        }
        return nil
    }
}
