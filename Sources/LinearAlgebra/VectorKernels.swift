/// Level-1 BLAS kernels over contiguous buffers: dot, axpy, scal, nrm2 (BLAS `ddot`, `daxpy`,
/// `dscal`, `dnrm2`), written with `SIMD4<Double>` and fused multiply-add.
///
/// Each kernel runs four independent SIMD4 accumulators (16 doubles per iteration) so that the FMA
/// latency (4–5 cycles) is hidden, then a scalar tail. Summation order therefore differs from a
/// left-to-right loop: results agree with it to O(n · ε · Σ|xᵢyᵢ|) (Golub & Van Loan, 4th ed., §2.7.6),
/// and are deterministic for a given length.
///
/// Reference: Golub & Van Loan, *Matrix Computations*, 4th ed., §1.1 (the BLAS), §2.7.
public enum VectorKernels {
    @usableFromInline typealias V4 = SIMD4<Double>

    @inline(__always) @usableFromInline
    static func load(_ p: UnsafePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
    }

    @inline(__always) @usableFromInline
    static func store(_ v: SIMD4<Double>, _ p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Double>.self)
    }

    /// Σ xᵢ yᵢ over the first `n` elements of two pointers.
    ///
    /// - Complexity: O(n).
    @inlinable
    public static func dot(_ n: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double {
        var s0 = V4(), s1 = V4(), s2 = V4(), s3 = V4()
        var i = 0
        while i + 16 <= n {
            s0 = s0.addingProduct(load(x + i), load(y + i))
            s1 = s1.addingProduct(load(x + i + 4), load(y + i + 4))
            s2 = s2.addingProduct(load(x + i + 8), load(y + i + 8))
            s3 = s3.addingProduct(load(x + i + 12), load(y + i + 12))
            i += 16
        }
        while i + 4 <= n {
            s0 = s0.addingProduct(load(x + i), load(y + i))
            i += 4
        }
        var sum = ((s0 + s1) + (s2 + s3)).sum()
        while i < n {
            sum = sum.addingProduct(x[i], y[i])
            i += 1
        }
        return sum
    }

    /// Σ xᵢ yᵢ. The buffers must have equal counts.
    ///
    /// - Complexity: O(n).
    @inlinable
    public static func dot(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>) -> Double {
        precondition(x.count == y.count, "dot needs equal lengths, got \(x.count) and \(y.count)")
        guard let px = x.baseAddress, let py = y.baseAddress else { return 0 }
        return dot(x.count, px, py)
    }

    /// y ← α x + y over the first `n` elements.
    ///
    /// - Complexity: O(n).
    @inlinable
    public static func axpy(_ n: Int, _ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        let a = V4(repeating: alpha)
        var i = 0
        while i + 8 <= n {
            store(load(y + i).addingProduct(a, load(x + i)), y + i)
            store(load(y + i + 4).addingProduct(a, load(x + i + 4)), y + i + 4)
            i += 8
        }
        while i + 4 <= n {
            store(load(y + i).addingProduct(a, load(x + i)), y + i)
            i += 4
        }
        while i < n {
            y[i] = y[i].addingProduct(alpha, x[i])
            i += 1
        }
    }

    /// y ← α x + y. The buffers must have equal counts.
    ///
    /// - Complexity: O(n).
    @inlinable
    public static func axpy(_ alpha: Double, _ x: UnsafeBufferPointer<Double>, _ y: UnsafeMutableBufferPointer<Double>) {
        precondition(x.count == y.count, "axpy needs equal lengths, got \(x.count) and \(y.count)")
        guard let px = x.baseAddress, let py = y.baseAddress else { return }
        axpy(x.count, alpha, px, py)
    }

    /// x ← α x over the first `n` elements.
    ///
    /// - Complexity: O(n).
    @inlinable
    public static func scale(_ n: Int, _ alpha: Double, _ x: UnsafeMutablePointer<Double>) {
        let a = V4(repeating: alpha)
        var i = 0
        while i + 4 <= n {
            store(load(x + i) * a, x + i)
            i += 4
        }
        while i < n {
            x[i] *= alpha
            i += 1
        }
    }

    /// x ← α x.
    ///
    /// - Complexity: O(n).
    @inlinable
    public static func scale(_ alpha: Double, _ x: UnsafeMutableBufferPointer<Double>) {
        guard let p = x.baseAddress else { return }
        scale(x.count, alpha, p)
    }

    /// max |xᵢ| (0 for n = 0). NaN elements are ignored (`pointwiseMax` semantics); callers that must
    /// propagate NaN check separately, as ``norm2(_:_:)`` does through its sum of squares.
    ///
    /// - Complexity: O(n).
    @inlinable
    public static func maxAbs(_ n: Int, _ x: UnsafePointer<Double>) -> Double {
        var m0 = V4(), m1 = V4()
        var i = 0
        while i + 8 <= n {
            let u = load(x + i), v = load(x + i + 4)
            m0 = pointwiseMax(m0, pointwiseMax(u, -u))
            m1 = pointwiseMax(m1, pointwiseMax(v, -v))
            i += 8
        }
        var m = pointwiseMax(m0, m1).max()
        while i < n {
            let a = abs(x[i])
            if a > m { m = a }
            i += 1
        }
        return m
    }

    /// The Euclidean norm √(Σ xᵢ²) over the first `n` elements, without overflow or underflow.
    ///
    /// Algorithm: find `M = max |xᵢ|` (one pass), then sum squares (second pass). When `M` lies in
    /// [2⁻⁴⁰⁰, 2⁴⁰⁰] the squares are summed directly (no overflow: n · M² < 2⁸⁰¹ ≪ Double.max);
    /// otherwise each element is scaled by 1/M first and the result multiplied by M — the idea of
    /// LAPACK's `dnrm2` (scaled sum of squares, Golub & Van Loan §2.2.5, Blue 1978) in two passes.
    /// Relative error ≲ (n/2 + 2) ε.
    ///
    /// - Complexity: O(n).
    @inlinable
    public static func norm2(_ n: Int, _ x: UnsafePointer<Double>) -> Double {
        if n == 0 { return 0 }
        if n == 1 { return abs(x[0]) }
        let m = maxAbs(n, x)
        if m == 0 { return dot(n, x, x).squareRoot() }  // 0, or NaN when a NaN hides among zeros
        if m.isInfinite { return m }
        let big = 0x1p400, small = 0x1p-400
        if m <= big && m >= small { return dot(n, x, x).squareRoot() }
        let s = 1 / m
        let sv = V4(repeating: s)
        var a0 = V4(), a1 = V4()
        var i = 0
        while i + 8 <= n {
            let u = load(x + i) * sv, v = load(x + i + 4) * sv
            a0 = a0.addingProduct(u, u)
            a1 = a1.addingProduct(v, v)
            i += 8
        }
        var sum = (a0 + a1).sum()
        while i < n {
            let u = x[i] * s
            sum = sum.addingProduct(u, u)
            i += 1
        }
        return m * sum.squareRoot()
    }

    /// The Euclidean norm of a buffer (see ``norm2(_:_:)``).
    ///
    /// - Complexity: O(n).
    @inlinable
    public static func norm2(_ x: UnsafeBufferPointer<Double>) -> Double {
        guard let p = x.baseAddress else { return 0 }
        return norm2(x.count, p)
    }
}

