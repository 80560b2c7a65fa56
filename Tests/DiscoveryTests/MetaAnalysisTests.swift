import Discovery
import Testing

@Suite struct MetaAnalysisTests {
    @Test func matchesMetaforFormulas() throws {
        for case let item as [String: Any] in Reference.json["meta"] as! [Any] {
            let y = Reference.doubles(item["y"]), se = Reference.doubles(item["se"])
            for (method, key, tol) in [(MetaAnalysis.Method.fixedEffect, "FE", 1e-10), (.derSimonianLaird, "DL", 1e-10),
                                       (.restrictedMaximumLikelihood, "REML", 1e-6)] {
                let r = Reference.dict(item[key])
                let m = try MetaAnalysis(effects: y, standardErrors: se, method: method)
                #expect(abs(m.estimate - Reference.double(r["est"])) < tol, "\(key) estimate")
                #expect(abs(m.standardError - Reference.double(r["se"])) < tol, "\(key) SE")
                #expect(abs(m.tau2 - Reference.double(r["tau2"])) < tol, "\(key) tau2")
                #expect(abs(m.iSquared - Reference.double(r["i2"])) < tol, "\(key) I2")
                #expect(abs(m.q - Reference.double(r["q"])) < 1e-10)
                #expect(close(m.pValue, Reference.double(r["p"]), tol))
                #expect(abs(m.weights.reduce(0, +) - 1) < 1e-12)
            }
        }
    }

    @Test func leaveOneOutDropsEachStudy() throws {
        let y = [0.2, 0.5, -0.1, 0.8], se = [0.15, 0.2, 0.25, 0.3]
        let loo = try MetaAnalysis.leaveOneOut(effects: y, standardErrors: se, method: .fixedEffect)
        #expect(loo.count == 4)
        let w = se.map { 1 / ($0 * $0) }
        let expected = (w[1] * y[1] + w[2] * y[2] + w[3] * y[3]) / (w[1] + w[2] + w[3])
        #expect(abs(loo[0].estimate - expected) < 1e-14)
        #expect(loo.allSatisfy { $0.studyCount == 3 })
    }
}
