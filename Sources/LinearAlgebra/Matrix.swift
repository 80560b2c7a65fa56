import Foundation

/// A dense matrix of `Double`s in column-major order.
///
/// Element (i, j) lives at `storage[j * rows + i]`, the layout of Fortran, LAPACK and NumPy's
/// `order="F"`, so a column is a contiguous run of `rows` values and every kernel in this module
/// (dot, axpy, GEMV, GEMM, the factorisations) walks memory with unit stride. A matrix is a value:
/// copies share storage until one is mutated (copy-on-write through `Array`).
///
/// Shapes are part of the contract: passing matrices whose shapes do not fit traps with a message
/// that names both shapes (programmer misuse), while numerical trouble (a singular or indefinite
/// matrix, non-convergence) throws ``LinearAlgebraError``.
///
/// - Complexity: construction and element access O(1) per element; `transposed()` O(rows · columns).
public struct Matrix: Sendable, Hashable {
    /// The number of rows (≥ 0).
    public private(set) var rows: Int
    /// The number of columns (≥ 0).
    public private(set) var columns: Int
    /// Column-major values: element (i, j) at `storage[j * rows + i]`; `storage.count == rows * columns`.
    /// Writable for kernels that fill a matrix in place; the count must not change.
    public var storage: [Double] {
        didSet {
            precondition(storage.count == rows * columns,
                         "Matrix storage count \(storage.count) does not match shape \(rows)×\(columns)")
        }
    }

    /// A `rows × columns` matrix with every element equal to `value` (default 0).
    ///
    /// - Complexity: O(rows · columns).
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix shape must be non-negative, got \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        storage = Array(repeating: value, count: rows * columns)
    }

    /// A matrix over existing column-major values (`storage[j * rows + i]` is element (i, j)).
    ///
    /// - Complexity: O(1) (the array is moved in).
    public init(rows: Int, columns: Int, columnMajor storage: [Double]) {
        precondition(rows >= 0 && columns >= 0, "Matrix shape must be non-negative, got \(rows)×\(columns)")
        precondition(storage.count == rows * columns,
                     "Matrix(rows: \(rows), columns: \(columns)) needs \(rows * columns) values, got \(storage.count)")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A matrix from row-major values (`values[i * columns + j]` is element (i, j)), as written in code.
    ///
    /// - Complexity: O(rows · columns).
    public init(rows: Int, columns: Int, rowMajor values: [Double]) {
        precondition(values.count == rows * columns,
                     "Matrix(rows: \(rows), columns: \(columns)) needs \(rows * columns) values, got \(values.count)")
        var result = Matrix(rows: rows, columns: columns)
        for i in 0..<rows {
            for j in 0..<columns { result.storage[j * rows + i] = values[i * columns + j] }
        }
        self = result
    }

    /// A matrix from an array of rows, e.g. `Matrix([[1, 2], [3, 4]])`. Every row must have the same length.
    ///
    /// - Complexity: O(rows · columns).
    public init(_ rowArrays: [[Double]]) {
        let m = rowArrays.count
        let n = rowArrays.first?.count ?? 0
        for (i, row) in rowArrays.enumerated() {
            precondition(row.count == n, "Matrix row \(i) has \(row.count) values, row 0 has \(n)")
        }
        self.init(rows: m, columns: n, rowMajor: rowArrays.flatMap { $0 })
    }

    /// A matrix from an array of columns. Every column must have the same length.
    ///
    /// - Complexity: O(rows · columns).
    public init(columnArrays: [[Double]]) {
        let n = columnArrays.count
        let m = columnArrays.first?.count ?? 0
        for (j, column) in columnArrays.enumerated() {
            precondition(column.count == m, "Matrix column \(j) has \(column.count) values, column 0 has \(m)")
        }
        self.init(rows: m, columns: n, columnMajor: columnArrays.flatMap { $0 })
    }

    /// The `n × n` identity matrix.
    ///
    /// - Complexity: O(n²).
    public static func identity(_ n: Int) -> Matrix {
        var result = Matrix(rows: n, columns: n)
        for i in 0..<n { result.storage[i * n + i] = 1 }
        return result
    }

    /// A square matrix with `values` on its diagonal and zeros elsewhere.
    ///
    /// - Complexity: O(n²).
    public init(diagonal values: [Double]) {
        let n = values.count
        self.init(rows: n, columns: n)
        for i in 0..<n { storage[i * n + i] = values[i] }
    }

    /// `(rows, columns)`.
    ///
    /// - Complexity: O(1).
    @inlinable public var shape: (rows: Int, columns: Int) { (rows, columns) }

    /// Whether `rows == columns`.
    ///
    /// - Complexity: O(1).
    @inlinable public var isSquare: Bool { rows == columns }

    /// Element (i, j). Traps when out of range.
    ///
    /// - Complexity: O(1).
    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get {
            precondition(i >= 0 && i < rows && j >= 0 && j < columns,
                         "Matrix index (\(i), \(j)) out of range for \(rows)×\(columns)")
            return storage[j * rows + i]
        }
        set {
            precondition(i >= 0 && i < rows && j >= 0 && j < columns,
                         "Matrix index (\(i), \(j)) out of range for \(rows)×\(columns)")
            storage[j * rows + i] = newValue
        }
    }

    /// A copy of column `j` (contiguous in storage).
    ///
    /// - Complexity: O(rows).
    public func column(_ j: Int) -> [Double] {
        precondition(j >= 0 && j < columns, "column \(j) out of range for \(rows)×\(columns)")
        return Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    /// Replaces column `j`.
    ///
    /// - Complexity: O(rows).
    public mutating func setColumn(_ j: Int, _ values: [Double]) {
        precondition(j >= 0 && j < columns, "column \(j) out of range for \(rows)×\(columns)")
        precondition(values.count == rows, "setColumn needs \(rows) values, got \(values.count)")
        storage.replaceSubrange((j * rows)..<((j + 1) * rows), with: values)
    }

    /// A copy of row `i` (strided in storage).
    ///
    /// - Complexity: O(columns).
    public func row(_ i: Int) -> [Double] {
        precondition(i >= 0 && i < rows, "row \(i) out of range for \(rows)×\(columns)")
        return (0..<columns).map { storage[$0 * rows + i] }
    }

    /// Replaces row `i`.
    ///
    /// - Complexity: O(columns).
    public mutating func setRow(_ i: Int, _ values: [Double]) {
        precondition(i >= 0 && i < rows, "row \(i) out of range for \(rows)×\(columns)")
        precondition(values.count == columns, "setRow needs \(columns) values, got \(values.count)")
        for j in 0..<columns { storage[j * rows + i] = values[j] }
    }

    /// The diagonal (length `min(rows, columns)`).
    ///
    /// - Complexity: O(min(rows, columns)).
    public var diagonal: [Double] {
        (0..<Swift.min(rows, columns)).map { storage[$0 * rows + $0] }
    }

    /// The rows as arrays (row-major nesting), e.g. for printing or JSON.
    ///
    /// - Complexity: O(rows · columns).
    public var rowArrays: [[Double]] { (0..<rows).map { row($0) } }

    /// The transpose, copied in 32×32 tiles so that both the reads and the writes stay in cache.
    ///
    /// - Complexity: O(rows · columns).
    public func transposed() -> Matrix {
        var result = Matrix(rows: columns, columns: rows)
        let m = rows, n = columns
        let tile = 32
        storage.withUnsafeBufferPointer { src in
            result.storage.withUnsafeMutableBufferPointer { dst in
                for j0 in stride(from: 0, to: n, by: tile) {
                    for i0 in stride(from: 0, to: m, by: tile) {
                        for j in j0..<Swift.min(j0 + tile, n) {
                            for i in i0..<Swift.min(i0 + tile, m) { dst[i * n + j] = src[j * m + i] }
                        }
                    }
                }
            }
        }
        return result
    }

    /// Calls `body` with the column-major storage (leading dimension `rows`).
    ///
    /// - Complexity: O(1).
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the mutable column-major storage (leading dimension `rows`).
    ///
    /// - Complexity: O(1) (O(rows · columns) if the storage is shared and must be copied).
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Double>) throws -> R
    ) rethrows -> R {
        try storage.withUnsafeMutableBufferPointer(body)
    }

    /// The largest absolute element (0 for an empty matrix).
    ///
    /// - Complexity: O(rows · columns).
    public var maxAbs: Double { storage.reduce(0) { Swift.max($0, abs($1)) } }

    /// The Frobenius norm √(Σ aᵢⱼ²), scaled against overflow (see ``VectorKernels/norm2(_:)``).
    ///
    /// - Complexity: O(rows · columns).
    public var frobeniusNorm: Double {
        storage.withUnsafeBufferPointer { VectorKernels.norm2($0) }
    }
}

