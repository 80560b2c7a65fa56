import CTreeKernels
import Foundation
@testable import Learning
import TestSupport
import Testing

/// The four-feature threshold scan (`immunokit_scan_lanes`, ``LeafWiseGrower/scanLanes``) against the
/// one-feature scan it replaces.
@Suite("Lane threshold scans")
struct LaneScanTests {
    /// Eleven features (lane groups of 4, 4 and 3, with a categorical feature splitting a run), 8% missing
    /// values in three of them (informative in one), some coarse (few bins, so many equal candidates), and a
    /// binary and a continuous outcome.
    static func data(_ n: Int, seed: UInt64) -> (features: FeatureMatrix, binary: [Double], continuous: [Double]) {
        var g = TreeFixtures.Uniforms(seed: seed)
        var rows: [[Double]] = [], binary: [Double] = [], continuous: [Double] = []
        for _ in 0..<n {
            var r = (0..<11).map { _ in g.normal() }
            r[2] = Double(Int(3 * g.uniform()))            // categorical, 3 levels
            r[5] = (4 * r[5]).rounded()                       // coarse
            r[9] = r[9] > 0.5 ? 1 : 0                         // binary
            let y = 0.8 * r[0] - 0.6 * r[1] + (r[2] == 1 ? 0.5 : 0) + 0.4 * r[3] * r[4] + 0.2 * r[5]
                + 0.5 * r[8] * (r[9] == 1 ? 1 : -1) + 0.3 * r[10] + 0.5 * g.normal()
            for j in [0, 4, 7] where g.uniform() < 0.08 { r[j] = .nan }
            // Missing x7 carries signal of its own (the split "missing or not" has to be found).
            let shift = r[7].isNaN ? 1.5 : 0
            rows.append(r)
            continuous.append(y + shift)
            binary.append(y + shift + g.normal() > 0 ? 1 : 0)
        }
        return (FeatureMatrix(names: (0..<11).map { "x\($0)" }, rows: rows), binary, continuous)
    }

    /// Both scans choose the same partition of every leaf's rows, so the models agree on the training rows.
    /// Their trees may still differ in a threshold (or feature) where two candidates split the rows alike:
    /// a histogram made by subtraction holds rounding residue (±1e-16) in bins without rows, so such a bin's
    /// candidate ties the one before it up to rounding, and either scan may take either.
    @Test("boosted trees fit the same training scores with four-lane and one-feature scans",
          arguments: [(0.0, 20.0), (1.0, 5.0), (0.0, 0.0)])
    func sameTrees(lambda: Double, minSamplesLeaf: Double) throws {
        let (features, binary, continuous) = Self.data(3_000, seed: 91)
        for target in [Target.binary(binary), .continuous(continuous)] {
            var estimator = GradientBoostedTrees(iterations: 25, maxLeaves: 31, minSamplesLeaf: minSamplesLeaf,
                                                 lambda: lambda, categoricalFeatures: ["x2"], threads: 1)
            let lanes = try estimator.fit(Dataset(features: features, target: target))
            estimator.laneScans = false
            let single = try estimator.fit(Dataset(features: features, target: target))
            let difference = zip(try lanes.rawScores(features), try single.rawScores(features)).map { abs($0 - $1) }.max()!
            #expect(difference < 1e-9)
            #expect(lanes.trees.map(\.nodeCount) == single.trees.map(\.nodeCount))
            let gains = lanes.trees.flatMap(\.gain).reduce(0, +), singleGains = single.trees.flatMap(\.gain).reduce(0, +)
            #expect(abs(gains - singleGains) <= 1e-9 * singleGains)
            // The comparison is not vacuous: splits on missing values, coarse and categorical features occur.
            let used = Set(lanes.trees.flatMap { $0.feature.filter { $0 >= 0 } })
            #expect(used.isSuperset(of: [0, 2, 4, 5, 9]))
            #expect(lanes.trees.contains { $0.defaultLeft.contains(true) })
        }
    }

