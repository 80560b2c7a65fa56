import Foundation
@testable import Learning
import Testing

@Suite("FeatureBinner")
struct FeatureBinnerTests {
    @Test("at most 255 quantile bins, NaN gets the reserved code, edges give raw thresholds")
    func numeric() throws {
        var g = TreeFixtures.Uniforms(seed: 1)
        let values = (0..<10_000).map { i in i % 50 == 0 ? Double.nan : g.normal() }
        let m = FeatureMatrix(names: ["x"], columns: [values])
        let binner = try FeatureBinner(fitting: m)
        #expect(binner.binCount(0) <= 255 && binner.binCount(0) >= 250)
        let codes = binner.transform(m).codes
        for (v, c) in zip(values, codes) {
            if v.isNaN { #expect(c == FeatureBinner.missingBin); continue }
            #expect(c < 255)
            if Int(c) < binner.edges[0].count { #expect(v <= binner.edges[0][Int(c)]) }
            if c > 0 { #expect(v > binner.edges[0][Int(c) - 1]) }
        }
        // Quantile bins are roughly equally filled.
        var counts = [Int](repeating: 0, count: 256)
        for c in codes { counts[Int(c)] += 1 }
        #expect(counts[0..<binner.binCount(0)].max()! < 3 * 9800 / binner.binCount(0))
    }

    @Test("few distinct values get one bin each; categorical codes bin by category")
    func distinctAndCategorical() throws {
        let m = FeatureMatrix(names: ["a", "cat"], rows: [[1, 3], [2, 7], [2, 3], [5, .nan], [1, 0]])
        let binner = try FeatureBinner(fitting: m, categoricalFeatures: [1])
        #expect(binner.edges[0] == [1.5, 3.5])
        #expect(binner.categories[1] == [0, 3, 7])
        #expect(binner.transform(m).codes == [0, 1, 1, 2, 0, 1, 2, 1, 255, 0])
        #expect(binner.bin(42, feature: 1) == FeatureBinner.missingBin)
        #expect(throws: EstimatorError.self) {
            try FeatureBinner(fitting: FeatureMatrix(names: ["c"], rows: [[1.5]]), categoricalFeatures: [0])
        }
    }

    @Test("the bucket index gives every value the same bin as the plain binary search, on skewed, tied and out-of-range values")
    func bucketIndexEqualsBinarySearch() throws {
        var g = TreeFixtures.Uniforms(seed: 7)
        // Log-normal (edges crowd at the low end), rounded (ties), a spike of zeros and NaNs.
        let train = (0..<20_000).map { i -> Double in
            if i % 97 == 0 { return .nan }
            if i % 5 == 0 { return 0 }
            return (exp(2 * g.normal()) * 100).rounded() / 100
        }
        let binner = try FeatureBinner(fitting: FeatureMatrix(names: ["x"], columns: [train]))
        #expect(binner.edges[0].count >= 100)  // many edges, so the bucket index is used
        // New values: the training values, values outside the edge range, and the edges themselves.
        let probe = train + [-1e300, -1, 1e300, .infinity, -.infinity] + binner.edges[0] + binner.edges[0].map { $0.nextUp }
        let codes = binner.transform(FeatureMatrix(names: ["x"], columns: [probe])).codes
        #expect(probe.count >= 4 * FeatureBinner.bucketCount)
        for (v, c) in zip(probe, codes) { #expect(c == binner.bin(v, feature: 0), "value \(v)") }
    }
}
