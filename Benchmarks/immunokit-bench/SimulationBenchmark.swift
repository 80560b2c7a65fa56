import Foundation
import Simulation

/// `simulate [PATIENTS]`: time to simulate a cohort (default 100,000 patients); no peer library exists.
func runSimulationBenchmark(_ arguments: [String]) throws {
    let patients = arguments.first.flatMap { Int($0) } ?? 100_000
    var simulated: SimulatedCohort?
    let elapsed = try seconds { simulated = try CohortSimulator.simulate(SimulationConfiguration(patientCount: patients, seed: 1)) }
    let cohort = simulated!.cohort
    try cohort.validate()
    print("""
        {"tool": "immunokit", "task": "simulate", "patients": \(cohort.patientCount), "seconds": \(elapsed), \
        "mutations": \(cohort.mutations?.mutations.count ?? 0), "expression_values": \(cohort.expression?.values.count ?? 0), \
        "peak_rss_bytes": \(peakResidentBytes())}
        """)
}
