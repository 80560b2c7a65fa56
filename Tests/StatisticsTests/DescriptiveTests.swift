import Foundation
import Testing
import TestSupport
@testable import Statistics

/// Descriptive statistics against NumPy/SciPy (`descriptive.json`).
@Suite("Descriptive statistics agree with NumPy/SciPy")
struct DescriptiveTests {
    struct Dataset: Decodable {
        let name: String
        let values: [Double]
        let mean: Double
        let median: Double
        let min: Double
        let max: Double
        let p: [Double]
        let quantile: [Double]
        let ranks: [Double]
        let iqr: Double
        let mad: Double
        let variance0: Double
        let sd0: Double
        let variance: Double?
        let sd: Double?
        let skewness: Double?
        let excessKurtosis: Double?
    }

    struct File: Decodable { let generator: [String: String]; let datasets: [Dataset] }

    static let file: File = try! loadFixture(File.self, "descriptive.json")

    @Test("statistics of each dataset", arguments: file.datasets.indices)
    func dataset(_ index: Int) {
        let d = Self.file.datasets[index]
        let v = d.values
        // Absolute floor 1e-12 × scale for values that are exactly 0 in the reference (constant data).
        let scale = Swift.max(1, Descriptive.maximum(v.map(abs)))
        #expect(isClose(Descriptive.mean(v), d.mean, relative: 1e-14), "\(d.name) mean")
        #expect(isClose(Descriptive.median(v), d.median, relative: 1e-15), "\(d.name) median")
        #expect(Descriptive.minimum(v) == d.min)
        #expect(Descriptive.maximum(v) == d.max)
        let q = Descriptive.quantiles(v, d.p)
        for (i, p) in d.p.enumerated() {
            #expect(isClose(q[i], d.quantile[i], relative: 1e-15), "\(d.name) quantile(\(p)) = \(q[i]), want \(d.quantile[i])")
            #expect(Descriptive.quantile(v, p) == q[i])
        }
        #expect(Descriptive.ranks(v) == d.ranks, "\(d.name) ranks")
        #expect(isClose(Descriptive.interquartileRange(v), d.iqr, relative: 1e-12, absolute: 1e-12 * scale), "\(d.name) IQR")
        #expect(isClose(Descriptive.medianAbsoluteDeviation(v), d.mad, relative: 1e-12, absolute: 1e-12 * scale), "\(d.name) MAD")
        #expect(isClose(Descriptive.variance(v, ddof: 0), d.variance0, relative: 1e-10, absolute: 1e-24 * scale * scale), "\(d.name) var0")
        #expect(isClose(Descriptive.standardDeviation(v, ddof: 0), d.sd0, relative: 1e-10, absolute: 1e-12 * scale), "\(d.name) sd0")
        if let variance = d.variance, let sd = d.sd {
            #expect(isClose(Descriptive.variance(v), variance, relative: 1e-10, absolute: 1e-24 * scale * scale), "\(d.name) var")
            #expect(isClose(Descriptive.standardDeviation(v), sd, relative: 1e-10, absolute: 1e-12 * scale), "\(d.name) sd")
        }
        if let skewness = d.skewness, let kurtosis = d.excessKurtosis {
            // large_offset (1e9 + N(0,1)) loses ~7 digits in the centred moments in any algorithm.
            let tolerance = d.name == "large_offset" ? 1e-6 : 1e-10
            #expect(isClose(Descriptive.skewness(v), skewness, relative: tolerance, absolute: tolerance), "\(d.name) skewness")
            #expect(isClose(Descriptive.excessKurtosis(v), kurtosis, relative: tolerance), "\(d.name) kurtosis")
        }
    }

    @Test func fixtureCoversTiesAndEdgeCases() {
        let names = Set(Self.file.datasets.map(\.name))
        #expect(names.isSuperset(of: ["ties", "single", "two", "constant", "large_offset"]))
        #expect(Self.file.generator["numpy"] == "2.4.6")
    }

    @Test func handComputedExamples() {
        // Type 7 on 1…4: h = 3p; Q(0.1) = 1.3, Q(0.5) = 2.5.
        #expect(isClose(Descriptive.quantile([4, 1, 3, 2], 0.1), 1.3, relative: 1e-15))
        #expect(Descriptive.median([4, 1, 3, 2]) == 2.5)
        #expect(Descriptive.ranks([10, 20, 10, 30, 20, 20]) == [1.5, 4, 1.5, 6, 4, 4])
        #expect(Descriptive.ranks([]) == [])
        #expect(Descriptive.variance([1, 2, 3, 4]) == 5.0 / 3)
        #expect(Descriptive.mean([1, .nan]).isNaN)
        // Welford-free two-pass keeps precision at a large offset: var(1e9 + {0,1,2}) = 1.
        #expect(Descriptive.variance([1e9, 1e9 + 1, 1e9 + 2]) == 1)
    }
}
