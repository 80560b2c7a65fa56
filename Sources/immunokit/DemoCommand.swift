import ArgumentParser
import Foundation
import ImmunoKit

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the main job end to end on built-in synthetic data and write everything into one folder.",
        discussion: """
            Simulates a multi-site ICI cohort with known truth, writes it in the ImmunoKit layout, reads it
            back and summarises it; trains a model on three sites, validates it on the fourth (with its own
            case mix and expression batch effect), recalibrates it there, and writes the HTML report. The
            last line names the report. Needs no input files and no network.

            Examples:
              immunokit demo
              immunokit demo --output /tmp/demo --patients 2000 --quiet
            """
    )

    @Option(name: [.customShort("o"), .customLong("output")], help: "The folder to write (replaced if it holds an earlier demo).")
    var outputFolder = "immunokit-demo"

    @Option(help: "Synthetic patients (default 600).")
    var patients = 600

    @Option(help: "Random seed.")
    var seed: UInt64 = 42

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.apply()
        try reportingErrors {
            let destination = URL(fileURLWithPath: outputFolder).standardizedFileURL
            let marker = destination.appendingPathComponent("demo.json")
            if FileManager.default.fileExists(atPath: destination.path),
               !FileManager.default.fileExists(atPath: marker.path) {
                throw UsageError(message: "\(outputFolder) exists and is not an earlier demo folder; choose another --output")
            }
            let result = try DemoRun(patients: patients, seed: seed).run()
            try AtomicFile.writeDirectory(at: destination) { dir in
                try result.write(into: dir)
            }
            if !output.quiet {
                Terminal.output(result.narrative)
                Terminal.output("\nEverything is in \(destination.path)\n")
            }
            Terminal.output("report: \(destination.appendingPathComponent("report.html").path)\n")
        }
    }
}
