/// Eigendecomposition A = V Λ Vᵀ of a real symmetric matrix (LAPACK `dsyev`: `dsytrd` + `dsteqr`).
///
/// Algorithm: Householder reduction to tridiagonal form with the transformations accumulated
/// (EISPACK `tred2`), then the implicit QL algorithm with Wilkinson-like shifts on the tridiagonal
/// matrix, accumulating the plane rotations into V (EISPACK `tql2`), following the JAMA/EISPACK
/// formulation (Bowdler, Martin, Reinsch & Wilkinson, Numer. Math. 11, 1968; Golub & Van Loan, 4th ed.,
/// §8.3.1 tridiagonalisation, §8.3.3–8.3.5 implicit symmetric QR step). Eigenvalues are returned in
/// ascending order with the matching orthonormal eigenvectors as columns. Only the lower triangle of
/// A is read.
///
/// Numerics: backward stable — computed λ̂ᵢ satisfy |λ̂ᵢ − λᵢ| ≲ c n ε ‖A‖₂ (Weyl; GVL §8.1.2, §8.3.6)
/// and V̂ is orthogonal to O(nε). Eigenvectors of close eigenvalues are individually ill-determined
/// (only their span is), and each eigenvector's sign is arbitrary.
///
/// - Complexity: ≈ 9n³ flops (4n³/3 reduction + accumulation, ≈ 6n³ for QL with vectors); O(n²) memory.
public struct SymmetricEigendecomposition: Sendable, Hashable {
    /// Eigenvalues, ascending.
    public let eigenvalues: [Double]
    /// Orthonormal eigenvectors as columns, in the order of ``eigenvalues``.
    public let eigenvectors: Matrix

    /// Decomposes the symmetric matrix `a` (lower triangle read).
    ///
    /// - Parameter maxIterationsPerEigenvalue: QL iterations allowed per eigenvalue (default 60;
    ///   typically 1–3 are needed).
    /// - Throws: ``LinearAlgebraError/didNotConverge(iterations:)`` if an eigenvalue needs more.
    /// - Complexity: ≈ 9n³ flops.
    public init(_ a: Matrix, maxIterationsPerEigenvalue: Int = 60) throws {
        precondition(a.isSquare, "SymmetricEigendecomposition needs a square matrix, got \(a.rows)×\(a.columns)")
        let n = a.rows
        if n == 0 { eigenvalues = []; eigenvectors = a; return }
        var v = a.storage
        var d = [Double](repeating: 0, count: n)
        var e = [Double](repeating: 0, count: n)
        Self.tridiagonalize(n, &v, &d, &e)
        try Self.implicitQL(n, &v, &d, &e, maxIterations: maxIterationsPerEigenvalue)
        // Sort ascending (selection sort on d with column swaps, as in tql2: O(n²) compares, n swaps).
        for i in 0..<(n - 1) {
            var k = i
            for j in (i + 1)..<n where d[j] < d[k] { k = j }
            if k != i {
                d.swapAt(i, k)
                for r in 0..<n { v.swapAt(r + i * n, r + k * n) }
            }
        }
        eigenvalues = d
        eigenvectors = Matrix(rows: n, columns: n, columnMajor: v)
    }

