import Discovery
import Foundation
import Statistics
import Testing

@Suite struct ScanTests {
    @Test func scanPicksTheSignalRoutesBinaryFeaturesAndAddsQValues() {
        var g = Xoshiro256StarStar(seed: 7)
        let n = 200
        let y = (0..<n).map { $0 % 2 == 0 }
        let signal = y.map { ($0 ? 1.0 : 0.0) + Normal().sample(using: &g) }
        var features: [(name: String, values: [Double])] = [("signal", signal)]
        for j in 0..<30 { features.append(("noise\(j)", (0..<n).map { _ in Normal().sample(using: &g) })) }
        features.append(("flag", y.enumerated().map { i, r in (r && i % 3 != 0) ? 1 : 0 }))
        features.append(("missing", [Double](repeating: .nan, count: n)))
        let results = AssociationScan.run(features: features, outcome: .binary(y))
        #expect(results.map(\.feature) == features.map(\.name))
        #expect(results[0].test == "mann-whitney" && results[0].effect > 0.7 && results[0].qValueBH < 1e-6)
        let flag = results[31]
        #expect(flag.test == "fisher" && flag.effect.isInfinite && flag.pValue < 1e-10)
        #expect(results[32].pValue.isNaN && results[32].qValueBH.isNaN)
        let noiseQ = results[1...30].map(\.qValueBH)
        #expect(noiseQ.filter { $0 < 0.05 }.count <= 2)
        #expect(zip(results.map(\.qValueBY), results.map(\.qValueBH)).allSatisfy { $0.0.isNaN || $0.0 >= $0.1 })
    }

    @Test func interactionRecoversAPredictiveMarker() throws {
        // Hazard exp(−0.8·x) when treated, exp(0) when not: ratio of HRs exp(−0.8).
        var g = Xoshiro256StarStar(seed: 11)
        let n = 1500
        var x: [Double] = [], tr: [Bool] = [], t: [Double] = [], e: [Bool] = []
        for i in 0..<n {
            let xi = Normal().sample(using: &g), treated = i % 2 == 0
            let rate = exp(treated ? -0.8 * xi : 0)
            let u = Double.random(in: 0.000001..<1, using: &g), c = Double.random(in: 0.000001..<1, using: &g)
            let te = -log(u) / rate, tc = -log(c) / 0.3
            x.append(xi); tr.append(treated); t.append(min(te, tc)); e.append(te <= tc)
        }
        let r = try TreatmentInteraction(biomarker: x, treated: tr, time: t, event: e)
        #expect(abs(r.interaction.logHazardRatio + 0.8) < 4 * r.interaction.standardError)
        #expect(abs(r.untreated.logHazardRatio) < 4 * r.untreated.standardError)
        #expect(r.interaction.pValue < 1e-10)
        #expect(abs(r.treated.logHazardRatio - (r.untreated.logHazardRatio + r.interaction.logHazardRatio)) < 1e-12)
    }
}
