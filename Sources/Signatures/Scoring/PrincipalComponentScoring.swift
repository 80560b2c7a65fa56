import CohortData
import LinearAlgebra

/// The first principal component of a signature's standardised genes across the cohort.
///
///     z_gs = (x_gs − μ_g)/σ_g;   C = correlation matrix of the genes;   v = leading eigenvector of C,
///     sign chosen so that Σ_g v_g > 0;   score(s) = Σ_g v_g z_gs
///
/// A missing value contributes z = 0 (mean imputation); genes constant across the cohort are left out.
/// **The score depends on the cohort** (the loadings are estimated from it), and it is only defined
/// up to scale: compare patients within one cohort. Used, e.g., for the TMEscore (Zeng D et al. 2019,
/// Cancer Immunol Res 7:737, PMID 30842092) and IMvigor210 signature scores.
///
/// - Complexity: O(k² × samples + k³).
public enum PrincipalComponentScoring {
    /// One score per sample and the loadings (one per gene of `genes`, 0 for unused genes).
    public static func scores(_ expression: ExpressionBlock, genes: [Int]) throws -> (scores: [Double], loadings: [Double]) {
        let n = expression.sampleCount
        var standardised: [[Double]] = []
        var used: [Int] = []
        for (i, g) in genes.enumerated() {
            let (m, s) = ZScoreScoring.moments(expression, gene: g)
            guard m.isFinite, s.isFinite, s > 0 else { continue }
            standardised.append((0..<n).map { j in
                let v = expression.values[g * n + j]
                return v.isNaN ? 0 : (v - m) / s
            })
            used.append(i)
        }
        var loadings = [Double](repeating: 0, count: genes.count)
        let k = standardised.count
        guard k > 0, n > 1 else { return ([Double](repeating: .nan, count: n), loadings) }
        var c = Matrix(rows: k, columns: k)
        for a in 0..<k {
            for b in 0...a {
                var sum = 0.0
                for j in 0..<n { sum += standardised[a][j] * standardised[b][j] }
                c[a, b] = sum / Double(n - 1)
                c[b, a] = c[a, b]
            }
        }
        let eigen = try SymmetricEigendecomposition(c)
        var v = (0..<k).map { eigen.eigenvectors[$0, k - 1] }
        if v.reduce(0, +) < 0 { v = v.map { -$0 } }
        for (i, index) in used.enumerated() { loadings[index] = v[i] }
        let scores = (0..<n).map { j in (0..<k).reduce(0.0) { $0 + v[$1] * standardised[$1][j] } }
        return (scores, loadings)
    }
}
