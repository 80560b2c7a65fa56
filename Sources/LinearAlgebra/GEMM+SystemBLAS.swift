// Optional system BLAS for GEMM: Accelerate on Apple platforms, OpenBLAS on Linux with the package
// trait `OpenBLAS` (which defines the `OpenBLAS` compilation condition and adds the `COpenBLAS`
// system-library target). The default Linux build compiles neither branch and needs nothing.
#if canImport(Accelerate)
import Accelerate
#elseif OpenBLAS && canImport(COpenBLAS)
import COpenBLAS
#endif

/// Which implementation performs a large GEMM.
public enum GEMMBackend: String, Sendable, Hashable, Codable, CaseIterable {
    /// The system BLAS when one is compiled in (``MatrixKernels/systemBLASName``), else ``native``.
    case automatic
    /// This module's blocked SIMD kernel, always available and bit-reproducible across platforms
    /// with the same SIMD width and FMA.
    case native
}

extension MatrixKernels {
    /// The system BLAS compiled into this build ("Accelerate", "OpenBLAS"), or nil.
    ///
    /// - Complexity: O(1).
    public static var systemBLASName: String? {
        #if canImport(Accelerate)
        return "Accelerate"
        #elseif OpenBLAS && canImport(COpenBLAS)
        return "OpenBLAS"
        #else
        return nil
        #endif
    }

    /// `cblas_dgemm` in column-major order when a system BLAS is compiled in and the sizes fit its
    /// 32-bit integers; returns false (doing nothing) otherwise. β has been applied by the caller, so
    /// this computes C ← α op(A) op(B) + 1·C. The thread count is the BLAS library's own setting.
    static func systemGEMM(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
                           a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                           c: UnsafeMutablePointer<Double>, ldc: Int) -> Bool {
        #if canImport(Accelerate) || (OpenBLAS && canImport(COpenBLAS))
        let limit = Int(Int32.max)
        guard m <= limit, n <= limit, k <= limit, lda <= limit, ldb <= limit, ldc <= limit else { return false }
        cblas_dgemm(CblasColMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), 1.0, c, Int32(ldc))
        return true
        #else
        return false
        #endif
    }
}
