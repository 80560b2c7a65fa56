import Foundation
import Learning
import Statistics
import Testing
@testable import Explanation

/// Synthetic binary data: `informative` causal features among `noise` noise features, with a few NaNs.
func syntheticBinary(rows n: Int, informative: Int = 2, noise: Int = 3, seed: UInt64, missing: Bool = false)
    -> (Dataset, [String]) {
    var g = Xoshiro256StarStar(seed: seed)
    let p = informative + noise
    var columns = [[Double]](repeating: [], count: p)
    var y = [Double]()
    for _ in 0..<n {
        var x = [Double]()
        for _ in 0..<p { x.append(g.nextUniform() * 4 - 2) }
        var eta = 0.0
        if informative >= 1 { eta += 2.0 * x[0] }
        if informative >= 2 { eta += -1.5 * x[1] + (x[1] > 0.5 ? 1.0 : 0) }
        let prob = 1 / (1 + exp(-eta))
        y.append(g.nextUniform() < prob ? 1 : 0)
        for j in 0..<p { columns[j].append(missing && g.nextUniform() < 0.05 ? .nan : x[j]) }
    }
    let names = (0..<p).map { $0 < informative ? "causal\($0)" : "noise\($0 - informative)" }
    return (Dataset(features: FeatureMatrix(names: names, columns: columns), target: .binary(y)), names)
}

/// The path-dependent conditional expectation E[f(x) | x_S] of one tree (Lundberg 2020, Algorithm 1).
func conditionalExpectation(_ tree: FlatTree, cover: [Double], x: [Double], known: Set<Int>, binner: FeatureBinner,
                            node k: Int = 0) -> Double {
    if tree.feature[k] < 0 { return tree.leafValue[k] }
    let f = Int(tree.feature[k]), l = Int(tree.left[k]), r = Int(tree.right[k])
    if known.contains(f) {
        let next = TreeCover.goesLeft(tree, node: k, value: x[f], binner: binner) ? l : r
        return conditionalExpectation(tree, cover: cover, x: x, known: known, binner: binner, node: next)
    }
    return (cover[l] * conditionalExpectation(tree, cover: cover, x: x, known: known, binner: binner, node: l)
        + cover[r] * conditionalExpectation(tree, cover: cover, x: x, known: known, binner: binner, node: r)) / cover[k]
}

/// Brute-force Shapley values over all 2^M subsets, the definition TreeSHAP must reproduce.
func bruteForceSHAP(_ explainer: TreeExplainer, x: [Double]) -> [Double] {
    let m = x.count
    func v(_ s: Set<Int>) -> Double {
        var total = 0.0
        for (t, tree) in explainer.trees.enumerated() {
            total += conditionalExpectation(tree, cover: explainer.covers[t], x: x, known: s, binner: explainer.binner)
        }
        return explainer.outputOffset + explainer.treeScale * total
    }
    func factorial(_ k: Int) -> Double { k <= 1 ? 1 : Double(k) * factorial(k - 1) }
    var phi = [Double](repeating: 0, count: m)
    for mask in 0..<(1 << m) {
        let s = Set((0..<m).filter { mask & (1 << $0) != 0 })
        let base = v(s)
        for j in 0..<m where !s.contains(j) {
            let w = factorial(s.count) * factorial(m - s.count - 1) / factorial(m)
            phi[j] += w * (v(s.union([j])) - base)
        }
    }
    return phi
}

@Suite("TreeSHAP")
struct TreeSHAPTests {
    @Test("GBDT: local accuracy to 1e-9 against the model's own raw scores")
    func gbdtLocalAccuracy() throws {
        let (data, _) = syntheticBinary(rows: 400, seed: 1, missing: true)
        let model = try GradientBoostedTrees(iterations: 30, maxLeaves: 8, minSamplesLeaf: 10).fit(data, seed: 3)
        let explainer = try TreeExplainer(model: model, reference: data.features)
        let shap = try explainer.shapValues(data.features)
        let raw = try model.rawScores(data.features)
        #expect(shap.scale == .logOdds)
        for i in 0..<data.rowCount {
            let total = shap.baseValue + shap.row(i).reduce(0, +)
            #expect(abs(total - raw[i]) < 1e-9)
        }
        #expect(shap.localAccuracyError < 1e-9)
        // The base value is the training-data mean of the raw score for trees grown on all rows.
        let meanRaw = raw.reduce(0, +) / Double(raw.count)
        #expect(abs(shap.baseValue - meanRaw) < 1e-9)
    }

