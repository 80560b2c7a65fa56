import LinearAlgebra

/// The few vector kernels the coordinate-descent and Newton solvers of this folder run in their inner
/// loops, over contiguous unsafe buffers with `SIMD4<Double>` and fused multiply–add.
///
/// Plain dot and axpy forward to `LinearAlgebra`'s kernels; the weighted ones live here because they
/// fuse a third vector into the product (Σ wᵢ xᵢ yᵢ, the residual update rᵢ −= δ wᵢ xᵢ), which plain
/// BLAS level-1 kernels do not. Four independent accumulators hide the FMA latency; summation order is
/// fixed for a given length, so results are deterministic.
enum LinearKernels {
    typealias V4 = SIMD4<Double>

    @inline(__always)
    static func load(_ p: UnsafePointer<Double>) -> V4 {
        UnsafeRawPointer(p).loadUnaligned(as: V4.self)
    }

    @inline(__always)
    static func store(_ v: V4, _ p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: V4.self)
    }

    /// Σ xᵢ yᵢ for i < n: ``LinearAlgebra/VectorKernels/dot(_:_:_:)``.
    @inline(__always)
    static func dot(_ n: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double {
        VectorKernels.dot(n, x, y)
    }

    /// Σ wᵢ xᵢ yᵢ for i < n.
    ///
    /// - Complexity: O(n).
    @inline(__always)
    static func weightedDot(_ n: Int, _ w: UnsafePointer<Double>, _ x: UnsafePointer<Double>,
                            _ y: UnsafePointer<Double>) -> Double {
        var s0 = V4(), s1 = V4()
        var i = 0
        while i + 8 <= n {
            s0 = s0.addingProduct(load(w + i) * load(x + i), load(y + i))
            s1 = s1.addingProduct(load(w + i + 4) * load(x + i + 4), load(y + i + 4))
            i += 8
        }
        while i + 4 <= n {
            s0 = s0.addingProduct(load(w + i) * load(x + i), load(y + i))
            i += 4
        }
        var sum = (s0 + s1).sum()
        while i < n {
            sum += w[i] * x[i] * y[i]
            i += 1
        }
        return sum
    }

    /// y ← y + a·x for i < n: ``LinearAlgebra/VectorKernels/axpy(_:_:_:_:)``.
    @inline(__always)
    static func axpy(_ n: Int, _ a: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        VectorKernels.axpy(n, a, x, y)
    }

    /// y ← y + a·(w ∘ x) for i < n (the residual update of weighted coordinate descent).
    ///
    /// - Complexity: O(n).
    @inline(__always)
    static func weightedAxpy(_ n: Int, _ a: Double, _ w: UnsafePointer<Double>, _ x: UnsafePointer<Double>,
                             _ y: UnsafeMutablePointer<Double>) {
        let va = V4(repeating: a)
        var i = 0
        while i + 4 <= n {
            store(load(y + i).addingProduct(va * load(w + i), load(x + i)), y + i)
            i += 4
        }
        while i < n {
            y[i] = y[i].addingProduct(a * w[i], x[i])
            i += 1
        }
    }

    /// Σ xᵢ for i < n.
    @inline(__always)
    static func sum(_ n: Int, _ x: UnsafePointer<Double>) -> Double {
        var s0 = V4(), s1 = V4()
        var i = 0
        while i + 8 <= n {
            s0 += load(x + i)
            s1 += load(x + i + 4)
            i += 8
        }
        var total = (s0 + s1).sum()
        while i < n {
            total += x[i]
            i += 1
        }
        return total
    }
}

/// Soft-thresholding S(z, γ) = sign(z)·max(|z| − γ, 0), the proximal map of γ|·| (Donoho & Johnstone 1994).
@inline(__always)
func softThreshold(_ z: Double, _ gamma: Double) -> Double {
    if z > gamma { return z - gamma }
    if z < -gamma { return z + gamma }
    return 0
}
