import Foundation
import Learning
import Testing
import TestSupport
@testable import Explanation

/// Agreement with `shap.TreeExplainer` (shap 0.51.0) on the same trees.
///
/// A small ImmunoKit GBDT (numerical features, 5 % missing values) was fitted and exported — the model
/// (`gbdt_model.json`), its flat node arrays with the training-data covers, and rows to explain
/// (`immunokit_trees.json`). `generate_shap.py` rebuilt the trees as a shap custom tree model and wrote
/// shap's path-dependent SHAP values (`shap_reference.json`). Regenerate with
/// `IMMUNOKIT_WRITE_FIXTURES=1 swift test --filter SHAPAgreement` then the Python script.
@Suite("Agreement with shap.TreeExplainer")
struct SHAPAgreementTests {
    static let directory = "explanation"

    @Test("Path-dependent TreeSHAP equals shap.TreeExplainer to 1e-6")
    func agreesWithShap() throws {
        if ProcessInfo.processInfo.environment["IMMUNOKIT_WRITE_FIXTURES"] == "1" { try Self.export() }
        let model = try JSONDecoder().decode(GradientBoostedTreesModel.self,
                                             from: Fixtures.data("\(Self.directory)/gbdt_model.json"))
        let exported = try JSONSerialization.jsonObject(
            with: Fixtures.data("\(Self.directory)/immunokit_trees.json")) as! [String: Any]
        let covers = (exported["trees"] as! [[String: Any]]).map { ($0["cover"] as! [NSNumber]).map(\.doubleValue) }
        let rows = (exported["rows"] as! [[Any]]).map { $0.map { ($0 as? NSNumber)?.doubleValue ?? .nan } }
        let reference = try JSONSerialization.jsonObject(
            with: Fixtures.data("\(Self.directory)/shap_reference.json")) as! [String: Any]
        let expected = (reference["expected_value"] as! NSNumber).doubleValue
        let values = (reference["shap_values"] as! [[NSNumber]]).map { $0.map(\.doubleValue) }

        let explainer = TreeExplainer(trees: model.trees, covers: covers, binner: model.binner,
                                      featureNames: model.featureNames, outputOffset: model.initialScore,
                                      scale: .logOdds)
        let x = FeatureMatrix(names: model.featureNames, rows: rows)
        let shap = try explainer.shapValues(x)
        #expect(abs(shap.baseValue - expected) < 1e-9)
        var worst = 0.0
        for i in 0..<rows.count { for j in 0..<model.featureNames.count { worst = max(worst, abs(shap[i, j] - values[i][j])) } }
        print("TreeSHAP vs shap.TreeExplainer: max abs difference \(worst) over \(rows.count) rows")
        #expect(worst < 1e-6, "max |ImmunoKit − shap| = \(worst)")
        #expect(rows.contains { $0.contains { $0.isNaN } }, "the fixture exercises missing values")
        // The rebuilt trees are the model: local accuracy against the model's raw scores.
        let raw = try model.rawScores(x)
        for i in 0..<rows.count { #expect(abs(shap.baseValue + shap.row(i).reduce(0, +) - raw[i]) < 1e-9) }
    }

    static func export() throws {
        let (data, _) = syntheticBinary(rows: 300, informative: 2, noise: 3, seed: 77, missing: true)
        let model = try GradientBoostedTrees(iterations: 20, maxLeaves: 10, minSamplesLeaf: 8).fit(data, seed: 5)
        let explainer = try TreeExplainer(model: model, reference: data.features)
        var trees = [[String: Any]]()
        for (t, tree) in model.trees.enumerated() {
            let means = TreeCover.nodeMeans(tree, covers: explainer.covers[t])
            trees.append([
                "left": tree.left.map(Int.init), "right": tree.right.map(Int.init),
                "default": (0..<tree.nodeCount).map { Int(tree.defaultLeft[$0] ? tree.left[$0] : tree.right[$0]) },
                "feature": tree.feature.map { max(Int($0), 0) },
                "threshold": tree.threshold, "value": means, "cover": explainer.covers[t],
            ])
        }
        let rows: [[Any]] = (0..<40).map { i in data.features.row(i).map { $0.isNaN ? NSNull() : $0 as Any } }
        let object: [String: Any] = ["offset": model.initialScore, "trees": trees, "rows": rows]
        let folder = Fixtures.url(directory)
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            .write(to: folder.appendingPathComponent("immunokit_trees.json"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(model).write(to: folder.appendingPathComponent("gbdt_model.json"))
    }
}