    @Test("GBDT: TreeSHAP equals brute-force Shapley values over all subsets")
    func gbdtMatchesBruteForce() throws {
        let (data, _) = syntheticBinary(rows: 300, seed: 5, missing: true)
        let model = try GradientBoostedTrees(iterations: 8, maxLeaves: 12, minSamplesLeaf: 5).fit(data, seed: 1)
        let explainer = try TreeExplainer(model: model, reference: data.features)
        let rows = Array(0..<25)
        let shap = try explainer.shapValues(data.features.selectingRows(rows))
        var worst = 0.0
        for (k, i) in rows.enumerated() {
            let exact = bruteForceSHAP(explainer, x: data.features.row(i))
            for j in 0..<exact.count { worst = max(worst, abs(exact[j] - shap[k, j])) }
        }
        #expect(worst < 1e-10)
    }

    @Test("Random forest: probability scale, local accuracy and brute force")
    func forest() throws {
        let (data, _) = syntheticBinary(rows: 200, seed: 9)
        let model = try RandomForest(trees: 5, maxDepth: 6).fit(data, seed: 2)
        let explainer = try TreeExplainer(model: model, reference: data.features)
        let shap = try explainer.shapValues(data.features)
        let predicted = try model.predict(data.features)
        #expect(shap.scale == .probability)
        for i in 0..<data.rowCount {
            #expect(abs(shap.baseValue + shap.row(i).reduce(0, +) - predicted[i]) < 1e-9)
        }
        for i in 0..<10 {
            let exact = bruteForceSHAP(explainer, x: data.features.row(i))
            for j in 0..<exact.count { #expect(abs(exact[j] - shap[i, j]) < 1e-10) }
        }
    }

    @Test("A feature the trees never split on gets exactly zero")
    func unusedFeatureIsZero() throws {
        let (data, names) = syntheticBinary(rows: 300, seed: 4)
        let model = try GradientBoostedTrees(iterations: 10, maxLeaves: 4, minSamplesLeaf: 10).fit(data, seed: 1)
        let used = Set(model.trees.flatMap { $0.feature.filter { $0 >= 0 }.map(Int.init) })
        let shap = try TreeExplainer(model: model, reference: data.features).shapValues(data.features)
        for j in 0..<names.count where !used.contains(j) {
            #expect(shap.meanAbsolute[j] == 0)
        }
    }

    @Test("Synthetic truth: the top-2 mean |SHAP| features are the 2 causal ones among 10 noise features")
    func causalFeaturesRankFirst() throws {
        let (data, names) = syntheticBinary(rows: 1_500, informative: 2, noise: 10, seed: 11)
        let model = try GradientBoostedTrees(iterations: 60, maxLeaves: 8).fit(data, seed: 7)
        let shap = try TreeExplainer(model: model, reference: data.features).shapValues(data.features)
        let top = Set(shap.ranking.prefix(2).map { names[$0] })
        #expect(top == ["causal0", "causal1"])
        // And by a margin: the causal features' mean |SHAP| is at least 3× the largest noise feature's.
        let m = shap.meanAbsolute
        #expect(min(m[0], m[1]) > 3 * m[2...].max()!)
    }

    @Test("Rejects rows with different features")
    func incompatible() throws {
        let (data, _) = syntheticBinary(rows: 100, seed: 1)
        let model = try GradientBoostedTrees(iterations: 3).fit(data, seed: 1)
        let explainer = try TreeExplainer(model: model, reference: data.features)
        let wrong = data.features.selectingColumns([1, 0, 2, 3, 4])
        #expect(throws: ExplanationError.self) { try explainer.shapValues(wrong) }
    }
}
