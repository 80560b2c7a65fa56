import Foundation
import Learning
import Testing
@testable import Explanation

@Suite("Permutation importance, partial dependence, patient explanations")
struct ImportanceTests {
    @Test("Permutation importance: causal features matter, noise does not, seeded and reproducible")
    func permutation() throws {
        let (data, names) = syntheticBinary(rows: 600, informative: 2, noise: 4, seed: 31)
        let model = try ElasticNetLogisticRegression(alpha: 0.5, lambda: 0.005).fit(data, seed: 0)
        let a = try PermutationImportance(model: model, data: data, repeats: 8, seed: 42)
        let b = try PermutationImportance(model: model, data: data, repeats: 8, seed: 42)
        #expect(a == b)
        #expect(a.metric == .auc)
        #expect(Set(a.ranked.prefix(2).map(\.name)) == [names[0], names[1]])
        // Causal: the interval excludes zero. Noise: the mean drop is tiny.
        for f in a.features.prefix(2) { #expect(f.lower > 0.01) }
        for f in a.features.dropFirst(2) { #expect(abs(f.mean) < 0.01) }
        // The interval is mean ± t·sd/√R.
        let f = a.features[0]
        #expect(f.lower < f.mean && f.mean < f.upper)
        #expect(abs((f.upper - f.lower) / 2 - 2.364624 * f.standardDeviation / 8.0.squareRoot()) < 1e-5)
        #expect(throws: ExplanationError.self) { try PermutationImportance(model: model, data: data, repeats: 1) }
    }

    @Test("Partial dependence of a logistic model: ICE curves are sigmoids, PD is their mean")
    func partialDependence() throws {
        let (data, _) = syntheticBinary(rows: 200, seed: 3)
        let model = try ElasticNetLogisticRegression(alpha: 0.5, lambda: 0.01).fit(data, seed: 0)
        let pd = try PartialDependence(model: model, features: data.features, feature: "causal0", gridSize: 7)
        #expect(pd.grid.count == 7)
        #expect(pd.individual.count == 200)
        let eta = try model.linearPredictor(data.features)
        for i in [0, 50, 199] {
            for (g, value) in pd.grid.enumerated() {
                let z = eta[i] + model.coefficients[0] * (value - data.features[i, 0])
                #expect(abs(pd.individual[i][g] - 1 / (1 + exp(-z))) < 1e-12)
            }
        }
        for g in 0..<7 {
            #expect(abs(pd.average[g] - pd.individual.map { $0[g] }.reduce(0, +) / 200) < 1e-12)
        }
        // Increasing in a feature with a positive coefficient.
        #expect(model.coefficients[0] > 0)
        #expect(zip(pd.average, pd.average.dropFirst()).allSatisfy { $0 < $1 })
        // The default grid spans the 5th to 95th percentile.
        let sorted = data.features.column(0).sorted()
        #expect(pd.grid.first! > sorted.first! && pd.grid.last! < sorted.last!)
        #expect(throws: ExplanationError.self) {
            try PartialDependence(model: model, features: data.features, feature: "nope")
        }
    }

    @Test("Patient explanation: probability points by removing each log-odds contribution, ordered by size")
    func patientWords() throws {
        let shap = SHAPValues(featureNames: ["albumin", "tmb", "nlr"], rowCount: 1, values: [-0.4, 0.9, 0.05],
                              baseValue: -0.5, outputs: [0.05], scale: .logOdds)
        let e = PatientExplanation(shap: shap, row: 0, values: [2.9, 12, 3.1], patient: "P1",
                                   units: ["albumin": "g/dL"])
        func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
        #expect(e.contributions.map(\.feature) == ["tmb", "albumin", "nlr"])
        let albumin = e.contributions[1]
        #expect(abs(albumin.effect - 100 * (sigmoid(0.05) - sigmoid(0.45))) < 1e-12)
        #expect(albumin.sentence == "albumin 2.9 g/dL lowers the predicted response probability by 9.8 points")
        #expect(e.contributions[0].sentence.hasPrefix("tmb 12 raises the predicted response probability by"))
        #expect(abs(e.prediction - sigmoid(0.05)) < 1e-15)
        #expect(e.text(limit: 2).split(separator: "\n").count == 3)
    }
}
