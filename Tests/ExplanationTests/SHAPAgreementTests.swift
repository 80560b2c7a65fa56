import Foundation
import Learning
import Testing
import TestSupport
@testable import Explanation

/// Agreement with `shap.TreeExplainer` (shap 0.51.0) on the same trees.
///
/// Two small ImmunoKit models (numerical features, 5 % missing values) were fitted and exported:
/// - a GBDT (`gbdt_model.json`, its flat node arrays with the training covers and rows to explain in
///   `immunokit_trees.json`);
/// - a bootstrapped random forest (`forest_model.json`, `immunokit_forest.json`), whose stored covers
///   count each training row with its bootstrap multiplicity, as shap reads scikit-learn's
///   `weighted_n_node_samples`.
/// `generate_shap.py` rebuilt the trees as shap custom tree models and wrote shap's path-dependent SHAP
/// values and SHAP interaction values (`shap_reference.json`, `shap_forest_reference.json`). Regenerate
/// with `IMMUNOKIT_WRITE_FIXTURES=1 swift test --filter SHAPAgreement` then the Python script.
@Suite("Agreement with shap.TreeExplainer", .serialized)
struct SHAPAgreementTests {
    static let directory = "explanation"

    struct Reference {
        var expected: Double
        var shap: [[Double]]
        var interactions: [[[Double]]]
        var rows: [[Double]]
        var covers: [[Double]]

        init(trees: String, reference: String) throws {
            let exported = try JSONSerialization.jsonObject(
                with: Fixtures.data("\(SHAPAgreementTests.directory)/\(trees)")) as! [String: Any]
            covers = (exported["trees"] as! [[String: Any]]).map { ($0["cover"] as! [NSNumber]).map(\.doubleValue) }
            rows = (exported["rows"] as! [[Any]]).map { $0.map { ($0 as? NSNumber)?.doubleValue ?? .nan } }
            let object = try JSONSerialization.jsonObject(
                with: Fixtures.data("\(SHAPAgreementTests.directory)/\(reference)")) as! [String: Any]
            expected = (object["expected_value"] as! NSNumber).doubleValue
            shap = (object["shap_values"] as! [[NSNumber]]).map { $0.map(\.doubleValue) }
            interactions = (object["interaction_values"] as! [[[NSNumber]]]).map { $0.map { $0.map(\.doubleValue) } }
        }
    }

    /// Largest |ImmunoKit − shap| over the SHAP values (recursion and leaf tables) and over the interaction
    /// values.
    static func differences(_ explainer: TreeExplainer, _ reference: Reference, names: [String]) throws
        -> (shap: Double, interactions: Double, base: Double) {
        let x = FeatureMatrix(names: names, rows: reference.rows)
        // Both TreeSHAP paths: the per-row recursion and the leaf tables.
        let shap = try explainer.shapValues(x, tables: false)
        let tables = try explainer.shapValues(x, tables: true)
        let interactions = try explainer.interactionValues(x)
        var worst = 0.0, worstInteraction = 0.0
        for i in 0..<reference.rows.count {
            for j in 0..<names.count {
                worst = max(worst, abs(shap[i, j] - reference.shap[i][j]), abs(tables[i, j] - reference.shap[i][j]))
                for k in 0..<names.count {
                    worstInteraction = max(worstInteraction, abs(interactions[i, j, k] - reference.interactions[i][j][k]))
                }
            }
        }
        return (worst, worstInteraction, abs(shap.baseValue - reference.expected))
    }

