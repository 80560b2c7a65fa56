/// The numeric input of an estimator: `rowCount` patients × `names.count` features, column-major
/// (`values[j * rowCount + i]` is feature `j` of patient `i`), so each feature is contiguous — the
/// layout coordinate descent, histogram binning and column sampling read.
///
/// Estimators reject non-finite values unless they handle missing values natively (the boosted trees
/// take NaN as "missing" and learn a default direction); the preprocessing pipeline imputes first.
///
/// A categorical feature holds integer codes `0, 1, …` into its entry of ``categoricalLevels`` (NaN =
/// missing), so that a fitted pipeline can map a new cohort's labels to the training labels by name and
/// flag labels it has never seen.
public struct FeatureMatrix: Sendable, Hashable, Codable {
    public var names: [String]
    public var rowCount: Int
    public var values: [Double]
    /// Labels of each categorical feature, by feature name: code `k` means `categoricalLevels[name]![k]`.
    public var categoricalLevels: [String: [String]]

    public init(names: [String], rowCount: Int, columnMajor values: [Double], categoricalLevels: [String: [String]] = [:]) {
        precondition(values.count == names.count * rowCount,
                     "a \(rowCount) × \(names.count) feature matrix needs \(rowCount * names.count) values, got \(values.count)")
        self.names = names
        self.rowCount = rowCount
        self.values = values
        self.categoricalLevels = categoricalLevels
    }

    /// Whether feature `j` is categorical.
    public func isCategorical(_ j: Int) -> Bool { categoricalLevels[names[j]] != nil }

    /// Builds a matrix from columns of equal length.
    public init(names: [String], columns: [[Double]]) {
        precondition(names.count == columns.count, "one name per column")
        let n = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == n }, "columns must have equal length")
        self.init(names: names, rowCount: n, columnMajor: columns.flatMap { $0 })
    }

    /// Builds a matrix from rows (convenient in tests).
    public init(names: [String], rows: [[Double]]) {
        precondition(rows.allSatisfy { $0.count == names.count }, "every row needs one value per feature")
        var values = [Double](repeating: 0, count: rows.count * names.count)
        for (i, row) in rows.enumerated() {
            for (j, v) in row.enumerated() { values[j * rows.count + i] = v }
        }
        self.init(names: names, rowCount: rows.count, columnMajor: values)
    }

    public var columnCount: Int { names.count }

    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get { values[column * rowCount + row] }
        set { values[column * rowCount + row] = newValue }
    }

    /// Feature `j` for every patient, contiguous.
    public func column(_ j: Int) -> ArraySlice<Double> {
        values[(j * rowCount)..<((j + 1) * rowCount)]
    }

    /// Patient `i`'s features (gathered).
    public func row(_ i: Int) -> [Double] {
        (0..<columnCount).map { values[$0 * rowCount + i] }
    }

    /// The matrix restricted to the rows at `indices`, in that order (resampling, folds).
    public func selectingRows(_ indices: [Int]) -> FeatureMatrix {
        var out = [Double]()
        out.reserveCapacity(indices.count * columnCount)
        for j in 0..<columnCount {
            let base = j * rowCount
            for i in indices { out.append(values[base + i]) }
        }
        return FeatureMatrix(names: names, rowCount: indices.count, columnMajor: out, categoricalLevels: categoricalLevels)
    }

    /// The matrix restricted to the columns at `indices`.
    public func selectingColumns(_ indices: [Int]) -> FeatureMatrix {
        var out = [Double]()
        out.reserveCapacity(indices.count * rowCount)
        for j in indices { out.append(contentsOf: column(j)) }
        let kept = indices.map { names[$0] }
        return FeatureMatrix(names: kept, rowCount: rowCount, columnMajor: out,
                             categoricalLevels: categoricalLevels.filter { kept.contains($0.key) })
    }

    /// Index of the feature called `name`.
    public func index(of name: String) -> Int? { names.firstIndex(of: name) }
}
