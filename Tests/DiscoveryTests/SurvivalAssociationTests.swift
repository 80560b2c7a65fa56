import Discovery
import Foundation
import Testing

@Suite struct SurvivalAssociationTests {
    let ref = Reference.dict(Reference.json["survival"])
    var time: [Double] { Reference.doubles(ref["time"]) }
    var event: [Bool] { Reference.bools(ref["event"]) }

    @Test func coxMatchesLifelines() throws {
        let x = Reference.doubles(ref["x"]), z = Reference.doubles(ref["z"])
        let u = try CoxAssociation(feature: x, time: time, event: event)
        let a = try CoxAssociation(feature: x, time: time, event: event, covariates: [z])
        for (fit, key) in [(u, "cox_x"), (a, "cox_x_adj_z")] {
            let r = Reference.dict(ref[key])
            #expect(abs(fit.logHazardRatio - Reference.double(r["beta"])) < 1e-6)
            #expect(abs(fit.standardError - Reference.double(r["se"])) < 1e-6)
            #expect(close(fit.waldPValue, Reference.double(r["p"]), 1e-6))
            #expect(abs(fit.likelihoodRatioStatistic - Reference.double(r["lr"])) < 1e-6)
        }
    }

    @Test func logRankMatchesLifelines() throws {
        let two = try LogRankTest(time: time, event: event, group: Reference.strings(ref["group2"]))
        let r2 = Reference.dict(ref["logrank2"])
        #expect(close(two.statistic, Reference.double(r2["stat"]), 1e-10))
        #expect(close(two.pValue, Reference.double(r2["p"]), 1e-10))
        let three = try LogRankTest(time: time, event: event, group: Reference.strings(ref["group3"]))
        let r3 = Reference.dict(ref["logrank3"])
        #expect(three.degreesOfFreedom == 2)
        #expect(close(three.statistic, Reference.double(r3["stat"]), 1e-10))
        #expect(close(three.pValue, Reference.double(r3["p"]), 1e-10))
        let strat = try LogRankTest(time: time, event: event, group: Reference.strings(ref["group3"]),
                                    strata: Reference.strings(ref["strata"]))
        let rs = Reference.dict(ref["logrank3_stratified"])
        #expect(close(strat.statistic, Reference.double(rs["stat"]), 1e-10))
        #expect(abs(strat.statistic - three.statistic) > 1e-3)
        #expect(abs(three.observed.reduce(0, +) - Double(event.filter { $0 }.count)) < 1e-12)
    }

    @Test func maximallySelectedRankStatisticMatchesMaxstatFormulas() throws {
        let r = Reference.dict(Reference.json["maxstat"])
        let m = try MaximallySelectedRankStatistic(marker: Reference.doubles(r["marker"]), time: Reference.doubles(r["time"]),
                                                   event: Reference.bools(r["event"]))
        #expect(close(m.statistic, Reference.double(r["statistic"]), 1e-10))
        #expect(m.cutPoint == Reference.double(r["cut"]))
        #expect(close(m.pValue, Reference.double(r["p"]), 1e-10))
        // The corrected p-value is larger than the naive one of the selected cut.
        #expect(m.pValue > 2 * (1 - 0.5 * erfc(-m.statistic / 2.0.squareRoot())))
        // Published value check: Lau92 at b = 3, ε = (0.1, 0.9) (Lausen & Schumacher 1992, eq. 4).
        let phi3 = exp(-4.5) / (2 * Double.pi).squareRoot()
        #expect(abs(MaximallySelectedRankStatistic.lausen92(3) - (4 * phi3 / 3 + phi3 * (3 - 1.0 / 3) * log(81))) < 1e-15)
    }
}
