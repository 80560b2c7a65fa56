// `immunokit-bench gemm [--size N] [--repeats R] [--threads T] [--native] [--a FILE --b FILE [--reference FILE]]`
//
// Times C = A B for N × N matrices (default 1024) with LinearAlgebra's blocked GEMM, best of R runs
// (default 5) after one warm-up, and prints one JSON line: seconds, GFLOP/s (2N³ / seconds), and the
// largest absolute difference from a reference product. The reference is computed once with the simple
// column-oriented triple loop below (a different summation order), and, when `--reference`
// is given, also compared with that product (e.g. NumPy's). Inputs are raw little-endian float64 in
// column-major order (as written by `Benchmarks/gemm.py`); without them A and B are filled with
// uniform values in [-1, 1) from a fixed 64-bit LCG.
import Dispatch
import Foundation
import LinearAlgebra

func runGEMMBenchmark(arguments: [String]) {
    func value(_ flag: String) -> String? { optionValue(flag, in: arguments) }
    func readDoubles(_ path: String, count: Int) -> [Double] {
        guard let data = FileManager.default.contents(atPath: path), data.count == count * 8 else {
            FileHandle.standardError.write(Data("gemm: \(path) must hold \(count) float64 values\n".utf8))
            exit(65)
        }
        return data.withUnsafeBytes { raw in (0..<count).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: Double.self) } }
    }
    let n = value("--size").flatMap(Int.init) ?? 1024
    let repeats = max(1, value("--repeats").flatMap(Int.init) ?? 5)
    let threads = max(1, value("--threads").flatMap(Int.init) ?? 1)
    // `--native` times this module's kernel even when a system BLAS (OpenBLAS trait, Accelerate) is built in.
    let backend: GEMMBackend = arguments.contains("--native") ? .native : .automatic
    let backendName = backend == .native ? "native" : (MatrixKernels.systemBLASName ?? "native")

    let a: Matrix, b: Matrix
    if let pathA = value("--a"), let pathB = value("--b") {
        a = Matrix(rows: n, columns: n, columnMajor: readDoubles(pathA, count: n * n))
        b = Matrix(rows: n, columns: n, columnMajor: readDoubles(pathB, count: n * n))
    } else {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) * 0x1p-53 * 2 - 1
        }
        a = Matrix(rows: n, columns: n, columnMajor: (0..<(n * n)).map { _ in next() })
        b = Matrix(rows: n, columns: n, columnMajor: (0..<(n * n)).map { _ in next() })
    }

    var c = Matrix(rows: n, columns: n)
    var best = Double.infinity
    for run in 0...repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    MatrixKernels.gemm(transposeA: false, transposeB: false, m: n, n: n, k: n, alpha: 1,
                                       a: pa.baseAddress, lda: n, b: pb.baseAddress, ldb: n, beta: 0,
                                       c: pc.baseAddress, ldc: n, threads: threads, backend: backend)
                }
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if run > 0 { best = min(best, seconds) }  // run 0 warms caches and page tables
    }

    func maxAbsDifference(_ x: [Double], _ y: [Double]) -> Double {
        zip(x, y).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }
    var reference = Matrix(rows: n, columns: n)
    // Naive j-p-i triple loop (axpy form), in a different order from the blocked kernel.
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            reference.withUnsafeMutableBufferPointer { pc in
                for j in 0..<n {
                    for p in 0..<n {
                        let bpj = pb[j * n + p]
                        for i in 0..<n { pc[j * n + i] += pa[p * n + i] * bpj }
                    }
                }
            }
        }
    }
    let differenceReference = maxAbsDifference(c.storage, reference.storage)
    var differenceExternal = "null"
    if let path = value("--reference") {
        differenceExternal = "\(maxAbsDifference(c.storage, readDoubles(path, count: n * n)))"
    }
    let gflops = 2 * Double(n) * Double(n) * Double(n) / best / 1e9
    print("""
        {"tool": "immunokit", "benchmark": "gemm", "size": \(n), "threads": \(threads), "backend": "\(backendName)", "repeats": \(repeats), \
        "seconds": \(best), "gflops": \(gflops), "max_abs_diff_vs_direct": \(differenceReference), \
        "max_abs_diff_vs_reference": \(differenceExternal)}
        """)
}
