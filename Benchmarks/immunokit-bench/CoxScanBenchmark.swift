// `immunokit-bench cox-scan --dir DIR [--threads T]` (driven by Benchmarks/cox_scan.py)
//
// A univariate Cox scan, as `immunokit discover --outcome os --genes` runs it: every gene's hazard ratio
// (Efron ties, Newton–Raphson), Wald and likelihood-ratio p-values, then BH/BY q-values over the genes
// (Discovery's AssociationScan, parallel over genes). Reads DIR/X.f64 (genes × patients, little-endian
// float64, gene-major), DIR/time.f64 and DIR/event.f64 (one value per patient); writes each gene's log HR
// and SE to DIR/swift_loghr.f64 (2 × genes values) and prints one JSON line with the scan time.
import Discovery
import Foundation

func runCoxScanBenchmark(arguments: [String]) throws {
    func value(_ flag: String) -> String? { optionValue(flag, in: arguments) }
    guard let dir = value("--dir") else { throw BenchmarkUsage(description: "usage: immunokit-bench cox-scan --dir DIR") }
    func read(_ name: String) throws -> [Double] {
        guard let data = FileManager.default.contents(atPath: dir + "/" + name), data.count % 8 == 0 else {
            throw BenchmarkUsage(description: "cox-scan: cannot read \(dir)/\(name)")
        }
        return data.withUnsafeBytes { raw in
            [Double](unsafeUninitializedCapacity: data.count / 8) { buffer, count in
                for i in 0..<(data.count / 8) { buffer[i] = raw.loadUnaligned(fromByteOffset: i * 8, as: Double.self) }
                count = data.count / 8
            }
        }
    }
    let time = try read("time.f64"), event = try read("event.f64").map { $0 != 0 }
    let x = try read("X.f64")
    let n = time.count, genes = x.count / n
    guard genes * n == x.count else { throw BenchmarkUsage(description: "cox-scan: X.f64 is not genes × \(n) values") }
    let features: [(name: String, values: [Double])] = (0..<genes).map { g in ("G\(g)", Array(x[(g * n)..<((g + 1) * n)])) }
    var results: [AssociationResult] = []
    let elapsed = seconds {
        results = AssociationScan.run(features: features, outcome: .survival(time: time, event: event))
    }
    let output = results.map(\.logEffect) + results.map(\.standardError)
    _ = FileManager.default.createFile(atPath: dir + "/swift_loghr.f64", contents: output.withUnsafeBufferPointer { Data(buffer: $0) })
    let report: [String: Any] = [
        "tool": "ImmunoKit AssociationScan (Cox)", "seconds": elapsed, "genes": genes, "patients": n,
        "events": event.filter { $0 }.count, "untestable": results.filter { $0.pValue.isNaN }.count,
        "significant_bh_005": results.filter { $0.qValueBH < 0.05 }.count,
        "threads": ProcessInfo.processInfo.activeProcessorCount, "peak_rss_bytes": peakResidentBytes(),
    ]
    let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}
