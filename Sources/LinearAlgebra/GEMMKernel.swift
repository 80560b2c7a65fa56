/// The packing routines and register-blocked micro-kernel of ``MatrixKernels/gemm``.
///
/// Algorithm (Goto & van de Geijn, "Anatomy of high-performance matrix multiplication", ACM TOMS 34(3),
/// 2008; Van Zee & van de Geijn, "BLIS", ACM TOMS 41(3), 2015): an `mc × kc` block of op(A) is copied
/// ("packed") into micro-panels of `mr = 8` rows stored k-major (8 consecutive doubles per k), and a
/// `kc × nc` block of op(B) into micro-panels of `nr = 4` columns (4 consecutive doubles per k). Packing
/// absorbs the transposes and the leading dimensions, makes every micro-kernel read unit-stride and
/// cache-resident, and zero-pads ragged edges so the micro-kernel never branches inside its loop.
///
/// The micro-kernel keeps an 8 × 4 block of C in eight `SIMD4<Double>` accumulators, and per k loads two
/// SIMD4 of A, broadcasts four values of B and issues eight fused multiply-adds (`addingProduct`, which
/// lowers to `vfmadd231pd`/`vfmadd213pd` with `-target-cpu haswell`; checked in the release assembly).
/// 8 accumulators + 2 A vectors + 4 broadcasts = 14 of the 16 AVX2 ymm registers, so nothing spills
/// whatever order LLVM schedules the broadcasts in. (An 8 × 6 tile, BLIS's Haswell shape, needs 19 live
/// registers once LLVM hoists the six broadcasts, spilled, and ran at half the speed.) Eight independent
/// accumulators cover the FMA latency × throughput product (4 cycles × 2 pipes). On the 1024³ benchmark
/// this reaches ~95% of single-threaded OpenBLAS (see `Benchmarks/gemm.py`).
///
/// Numerics: each C element is accumulated over k in increasing order within a `kc` block, with one
/// rounding per FMA; blocks are added to C in increasing k. The error bound is the usual
/// |fl(AB) − AB| ≤ γₖ |A||B| (Golub & Van Loan, 4th ed., §2.7.8). The order does not depend on the
/// column range a thread works on, so multi-threaded results are bit-identical to single-threaded ones.
enum GEMMKernel {
    static let mr = 8
    static let nr = 4
    /// Depth of a packed block: an 8 × 256 A micro-panel (16 KiB) and a 256 × 4 B micro-panel (8 KiB)
    /// fit together in a 32 KiB L1 data cache.
    static let kc = 256
    /// Rows of a packed A block: 144 × 256 × 8 B = 288 KiB, resident in a ≥ 512 KiB L2.
    static let mc = 144
    /// Columns of a packed B block: 256 × 3072 × 8 B = 6 MiB, resident in L3.
    static let nc = 3072

    typealias V4 = SIMD4<Double>

    /// Packs rows `0..<mcur` × depth `0..<kcur` of op(A), starting at `a` (already offset to the block),
    /// into `mr`-row micro-panels at `dst`.
    @inline(__always)
    static func packA(transposed: Bool, mcur: Int, kcur: Int, a: UnsafePointer<Double>, lda: Int,
                      dst: UnsafeMutablePointer<Double>) {
        var ir = 0
        while ir < mcur {
            let r = min(mr, mcur - ir)
            let panel = dst + ir * kcur
            if !transposed {
                // op(A)(i, p) = a[i + p·lda]: for each p, r contiguous values.
                if r == mr {
                    for p in 0..<kcur {
                        let src = a + ir + p * lda
                        let d = panel + p * mr
                        VectorKernels.store(VectorKernels.load(src), d)
                        VectorKernels.store(VectorKernels.load(src + 4), d + 4)
                    }
                } else {
                    for p in 0..<kcur {
                        let src = a + ir + p * lda
                        let d = panel + p * mr
                        for i in 0..<r { d[i] = src[i] }
                        for i in r..<mr { d[i] = 0 }
                    }
                }
            } else {
                // op(A)(i, p) = a[p + i·lda]: row i of op(A) is contiguous.
                for i in 0..<r {
                    let src = a + (ir + i) * lda
                    for p in 0..<kcur { panel[p * mr + i] = src[p] }
                }
                if r < mr {
                    for p in 0..<kcur { for i in r..<mr { panel[p * mr + i] = 0 } }
                }
            }
            ir += mr
        }
    }

