import CTreeKernels
import Foundation
@testable import Learning
import TestSupport
import Testing

/// The vectorised logistic gradients (`immunokit_logistic_gradients`) and the `exp` they use
/// (`immunokit_exp`), against the platform's libm and the scalar formula.
@Suite("Logistic gradient kernel")
struct LogisticGradientTests {
    /// The distance from `a` to `b` in units in the last place of `b`.
    static func ulps(_ a: Double, _ b: Double) -> Double {
        a == b ? 0 : abs(a - b) / b.ulp
    }

    @Test("exp is within 1 ulp of libm's on −708 … 709.7, with libm's special values")
    func expAccuracy() {
        var g = TreeFixtures.Uniforms(seed: 5)
        // Dense where boosting scores live, then the whole range; 4k + 3 values so the tail path runs too.
        var x = (0..<40_003).map { _ in -40 + 80 * g.uniform() }
        x += (0..<20_003).map { _ in -708 + 1_417.7 * g.uniform() }
        x += [0, -0.0, 1, -1, 1e-300, -1e-300, log(2) / 2, -log(2) / 2, 709.7, -708]
        var e = [Double](repeating: 0, count: x.count)
        immunokit_exp(x, &e, Int64(x.count))
        let worst = zip(e, x).map { Self.ulps($0, Foundation.exp($1)) }.max()!
        #expect(worst <= 1)
        // Exact where the answer is representable.
        let exact = [0.0, -0.0]
        var one = [Double](repeating: 0, count: 2)
        immunokit_exp(exact, &one, 2)
        #expect(one == [1, 1])
        let special: [Double] = [.infinity, -.infinity, .nan, 710, -709, 1_000, -1_000]
        var out = [Double](repeating: 0, count: special.count)
        immunokit_exp(special, &out, Int64(special.count))
        #expect(out[0] == .infinity && out[1] == 0 && out[2].isNaN)
        #expect(out[3] == .infinity && out[4] == 0 && out[5] == .infinity && out[6] == 0)
    }

    @Test("gradients and hessians agree with the scalar formula, whatever the row's position")
    func gradientsMatchScalar() {
        var g = TreeFixtures.Uniforms(seed: 8)
        let n = 1_001
        let f = (0..<n).map { i in i % 97 == 0 ? 60 * (g.uniform() - 0.5) * 20 : 8 * (g.uniform() - 0.5) }
        let y = (0..<n).map { _ in g.uniform() < 0.4 ? 1.0 : 0.0 }
        let w = (0..<n).map { i in i % 5 == 0 ? 2.5 * g.uniform() : 1 }
        let floor = BoostingLoss.minimumHessian
        var gradient = [Double](repeating: .nan, count: n), hessian = [Double](repeating: .nan, count: n)
        immunokit_logistic_gradients(f, y, w, &gradient, &hessian, Int64(n), floor)
        for i in 0..<n {
            let p = 1 / (1 + Foundation.exp(-f[i]))
            let expectedG = w[i] * (p - y[i]), expectedH = w[i] * max(p * (1 - p), floor)
            // p is within about an ulp of the scalar one; p − y and 1 − p keep that absolute error.
            #expect(abs(gradient[i] - expectedG) <= 1e-15 * w[i])
            #expect(abs(hessian[i] - expectedH) <= 1e-15 * w[i])
            // Saturated scores get the hessian floor, as in the scalar formula.
            if abs(f[i]) > 40 { #expect(hessian[i] == floor * w[i]) }
        }
        #expect(f.filter { abs($0) > 40 }.count > 5)
        // Each row's values are the same computed from any offset (full vectors or the padded tail).
        for offset in [1, 2, 3, 998] {
            var g2 = [Double](repeating: .nan, count: n - offset), h2 = g2
            f.withUnsafeBufferPointer { fp in
                y.withUnsafeBufferPointer { yp in
                    w.withUnsafeBufferPointer { wp in
                        immunokit_logistic_gradients(fp.baseAddress! + offset, yp.baseAddress! + offset,
                                                     wp.baseAddress! + offset, &g2, &h2, Int64(n - offset), floor)
                    }
                }
            }
            #expect(Array(gradient[offset...]) == g2)
            #expect(Array(hessian[offset...]) == h2)
        }
    }
}