    /// EISPACK tred2 (via JAMA): on exit `v` holds the orthogonal Q with QᵀAQ tridiagonal, `d` the
    /// diagonal and `e[1...]` the subdiagonal. `v` is column-major; V[r][c] of JAMA is v[r + c·n].
    static func tridiagonalize(_ n: Int, _ v: inout [Double], _ d: inout [Double], _ e: inout [Double]) {
        v.withUnsafeMutableBufferPointer { vb in
            let V = vb.baseAddress!
            @inline(__always) func at(_ r: Int, _ c: Int) -> UnsafeMutablePointer<Double> { V + r + c * n }
            for j in 0..<n { d[j] = at(n - 1, j).pointee }
            for i in stride(from: n - 1, to: 0, by: -1) {
                var scale = 0.0, h = 0.0
                for k in 0..<i { scale += abs(d[k]) }
                if scale == 0 {
                    e[i] = d[i - 1]
                    for j in 0..<i {
                        d[j] = at(i - 1, j).pointee
                        at(i, j).pointee = 0
                        at(j, i).pointee = 0
                    }
                } else {
                    for k in 0..<i { d[k] /= scale; h += d[k] * d[k] }
                    var f = d[i - 1]
                    var g = h.squareRoot()
                    if f > 0 { g = -g }
                    e[i] = scale * g
                    h -= f * g
                    d[i - 1] = f - g
                    for j in 0..<i { e[j] = 0 }
                    for j in 0..<i {
                        f = d[j]
                        at(j, i).pointee = f
                        g = e[j] + at(j, j).pointee * f
                        if j + 1 <= i - 1 {
                            for k in (j + 1)...(i - 1) {
                                g += at(k, j).pointee * d[k]
                                e[k] += at(k, j).pointee * f
                            }
                        }
                        e[j] = g
                    }
                    f = 0
                    for j in 0..<i { e[j] /= h; f += e[j] * d[j] }
                    let hh = f / (h + h)
                    for j in 0..<i { e[j] -= hh * d[j] }
                    for j in 0..<i {
                        f = d[j]; g = e[j]
                        for k in j...(i - 1) { at(k, j).pointee -= (f * e[k] + g * d[k]) }
                        d[j] = at(i - 1, j).pointee
                        at(i, j).pointee = 0
                    }
                }
                d[i] = h
            }
            // Accumulate the transformations.
            for i in 0..<(n - 1) {
                at(n - 1, i).pointee = at(i, i).pointee
                at(i, i).pointee = 1
                let h = d[i + 1]
                if h != 0 {
                    for k in 0...i { d[k] = at(k, i + 1).pointee / h }
                    for j in 0...i {
                        // Columns i+1 and j are contiguous: dot and axpy over rows 0...i.
                        let g = VectorKernels.dot(i + 1, at(0, i + 1), at(0, j))
                        for k in 0...i { at(k, j).pointee -= g * d[k] }
                    }
                }
                for k in 0...i { at(k, i + 1).pointee = 0 }
            }
            for j in 0..<n { d[j] = at(n - 1, j).pointee; at(n - 1, j).pointee = 0 }
            at(n - 1, n - 1).pointee = 1
            e[0] = 0
        }
    }

    /// EISPACK tql2 (via JAMA): implicit QL on the tridiagonal (d, e), accumulating into `v`.
    static func implicitQL(_ n: Int, _ v: inout [Double], _ d: inout [Double], _ e: inout [Double],
                           maxIterations: Int) throws {
        for i in 1..<n { e[i - 1] = e[i] }
        e[n - 1] = 0
        var f = 0.0, tst1 = 0.0
        let eps = Double.ulpOfOne
        try v.withUnsafeMutableBufferPointer { vb in
            let V = vb.baseAddress!
            for l in 0..<n {
                tst1 = max(tst1, abs(d[l]) + abs(e[l]))
                var m = l
                while m < n - 1 {
                    if abs(e[m]) <= eps * tst1 { break }
                    m += 1
                }
                if m > l {
                    var iterations = 0
                    repeat {
                        iterations += 1
                        if iterations > maxIterations { throw LinearAlgebraError.didNotConverge(iterations: maxIterations) }
                        var g = d[l]
                        var p = (d[l + 1] - g) / (2 * e[l])
                        var r = (p * p + 1).squareRoot()
                        if abs(p) > 1e150 { r = abs(p) }
                        if p < 0 { r = -r }
                        d[l] = e[l] / (p + r)
                        d[l + 1] = e[l] * (p + r)
                        let dl1 = d[l + 1]
                        var h = g - d[l]
                        if l + 2 < n { for i in (l + 2)..<n { d[i] -= h } }
                        f += h
                        p = d[m]
                        var c = 1.0, c2 = 1.0, c3 = 1.0
                        let el1 = e[l + 1]
                        var s = 0.0, s2 = 0.0
                        for i in stride(from: m - 1, through: l, by: -1) {
                            c3 = c2; c2 = c; s2 = s
                            g = c * e[i]
                            h = c * p
                            r = hypot2(p, e[i])
                            e[i + 1] = s * r
                            s = e[i] / r
                            c = p / r
                            p = c * d[i] - s * g
                            d[i + 1] = h + s * (c * g + s * d[i])
                            // Rotate columns i and i+1 of V (contiguous).
                            VectorKernels.rotate(n, V + (i + 1) * n, V + i * n, c: c, s: -s)
                        }
                        p = -s * s2 * c3 * el1 * e[l] / dl1
                        e[l] = s * p
                        d[l] = c * p
                    } while abs(e[l]) > eps * tst1
                }
                d[l] += f
                e[l] = 0
            }
        }
    }
}

/// √(a² + b²) without overflow or destructive underflow.
@inline(__always)
func hypot2(_ a: Double, _ b: Double) -> Double {
    let x = abs(a), y = abs(b)
    let big = max(x, y), small = min(x, y)
    if big == 0 { return 0 }
    let ratio = small / big
    return big * (1 + ratio * ratio).squareRoot()
}