    /// Packs depth `0..<kcur` × columns `0..<ncur` of op(B), starting at `b`, into `nr`-column
    /// micro-panels at `dst`.
    @inline(__always)
    static func packB(transposed: Bool, kcur: Int, ncur: Int, b: UnsafePointer<Double>, ldb: Int,
                      dst: UnsafeMutablePointer<Double>) {
        var jr = 0
        while jr < ncur {
            let s = min(nr, ncur - jr)
            let panel = dst + jr * kcur
            if !transposed {
                // op(B)(p, j) = b[p + j·ldb]: column j contiguous in p.
                if s == nr {
                    let b0 = b + jr * ldb, b1 = b0 + ldb, b2 = b1 + ldb
                    let b3 = b2 + ldb
                    for p in 0..<kcur {
                        let d = panel + p * nr
                        d[0] = b0[p]; d[1] = b1[p]; d[2] = b2[p]; d[3] = b3[p]
                    }
                } else {
                    for j in 0..<s {
                        let src = b + (jr + j) * ldb
                        for p in 0..<kcur { panel[p * nr + j] = src[p] }
                    }
                    for p in 0..<kcur { for j in s..<nr { panel[p * nr + j] = 0 } }
                }
            } else {
                // op(B)(p, j) = b[j + p·ldb]: for each p, s contiguous values.
                for p in 0..<kcur {
                    let src = b + jr + p * ldb
                    let d = panel + p * nr
                    for j in 0..<s { d[j] = src[j] }
                    for j in s..<nr { d[j] = 0 }
                }
            }
            jr += nr
        }
    }

    /// C[0..<rows, 0..<cols] += α · (packed A panel)(packed B panel) over depth `kc`.
    /// `rows ≤ 8`, `cols ≤ 4`; full tiles are updated in place, ragged ones through a local tile.
    @inline(never)
    static func microKernel(_ kc: Int, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                            alpha: Double, _ c: UnsafeMutablePointer<Double>, _ ldc: Int,
                            rows: Int, cols: Int) {
        var c00 = V4(), c10 = V4(), c01 = V4(), c11 = V4()
        var c02 = V4(), c12 = V4(), c03 = V4(), c13 = V4()
        var pa = a, pb = b
        var k = kc
        while k > 0 {
            let a0 = VectorKernels.load(pa), a1 = VectorKernels.load(pa + 4)
            let b0 = V4(repeating: pb[0]), b1 = V4(repeating: pb[1])
            let b2 = V4(repeating: pb[2]), b3 = V4(repeating: pb[3])
            c00 = c00.addingProduct(a0, b0); c10 = c10.addingProduct(a1, b0)
            c01 = c01.addingProduct(a0, b1); c11 = c11.addingProduct(a1, b1)
            c02 = c02.addingProduct(a0, b2); c12 = c12.addingProduct(a1, b2)
            c03 = c03.addingProduct(a0, b3); c13 = c13.addingProduct(a1, b3)
            pa += 8
            pb += 4
            k -= 1
        }
        let av = V4(repeating: alpha)
        if rows == mr && cols == nr {
            @inline(__always) func update(_ p: UnsafeMutablePointer<Double>, _ lo: V4, _ hi: V4) {
                VectorKernels.store(VectorKernels.load(p).addingProduct(av, lo), p)
                VectorKernels.store(VectorKernels.load(p + 4).addingProduct(av, hi), p + 4)
            }
            update(c, c00, c10)
            update(c + ldc, c01, c11)
            update(c + 2 * ldc, c02, c12)
            update(c + 3 * ldc, c03, c13)
        } else {
            withUnsafeTemporaryAllocation(of: Double.self, capacity: mr * nr) { tile in
                let t = tile.baseAddress!
                VectorKernels.store(c00, t); VectorKernels.store(c10, t + 4)
                VectorKernels.store(c01, t + 8); VectorKernels.store(c11, t + 12)
                VectorKernels.store(c02, t + 16); VectorKernels.store(c12, t + 20)
                VectorKernels.store(c03, t + 24); VectorKernels.store(c13, t + 28)
                for j in 0..<cols {
                    for i in 0..<rows { c[i + j * ldc] = c[i + j * ldc].addingProduct(alpha, t[i + j * mr]) }
                }
            }
        }
    }

