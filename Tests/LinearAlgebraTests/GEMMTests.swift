import Foundation
import Testing
@testable import LinearAlgebra

@Suite("GEMM and GEMV agree with NumPy and with the textbook triple loop")
struct GEMMTests {
    @Test("GEMM against NumPy, odd shapes and all transposes", arguments: ReferenceFile.shared.gemm.indices)
    func gemmReference(_ index: Int) {
        let t = ReferenceFile.shared.gemm[index]
        // Tolerance: the rigorous bound γ(|α||A||B| + |β||C|) with γ = 2(k+2)ε, elementwise — both NumPy
        // (OpenBLAS) and this kernel are within γₖ of the exact product, in different summation orders.
        let (_, bound) = naiveGEMM(alpha: t.alpha, t.a, transposeA: t.transposeA, t.b, transposeB: t.transposeB,
                                   beta: t.beta, t.c)
        for path in [MatrixKernels.GEMMPath.automatic, .direct, .blocked] {
            var c = t.c
            t.a.withUnsafeBufferPointer { a in
                t.b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { cb in
                        MatrixKernels.gemm(transposeA: t.transposeA, transposeB: t.transposeB, m: t.m, n: t.n, k: t.k,
                                           alpha: t.alpha, a: a.baseAddress, lda: max(1, t.a.rows),
                                           b: b.baseAddress, ldb: max(1, t.b.rows), beta: t.beta,
                                           c: cb.baseAddress, ldc: max(1, t.m), threads: 1, path: path)
                    }
                }
            }
            let check = withinBound(c, t.result, bound)
            #expect(check.ok, "\(t.m)×\(t.n)×\(t.k) tA=\(t.transposeA) tB=\(t.transposeB) \(path): error/bound = \(check.worst)")
        }
        // The Matrix-level API.
        var c = t.c
        Matrix.gemm(alpha: t.alpha, t.a, transposeA: t.transposeA, t.b, transposeB: t.transposeB, beta: t.beta, into: &c)
        #expect(withinBound(c, t.result, bound).ok)
    }

    @Test("blocked and direct GEMM equal the triple loop on 300 random shapes, including empty ones")
    func gemmProperty() {
        var random = TestRandom(seed: 42)
        let edge = [0, 1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 17, 31, 33]
        for trial in 0..<300 {
            // Mostly small edge sizes (0, 1, non-multiples of 8 and 4), sometimes beyond kc = 256 or mc = 144.
            func size() -> Int {
                switch random.int(0...9) {
                case 0: return random.int(140...160)
                case 1 where trial % 10 == 0: return random.int(250...270)
                default: return edge[random.int(0...(edge.count - 1))]
                }
            }
            let m = size(), n = size(), k = size()
            let ta = random.int(0...1) == 1, tb = random.int(0...1) == 1
            let a = ta ? random.matrix(k, m) : random.matrix(m, k)
            let b = tb ? random.matrix(n, k) : random.matrix(k, n)
            let c0 = random.matrix(m, n)
            let alpha = [1.0, -0.75, 2.0, 0.0][random.int(0...3)]
            let beta = [0.0, 1.0, 0.5][random.int(0...2)]
            let (expected, bound) = naiveGEMM(alpha: alpha, a, transposeA: ta, b, transposeB: tb, beta: beta, c0)
            for path in [MatrixKernels.GEMMPath.direct, .blocked] {
                var c = c0
                a.withUnsafeBufferPointer { pa in
                    b.withUnsafeBufferPointer { pb in
                        c.withUnsafeMutableBufferPointer { pc in
                            MatrixKernels.gemm(transposeA: ta, transposeB: tb, m: m, n: n, k: k, alpha: alpha,
                                               a: pa.baseAddress, lda: max(1, a.rows), b: pb.baseAddress,
                                               ldb: max(1, b.rows), beta: beta, c: pc.baseAddress,
                                               ldc: max(1, m), threads: 1, path: path)
                        }
                    }
                }
                let check = withinBound(c, expected, bound)
                #expect(check.ok, "trial \(trial): \(m)×\(n)×\(k) tA=\(ta) tB=\(tb) α=\(alpha) β=\(beta) \(path): error/bound \(check.worst)")
            }
        }
    }

    @Test("leading dimensions larger than the rows: a product into a block of a larger C")
    func leadingDimensions() {
        var random = TestRandom(seed: 99)
        for path in [MatrixKernels.GEMMPath.direct, .blocked] {
            let (m, n, k) = (19, 13, 150)
            // A is the 19 × 150 block at rows 2..<21 of a 25 × 150 matrix; B the 150 × 13 block at rows 1..<151
            // of 160 × 13; C the 19 × 13 block at rows 3..<22 of 30 × 13 (everything else must stay untouched).
            let bigA = random.matrix(25, k), bigB = random.matrix(160, n), bigC = random.matrix(30, n)
            var c = bigC
            bigA.withUnsafeBufferPointer { pa in
                bigB.withUnsafeBufferPointer { pb in
                    c.withUnsafeMutableBufferPointer { pc in
                        MatrixKernels.gemm(transposeA: false, transposeB: false, m: m, n: n, k: k, alpha: 1,
                                           a: pa.baseAddress! + 2, lda: 25, b: pb.baseAddress! + 1, ldb: 160,
                                           beta: 1, c: pc.baseAddress! + 3, ldc: 30, threads: 1, path: path)
                    }
                }
            }
            let a = bigA.submatrix(rows: 2..<21, columns: 0..<k)
            let b = bigB.submatrix(rows: 1..<151, columns: 0..<n)
            let c0 = bigC.submatrix(rows: 3..<22, columns: 0..<n)
            let (expected, bound) = naiveGEMM(alpha: 1, a, transposeA: false, b, transposeB: false, beta: 1, c0)
            #expect(withinBound(c.submatrix(rows: 3..<22, columns: 0..<n), expected, bound).ok, "\(path)")
            #expect(c.submatrix(rows: 0..<3, columns: 0..<n) == bigC.submatrix(rows: 0..<3, columns: 0..<n))
            #expect(c.submatrix(rows: 22..<30, columns: 0..<n) == bigC.submatrix(rows: 22..<30, columns: 0..<n))
        }
    }

    @Test("β = 0 overwrites C: NaN in C does not propagate; α = 0 only scales C")
    func betaZero() {
        var random = TestRandom(seed: 7)
        let a = random.matrix(20, 30), b = random.matrix(30, 10)
        var c = Matrix(rows: 20, columns: 10, repeating: .nan)
        Matrix.gemm(a, b, beta: 0, into: &c)
        #expect(!c.storage.contains { $0.isNaN })
        var d = Matrix(rows: 20, columns: 10, repeating: 3)
        Matrix.gemm(alpha: 0, a, b, beta: 2, into: &d)
        #expect(d.storage.allSatisfy { $0 == 6 })
    }

    @Test("multi-threaded GEMM is bit-identical to single-threaded")
    func threadsBitIdentical() {
        var random = TestRandom(seed: 3)
        let a = random.matrix(150, 270), b = random.matrix(270, 203)
        let one = Matrix.multiply(a, b, threads: 1)
        let two = Matrix.multiply(a, b, threads: 2)
        let three = Matrix.multiply(a, b, threads: 3)
        #expect(one == two)
        #expect(one == three)
    }

    @Test("GEMV against NumPy, A x and Aᵀ x", arguments: ReferenceFile.shared.gemv.indices)
    func gemvReference(_ index: Int) {
        let t = ReferenceFile.shared.gemv[index]
        // Inputs have |aᵢⱼ|, |xⱼ| ≲ 4: 1e-13 absolute is ≈ 30 ε · n · 16 for n ≤ 130.
        #expect(maxAbsDifference(t.a * t.x, t.ax) < 1e-13)
        #expect(maxAbsDifference(t.a.multiply(t.xt, transpose: true), t.atx) < 1e-13)
    }

    @Test("GEMV with α, β against the loop")
    func gemvAlphaBeta() {
        var random = TestRandom(seed: 11)
        for (m, n) in [(0, 3), (3, 0), (1, 1), (9, 5), (17, 33)] {
            let a = random.matrix(m, n)
            for transpose in [false, true] {
                let x = random.vector(transpose ? m : n)
                let y0 = random.vector(transpose ? n : m)
                var y = y0
                a.withUnsafeBufferPointer { pa in
                    x.withUnsafeBufferPointer { px in
                        y.withUnsafeMutableBufferPointer { py in
                            MatrixKernels.gemv(transpose: transpose, m: m, n: n, alpha: -1.5, a: pa.baseAddress,
                                               lda: max(1, m), x: px.baseAddress, beta: 0.25, y: py.baseAddress)
                        }
                    }
                }
                for i in 0..<y.count {
                    var s = 0.0
                    for p in 0..<x.count { s += (transpose ? a[p, i] : a[i, p]) * x[p] }
                    #expect(abs(y[i] - (-1.5 * s + 0.25 * y0[i])) < 1e-13, "\(m)×\(n) transpose=\(transpose) row \(i)")
                }
            }
        }
    }

    @Test("dot, axpy, scale and norm2 on every length 0...40, norm2 without overflow or underflow")
    func vectorKernels() {
        var random = TestRandom(seed: 5)
        for n in 0...40 {
            let x = random.vector(n), y = random.vector(n)
            let naiveDot = zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
            #expect(abs(x.dot(y) - naiveDot) <= 2 * Double(n + 1) * .ulpOfOne * Double(n))
            var z = y
            z.addProduct(0.5, x)
            #expect(maxAbsDifference(z, zip(x, y).map { 0.5 * $0 + $1 }) <= 1e-16)
            #expect(x.scaled(by: -3) == x.map { -3 * $0 })
            let naiveNorm = x.reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(x.norm2 - naiveNorm) <= 4 * Double(n + 1) * .ulpOfOne * max(naiveNorm, 1e-300))
        }
        // Squares overflow for 1e200 and underflow for 1e-200; the scaled norm does not.
        #expect(abs([3e200, 4e200].norm2 / 5e200 - 1) < 1e-15)
        #expect(abs([3e-200, 4e-200].norm2 / 5e-200 - 1) < 1e-15)
        #expect(abs(Array(repeating: 1e300, count: 9).norm2 / 3e300 - 1) < 1e-15)
        #expect([Double]().norm2 == 0)
        #expect([0, 0, Double.nan].norm2.isNaN)
        #expect([1, 2, Double.infinity].norm2 == .infinity)
    }
}
