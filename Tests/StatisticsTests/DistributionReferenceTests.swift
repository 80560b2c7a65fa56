import Foundation
import Testing
import TestSupport
@testable import Statistics

/// pdf/logpdf/cdf/quantile/pmf against SciPy 1.17.1 (`Tests/Fixtures/statistics/distributions.json`,
/// written by `generate_statistics.py`).
@Suite("Distributions agree with SciPy")
struct DistributionReferenceTests {
    struct ContinuousCase: Decodable {
        let name: String
        let params: [String: Double]
        let scipy: String
        let x: [Double]
        let pdf: [Double]
        let logpdf: [Double]
        let cdf: [Double]
        let sf: [Double]
        let p: [Double]
        let quantile: [Double]
        let mean: Double?
        let variance: Double?
    }

    struct DiscreteCase: Decodable {
        let name: String
        let params: [String: Double]
        let scipy: String
        let k: [Int]
        let pmf: [Double]
        let logpmf: [Double]
        let cdf: [Double]
        let sf: [Double]
        let p: [Double]
        let quantile: [Int]
        let mean: Double
        let variance: Double
    }

    struct File: Decodable {
        let generator: [String: String]
        let continuous: [ContinuousCase]
        let discrete: [DiscreteCase]
    }

    static let file: File = try! loadFixture(File.self, "distributions.json")

    @Test("fixture records the pinned generator versions")
    func versions() {
        #expect(Self.file.generator["numpy"] == "2.4.6")
        #expect(Self.file.generator["scipy"] == "1.17.1")
        #expect(Self.file.continuous.count >= 30)
        #expect(Self.file.discrete.count >= 15)
    }

    @Test("continuous pdf, logPDF, cdf to 1e-10 relative", arguments: file.continuous.indices)
    func continuousDensities(_ index: Int) {
        let c = Self.file.continuous[index]
        let d = makeContinuous(c.name, c.params)
        for (i, x) in c.x.enumerated() {
            #expect(isClose(d.pdf(x), c.pdf[i], absolute: 1e-300), "\(c.scipy) pdf(\(x)) = \(d.pdf(x)), want \(c.pdf[i])")
            // logpdf: relative, or 1e-12 absolute near log f = 0.
            #expect(isClose(d.logPDF(x), c.logpdf[i], absolute: 1e-12),
                    "\(c.scipy) logpdf(\(x)) = \(d.logPDF(x)), want \(c.logpdf[i])")
            #expect(isClose(d.cdf(x), c.cdf[i], absolute: 1e-300), "\(c.scipy) cdf(\(x)) = \(d.cdf(x)), want \(c.cdf[i])")
            let sf = survival(d, x)
            #expect(isClose(sf, c.sf[i], absolute: 1e-300), "\(c.scipy) sf(\(x)) = \(sf), want \(c.sf[i])")
        }
        if let mean = c.mean { #expect(isClose(d.mean, mean, absolute: 1e-14), "\(c.scipy) mean") }
        if let variance = c.variance { #expect(isClose(d.variance, variance), "\(c.scipy) variance") }
    }

    @Test("continuous quantile to 1e-10 relative", arguments: file.continuous.indices)
    func continuousQuantiles(_ index: Int) {
        let c = Self.file.continuous[index]
        let d = makeContinuous(c.name, c.params)
        for (i, p) in c.p.enumerated() {
            let q = d.quantile(p)
            #expect(isClose(q, c.quantile[i], absolute: 1e-300), "\(c.scipy) quantile(\(p)) = \(q), want \(c.quantile[i])")
        }
    }

    @Test("discrete pmf, logPMF, cdf, quantile", arguments: file.discrete.indices)
    func discrete(_ index: Int) {
        let c = Self.file.discrete[index]
        let d = makeDiscrete(c.name, c.params)
        for (i, k) in c.k.enumerated() {
            #expect(isClose(d.pmf(k), c.pmf[i], absolute: 1e-300), "\(c.scipy) pmf(\(k)) = \(d.pmf(k)), want \(c.pmf[i])")
            #expect(isClose(d.logPMF(k), c.logpmf[i], absolute: 1e-12),
                    "\(c.scipy) logpmf(\(k)) = \(d.logPMF(k)), want \(c.logpmf[i])")
            #expect(isClose(d.cdf(k), c.cdf[i], absolute: 1e-300), "\(c.scipy) cdf(\(k)) = \(d.cdf(k)), want \(c.cdf[i])")
            let sf = survival(d, k)
            #expect(isClose(sf, c.sf[i], absolute: 1e-300), "\(c.scipy) sf(\(k)) = \(sf), want \(c.sf[i])")
        }
        for (i, p) in c.p.enumerated() {
            #expect(d.quantile(p) == c.quantile[i], "\(c.scipy) quantile(\(p)) = \(d.quantile(p)), want \(c.quantile[i])")
        }
        #expect(isClose(d.mean, c.mean), "\(c.scipy) mean")
        #expect(isClose(d.variance, c.variance), "\(c.scipy) variance")
    }
}
