import Foundation
import Learning
import Testing
@testable import Explanation

@Suite("Saved-model explanations")
struct ModelExplainerTests {
    @Test("A pipeline's GBDT and logistic models are explained in the transformed space, adding up to the prediction")
    func pipelines() throws {
        let (data, _) = syntheticBinary(rows: 250, seed: 8, missing: true)
        let gbdt = try Pipeline(model: GradientBoostedTrees(iterations: 10, maxLeaves: 6)).fit(data, seed: 1)
        let (shap, transformed) = try ModelExplainer.shapValues(.gradientBoosting(gbdt), features: data.features)
        #expect(shap.featureNames == gbdt.preprocessing.outputNames)
        #expect(transformed.names == shap.featureNames)
        let p = try gbdt.predict(data.features)
        for i in 0..<data.rowCount {
            #expect(abs(shap.baseValue + shap.row(i).reduce(0, +) - log(p[i] / (1 - p[i]))) < 1e-9)
        }
        let logistic = try Pipeline(model: ElasticNetLogisticRegression(alpha: 0.5, lambda: 0.01)).fit(data, seed: 1)
        let (linear, _) = try ModelExplainer.shapValues(.logistic(logistic), features: data.features)
        let q = try logistic.predict(data.features)
        for i in 0..<data.rowCount {
            #expect(abs(linear.baseValue + linear.row(i).reduce(0, +) - log(q[i] / (1 - q[i]))) < 1e-9)
        }
    }
}
