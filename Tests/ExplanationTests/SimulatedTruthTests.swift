import Foundation
import Learning
import Simulation
import Statistics
import Testing
@testable import Explanation

/// The simulator knows the truth: ICI response depends on the latent tumour-microenvironment programmes
/// through h(x) = 0.8 · inflamed − 0.6 · exclusion − 0.2 · myeloid + … (``Simulation/TreatmentEffectSizes``),
/// while proliferation does not enter response at all. A model trained on the programmes plus pure-noise
/// features must rank the causal programmes first by mean |SHAP|, with the signs the simulator used.
@Suite("Simulated truth")
struct SimulatedTruthTests {
    @Test("TreeSHAP on simulated ICI responses ranks the causal programmes first, with the true signs")
    func causalProgrammesRankFirst() throws {
        var configuration = SimulationConfiguration(patientCount: 6_000, seed: 31)
        configuration.expressionGeneCount = GenePanel.minimumGeneCount
        let simulated = try CohortSimulator.simulate(configuration)
        let response = try #require(simulated.cohort.outcomes.response)
        // ICI-treated patients with an evaluable response (chemotherapy response ignores the programmes).
        let rows = simulated.truth.patients.indices.filter {
            TreatmentArm.iciArms.contains(simulated.truth.patients[$0].assignedArm) && response.values[$0] != nil
        }
        var noise = Xoshiro256StarStar(seed: 99)
        let noiseCount = 4
        var columns = [[Double]](repeating: [], count: LatentProgrammes.count + noiseCount)
        var y = [Double]()
        for i in rows {
            let z = simulated.truth.patients[i].programmes
            for k in 0..<LatentProgrammes.count { columns[k].append(z[k]) }
            for k in 0..<noiseCount { columns[LatentProgrammes.count + k].append(noise.nextUniform() * 4 - 2) }
            y.append(response.values[i]! ? 1 : 0)
        }
        let names = LatentProgrammes.names + (0..<noiseCount).map { "noise\($0)" }
        let data = Dataset(features: FeatureMatrix(names: names, columns: columns), target: .binary(y))
        let model = try GradientBoostedTrees(iterations: 150, learningRate: 0.05, maxLeaves: 4, minSamplesLeaf: 40)
            .fit(data, seed: 2)
        let shap = try TreeExplainer(model: model).shapValues(data.features)
        let m = shap.meanAbsolute
        let ranking = shap.ranking.map { names[$0] }
        print("simulated truth: \(rows.count) ICI patients, ranking \(ranking), mean |SHAP| \(m)")
        #expect(Set(ranking.prefix(2)) == ["inflamed", "exclusion"])
        let causal = min(m[0], m[1])
        for k in 0..<noiseCount { #expect(m[LatentProgrammes.count + k] < causal / 2, "\(names[LatentProgrammes.count + k])") }
        // Directions: higher inflamed raises the predicted response, higher exclusion lowers it.
        func correlation(_ j: Int) -> Double {
            let x = Array(data.features.column(j)), s = (0..<shap.rowCount).map { shap[$0, j] }
            let mx = x.reduce(0, +) / Double(x.count), ms = s.reduce(0, +) / Double(s.count)
            var sxy = 0.0, sxx = 0.0, syy = 0.0
            for (a, b) in zip(x, s) { sxy += (a - mx) * (b - ms); sxx += (a - mx) * (a - mx); syy += (b - ms) * (b - ms) }
            return sxy / (sxx * syy).squareRoot()
        }
        #expect(correlation(0) > 0.5, "inflamed: SHAP rises with the programme")
        #expect(correlation(1) < -0.5, "exclusion: SHAP falls with the programme")
    }
}