extension Matrix: Codable {
    private enum CodingKeys: String, CodingKey { case rows, columns, storage }

    /// Decodes `{"rows": m, "columns": n, "storage": [column-major values]}`, checking the count.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let rows = try container.decode(Int.self, forKey: .rows)
        let columns = try container.decode(Int.self, forKey: .columns)
        let storage = try container.decode([Double].self, forKey: .storage)
        guard rows >= 0, columns >= 0, storage.count == rows * columns else {
            throw DecodingError.dataCorruptedError(
                forKey: .storage, in: container,
                debugDescription: "Matrix of shape \(rows)×\(columns) needs \(max(0, rows * columns)) values, found \(storage.count)")
        }
        self.init(rows: rows, columns: columns, columnMajor: storage)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rows, forKey: .rows)
        try container.encode(columns, forKey: .columns)
        try container.encode(storage, forKey: .storage)
    }
}

extension Matrix: CustomStringConvertible {
    public var description: String {
        let shown = rowArrays.prefix(8).map { row in
            row.prefix(8).map { String(format: "%.6g", $0) }.joined(separator: ", ") + (columns > 8 ? ", …" : "")
        }
        return "Matrix \(rows)×\(columns) [\n  " + shown.joined(separator: "\n  ") + (rows > 8 ? "\n  …" : "") + "\n]"
    }
}

// MARK: - Element-wise arithmetic

extension Matrix {
    /// - Complexity: O(rows · columns).
    public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns,
                     "Matrix + needs equal shapes, got \(lhs.rows)×\(lhs.columns) and \(rhs.rows)×\(rhs.columns)")
        var result = lhs
        result.storage.withUnsafeMutableBufferPointer { y in
            rhs.storage.withUnsafeBufferPointer { x in VectorKernels.axpy(1, x, y) }
        }
        return result
    }

    /// - Complexity: O(rows · columns).
    public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns,
                     "Matrix - needs equal shapes, got \(lhs.rows)×\(lhs.columns) and \(rhs.rows)×\(rhs.columns)")
        var result = lhs
        result.storage.withUnsafeMutableBufferPointer { y in
            rhs.storage.withUnsafeBufferPointer { x in VectorKernels.axpy(-1, x, y) }
        }
        return result
    }

    /// - Complexity: O(rows · columns).
    public static func * (scalar: Double, matrix: Matrix) -> Matrix {
        var result = matrix
        result.storage.withUnsafeMutableBufferPointer { VectorKernels.scale(scalar, $0) }
        return result
    }
}

