import Foundation
import Simulation
import CohortData

/// Cohorts shared by the tests (simulated once per process).
enum SimulationFixtures {
    /// 600 patients, default configuration, seed 42.
    static let small: SimulatedCohort = try! CohortSimulator.simulate(SimulationConfiguration())

    /// 6,000 patients, default configuration, seed 7: enough for rates and correlations.
    static let large: SimulatedCohort = {
        var configuration = SimulationConfiguration(patientCount: 6_000, seed: 7)
        configuration.expressionGeneCount = GenePanel.minimumGeneCount
        return try! CohortSimulator.simulate(configuration)
    }()
}

/// Pearson correlation.
func correlation(_ x: [Double], _ y: [Double]) -> Double {
    let n = Double(x.count)
    let mx = x.reduce(0, +) / n
    let my = y.reduce(0, +) / n
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for (a, b) in zip(x, y) {
        sxy += (a - mx) * (b - my)
        sxx += (a - mx) * (a - mx)
        syy += (b - my) * (b - my)
    }
    return sxy / (sxx * syy).squareRoot()
}

func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }

func median(_ x: [Double]) -> Double {
    let s = x.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : 0.5 * (s[s.count / 2 - 1] + s[s.count / 2])
}
