import Dispatch
import Foundation

/// Low-level dense kernels over raw column-major buffers with explicit leading dimensions, the shape
/// of the BLAS interface. ``Matrix`` methods are thin, shape-checked wrappers around these.
public enum MatrixKernels {}

extension MatrixKernels {
    /// General matrix–matrix product (BLAS `dgemm`): C ← α op(A) op(B) + β C, where op(X) is X or Xᵀ,
    /// op(A) is m × k, op(B) is k × n and C is m × n, all column-major with leading dimensions
    /// `lda`, `ldb`, `ldc`.
    ///
    /// Algorithm: β is applied to C first (β = 0 overwrites C, so NaN/Inf in C do not propagate, as in
    /// the reference BLAS). Products with m·n·k < 32³ use a direct column-oriented loop (Golub & Van Loan,
    /// 4th ed., §1.1.10–1.1.11, the "gaxpy" / "outer-product" forms with SIMD axpy and dot). Larger ones use
    /// the Goto/BLIS blocked algorithm in ``GEMMKernel``: cache blocking (kc = 256, mc = 144, nc = 3072),
    /// packing of A and B panels, and an 8 × 4 register-blocked SIMD4 FMA micro-kernel (GVL §1.5 on
    /// blocking). Products of ≥ 2·10⁷ flops are split across up to `threads` workers (default: the active
    /// core count) by column ranges that are multiples of 4 with `DispatchQueue.concurrentPerform`; each
    /// element's arithmetic is the same whichever worker computes it, so results are bit-identical for
    /// any thread count.
    ///
    /// Numerics: |fl(AB) − AB| ≤ γₖ |A||B| elementwise, γₖ = kε/(1 − kε) (GVL §2.7.8); the blocked and
    /// small paths sum in different orders and can differ in the last bits.
    ///
    /// With the `OpenBLAS` package trait (Linux) or on Apple platforms (Accelerate), products above the
    /// direct-loop size call `cblas_dgemm` instead unless `backend` is `.native` — see
    /// `GEMM+SystemBLAS.swift`; `threads` then does not apply.
    ///
    /// - Complexity: O(m · n · k) time; O((mc + nc) · kc) temporary memory per worker.
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Double, a: UnsafePointer<Double>?, lda: Int,
        b: UnsafePointer<Double>?, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>?, ldc: Int,
        threads: Int? = nil, backend: GEMMBackend = .automatic
    ) {
        gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
             a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc, threads: threads,
             path: backend == .automatic ? .automatic : .native)
    }

    /// Which implementation ``gemm(transposeA:transposeB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:threads:backend:)``
    /// uses: `automatic` may call the system BLAS, `native` picks direct or blocked by size; tests
    /// force `direct` and `blocked` on small shapes.
    enum GEMMPath { case automatic, native, direct, blocked }

    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Double, a: UnsafePointer<Double>?, lda: Int,
        b: UnsafePointer<Double>?, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>?, ldc: Int,
        threads: Int?, path: GEMMPath
    ) {
        precondition(m >= 0 && n >= 0 && k >= 0, "gemm: negative dimension m=\(m) n=\(n) k=\(k)")
        precondition(lda >= max(1, transposeA ? k : m), "gemm: lda=\(lda) too small for op(A) \(m)×\(k)\(transposeA ? " (transposed)" : "")")
        precondition(ldb >= max(1, transposeB ? n : k), "gemm: ldb=\(ldb) too small for op(B) \(k)×\(n)\(transposeB ? " (transposed)" : "")")
        precondition(ldc >= max(1, m), "gemm: ldc=\(ldc) too small for C \(m)×\(n)")
        guard m > 0, n > 0, let c else { return }
        // C ← β C.
        if beta != 1 {
            for j in 0..<n {
                if beta == 0 { (c + j * ldc).update(repeating: 0, count: m) }
                else { VectorKernels.scale(m, beta, c + j * ldc) }
            }
        }
        guard k > 0, alpha != 0, let a, let b else { return }

        let useDirect: Bool
        switch path {
        case .automatic, .native: useDirect = m * n * k < 32 * 32 * 32
        case .direct: useDirect = true
        case .blocked: useDirect = false
        }
        if useDirect {
            direct(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                   a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc)
            return
        }

        if path == .automatic,
           systemGEMM(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                      a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc) {
            return
        }
        let flops = 2.0 * Double(m) * Double(n) * Double(k)
        let available = threads ?? ProcessInfo.processInfo.activeProcessorCount
        let panels = (n + GEMMKernel.nr - 1) / GEMMKernel.nr
        let workers = flops >= 2e7 ? max(1, min(available, panels)) : 1
        if workers == 1 {
            GEMMKernel.serial(transposeA: transposeA, transposeB: transposeB, m: m, columns: 0..<n, k: k,
                              alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc)
            return
        }
        // Column ranges made of whole nr-panels, as even as possible.
        let perWorker = panels / workers, extra = panels % workers
        nonisolated(unsafe) let (sa, sb, sc) = (a, b, c)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let firstPanel = w * perWorker + min(w, extra)
            let count = perWorker + (w < extra ? 1 : 0)
            let lo = firstPanel * GEMMKernel.nr
            let hi = min(n, (firstPanel + count) * GEMMKernel.nr)
            guard lo < hi else { return }
            GEMMKernel.serial(transposeA: transposeA, transposeB: transposeB, m: m, columns: lo..<hi, k: k,
                              alpha: alpha, a: sa, lda: lda, b: sb, ldb: ldb, c: sc, ldc: ldc)
        }
    }

    /// C += α op(A) op(B) by columns: for op(A) = A, C[:, j] += Σₚ (α op(B)ₚⱼ) A[:, p] (axpy);
    /// for op(A) = Aᵀ, Cᵢⱼ += α A[:, i] · op(B)[:, j] (dot).
    static func direct(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
                       a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                       c: UnsafeMutablePointer<Double>, ldc: Int) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: k) { column in
            let bj = column.baseAddress!
            for j in 0..<n {
                // op(B)[:, j] contiguous in bj.
                if transposeB { for p in 0..<k { bj[p] = b[j + p * ldb] } }
                else { bj.update(from: b + j * ldb, count: k) }
                let cj = c + j * ldc
                if transposeA {
                    for i in 0..<m { cj[i] = cj[i].addingProduct(alpha, VectorKernels.dot(k, a + i * lda, bj)) }
                } else {
                    for p in 0..<k where bj[p] != 0 {
                        VectorKernels.axpy(m, alpha * bj[p], a + p * lda, cj)
                    }
                }
            }
        }
    }
}

