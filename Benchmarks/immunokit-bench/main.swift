// Benchmarks of ImmunoKit hot paths (release builds only). Each is driven by a script in Benchmarks/
// that runs the same task in the leading Python library on the same data and prints both times, their
// ratio and both accuracies. Every subcommand prints one JSON line.
//
//   swift run -c release immunokit-bench read-expression FILE
//   swift run -c release immunokit-bench simulate PATIENTS
//   swift run -c release immunokit-bench gemm [N]
//   swift run -c release immunokit-bench trees gbdt|rsf …   (driven by Benchmarks/trees.py)
//   swift run -c release immunokit-bench linear cox|logistic-path|coxnet-path --dir DIR   (Benchmarks/linear_models.py)
//   swift run -c release immunokit-bench metrics auc|cindex --dir DIR | bootstrap [--threads T]   (Benchmarks/metrics.py)
//   swift run -c release immunokit-bench ssgsea …   (driven by Benchmarks/ssgsea.py)
//   swift run -c release immunokit-bench treeshap --dir DIR   (driven by Benchmarks/treeshap.py)
//   swift run -c release immunokit-bench cox-scan --dir DIR   (driven by Benchmarks/cox_scan.py)
//   swift run -c release immunokit-bench dr-learner --dir DIR   (driven by Benchmarks/dr_learner.py)
//   swift run -c release immunokit-bench policy   (uplift, RATE, off-policy values, recommendations; Benchmarks/policy.py)
//   swift run -c release immunokit-bench dosing [PATIENTS] [--dir DIR]   (driven by Benchmarks/pk_simulation.py)
import Foundation

let benchmarks: [String: ([String]) throws -> Void] = [
    "read-expression": runReadExpressionBenchmark,
    "simulate": runSimulationBenchmark,
    "gemm": { runGEMMBenchmark(arguments: $0) },
    "trees": { runTreeBenchmark(arguments: $0) },
    "linear": { try runLinearModelBenchmark(arguments: $0) },
    "metrics": { try runMetricsBenchmark(arguments: $0) },
    "ssgsea": { try runSSGSEABenchmark(arguments: $0) },
    "dosing": { try runDosingBenchmark(arguments: $0) },
    "treeshap": { try runTreeSHAPBenchmark(arguments: $0) },
    "cox-scan": { try runCoxScanBenchmark(arguments: $0) },
    "dr-learner": { try runDRLearnerBenchmark(arguments: $0) },
    "policy": { try runPolicyBenchmark(arguments: $0) },
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let benchmark = benchmarks[name] else {
    let names = benchmarks.keys.sorted().joined(separator: ", ")
    FileHandle.standardError.write(Data("usage: immunokit-bench BENCHMARK [ARGUMENTS]; benchmarks: \(names)\n".utf8))
    exit(64)
}
do {
    try benchmark(Array(arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("immunokit-bench: \(error)\n".utf8))
    exit(1)
}