    @Test("the lane-scan switch is not part of the encoded configuration: earlier JSON still decodes")
    func switchIsNotEncoded() throws {
        var estimator = GradientBoostedTrees(iterations: 7, lambda: 0.5)
        estimator.laneScans = false
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(estimator)) as? [String: Any]
        #expect(json?["laneScans"] == nil)
        #expect(json?["iterations"] as? Int == 7)
        // A configuration written before the switch existed.
        let earlier = Data(#"{"iterations": 7, "learningRate": 0.1, "maxLeaves": 31, "minSamplesLeaf": 20, "minChildWeight": 0.001, "lambda": 0.5, "minSplitGain": 0, "maxBins": 255, "subsample": 1, "columnSampleByTree": 1, "categoricalFeatures": [], "monotoneConstraints": {}, "categoricalSmoothing": 10, "categoricalL2": 10, "maxCategoriesPerSplit": 32, "earlyStoppingRounds": 10}"#.utf8)
        let decoded = try JSONDecoder().decode(GradientBoostedTrees.self, from: earlier)
        #expect(decoded == GradientBoostedTrees(iterations: 7, lambda: 0.5))
        #expect(decoded.laneScans)
    }

    /// The one-feature scan, written plainly: lane `q`'s first best threshold and score.
    static func reference(_ hist: [Double], from: (Double, Double), thresholds: Int, totals: (Double, Double),
                          lambda: Double, minHessian: Double, start: Double) -> (bin: Int, score: Double) {
        var (gl, hl) = from
        var best = start, bin = -1
        for b in 0..<thresholds {
            gl += hist[2 * b]; hl += hist[2 * b + 1]
            let gr = totals.0 - gl, hr = totals.1 - hl
            if hr < minHessian { break }
            guard hl >= minHessian else { continue }
            let dl = hl + lambda, dr = hr + lambda
            let score = (gl * gl * dr + gr * gr * dl) / (dl * dr)
            if score > best { best = score; bin = b }
        }
        return (bin, best)
    }

    @Test("each lane finds the one-feature scan's first best threshold: thresholds, starts, early stops, ties")
    func kernelMatchesReference() {
        var g = TreeFixtures.Uniforms(seed: 5)
        for trial in 0..<200 {
            // Sparse histograms (runs of empty bins make equal candidates) with the same totals per lane.
            let lambda = trial % 3 == 0 ? 0.0 : g.uniform()
            var hists = (0..<4).map { _ in [Double](repeating: 0, count: 512) }
            let thresholds = (0..<4).map { q in q == 3 && trial % 4 == 0 ? 0 : 1 + Int(254 * g.uniform()) }
            for q in 0..<4 {
                for b in 0..<255 where g.uniform() < 0.3 {
                    let count = Double(1 + Int(20 * g.uniform()))
                    hists[q][2 * b] = count * (g.uniform() - 0.5 + 0.003 * Double(b - 120))
                    hists[q][2 * b + 1] = count * 0.25
                }
            }
            let totals = (hists[0].enumerated().filter { $0.offset % 2 == 0 }.map(\.element).reduce(0, +),
                          hists[0].enumerated().filter { $0.offset % 2 == 1 }.map(\.element).reduce(0, +))
            let from = (0..<4).map { _ in trial % 2 == 0 ? (0.0, 0.0) : (g.uniform() - 0.5, 2 * g.uniform()) }
            let minHessian = [0.001, 1, 10][trial % 3]
            let start = trial % 5 == 0 ? totals.0 * totals.0 / (totals.1 + lambda) * 1.2 : 0
            var lanes = immunokit_lanes()
            lanes.from_gradient = (from[0].0, from[1].0, from[2].0, from[3].0)
            lanes.from_hessian = (from[0].1, from[1].1, from[2].1, from[3].1)
            lanes.thresholds = (Int64(thresholds[0]), Int64(thresholds[1]), Int64(thresholds[2]), Int64(thresholds[3]))
            let copies = hists.map { h in UnsafeMutablePointer<Double>.allocate(capacity: h.count) }
            defer { copies.forEach { $0.deallocate() } }
            for q in 0..<4 { copies[q].initialize(from: hists[q], count: hists[q].count) }
            lanes.hist = (UnsafePointer(copies[0]), UnsafePointer(copies[1]), UnsafePointer(copies[2]), UnsafePointer(copies[3]))
            immunokit_scan_lanes(&lanes, totals.0, totals.1, lambda, minHessian, start)
            let bins = [lanes.best_bin.0, lanes.best_bin.1, lanes.best_bin.2, lanes.best_bin.3]
            let scores = [lanes.best_score.0, lanes.best_score.1, lanes.best_score.2, lanes.best_score.3]
            for q in 0..<4 {
                let expected = Self.reference(hists[q], from: from[q], thresholds: thresholds[q], totals: totals,
                                              lambda: lambda, minHessian: minHessian, start: start)
                #expect(Int(bins[q]) == expected.bin, "trial \(trial), lane \(q)")
                if expected.bin >= 0 { #expect(scores[q] == expected.score, "trial \(trial), lane \(q)") }
            }
        }
    }
}
