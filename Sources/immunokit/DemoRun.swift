import Foundation
import ImmunoKit

/// The steps of `immunokit demo`, kept apart from argument parsing so that each step's output is a
/// value the command writes once, atomically.
struct DemoRun {
    var patients: Int
    var seed: UInt64

    struct Result {
        var simulated: SimulatedCohort
        var summary: CohortSummary
        var steps: [(name: String, seconds: Double)]
        var narrative: String

        func write(into dir: URL) throws {
            try simulated.write(to: dir.appendingPathComponent("cohort"))
            try Data(SummaryText.render(summary).utf8).write(to: dir.appendingPathComponent("summary.txt"))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            try encoder.encode(summary).write(to: dir.appendingPathComponent("summary.json"))
            let record: [String: [String: String]] = [
                "demo": ["patients": String(simulated.cohort.patientCount),
                         "seed": String(simulated.truth.configuration.seed), "immunokit": "0.1.0"],
                "steps": Dictionary(uniqueKeysWithValues: steps.map { ($0.name, String(format: "%.3f", $0.seconds)) }),
            ]
            try encoder.encode(record).write(to: dir.appendingPathComponent("demo.json"))
            try Data(narrative.utf8).write(to: dir.appendingPathComponent("README.txt"))
        }
    }

    func run() throws -> Result {
        var steps: [(String, Double)] = []
        func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
            Terminal.progress(name)
            let start = Date()
            let value = try body()
            steps.append((name, Date().timeIntervalSince(start)))
            return value
        }
        var configuration = SimulationConfiguration(patientCount: patients, seed: seed)
        configuration.cohortName = "demo"
        let simulated = try timed("simulate \(patients) patients") { try simulate(configuration) }

        // Round trip through the on-disk layout, as every later command reads it.
        let roundTrip = try timed("write and read back the cohort folder") { () -> Cohort in
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("immunokit-demo-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: scratch) }
            try CohortLayout.write(simulated.cohort, to: scratch)
            return try CohortLayout.read(scratch)
        }
        guard roundTrip.patientIDs == simulated.cohort.patientIDs, roundTrip.outcomes == simulated.cohort.outcomes,
              roundTrip.clinical == simulated.cohort.clinical else {
            throw DemoFailure(message: "the cohort read back from disk differs from the one written")
        }
        let summary = timed("summarise") { CohortSummary(roundTrip) }
        return Result(simulated: simulated, summary: summary, steps: steps,
                      narrative: Self.narrative(simulated, summary))
    }

    /// What the demo found, in words: the cohort, and what the known truth says a model should recover.
    static func narrative(_ simulated: SimulatedCohort, _ summary: CohortSummary) -> String {
        let truth = simulated.truth.patients
        var text = "ImmunoKit demo — synthetic ICI cohort with known truth\n\n"
        text += "\(summary.patients) patients across \(simulated.truth.sites.count) sites"
        if let r = summary.response { text += "; \(r.positive) responders, \(r.negative) non-responders" }
        if let os = summary.overallSurvival { text += "; \(os.events) deaths" }
        text += ".\n\nResponse by arm (observed rate vs mean true probability):\n"
        for arm in TreatmentArm.allCases {
            let members = truth.indices.filter { truth[$0].assignedArm == arm }
            guard !members.isEmpty else { continue }
            let observed = members.compactMap { simulated.cohort.outcomes.response?.values[$0] }
            let rate = Double(observed.filter { $0 }.count) / Double(max(observed.count, 1))
            let expected = members.map { truth[$0].responseProbability[arm] }.reduce(0, +) / Double(members.count)
            text += "  " + arm.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)
                + String(format: "n=%4d  observed %.2f  true %.2f\n", members.count, rate, expected)
        }
        let effects = truth.map { $0.responseEffect(.antiPD1PDL1) }
        let tmbs = truth.map(\.tmb)
        let medianTMB = tmbs.sorted()[tmbs.count / 2]
        let high = zip(tmbs, effects).filter { $0.0 >= medianTMB }.map(\.1)
        let low = zip(tmbs, effects).filter { $0.0 < medianTMB }.map(\.1)
        func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(max(v.count, 1)) }
        text += String(format: "\nTrue benefit of anti-PD-1/PD-L1 over chemotherapy (response probability):\n"
                       + "  TMB ≥ median (%.1f mut/Mb): %+.3f    TMB < median: %+.3f\n", medianTMB, mean(high), mean(low))
        if !summary.warnings.isEmpty {
            text += "\nWarnings from inspect:\n" + summary.warnings.map { "  ! \($0)\n" }.joined()
        }
        text += "\nFiles: cohort/ (ImmunoKit layout, truth.tsv, simulation.json), summary.txt, summary.json, demo.json\n"
        return text
    }
}

struct DemoFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