    @Test("GBDT: TreeSHAP and interaction values equal shap.TreeExplainer to 1e-6")
    func gbdtAgreesWithShap() throws {
        if ProcessInfo.processInfo.environment["IMMUNOKIT_WRITE_FIXTURES"] == "1" { try Self.export() }
        let model = try JSONDecoder().decode(GradientBoostedTreesModel.self,
                                             from: Fixtures.data("\(Self.directory)/gbdt_model.json"))
        let reference = try Reference(trees: "immunokit_trees.json", reference: "shap_reference.json")
        let explainer = try TreeExplainer(model: model)
        #expect(explainer.usesStoredCovers)
        #expect(explainer.covers == reference.covers, "the stored covers are the exported ones")
        let (worst, worstInteraction, base) = try Self.differences(explainer, reference, names: model.featureNames)
        print("GBDT TreeSHAP vs shap.TreeExplainer: max |Δφ| \(worst), max |ΔΦ| \(worstInteraction), |Δbase| \(base)")
        #expect(base < 1e-9)
        #expect(worst < 1e-6, "max |ImmunoKit − shap| = \(worst)")
        #expect(worstInteraction < 1e-6, "max |ImmunoKit − shap| interaction = \(worstInteraction)")
        #expect(reference.rows.contains { $0.contains { $0.isNaN } }, "the fixture exercises missing values")
        // The rebuilt trees are the model: local accuracy against the model's raw scores.
        let x = FeatureMatrix(names: model.featureNames, rows: reference.rows)
        let shap = try explainer.shapValues(x)
        let raw = try model.rawScores(x)
        for i in 0..<reference.rows.count { #expect(abs(shap.baseValue + shap.row(i).reduce(0, +) - raw[i]) < 1e-10) }
    }

    @Test("Bootstrapped forest: stored covers give shap.TreeExplainer's values to 1e-6, local accuracy to 1e-10")
    func forestAgreesWithShap() throws {
        let model = try JSONDecoder().decode(RandomForestModel.self,
                                             from: Fixtures.data("\(Self.directory)/forest_model.json"))
        let reference = try Reference(trees: "immunokit_forest.json", reference: "shap_forest_reference.json")
        let explainer = try TreeExplainer(model: model)
        #expect(explainer.usesStoredCovers)
        let (worst, worstInteraction, base) = try Self.differences(explainer, reference, names: model.featureNames)
        print("Forest TreeSHAP vs shap.TreeExplainer: max |Δφ| \(worst), max |ΔΦ| \(worstInteraction), |Δbase| \(base)")
        #expect(base < 1e-9)
        #expect(worst < 1e-6, "max |ImmunoKit − shap| = \(worst)")
        #expect(worstInteraction < 1e-6, "max |ImmunoKit − shap| interaction = \(worstInteraction)")
        let x = FeatureMatrix(names: model.featureNames, rows: reference.rows)
        let shap = try explainer.shapValues(x)
        let predicted = try model.predict(x)
        var accuracy = 0.0
        for i in 0..<reference.rows.count {
            accuracy = max(accuracy, abs(shap.baseValue + shap.row(i).reduce(0, +) - predicted[i]))
        }
        #expect(accuracy < 1e-10, "local accuracy \(accuracy)")
        // Bootstrap covers are not the full training set's: every tree's root counts n draws, but its
        // nodes split them differently from the original rows, so recomputing from the training rows
        // (the old approximation) gives different values.
        let (training, _) = syntheticBinary(rows: 300, informative: 2, noise: 3, seed: 78, missing: true)
        #expect(explainer.covers.allSatisfy { $0[0] == 300 }, "each tree's root covers its 300 bootstrap draws")
        let recomputed = model.trees.map { TreeCover.covers($0, reference: training.features, binner: model.binner) }
        #expect(recomputed != explainer.covers)
        let fromTraining = TreeExplainer(trees: model.trees, covers: recomputed,
                                         binner: model.binner, featureNames: model.featureNames,
                                         treeScale: 1 / Double(model.trees.count), scale: .probability)
        let approximate = try fromTraining.shapValues(x)
        let gap = zip(approximate.values, shap.values).map { abs($0 - $1) }.max() ?? 0
        #expect(gap > 1e-3, "the stored covers matter (max gap \(gap))")
    }

    static func exportTrees(_ explainer: TreeExplainer, rows: [[Double]]) -> [String: Any] {
        var trees = [[String: Any]]()
        for (t, tree) in explainer.trees.enumerated() {
            let means = TreeCover.nodeMeans(tree, covers: explainer.covers[t]).map { $0 * explainer.treeScale }
            trees.append([
                "left": tree.left.map(Int.init), "right": tree.right.map(Int.init),
                "default": (0..<tree.nodeCount).map { Int(tree.defaultLeft[$0] ? tree.left[$0] : tree.right[$0]) },
                "feature": tree.feature.map { max(Int($0), 0) },
                "threshold": tree.threshold, "value": means, "cover": explainer.covers[t],
            ])
        }
        let exported: [[Any]] = rows.map { $0.map { $0.isNaN ? NSNull() : $0 as Any } }
        return ["offset": explainer.outputOffset, "trees": trees, "rows": exported]
    }

    static func export() throws {
        let folder = Fixtures.url(directory)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func write(_ object: [String: Any], _ name: String) throws {
            try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                .write(to: folder.appendingPathComponent(name))
        }
        let (data, _) = syntheticBinary(rows: 300, informative: 2, noise: 3, seed: 77, missing: true)
        let rows = (0..<40).map { data.features.row($0) }
        let gbdt = try GradientBoostedTrees(iterations: 20, maxLeaves: 10, minSamplesLeaf: 8).fit(data, seed: 5)
        try write(exportTrees(try TreeExplainer(model: gbdt), rows: rows), "immunokit_trees.json")
        try encoder.encode(gbdt).write(to: folder.appendingPathComponent("gbdt_model.json"))

        let (forestData, _) = syntheticBinary(rows: 300, informative: 2, noise: 3, seed: 78, missing: true)
        let forest = try RandomForest(trees: 8, maxDepth: 5).fit(forestData, seed: 6)
        let forestRows = (0..<40).map { forestData.features.row($0) }
        try write(exportTrees(try TreeExplainer(model: forest), rows: forestRows), "immunokit_forest.json")
        try encoder.encode(forest).write(to: folder.appendingPathComponent("forest_model.json"))
    }
}
