import ArgumentParser
import Foundation
import ImmunoKit
import Yams

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Write a synthetic ICI cohort whose truth is known (response probabilities, individual effects).",
        discussion: """
            The cohort is written in the ImmunoKit layout with truth.tsv (true probabilities, propensities,
            individual treatment effects, latent programmes) and simulation.json (the full configuration).
            The same seed gives the same bytes. Options override values of --config.

            Examples:
              immunokit simulate --output synthetic
              immunokit simulate --patients 100000 --sites 8 --seed 7 --output big --quiet
              immunokit simulate --config simulation.yaml --output custom --json
            """
    )

    @Option(name: [.customShort("o"), .customLong("output")], help: "The folder to write.")
    var outputFolder: String

    @Option(help: "A JSON or YAML file with SimulationConfiguration fields (any subset; the rest keep their defaults).")
    var config: String?

    @Option(help: "Number of patients (default 600).")
    var patients: Int?

    @Option(help: "Number of sites, each with its own case mix and expression batch effect (default 4).")
    var sites: Int?

    @Option(help: "Random seed (default 42).")
    var seed: UInt64?

    @Option(help: "Expression genes (default 350).")
    var genes: Int?

    @Option(help: "Embedding blocks (default 1; 0 = none).")
    var embeddings: Int?

    @Flag(help: "Replace the output folder if it exists.")
    var overwrite = false

    @Flag(help: "Print a JSON summary of what was written.")
    var json = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.apply()
        try reportingErrors {
            let destination = URL(fileURLWithPath: outputFolder)
            if FileManager.default.fileExists(atPath: destination.path), !overwrite {
                throw UsageError(message: "output folder \(outputFolder) exists; choose another or pass --overwrite")
            }
            let configuration = try resolvedConfiguration()
            Terminal.progress("simulating \(configuration.patientCount) patients (seed \(configuration.seed))")
            let simulated = try simulate(configuration)
            Terminal.progress("writing \(outputFolder)")
            try simulated.write(to: destination)
            let cohort = simulated.cohort
            if json {
                let summary: [String: String] = [
                    "output": destination.path, "patients": String(cohort.patientCount),
                    "seed": String(configuration.seed), "sites": String(configuration.siteCount),
                    "responders": String(cohort.outcomes.response?.positiveCount ?? 0),
                    "os_events": String(cohort.outcomes.overallSurvival?.eventCount ?? 0),
                ]
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                Terminal.output(String(decoding: try encoder.encode(summary), as: UTF8.self) + "\n")
            } else {
                Terminal.output("wrote \(cohort.patientCount) synthetic patients to \(destination.path)\n")
            }
        }
    }

    func resolvedConfiguration() throws -> SimulationConfiguration {
        var configuration = SimulationConfiguration()
        if let config {
            let url = URL(fileURLWithPath: config)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw UsageError(message: "configuration file not found: \(config)")
            }
            do {
                if ["yaml", "yml"].contains(url.pathExtension.lowercased()) {
                    configuration = try YAMLDecoder().decode(SimulationConfiguration.self, from: String(decoding: data, as: UTF8.self))
                } else {
                    configuration = try JSONDecoder().decode(SimulationConfiguration.self, from: data)
                }
            } catch {
                throw CohortDataError(.invalidMapping, file: url.path, expected: "a valid simulation configuration (\(error))")
            }
        }
        if let patients { configuration.patientCount = patients }
        if let sites { configuration.siteCount = sites }
        if let seed { configuration.seed = seed }
        if let genes { configuration.expressionGeneCount = genes }
        if let embeddings { configuration.embeddingBlockCount = embeddings }
        return configuration
    }
}

/// Runs the simulator, reporting an invalid configuration as a usage error naming the parameter.
func simulate(_ configuration: SimulationConfiguration) throws -> SimulatedCohort {
    do {
        return try CohortSimulator.simulate(configuration)
    } catch let error as SimulationConfigurationError {
        throw UsageError(message: "invalid simulation configuration: \(error)")
    }
}
