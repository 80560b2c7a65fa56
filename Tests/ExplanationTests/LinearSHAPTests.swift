import Foundation
import Learning
import Testing
@testable import Explanation

@Suite("Linear SHAP")
struct LinearSHAPTests {
    @Test("Logistic: φ_j = β_j (x_j − mean_j) on the logit scale, local accuracy against linearPredictor")
    func logistic() throws {
        let (data, _) = syntheticBinary(rows: 300, seed: 21)
        let model = try ElasticNetLogisticRegression(alpha: 0.5, lambda: 0.01).fit(data, seed: 0)
        let explainer = try LinearExplainer(model: model, background: data.features)
        let shap = try explainer.shapValues(data.features)
        let eta = try model.linearPredictor(data.features)
        #expect(shap.scale == .logOdds)
        for i in 0..<data.rowCount {
            #expect(abs(shap.baseValue + shap.row(i).reduce(0, +) - eta[i]) < 1e-9)
        }
        // The definition, feature by feature.
        let means = (0..<5).map { j in data.features.column(j).reduce(0, +) / Double(data.rowCount) }
        for i in [0, 17, 123] {
            for j in 0..<5 {
                #expect(abs(shap[i, j] - model.coefficients[j] * (data.features[i, j] - means[j])) < 1e-12)
            }
        }
        // Mean SHAP over the background is zero for every feature.
        for j in 0..<5 {
            let m = (0..<data.rowCount).map { shap[$0, j] }.reduce(0, +) / Double(data.rowCount)
            #expect(abs(m) < 1e-12)
        }
    }

    @Test("Cox: log-hazard scale, base value 0 with the training means, local accuracy against predict")
    func cox() throws {
        let coefficients = [0.7, -0.4, 0.0]
        let means = [1.0, 2.0, 3.0]
        let model = CoxProportionalHazardsModel(
            featureNames: ["a", "b", "c"], coefficients: coefficients, variance: [Double](repeating: 0, count: 9),
            robustVariance: nil, confidenceLevel: 0.95, nullLogLikelihood: 0, logLikelihood: 0, l2Penalty: 0,
            ties: .efron, means: means, baselineTimes: [1], baselineCumulativeHazard: [0.1], eventCount: 1,
            concordance: nil, diagnostics: FitDiagnostics(converged: true, iterations: 1, messages: []))
        let x = FeatureMatrix(names: ["a", "b", "c"], rows: [[2, 2, 9], [0, 5, 1], [1, 2, 3]])
        let shap = try LinearExplainer(model: model).shapValues(x)
        let lp = try model.predict(x)
        #expect(shap.scale == .logHazard)
        #expect(abs(shap.baseValue) < 1e-15)
        #expect(abs(shap[0, 0] - 0.7) < 1e-12)
        #expect(abs(shap[1, 1] - (-0.4 * 3)) < 1e-12)
        #expect(shap[0, 2] == 0)
        for i in 0..<3 { #expect(abs(shap.row(i).reduce(0, +) + shap.baseValue - lp[i]) < 1e-12) }
    }
}
