import Discovery
import Testing

@Suite struct SurvivalComparisonTests {
    @Test func curvesNumbersAtRiskAndCorrectedPValue() throws {
        let time = [1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
        let event = [true, true, false, true, true, false, true, true, true, false, true, false]
        let group = ["a", "a", "a", "a", "a", "a", "b", "b", "b", "b", "b", "b"]
        let c = try SurvivalComparison(group: group, time: time, event: event)
        #expect(c.groups.map(\.label) == ["a", "b"])
        #expect(c.numbersAtRisk(at: [0, 3.5, 8, 20]) == [[6, 3, 0, 0], [6, 6, 5, 0]])
        // Group a: S(2) = (5/6)(4/5) = 2/3.
        #expect(abs(c.groups[0].curve.survival(at: 2) - 2.0 / 3) < 1e-15)
        #expect(c.reportedPValue == c.logRank.pValue && c.cutPoint == nil)

        let ref = Reference.dict(Reference.json["maxstat"])
        let split = try SurvivalComparison(marker: Reference.doubles(ref["marker"]), time: Reference.doubles(ref["time"]),
                                           event: Reference.bools(ref["event"]))
        let cut = try #require(split.cutPoint)
        // The selected split's naive log-rank p is smaller than the corrected one.
        #expect(split.logRank.pValue < split.reportedPValue)
        #expect(split.reportedPValue == cut.pValue)
        // Its log-rank χ² equals the squared maximal standardised statistic up to the variance definitions (close).
        #expect(abs(split.logRank.statistic.squareRoot() - cut.statistic) < 0.2 * cut.statistic)
    }
}