extension Matrix {
    /// C ← α op(A) op(B) + β C (BLAS `dgemm`); see ``MatrixKernels/gemm(transposeA:transposeB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:threads:)``.
    /// Traps when the shapes do not fit, naming them.
    ///
    /// - Complexity: O(m · n · k).
    public static func gemm(alpha: Double = 1, _ a: Matrix, transposeA: Bool = false,
                            _ b: Matrix, transposeB: Bool = false,
                            beta: Double = 0, into c: inout Matrix, threads: Int? = nil) {
        let (m, ka) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
        let (kb, n) = transposeB ? (b.columns, b.rows) : (b.rows, b.columns)
        precondition(ka == kb,
                     "gemm: op(A) is \(m)×\(ka)\(transposeA ? " (Aᵀ of \(a.rows)×\(a.columns))" : ""), op(B) is \(kb)×\(n)\(transposeB ? " (Bᵀ of \(b.rows)×\(b.columns))" : ""): inner dimensions differ")
        precondition(c.rows == m && c.columns == n,
                     "gemm: C is \(c.rows)×\(c.columns), op(A)·op(B) is \(m)×\(n)")
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    MatrixKernels.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: ka,
                                       alpha: alpha, a: pa.baseAddress, lda: max(1, a.rows),
                                       b: pb.baseAddress, ldb: max(1, b.rows),
                                       beta: beta, c: pc.baseAddress, ldc: max(1, m), threads: threads)
                }
            }
        }
    }

    /// α op(A) op(B) as a new matrix.
    ///
    /// - Complexity: O(m · n · k).
    public static func multiply(_ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false,
                                alpha: Double = 1, threads: Int? = nil) -> Matrix {
        var c = Matrix(rows: transposeA ? a.columns : a.rows, columns: transposeB ? b.rows : b.columns)
        gemm(alpha: alpha, a, transposeA: transposeA, b, transposeB: transposeB, beta: 0, into: &c, threads: threads)
        return c
    }

    /// The matrix product A B. Traps when `lhs.columns != rhs.rows`.
    ///
    /// - Complexity: O(m · n · k).
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix { multiply(lhs, rhs) }
}
