import Discovery
import Foundation
import Testing
import TestSupport

/// Meta-analysis and the maximally selected rank statistic against R itself: metafor 3.8.1 `rma` and maxstat
/// 0.7.25 `maxstat.test` (R 4.2.2), run by `Tests/Fixtures/discovery_R/generate_discovery.R` on the inputs of
/// `Tests/Fixtures/discovery/discovery.json`.
@Suite("Discovery vs R (metafor, maxstat)")
struct RReferenceTests {
    nonisolated(unsafe) static let r: [String: Any] = {
        let data = try! Fixtures.data("discovery_R/discovery_R.json")
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()

    @Test("fixed-effect, DerSimonian–Laird and REML estimates, SEs, τ², I², Q and p equal metafor::rma")
    func metafor() throws {
        let cases = Self.r["meta"] as! [Any]
        #expect(cases.count == 3)
        for case let item as [String: Any] in cases {
            let y = Reference.doubles(item["y"]), se = Reference.doubles(item["se"])
            for (method, key, tol) in [(MetaAnalysis.Method.fixedEffect, "FE", 1e-10), (.derSimonianLaird, "DL", 1e-10),
                                       (.restrictedMaximumLikelihood, "REML", 1e-8)] {
                let r = Reference.dict(item[key])
                let m = try MetaAnalysis(effects: y, standardErrors: se, method: method)
                #expect(close(m.estimate, Reference.double(r["est"]), tol), "\(key) estimate")
                #expect(close(m.standardError, Reference.double(r["se"]), tol), "\(key) SE")
                #expect(close(m.tau2, Reference.double(r["tau2"]), tol), "\(key) τ²")
                #expect(close(m.iSquared, Reference.double(r["i2"]), tol), "\(key) I²")
                #expect(close(m.q, Reference.double(r["q"]), 1e-10), "\(key) Q")
                #expect(close(m.pValue, Reference.double(r["p"]), tol), "\(key) p")
            }
        }
    }

    @Test("maximally selected log-rank statistic, cut-point and Lausen–Schumacher p equal maxstat.test")
    func maxstat() throws {
        let input = Reference.dict(Reference.json["maxstat"]), r = Reference.dict(Self.r["maxstat"])
        let m = try MaximallySelectedRankStatistic(marker: Reference.doubles(input["marker"]), time: Reference.doubles(input["time"]),
                                                   event: Reference.bools(input["event"]))
        #expect(close(m.statistic, Reference.double(r["statistic"]), 1e-10))
        #expect(m.cutPoint == Reference.double(r["cut"]))
        #expect(close(m.pValue, Reference.double(r["p"]), 1e-10))
    }
}
