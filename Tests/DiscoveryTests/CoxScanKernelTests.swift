import Discovery
import Foundation
import Statistics
import Testing

/// The scan's shared-sort Cox kernel against the general fit (``CoxAssociation``) and lifelines.
@Suite struct CoxScanKernelTests {
    @Test func scanRowsEqualCoxAssociationWithTiesMissingValuesAndLargeValues() throws {
        var g = Xoshiro256StarStar(seed: 99)
        let n = 300
        // Times rounded to whole months: many ties (Efron's correction matters).
        let x0 = (0..<n).map { _ in Normal().sample(using: &g) }
        var time: [Double] = [], event: [Bool] = []
        for i in 0..<n {
            let te = -log(g.nextUniform()) / (0.05 * exp(0.6 * x0[i])), tc = -log(g.nextUniform()) / 0.03
            time.append(min(te, tc).rounded(.up)); event.append(te <= tc)
        }
        var features: [(name: String, values: [Double])] = [("signal", x0)]
        features.append(("shifted", x0.map { 10_000 + 3 * $0 }))  // exp(β·x) would overflow without centring
        features.append(("binary", x0.map { $0 > 0.5 ? 1 : 0 }))
        features.append(("missing", x0.enumerated().map { $0.offset % 7 == 0 ? .nan : $0.element + Normal().sample(using: &g) }))
        for j in 0..<5 { features.append(("noise\(j)", (0..<n).map { _ in Normal().sample(using: &g) })) }
        features.append(("few", (0..<n).map { $0 < 8 ? Double($0) : .nan }))
        features.append(("constant", [Double](repeating: 2, count: n)))
        let rows = AssociationScan.run(features: features, outcome: .survival(time: time, event: event))
        for (r, f) in zip(rows, features) {
            #expect(r.feature == f.name && r.test == "cox")
            let idx = f.values.indices.filter { f.values[$0].isFinite }
            guard idx.count >= 10, Set(idx.map { f.values[$0] }).count > 1 else {
                #expect(r.pValue.isNaN, "\(f.name)")
                continue
            }
            let c = try CoxAssociation(feature: idx.map { f.values[$0] }, time: idx.map { time[$0] }, event: idx.map { event[$0] })
            #expect(abs(r.logEffect - c.logHazardRatio) <= 1e-9 * max(1, abs(c.logHazardRatio)), "\(f.name) β")
            #expect(abs(r.standardError - c.standardError) <= 1e-9 * c.standardError, "\(f.name) SE")
            #expect(abs(r.pValue - c.waldPValue) <= 1e-9 * max(c.waldPValue, 1e-300), "\(f.name) p")
            #expect(abs(r.lower - c.lower) <= 1e-9 * c.lower && abs(r.upper - c.upper) <= 1e-9 * c.upper)
            #expect(r.count == c.count)
            let lrP = Double(r.notes[0].replacingOccurrences(of: "LR p = ", with: ""))!
            #expect(abs(lrP - c.likelihoodRatioPValue) <= 1e-8 * max(c.likelihoodRatioPValue, 1e-300), "\(f.name) LR p")
            #expect(Array(r.notes.dropFirst()) == c.diagnostics, "\(f.name) diagnostics")
        }
        #expect(rows[0].pValue < 1e-10 && abs(rows[0].logEffect - 0.6) < 0.25)
    }

    @Test func scanMatchesLifelines() {
        let ref = Reference.dict(Reference.json["survival"])
        let rows = AssociationScan.run(features: [("x", Reference.doubles(ref["x"]))],
                                       outcome: .survival(time: Reference.doubles(ref["time"]), event: Reference.bools(ref["event"])))
        let r = Reference.dict(ref["cox_x"])
        #expect(abs(rows[0].logEffect - Reference.double(r["beta"])) < 1e-6)
        #expect(abs(rows[0].standardError - Reference.double(r["se"])) < 1e-6)
        #expect(close(rows[0].pValue, Reference.double(r["p"]), 1e-6))
    }
}
