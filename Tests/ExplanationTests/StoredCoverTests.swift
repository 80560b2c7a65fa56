import Foundation
import Learning
import Testing
@testable import Explanation

/// Node covers recorded at training (``FlatTree/cover``) and the fallback for models saved without them.
@Suite("Stored node covers")
struct StoredCoverTests {
    /// Every internal node's cover is the sum of its children's.
    func additive(_ tree: FlatTree, _ cover: [Double]) -> Bool {
        (0..<tree.nodeCount).allSatisfy { k in
            tree.feature[k] < 0 || cover[k] == cover[Int(tree.left[k])] + cover[Int(tree.right[k])]
        }
    }

    @Test("GBDT on all rows: the stored cover of each node is the number of training rows routed to it")
    func gbdtCoversCountTrainingRows() throws {
        let (data, _) = syntheticBinary(rows: 300, seed: 12, missing: true)
        let model = try GradientBoostedTrees(iterations: 10, maxLeaves: 8, minSamplesLeaf: 5).fit(data, seed: 1)
        for tree in model.trees {
            let stored = try #require(tree.cover)
            #expect(stored == TreeCover.covers(tree, reference: data.features, binner: model.binner))
            #expect(stored[0] == 300 && additive(tree, stored))
        }
        // With row subsampling, each tree covers only its own sample.
        let sampled = try GradientBoostedTrees(iterations: 5, maxLeaves: 8, minSamplesLeaf: 5, subsample: 0.5)
            .fit(data, seed: 1)
        #expect(sampled.trees.allSatisfy { $0.cover?[0] == 150 && additive($0, $0.cover!) })
    }

    @Test("Random forest: covers count bootstrap draws (n at the root, whole numbers, additive)")
    func forestCoversCountBootstrapDraws() throws {
        let (data, _) = syntheticBinary(rows: 200, seed: 13)
        let model = try RandomForest(trees: 6, maxDepth: 5).fit(data, seed: 4)
        for tree in model.trees {
            let stored = try #require(tree.cover)
            #expect(stored[0] == 200 && additive(tree, stored))
            #expect(stored.allSatisfy { $0 >= 1 && $0 == $0.rounded() })
            #expect(stored != TreeCover.covers(tree, reference: data.features, binner: model.binner),
                    "bootstrap counts differ from the original rows' routing")
        }
        // Sample weights multiply the bootstrap counts (scikit-learn's weighted_n_node_samples).
        let weighted = Dataset(features: data.features, target: data.target, weights: [Double](repeating: 2.5, count: 200))
        let heavy = try RandomForest(trees: 6, maxDepth: 5).fit(weighted, seed: 4)
        #expect(heavy.trees.allSatisfy { tree in
            tree.cover![0] == 500 && tree.cover!.allSatisfy { ($0 / 2.5).rounded() == $0 / 2.5 && $0 >= 2.5 }
        })
    }

    @Test("A model saved without covers still loads (cover nil) and falls back to reference covers")
    func oldArtifactsLoad() throws {
        let (data, _) = syntheticBinary(rows: 250, seed: 14, missing: true)
        let model = try GradientBoostedTrees(iterations: 8, maxLeaves: 8).fit(data, seed: 2)
        let encoded = try JSONEncoder().encode(model)
        var object = try JSONSerialization.jsonObject(with: encoded) as! [String: Any]
        object["trees"] = (object["trees"] as! [[String: Any]]).map { tree in
            var t = tree; t["cover"] = nil; return t
        }
        let old = try JSONDecoder().decode(GradientBoostedTreesModel.self,
                                           from: JSONSerialization.data(withJSONObject: object))
        #expect(old.trees.allSatisfy { $0.cover == nil })
        #expect(try old.rawScores(data.features) == model.rawScores(data.features))
        #expect(throws: ExplanationError.self) { try TreeExplainer(model: old) }
        let fallback = try TreeExplainer(model: old, reference: data.features)
        #expect(!fallback.usesStoredCovers)
        let stored = try TreeExplainer(model: model, reference: data.features)
        #expect(stored.usesStoredCovers)
        // Trees grown on all rows: the training set's routing reproduces the stored covers exactly.
        #expect(try fallback.shapValues(data.features) == stored.shapValues(data.features))
        // And the round trip of a new model keeps its covers.
        let again = try JSONDecoder().decode(GradientBoostedTreesModel.self, from: encoded)
        #expect(again == model && again.trees.allSatisfy { $0.cover != nil })
    }

    @Test("A bad reference is refused with an error naming it")
    func badReference() throws {
        let (data, _) = syntheticBinary(rows: 100, seed: 15)
        let model = try GradientBoostedTrees(iterations: 3).fit(data, seed: 1)
        var object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(model)) as! [String: Any]
        object["trees"] = (object["trees"] as! [[String: Any]]).map { var t = $0; t["cover"] = nil; return t }
        let old = try JSONDecoder().decode(GradientBoostedTreesModel.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(throws: ExplanationError.self) {
            try TreeExplainer(model: old, reference: data.features.selectingColumns([1, 0, 2, 3, 4]))
        }
        #expect(throws: ExplanationError.self) {
            try TreeExplainer(model: old, reference: data.features, weights: [1, 2])
        }
    }
}
