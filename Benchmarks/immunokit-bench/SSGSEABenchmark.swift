import CohortData
import Foundation
import Signatures

/// ssGSEA of many gene sets on a large matrix (driven by Benchmarks/ssgsea.py, which times gseapy on the
/// same input).
///
///   immunokit-bench ssgsea --matrix M.f64 --genes 20000 --samples 1000 --gmt sets.gmt --out scores.f64
///
/// `M.f64` holds genes × samples little-endian float64 values, gene-major (gene names G0, G1, …); the GMT
/// names genes the same way. Writes the scores (sets × samples, float64, set-major) to `--out` and prints
/// one JSON line: seconds (scoring only), peak resident bytes (VmHWM) and the matrix size in bytes.
func runSSGSEABenchmark(arguments: [String]) throws {
    var options: [String: String] = [:]
    var i = 0
    while i + 1 < arguments.count { options[arguments[i]] = arguments[i + 1]; i += 2 }
    guard let matrixPath = options["--matrix"], let gmtPath = options["--gmt"],
          let genes = options["--genes"].flatMap(Int.init), let samples = options["--samples"].flatMap(Int.init) else {
        throw BenchmarkUsage(description: "usage: immunokit-bench ssgsea --matrix FILE --genes N --samples M --gmt FILE [--out FILE]")
    }
    let count = genes * samples
    guard let file = fopen(matrixPath, "rb") else { throw BenchmarkUsage(description: "cannot open \(matrixPath)") }
    let values = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
        initialized = fread(buffer.baseAddress, MemoryLayout<Double>.size, count, file)
    }
    fclose(file)
    guard values.count == count else { throw BenchmarkUsage(description: "\(matrixPath): expected \(count) values, read \(values.count)") }
    let block = ExpressionBlock(genes: (0..<genes).map { "G\($0)" }, sampleIDs: (0..<samples).map { "S\($0)" },
                                unit: .log2TPM, geneMajorValues: values)
    let sets = try GMTReader.read(URL(fileURLWithPath: gmtPath)).map { set in set.genes.map { Int($0.dropFirst())! } }
    var scores: [Double] = []
    let time = seconds { scores = SSGSEA.scores(block, geneSets: sets) }
    if let out = options["--out"] {
        try scores.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: out)) }
    }
    let report: [String: Any] = [
        "tool": "ImmunoKit SSGSEA", "seconds": time, "sets": sets.count, "genes": genes, "samples": samples,
        "peak_rss_bytes": peakResidentBytes(), "matrix_bytes": count * MemoryLayout<Double>.size,
        "threads": ProcessInfo.processInfo.activeProcessorCount,
    ]
    let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}
