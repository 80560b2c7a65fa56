import Learning

/// Partial dependence and individual conditional expectation (ICE) curves.
///
/// **Algorithm.** For feature j and grid values g₁ < … < g_K, every row i is copied with x_ij set to g_k
/// and the model predicts: ICE_i(g_k) = f(g_k, x_i,−j) (Goldstein, Kapelner, Bleich & Pitkin 2015,
/// *J Comput Graph Stat* 24:44). The partial dependence is their average over rows,
/// PD(g_k) = (1/n) Σ_i ICE_i(g_k) (Friedman 2001, *Ann Stat* 29:1189, §8.2; scikit-learn's
/// `partial_dependence(kind="both")` with `method="brute"`). The default grid is `gridSize` equally
/// spaced quantiles between the 5th and 95th percentiles of the observed values (scikit-learn's
/// `percentiles=(0.05, 0.95)`), or all distinct values when there are fewer than `gridSize`.
public struct PartialDependence: Sendable, Hashable, Codable {
    public var feature: String
    public var grid: [Double]
    /// The average curve, one value per grid point, on the model's prediction scale.
    public var average: [Double]
    /// ICE curves, one per row (outer), one value per grid point (inner).
    public var individual: [[Double]]

    /// - Complexity: one prediction on n · K rows.
    public init(model: any FittedModel, features: FeatureMatrix, feature name: String, grid: [Double]? = nil,
                gridSize: Int = 20) throws {
        guard let j = features.index(of: name) else { throw ExplanationError.unknownFeature(name) }
        guard gridSize >= 2 else {
            throw ExplanationError.invalidParameter(name: "gridSize", value: "\(gridSize)", fix: "use at least 2, e.g. 20")
        }
        let grid = grid ?? Self.defaultGrid(Array(features.column(j)), size: gridSize)
        let n = features.rowCount, k = grid.count, p = features.columnCount
        // One stacked matrix: block g holds every row with feature j set to grid[g].
        var values = [Double](repeating: 0, count: n * k * p)
        for c in 0..<p {
            for g in 0..<k {
                let base = c * n * k + g * n
                if c == j {
                    for i in 0..<n { values[base + i] = grid[g] }
                } else {
                    for i in 0..<n { values[base + i] = features.values[c * n + i] }
                }
            }
        }
        let stacked = FeatureMatrix(names: features.names, rowCount: n * k, columnMajor: values,
                                    categoricalLevels: features.categoricalLevels)
        let predictions = try model.predict(stacked)
        var ice = [[Double]](repeating: [Double](repeating: 0, count: k), count: n)
        var average = [Double](repeating: 0, count: k)
        for g in 0..<k {
            for i in 0..<n {
                let v = predictions[g * n + i]
                ice[i][g] = v
                average[g] += v
            }
            average[g] /= Double(max(n, 1))
        }
        self.feature = name
        self.grid = grid
        self.average = average
        self.individual = ice
    }

    static func defaultGrid(_ column: [Double], size: Int) -> [Double] {
        let observed = column.filter { !$0.isNaN }.sorted()
        guard !observed.isEmpty else { return [] }
        var distinct = [Double]()
        for v in observed where distinct.last != v { distinct.append(v) }
        if distinct.count <= size { return distinct }
        func quantile(_ q: Double) -> Double {
            let h = q * Double(observed.count - 1)
            let lo = Int(h.rounded(.down)), hi = min(lo + 1, observed.count - 1)
            return observed[lo] + (h - Double(lo)) * (observed[hi] - observed[lo])
        }
        let a = quantile(0.05), b = quantile(0.95)
        return (0..<size).map { a + (b - a) * Double($0) / Double(size - 1) }
    }
}
