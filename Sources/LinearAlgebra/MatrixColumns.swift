/// A read-only view of a contiguous range of columns of a ``Matrix``, without copying.
///
/// Because storage is column-major, columns `lo..<hi` occupy the single contiguous run
/// `storage[lo * rows ..< hi * rows]`, so the view is itself a column-major matrix with leading
/// dimension `rows` and can be handed to every kernel directly. The view holds the base matrix
/// (sharing its storage by copy-on-write), so it stays valid after the base variable changes.
///
/// - Complexity: creating a view is O(1); ``copy()`` is O(rows · count).
public struct MatrixColumns: Sendable {
    /// The matrix viewed.
    public let base: Matrix
    /// The columns of `base` in view.
    public let columnRange: Range<Int>

    /// - Complexity: O(1).
    public init(_ base: Matrix, columns range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= base.columns,
                     "column range \(range) out of bounds for a \(base.rows)×\(base.columns) matrix")
        self.base = base
        columnRange = range
    }

    /// Rows in view (same as the base).
    ///
    /// - Complexity: O(1).
    @inlinable public var rows: Int { base.rows }
    /// Columns in view.
    ///
    /// - Complexity: O(1).
    @inlinable public var columns: Int { columnRange.count }

    /// Element (i, j) of the view, i.e. (i, columnRange.lowerBound + j) of the base.
    ///
    /// - Complexity: O(1).
    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        precondition(j >= 0 && j < columns, "column \(j) out of range for a view of \(columns) columns")
        return base[i, columnRange.lowerBound + j]
    }

    /// Calls `body` with the contiguous column-major values of the view (leading dimension `rows`).
    ///
    /// - Complexity: O(1).
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        try base.storage.withUnsafeBufferPointer { all in
            let start = columnRange.lowerBound * base.rows
            return try body(UnsafeBufferPointer(rebasing: all[start..<(start + columns * base.rows)]))
        }
    }

    /// Calls `body` with column `j` of the view as a contiguous buffer.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func withColumn<R>(_ j: Int, _ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        precondition(j >= 0 && j < columns, "column \(j) out of range for a view of \(columns) columns")
        return try base.storage.withUnsafeBufferPointer { all in
            let start = (columnRange.lowerBound + j) * base.rows
            return try body(UnsafeBufferPointer(rebasing: all[start..<(start + base.rows)]))
        }
    }

    /// The view as a new matrix.
    ///
    /// - Complexity: O(rows · columns).
    public func copy() -> Matrix {
        withUnsafeBufferPointer { Matrix(rows: rows, columns: columns, columnMajor: Array($0)) }
    }
}

extension Matrix {
    /// A no-copy view of columns `range`.
    ///
    /// - Complexity: O(1).
    public func columns(_ range: Range<Int>) -> MatrixColumns { MatrixColumns(self, columns: range) }

    /// Calls `body` with column `j` as a contiguous buffer, without copying.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func withColumn<R>(_ j: Int, _ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        precondition(j >= 0 && j < columns, "column \(j) out of range for \(rows)×\(columns)")
        return try storage.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[(j * rows)..<((j + 1) * rows)]))
        }
    }

    /// A copy of the block `rowRange × columnRange`.
    ///
    /// - Complexity: O(rowRange.count · columnRange.count).
    public func submatrix(rows rowRange: Range<Int>, columns columnRange: Range<Int>) -> Matrix {
        precondition(rowRange.lowerBound >= 0 && rowRange.upperBound <= rows
                     && columnRange.lowerBound >= 0 && columnRange.upperBound <= columns,
                     "submatrix \(rowRange)×\(columnRange) out of bounds for \(rows)×\(columns)")
        var result = Matrix(rows: rowRange.count, columns: columnRange.count)
        for (jj, j) in columnRange.enumerated() {
            let source = j * rows + rowRange.lowerBound
            let target = jj * rowRange.count
            for ii in 0..<rowRange.count { result.storage[target + ii] = storage[source + ii] }
        }
        return result
    }
}
