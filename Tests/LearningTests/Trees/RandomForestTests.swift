import Foundation
@testable import Learning
import Statistics
import TestSupport
import Testing

@Suite("RandomForest")
struct RandomForestTests {
    @Test("conformance")
    func conformance() throws {
        try EstimatorConformance.check(
            RandomForest(trees: 20), on: TreeFixtures.small(.binaryClassification),
            options: .init(acceptsMissingValues: true, randomisedBecause: "bootstrap samples and random feature draws",
                           invalidConfigurations: [
                               (RandomForest(trees: 0), "trees"),
                               (RandomForest(maxFeatures: .fraction(0)), "maxFeatures"),
                               (RandomForest(minSamplesLeaf: 0), "minSamplesLeaf"),
                               (RandomForest(minSamplesSplit: 1), "minSamplesSplit"),
                               (RandomForest(maxDepth: 0), "maxDepth"),
                           ]))
    }

    @Test("bagged trees without bootstrap pass the suite (no OOB rows)")
    func deterministicVariant() throws {
        // Bagged-trees limit: the only randomness left is the feature visiting order, which does not
        // change the chosen split when every feature is tried.
        try EstimatorConformance.check(
            RandomForest(trees: 3, maxFeatures: .all, minSamplesLeaf: 3, bootstrap: false),
            on: TreeFixtures.small(.binaryClassification, n: 80),
            options: .init(acceptsMissingValues: true, randomisedBecause: "ties between equal-gain splits"))
    }

    @Test("test AUC within 0.01 of scikit-learn's RandomForestClassifier; OOB estimates are honest")
    func agreesWithScikitLearn() throws {
        let reference = try TreeFixtures.reference()
        let train = TreeFixtures.binary(5000, seed: 1), test = TreeFixtures.binary(5000, seed: 2)
        let model = try RandomForest(trees: 100).fit(train, seed: 1)
        let auc = TreeFixtures.auc(try model.predict(test.features), test.target)
        print("RF test AUC \(auc), scikit-learn \(reference.binary.sklearn_rf_test_auc), OOB AUC \(model.oobAUC ?? .nan)")
        #expect(abs(auc - reference.binary.sklearn_rf_test_auc) <= 0.01,
                "ImmunoKit AUC \(auc) vs scikit-learn \(reference.binary.sklearn_rf_test_auc)")
        // OOB AUC estimates the test AUC; the in-sample AUC of a fully grown forest is near 1.
        let oobAUC = try #require(model.oobAUC)
        #expect(abs(oobAUC - auc) < 0.02)
        #expect(TreeFixtures.auc(try model.predict(train.features), train.target) > 0.99)
        #expect((0.65...0.8).contains(model.oobAccuracy ?? 0))
        let importance = model.featureImportances
        #expect(abs(importance.reduce(0, +) - 1) < 1e-9)
        #expect(importance[0] > importance[6] && importance[1] > importance[7])
    }
}
