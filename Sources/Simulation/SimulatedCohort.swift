import CohortData
import Foundation

/// A synthetic cohort together with the truth that generated it.
public struct SimulatedCohort: Sendable, Hashable, Codable {
    /// The cohort as any reader would produce it (clinical table, outcomes, treatment, blocks).
    public var cohort: Cohort
    /// What generated it: per-patient latent state, propensities and potential outcomes.
    public var truth: SimulationTruth

    public init(cohort: Cohort, truth: SimulationTruth) {
        self.cohort = cohort
        self.truth = truth
    }

    /// The configuration as pretty-printed, key-sorted JSON (`simulation.json`).
    public func configurationJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(truth.configuration)
    }

    /// Writes the cohort in the ImmunoKit layout (``CohortLayout``) to `folder`, atomically, with
    /// `truth.tsv` (``SimulationTruth/table()``) and `simulation.json` (the configuration) inside it.
    ///
    /// - Complexity: O(patients × (genes + truth columns)).
    public func write(to folder: URL) throws {
        try CohortLayout.write(
            cohort, to: folder, additionalTables: ["truth.tsv": truth.table()],
            additionalFiles: ["simulation.json": configurationJSON()])
    }
}
