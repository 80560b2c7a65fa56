import Foundation
import Simulation
import Testing

/// Timing at scale; runs only with `IMMUNOKIT_SIMULATION_SCALE=1` (use a release build:
/// `IMMUNOKIT_SIMULATION_SCALE=1 swift test -c release --filter ScaleTests`).
@Suite("Simulation scale")
struct ScaleTests {
    @Test("100,000 patients", .enabled(if: ProcessInfo.processInfo.environment["IMMUNOKIT_SIMULATION_SCALE"] == "1"))
    func hundredThousand() throws {
        let configuration = SimulationConfiguration(patientCount: 100_000, seed: 1)
        let clock = ContinuousClock()
        let start = clock.now
        let simulator = try CohortSimulator(configuration)
        let prepared = clock.now
        let simulated = simulator.simulate()
        let end = clock.now
        print("simulation scale: prepare \(prepared - start), simulate \(end - prepared), total \(end - start);",
              "\(simulated.cohort.mutations?.mutations.count ?? 0) mutations,",
              "\(simulated.cohort.expression?.values.count ?? 0) expression values")
        try simulated.cohort.validate()
        #expect(simulated.cohort.patientCount == 100_000)
    }
}