    /// C (mcur × ncur, leading dimension ldc) += α · Ã B̃ for packed blocks Ã (mcur × kcur), B̃ (kcur × ncur).
    static func macroKernel(mcur: Int, ncur: Int, kcur: Int, alpha: Double,
                            ap: UnsafePointer<Double>, bp: UnsafePointer<Double>,
                            c: UnsafeMutablePointer<Double>, ldc: Int) {
        var jr = 0
        while jr < ncur {
            let cols = min(nr, ncur - jr)
            var ir = 0
            while ir < mcur {
                let rows = min(mr, mcur - ir)
                microKernel(kcur, ap + ir * kcur, bp + jr * kcur, alpha: alpha,
                            c + ir + jr * ldc, ldc, rows: rows, cols: cols)
                ir += mr
            }
            jr += nr
        }
    }

    /// C[:, columns] += α op(A) op(B)[:, columns], single-threaded, with its own packing buffers.
    static func serial(transposeA: Bool, transposeB: Bool, m: Int, columns: Range<Int>, k: Int,
                       alpha: Double, a: UnsafePointer<Double>, lda: Int,
                       b: UnsafePointer<Double>, ldb: Int,
                       c: UnsafeMutablePointer<Double>, ldc: Int) {
        let mcMax = min(mc, (m + mr - 1) / mr * mr)
        let kcMax = min(kc, k)
        let ncMax = min(nc, (columns.count + nr - 1) / nr * nr)
        let aBytes = mcMax * kcMax * MemoryLayout<Double>.stride
        let bBytes = ncMax * kcMax * MemoryLayout<Double>.stride
        let rawA = UnsafeMutableRawPointer.allocate(byteCount: max(aBytes, 64), alignment: 64)
        let rawB = UnsafeMutableRawPointer.allocate(byteCount: max(bBytes, 64), alignment: 64)
        defer { rawA.deallocate(); rawB.deallocate() }
        let ap = rawA.bindMemory(to: Double.self, capacity: mcMax * kcMax)
        let bp = rawB.bindMemory(to: Double.self, capacity: ncMax * kcMax)

        var jc = columns.lowerBound
        while jc < columns.upperBound {
            let ncur = min(nc, columns.upperBound - jc)
            var pc = 0
            while pc < k {
                let kcur = min(kc, k - pc)
                let bBlock = transposeB ? b + jc + pc * ldb : b + pc + jc * ldb
                packB(transposed: transposeB, kcur: kcur, ncur: ncur, b: bBlock, ldb: ldb, dst: bp)
                var ic = 0
                while ic < m {
                    let mcur = min(mc, m - ic)
                    let aBlock = transposeA ? a + pc + ic * lda : a + ic + pc * lda
                    packA(transposed: transposeA, mcur: mcur, kcur: kcur, a: aBlock, lda: lda, dst: ap)
                    macroKernel(mcur: mcur, ncur: ncur, kcur: kcur, alpha: alpha,
                                ap: ap, bp: bp, c: c + ic + jc * ldc, ldc: ldc)
                    ic += mc
                }
                pc += kc
            }
            jc += nc
        }
    }
}