// MARK: - Array conveniences

extension Array where Element == Double {
    /// Σ selfᵢ otherᵢ (SIMD kernel, ``VectorKernels/dot(_:_:)``).
    ///
    /// - Complexity: O(n).
    public func dot(_ other: [Double]) -> Double {
        withUnsafeBufferPointer { x in other.withUnsafeBufferPointer { y in VectorKernels.dot(x, y) } }
    }

    /// The Euclidean norm, scaled against overflow (``VectorKernels/norm2(_:)``).
    ///
    /// - Complexity: O(n).
    public var norm2: Double { withUnsafeBufferPointer { VectorKernels.norm2($0) } }

    /// self ← α x + self.
    ///
    /// - Complexity: O(n).
    public mutating func addProduct(_ alpha: Double, _ x: [Double]) {
        x.withUnsafeBufferPointer { px in withUnsafeMutableBufferPointer { VectorKernels.axpy(alpha, px, $0) } }
    }

    /// α · self.
    ///
    /// - Complexity: O(n).
    public func scaled(by alpha: Double) -> [Double] {
        var result = self
        result.withUnsafeMutableBufferPointer { VectorKernels.scale(alpha, $0) }
        return result
    }
}

extension VectorKernels {
    /// Applies the plane rotation [c s; −s c]ᵀ to the pairs (xᵢ, yᵢ): xᵢ ← c xᵢ − s yᵢ, yᵢ ← s xᵢ + c yᵢ
    /// (BLAS `drot` with the sign convention of a Jacobi rotation, Golub & Van Loan §5.1.8).
    ///
    /// - Complexity: O(n).
    @inlinable
    public static func rotate(_ n: Int, _ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>,
                              c: Double, s: Double) {
        let cv = V4(repeating: c), sv = V4(repeating: s)
        var i = 0
        while i + 4 <= n {
            let u = load(x + i), v = load(y + i)
            store(u * cv - v * sv, x + i)
            store(u * sv + v * cv, y + i)
            i += 4
        }
        while i < n {
            let u = x[i], v = y[i]
            x[i] = c * u - s * v
            y[i] = s * u + c * v
            i += 1
        }
    }
}
