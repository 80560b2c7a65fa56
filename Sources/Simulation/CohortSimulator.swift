import CohortData
import Foundation
import Statistics

/// Generates synthetic immune-checkpoint-inhibitor cohorts whose truth is known.
///
/// ```swift
/// let simulated = try CohortSimulator(SimulationConfiguration(patientCount: 1_000, seed: 7)).simulate()
/// simulated.cohort            // clinical, outcomes, treatment, expression, mutations, embeddings
/// simulated.truth.patients    // propensities, potential outcomes, individual effects
/// ```
///
/// Construction validates the configuration, draws the sites and calibrates the outcome model
/// (``OutcomeModel``); ``simulate()`` then draws every patient from its own random streams, in
/// parallel, so the result is the same bytes for the same configuration whatever the core count.
///
/// - Complexity: O(patients × (genes + embedding dimensions + mutations per patient)) for
///   ``simulate()``; construction costs a fixed 2,000 reference patients per cancer type.
public struct CohortSimulator: Sendable {
    public let configuration: SimulationConfiguration
    let model: SimulationModel

    /// Validates `configuration` and prepares the model; throws ``SimulationConfigurationError``.
    public init(_ configuration: SimulationConfiguration = SimulationConfiguration()) throws {
        try configuration.validate()
        self.configuration = configuration
        model = SimulationModel(configuration)
    }

    /// Validates, prepares and simulates in one call.
    public static func simulate(_ configuration: SimulationConfiguration) throws -> SimulatedCohort {
        try CohortSimulator(configuration).simulate()
    }

    /// Patients per parallel work item.
    static let chunkSize = 1_024

    private struct Chunk: Sendable {
        var baselines: [PatientBaseline] = []
        var truths: [PatientTruth] = []
        var observed: [ObservedOutcome] = []
        var mutations: [Mutation] = []
        var nonSynonymous: [Int] = []
    }

    /// Draws the cohort.
    public func simulate() -> SimulatedCohort {
        let n = configuration.patientCount
        let seed = configuration.seed
        let model = self.model
        let ids = Self.patientIDs(n)
        let chunkCount = (n + Self.chunkSize - 1) / Self.chunkSize

        // Phase 1: baseline, mutations, treatment and outcomes per patient.
        let chunks = parallelMap(chunkCount) { chunk -> Chunk in
            var out = Chunk()
            let range = (chunk * Self.chunkSize)..<min(n, (chunk + 1) * Self.chunkSize)
            out.baselines.reserveCapacity(range.count)
            for i in range {
                var g = RandomStream.patient.generator(seed: seed, index: i)
                let baseline = model.drawBaseline(using: &g)
                var gm = RandomStream.mutation.generator(seed: seed, index: i)
                if baseline.sequenced {
                    let drawn = model.drawMutations(patientID: ids[i], baseline, using: &gm)
                    out.mutations += drawn.mutations
                    out.nonSynonymous.append(drawn.nonSynonymousCount)
                } else {
                    out.nonSynonymous.append(0)
                }
                var go = RandomStream.outcome.generator(seed: seed, index: i)
                let (truth, observed) = model.drawOutcome(patientID: ids[i], baseline, using: &go)
                out.baselines.append(baseline)
                out.truths.append(truth)
                out.observed.append(observed)
            }
            return out
        }
        var baselines: [PatientBaseline] = []
        var truths: [PatientTruth] = []
        var observed: [ObservedOutcome] = []
        var mutations: [Mutation] = []
        var nonSynonymous: [Int] = []
        baselines.reserveCapacity(n)
        truths.reserveCapacity(n)
        observed.reserveCapacity(n)
        nonSynonymous.reserveCapacity(n)
        mutations.reserveCapacity(chunks.reduce(0) { $0 + $1.mutations.count })
        for chunk in chunks {
            baselines += chunk.baselines
            truths += chunk.truths
            observed += chunk.observed
            mutations += chunk.mutations
            nonSynonymous += chunk.nonSynonymous
        }

        // Phase 2: expression and embeddings of the patients with tissue, written in place.
        let tissue = baselines
        let withTissue = (0..<n).filter { tissue[$0].hasExpression }
        let expression = Self.fill(rows: withTissue.count, width: model.genes.count, transpose: true) { row, out in
            let i = withTissue[row]
            var g = RandomStream.expression.generator(seed: seed, index: i)
            model.writeExpression(tissue[i], to: out, using: &g)
        }
        let embeddings = (0..<configuration.embeddingBlockCount).map { block in
            Self.fill(rows: withTissue.count, width: configuration.embeddingDimension, transpose: false) { row, out in
                let i = withTissue[row]
                var g = RandomStream.embedding.generator(seed: seed, index: block << 32 | i)
                model.writeEmbedding(block: block, tissue[i], to: out, using: &g)
            }
        }

        let cohort = assemble(
            ids: ids, baselines: baselines, observed: observed, mutations: mutations, nonSynonymous: nonSynonymous,
            withTissue: withTissue, expression: expression, embeddings: embeddings)
        let truth = SimulationTruth(
            configuration: configuration, patients: truths, sites: model.sites, genes: model.genes.map(\.symbol),
            batchShifts: model.batchShifts, calibration: model.outcome.calibration(types: model.activeTypes))
        return SimulatedCohort(cohort: cohort, truth: truth)
    }

    /// A `rows × width` matrix whose row *r* is written by `body(r, pointer to width values)`, blocks
    /// of rows in parallel; stored row-major, or column-major (`transpose`: the values of column 0 for
    /// every row, then column 1, …), via a per-block row-major scratch buffer.
    private static func fill(rows: Int, width: Int, transpose: Bool,
                             _ body: @Sendable (Int, UnsafeMutablePointer<Double>) -> Void) -> [Double] {
        guard rows > 0, width > 0 else { return [] }
        return [Double](unsafeUninitializedCapacity: rows * width) { buffer, count in
            let base = UnsafeSendablePointer(pointer: buffer.baseAddress!)
            let blocks = (rows + chunkSize - 1) / chunkSize
            DispatchQueue.concurrentPerform(iterations: blocks) { block in
                let start = block * chunkSize
                let end = min(rows, start + chunkSize)
                if !transpose {
                    for r in start..<end { body(r, base.pointer + r * width) }
                    return
                }
                let scratch = UnsafeMutablePointer<Double>.allocate(capacity: (end - start) * width)
                defer { scratch.deallocate() }
                for r in start..<end { body(r, scratch + (r - start) * width) }
                for column in 0..<width {
                    let destination = base.pointer + column * rows
                    for r in start..<end { destination[r] = scratch[(r - start) * width + column] }
                }
            }
            count = rows * width
        }
    }

    /// "SIM-0001" … zero-padded to the width of the patient count (at least 4 digits).
    static func patientIDs(_ n: Int) -> [String] {
        let width = max(4, String(n).count)
        return (1...max(1, n)).prefix(n).map { i in
            let digits = String(i)
            return "SIM-" + String(repeating: "0", count: width - digits.count) + digits
        }
    }
}

/// A pointer handed to worker threads that write disjoint rows.
private struct UnsafeSendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Double>
}
