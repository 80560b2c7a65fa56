import Foundation
import Learning
import Testing
@testable import Treatment

@Suite("Balance tables and inverse-probability-weighted survival")
struct WeightingTests {
    @Test("weighted Kaplan–Meier equals lifelines KaplanMeierFitter(weights=) to 1e-10")
    func weightedKaplanMeier() throws {
        let f = TreatmentReference.section("weighted_km")
        let km = try WeightedKaplanMeier(time: TreatmentReference.doubles(f["time"]),
                                         event: TreatmentReference.ints(f["event"]).map { $0 == 1 },
                                         weights: TreatmentReference.doubles(f["weights"]))
        let times = TreatmentReference.doubles(f["times"])
        #expect(km.times == times)
        let error = TreatmentReference.maxRelativeError(km.survival, TreatmentReference.doubles(f["survival"]))
        #expect(error < 1e-10, "max difference \(error)")
        print("[treatment] weighted KM vs lifelines: max difference \(error)")
        // Unit weights reduce to Evaluation's Kaplan–Meier: RMST of a single step by hand.
        let simple = try WeightedKaplanMeier(time: [1, 2, 3, 4], event: [true, false, true, true])
        #expect(simple.survival == [0.75, 0.75, 0.375, 0])
        #expect(abs(simple.restrictedMean(to: 3.5) - (1 + 0.75 * 2 + 0.375 * 0.5)) < 1e-12)
        #expect(throws: TreatmentError.self) { try WeightedKaplanMeier(time: [1, -2], event: [true, true]) }
        #expect(throws: TreatmentError.self) { try WeightedKaplanMeier(time: [1, 2], event: [true]) }
    }

    @Test("IPW Cox marginal hazard ratios and robust SEs equal lifelines CoxPHFitter(robust=True, weights_col) to 1e-6")
    func weightedCox() throws {
        let f = TreatmentReference.section("weighted_cox")
        let time = TreatmentReference.doubles(f["time"])
        let data = try TreatmentData(covariates: FeatureMatrix(names: ["dummy"], columns: [time.map { _ in 0 }]),
                                     arm: TreatmentReference.ints(f["arm"]), armNames: ["ref", "a1", "a2"],
                                     outcome: .survival(time: time, event: TreatmentReference.ints(f["event"]).map { $0 == 1 }))
        let result = try WeightedCoxHazardRatio(data, weights: TreatmentReference.doubles(f["weights"]))
        let coef = TreatmentReference.doubles(f["coef"]), se = TreatmentReference.doubles(f["se"])
        #expect(TreatmentReference.maxRelativeError(result.contrasts.map(\.logHazardRatio), coef) < 1e-6)
        #expect(TreatmentReference.maxRelativeError(result.contrasts.map(\.standardError), se) < 1e-6)
        print("[treatment] IPW Cox vs lifelines: coef \(TreatmentReference.maxRelativeError(result.contrasts.map(\.logHazardRatio), coef)), robust SE \(TreatmentReference.maxRelativeError(result.contrasts.map(\.standardError), se))")
        #expect(result.contrasts.map(\.arm) == ["a1", "a2"])
        #expect(result.contrasts.allSatisfy { $0.lower < $0.hazardRatio && $0.hazardRatio < $0.upper })
    }

    @Test("balance table: SMDs and variance ratios equal a NumPy transcription of Austin (2009) to 1e-10")
    func balanceTable() throws {
        let f = TreatmentReference.section("balance")
        let columns = TreatmentReference.matrix(f["X"])
        let data = try TreatmentData(covariates: TreatmentReference.features(columns), arm: TreatmentReference.ints(f["arm"]),
                                     armNames: ["r", "a", "b"], outcome: .continuous(columns[1]))
        let table = try BalanceTable(data, weights: TreatmentReference.doubles(f["weights"]))
        let rows = f["rows"] as! [[String: Any]]
        #expect(table.rows.count == rows.count)
        for (row, ref) in zip(table.rows, rows) {
            #expect(row.covariate == "x\(Int(TreatmentReference.double(ref["covariate"])))")
            for (ours, key) in [(row.smdBefore, "smd_before"), (row.smdAfter!, "smd_after"),
                                (row.varianceRatioBefore, "vr_before"), (row.varianceRatioAfter!, "vr_after")] {
                #expect(abs(ours - TreatmentReference.double(ref[key])) < 1e-10, "\(row.covariate) \(row.arm) \(key)")
            }
            #expect(row.imbalanced == (abs(row.smdAfter!) > 0.1))
        }
    }

    @Test("balance table: categorical covariates give one row per level")
    func categoricalBalance() throws {
        let x = FeatureMatrix(names: ["type"], rowCount: 6, columnMajor: [0, 1, 1, 0, 0, 1],
                              categoricalLevels: ["type": ["lung", "skin"]])
        let data = try TreatmentData(covariates: x, arm: [0, 0, 0, 1, 1, 1], armNames: ["r", "a"],
                                     outcome: .binary([0, 1, 0, 1, 1, 0]))
        let table = try BalanceTable(data)
        #expect(table.rows.map(\.covariate) == ["type=lung", "type=skin"])
        // skin: 2/3 in r, 1/3 in a; variances 1/3 each (n − 1 denominator) → SMD = (1/3 − 2/3)/√(1/3).
        #expect(abs(table.rows[1].smdBefore - (-1.0 / 3) / (1.0 / 3).squareRoot()) < 1e-12)
        #expect(throws: TreatmentError.self) { try BalanceTable(data, weights: [1, 2]) }
    }
}
