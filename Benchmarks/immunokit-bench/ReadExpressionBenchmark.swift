import CohortData
import Foundation

/// `read-expression FILE`: streams a gzip TSV genes × samples matrix (driven by read_expression.py).
func runReadExpressionBenchmark(_ arguments: [String]) throws {
    guard let path = arguments.first else { throw BenchmarkUsage(description: "read-expression FILE") }
    let baseline = peakResidentBytes()
    var block: ExpressionBlock?
    let elapsed = try seconds {
        block = try ExpressionMatrixReader.read(URL(fileURLWithPath: path), options: .init(unit: .log2TPM)).block
    }
    let matrix = block!
    var checksum = 0.0
    for v in matrix.values where !v.isNaN { checksum += v }
    print("""
        {"tool": "immunokit", "seconds": \(elapsed), "genes": \(matrix.geneCount), "samples": \(matrix.sampleCount), \
        "checksum": \(checksum), "matrix_bytes": \(matrix.values.count * MemoryLayout<Double>.size), \
        "peak_rss_bytes": \(peakResidentBytes()), "baseline_rss_bytes": \(baseline)}
        """)
}
