import Foundation
import Learning
import Statistics
import Testing
@testable import Explanation

/// Brute-force Shapley interaction index over all subsets for the path-dependent value function
/// (Lundberg et al. 2020): Φ_ij = Σ_{S ⊆ M∖{i,j}} |S|!(M−|S|−2)!/(2(M−1)!) ∇_ij(S) off the diagonal,
/// Φ_ii = φ_i − Σ_{j≠i} Φ_ij.
func bruteForceInteractions(_ explainer: TreeExplainer, x: [Double]) -> [[Double]] {
    let m = x.count
    func v(_ s: Set<Int>) -> Double {
        var total = 0.0
        for (t, tree) in explainer.trees.enumerated() {
            total += conditionalExpectation(tree, cover: explainer.covers[t], x: x, known: s, binner: explainer.binner)
        }
        return explainer.outputOffset + explainer.treeScale * total
    }
    func factorial(_ k: Int) -> Double { k <= 1 ? 1 : Double(k) * factorial(k - 1) }
    var phi = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
    for i in 0..<m {
        for j in 0..<m where j != i {
            for mask in 0..<(1 << m) where mask & (1 << i) == 0 && mask & (1 << j) == 0 {
                let s = Set((0..<m).filter { mask & (1 << $0) != 0 })
                let w = factorial(s.count) * factorial(m - s.count - 2) / (2 * factorial(m - 1))
                phi[i][j] += w * (v(s.union([i, j])) - v(s.union([i])) - v(s.union([j])) + v(s))
            }
        }
    }
    let shap = bruteForceSHAP(explainer, x: x)
    for i in 0..<m { phi[i][i] = shap[i] - (0..<m).filter { $0 != i }.reduce(0) { $0 + phi[i][$1] } }
    return phi
}

@Suite("SHAP interaction values")
struct InteractionValuesTests {
    @Test("GBDT with missing values: equal to the brute-force Shapley interaction index to 1e-10")
    func gbdtMatchesBruteForce() throws {
        let (data, _) = syntheticBinary(rows: 300, seed: 21, missing: true)
        let model = try GradientBoostedTrees(iterations: 6, maxLeaves: 10, minSamplesLeaf: 5).fit(data, seed: 4)
        let explainer = try TreeExplainer(model: model)
        let rows = Array(0..<12)
        let interactions = try explainer.interactionValues(data.features.selectingRows(rows))
        var worst = 0.0
        for (k, i) in rows.enumerated() {
            let exact = bruteForceInteractions(explainer, x: data.features.row(i))
            for a in 0..<exact.count { for b in 0..<exact.count { worst = max(worst, abs(exact[a][b] - interactions[k, a, b])) } }
        }
        #expect(worst < 1e-10, "max |TreeSHAP − brute force| = \(worst)")
    }

    @Test("Rows sum to the SHAP values, the matrix is symmetric, and the total adds up to the output")
    func additivity() throws {
        let (data, _) = syntheticBinary(rows: 400, seed: 22, missing: true)
        let model = try RandomForest(trees: 12, maxDepth: 6).fit(data, seed: 3)
        let explainer = try TreeExplainer(model: model)
        let interactions = try explainer.interactionValues(data.features)
        let shap = try explainer.shapValues(data.features)
        let p = data.features.columnCount
        var rowSum = 0.0, asymmetry = 0.0, total = 0.0
        for r in 0..<data.rowCount {
            var all = interactions.baseValue
            for i in 0..<p {
                var s = 0.0
                for j in 0..<p {
                    s += interactions[r, i, j]
                    asymmetry = max(asymmetry, abs(interactions[r, i, j] - interactions[r, j, i]))
                }
                rowSum = max(rowSum, abs(s - shap[r, i]))
                all += s
            }
            total = max(total, abs(all - shap.outputs[r]))
        }
        #expect(rowSum < 1e-12)
        #expect(asymmetry < 1e-12)
        #expect(total < 1e-10)
        #expect(interactions.shapValues.localAccuracyError < 1e-10)
    }

    @Test("An interaction planted in the data is found between the right pair")
    func plantedInteraction() throws {
        // y depends on x0 · x1 only (a pure interaction); x2, x3 are noise.
        var g = Xoshiro256StarStar(seed: 5)
        var columns = [[Double]](repeating: [], count: 4)
        var y = [Double]()
        for _ in 0..<800 {
            let x = (0..<4).map { _ in g.nextUniform() * 2 - 1 }
            for j in 0..<4 { columns[j].append(x[j]) }
            y.append(3 * x[0] * x[1])
        }
        let data = Dataset(features: FeatureMatrix(names: ["a", "b", "c", "d"], columns: columns), target: .continuous(y))
        let model = try GradientBoostedTrees(iterations: 80, maxLeaves: 8).fit(data, seed: 1)
        let interactions = try TreeExplainer(model: model).interactionValues(data.features.selectingRows(Array(0..<200)))
        let m = interactions.meanAbsolute
        let ab = m[0 * 4 + 1]
        #expect(ab > 5 * max(m[0 * 4 + 2], m[0 * 4 + 3], m[1 * 4 + 2], m[2 * 4 + 3]))
    }

    @Test("Linear models: interaction values are the SHAP values on the diagonal, zero elsewhere")
    func linear() throws {
        let explainer = LinearExplainer(featureNames: ["a", "b"], coefficients: [2, -1], means: [1, 0], outputOffset: 0.5,
                                        scale: .logOdds)
        let x = FeatureMatrix(names: ["a", "b"], rows: [[3, 1], [0, -2]])
        let interactions = try explainer.interactionValues(x)
        let shap = try explainer.shapValues(x)
        for r in 0..<2 {
            for i in 0..<2 {
                for j in 0..<2 { #expect(interactions[r, i, j] == (i == j ? shap[r, i] : 0)) }
            }
        }
        #expect(interactions[0, 0, 0] == 4 && interactions[1, 1, 1] == 2)
    }

    @Test("Rejects rows with different features")
    func incompatible() throws {
        let (data, _) = syntheticBinary(rows: 100, seed: 1)
        let explainer = try TreeExplainer(model: GradientBoostedTrees(iterations: 3).fit(data, seed: 1))
        #expect(throws: ExplanationError.self) {
            try explainer.interactionValues(data.features.selectingColumns([1, 0, 2, 3, 4]))
        }
    }
}
