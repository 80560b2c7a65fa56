import Foundation
import Learning
import Statistics
import Testing
@testable import Explanation

/// The leaf-table path of TreeSHAP (``LeafTables``, used for many rows of shallow trees) must give the
/// values of the per-row recursion (Algorithm 2).
@Suite("TreeSHAP leaf tables")
struct LeafTableTests {
    /// Binary data with a categorical column (codes 0…5) next to numerical ones with missing values.
    static func mixedData(rows n: Int, seed: UInt64) -> Dataset {
        let (base, _) = syntheticBinary(rows: n, seed: seed, missing: true)
        var g = Xoshiro256StarStar(seed: seed + 100)
        let codes = (0..<n).map { _ in Double(g.next() % 6) }
        var y = base.target
        if case .binary(var labels) = y {
            for i in 0..<n where codes[i] == 2 || codes[i] == 5 { labels[i] = g.nextUniform() < 0.8 ? 1 : 0 }
            y = .binary(labels)
        }
        var columns = (0..<base.features.columnCount).map { Array(base.features.column($0)) }
        columns.append(codes)
        return Dataset(features: FeatureMatrix(names: base.features.names + ["site"], columns: columns), target: y)
    }

    @Test("GBDT with missing values and a categorical feature: tables equal the recursion to 1e-12")
    func gbdt() throws {
        let data = Self.mixedData(rows: 500, seed: 31)
        let model = try GradientBoostedTrees(iterations: 40, maxLeaves: 16, maxDepth: 5, categoricalFeatures: ["site"])
            .fit(data, seed: 2)
        #expect(model.trees.contains { $0.categorySets.count > 0 }, "the model uses categorical splits")
        let explainer = try TreeExplainer(model: model)
        let tables = try explainer.shapValues(data.features, tables: true)
        let recursion = try explainer.shapValues(data.features, tables: false)
        let worst = zip(tables.values, recursion.values).map { abs($0 - $1) }.max() ?? 0
        #expect(worst < 1e-12, "max |tables − recursion| = \(worst)")
        #expect(tables.localAccuracyError < 1e-10)
        #expect(LeafTables.worthwhile(explainer.packed, rows: 500), "500 rows of depth-5 trees use the tables by default")
        #expect(try explainer.shapValues(data.features) == tables)
    }

    @Test("Forest with repeated split features on a path: tables equal the recursion and brute force")
    func forest() throws {
        let (data, _) = syntheticBinary(rows: 300, informative: 2, noise: 1, seed: 32)
        let model = try RandomForest(trees: 6, maxFeatures: .all, maxDepth: 6).fit(data, seed: 3)
        let explainer = try TreeExplainer(model: model)
        let tables = try explainer.shapValues(data.features, tables: true)
        let recursion = try explainer.shapValues(data.features, tables: false)
        #expect(zip(tables.values, recursion.values).allSatisfy { abs($0 - $1) < 1e-12 })
        for i in 0..<5 {
            let exact = bruteForceSHAP(explainer, x: data.features.row(i))
            for j in 0..<exact.count { #expect(abs(exact[j] - tables[i, j]) < 1e-10) }
        }
        // Deep trees are not tabulated (memory 2^depth per leaf).
        let deep = try TreeExplainer(model: RandomForest(trees: 2, maxDepth: 14).fit(data, seed: 3))
        #expect(deep.packed.maxDepth <= LeafTables.maximumDepth || !LeafTables.worthwhile(deep.packed, rows: 100_000))
    }
}
