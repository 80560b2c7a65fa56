// Benchmarks of ImmunoKit hot paths. Each is driven by a script in Benchmarks/ that runs the same task
// in the leading Python library on the same data and prints both times and their ratio.
//
//   swift run -c release immunokit-bench read-expression FILE
//
// Prints one JSON line: seconds, peak resident memory, matrix size and a checksum of the values.
import CohortData
import Foundation

/// A field of /proc/self/status in bytes (Linux): VmHWM is the peak resident set of this process
/// image (unlike getrusage's ru_maxrss, it is not inherited across exec), VmRSS the current one.
func procStatus(_ field: String) -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
        let digits = line.split(separator: " ").first { Int($0) != nil }
        return (digits.flatMap { Int($0) } ?? 0) * 1024
    }
    return 0
}

func peakResidentBytes() -> Int { procStatus("VmHWM") }

let arguments = CommandLine.arguments
guard arguments.count >= 3, arguments[1] == "read-expression" else {
    FileHandle.standardError.write(Data("usage: immunokit-bench read-expression FILE\n".utf8))
    exit(64)
}
let url = URL(fileURLWithPath: arguments[2])
let baseline = peakResidentBytes()
let start = DispatchTime.now().uptimeNanoseconds
let result = try ExpressionMatrixReader.read(url, options: .init(unit: .log2TPM))
let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
let block = result.block
var checksum = 0.0
for v in block.values where !v.isNaN { checksum += v }
let matrixBytes = block.values.count * MemoryLayout<Double>.size
let peak = peakResidentBytes()
print("""
    {"tool": "immunokit", "seconds": \(seconds), "genes": \(block.geneCount), "samples": \(block.sampleCount), \
    "checksum": \(checksum), "matrix_bytes": \(matrixBytes), "peak_rss_bytes": \(peak), "baseline_rss_bytes": \(baseline)}
    """)
