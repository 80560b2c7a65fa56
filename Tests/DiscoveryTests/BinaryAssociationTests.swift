import Discovery
import Testing

@Suite struct BinaryAssociationTests {
    @Test func mannWhitneyMatchesScipy() throws {
        for case let item as [String: Any] in Reference.json["mannwhitney"] as! [Any] {
            let r = try MannWhitneyU(Reference.doubles(item["x"]), Reference.doubles(item["y"]))
            #expect(abs(r.statistic - Reference.double(item["u"])) < 1e-9)
            #expect(close(r.pValue, Reference.double(item["p"]), 1e-12))
            #expect(abs(r.auc - r.statistic / Double(r.firstCount * r.secondCount)) < 1e-15)
        }
    }

    @Test func fisherMatchesScipy() {
        for case let item as [String: Any] in Reference.json["fisher"] as! [Any] {
            let t = (item["table"] as! [[Int]])
            let r = FisherExactTest(a: t[0][0], b: t[0][1], c: t[1][0], d: t[1][1])
            #expect(close(r.pValue, Reference.double(item["p"]), 1e-12))
            if let or = item["or"] as? NSNumber { #expect(close(r.oddsRatio, or.doubleValue, 1e-12)) }
        }
    }

    @Test func logisticMatchesStatsmodels() throws {
        let ref = Reference.dict(Reference.json["logistic"])
        let x = Reference.doubles(ref["x"]), z = Reference.doubles(ref["z"]), y = Reference.bools(ref["y"])
        let u = try LogisticAssociation(feature: x, outcome: y)
        let a = try LogisticAssociation(feature: x, outcome: y, covariates: [z])
        for (fit, key) in [(u, "unadjusted"), (a, "adjusted")] {
            let r = Reference.dict(ref[key])
            #expect(abs(fit.logOddsRatio - Reference.double(r["beta"])) < 1e-6)
            #expect(abs(fit.standardError - Reference.double(r["se"])) < 1e-6)
            #expect(close(fit.pValue, Reference.double(r["p"]), 1e-6))
        }
        #expect(u.logOddsRatio != a.logOddsRatio)
    }
}

import Foundation
