/// SHAP interaction values for a set of rows (Lundberg, Erion, Chen et al. 2020, *Nat Mach Intell* 2:56,
/// "SHAP interaction values"; Fujimoto, Kojadinovic & Marichal 2006, *Games Econ Behav* 55:72, the
/// Shapley interaction index).
///
/// For row r, `values[(r · p + i) · p + j]` is Φ_ij. Off the diagonal (i ≠ j)
///
///     Φ_ij = Σ_{S ⊆ M∖{i,j}} |S|! (M − |S| − 2)! / (2 (M − 1)!) · ∇_ij(S),
///     ∇_ij(S) = v(S ∪ {i,j}) − v(S ∪ {i}) − v(S ∪ {j}) + v(S),
///
/// split equally between Φ_ij and Φ_ji (the matrix is symmetric). The diagonal is the main effect
/// Φ_ii = φ_i − Σ_{j≠i} Φ_ij, so every row of the matrix sums to the feature's SHAP value φ_i and the
/// whole matrix, plus ``baseValue``, to the model output (local accuracy).
///
/// Memory is n · p² doubles.
public struct SHAPInteractionValues: Sendable, Hashable, Codable {
    public var featureNames: [String]
    public var rowCount: Int
    /// Row-major `rowCount × p × p`.
    public var values: [Double]
    /// The expected model output (the SHAP base value).
    public var baseValue: Double
    /// The model output being explained, per row.
    public var outputs: [Double]
    public var scale: ExplanationScale

    public init(featureNames: [String], rowCount: Int, values: [Double], baseValue: Double, outputs: [Double],
                scale: ExplanationScale) {
        precondition(values.count == rowCount * featureNames.count * featureNames.count && outputs.count == rowCount)
        self.featureNames = featureNames
        self.rowCount = rowCount
        self.values = values
        self.baseValue = baseValue
        self.outputs = outputs
        self.scale = scale
    }

    public var featureCount: Int { featureNames.count }

    /// Φ_ij of row `row`.
    public subscript(row: Int, i: Int, j: Int) -> Double {
        values[(row * featureCount + i) * featureCount + j]
    }

    /// The SHAP values the interactions decompose: φ_i = Σ_j Φ_ij per row.
    ///
    /// - Complexity: O(n · p²).
    public var shapValues: SHAPValues {
        let p = featureCount
        var phi = [Double](repeating: 0, count: rowCount * p)
        for r in 0..<rowCount {
            for i in 0..<p {
                var s = 0.0
                for j in 0..<p { s += values[(r * p + i) * p + j] }
                phi[r * p + i] = s
            }
        }
        return SHAPValues(featureNames: featureNames, rowCount: rowCount, values: phi, baseValue: baseValue,
                          outputs: outputs, scale: scale)
    }

    /// Mean |Φ_ij| over rows, `p × p` row-major: the global interaction strength (shap's summary of
    /// interaction values).
    ///
    /// - Complexity: O(n · p²).
    public var meanAbsolute: [Double] {
        let p2 = featureCount * featureCount
        var total = [Double](repeating: 0, count: p2)
        for r in 0..<rowCount { for k in 0..<p2 { total[k] += abs(values[r * p2 + k]) } }
        return total.map { rowCount > 0 ? $0 / Double(rowCount) : 0 }
    }
}
