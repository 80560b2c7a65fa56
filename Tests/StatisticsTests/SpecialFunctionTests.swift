import Foundation
import Testing
import TestSupport
@testable import Statistics

/// Raw special functions against `scipy.special` (gammaln, gammainc, gammaincc, gammaincinv,
/// betainc, betaincc, betaincinv, ndtri) from `distributions.json`.
@Suite("Special functions agree with scipy.special")
struct SpecialFunctionTests {
    struct Special: Decodable {
        struct LogGamma: Decodable { let x: Double; let value: Double }
        struct GammaRow: Decodable { let a: Double; let x: Double; let P: Double; let Q: Double }
        struct GammaInverse: Decodable { let a: Double; let p: Double; let x: Double }
        struct BetaRow: Decodable { let a: Double; let b: Double; let x: Double; let I: Double; let Ic: Double }
        struct BetaInverse: Decodable { let a: Double; let b: Double; let p: Double; let x: Double }
        struct NormalQuantile: Decodable { let p: Double; let value: Double }
        let logGamma: [LogGamma]
        let regularizedGamma: [GammaRow]
        let inverseRegularizedGammaP: [GammaInverse]
        let regularizedBeta: [BetaRow]
        let inverseRegularizedBeta: [BetaInverse]
        let normalQuantile: [NormalQuantile]
    }

    struct File: Decodable { let special: Special }

    static let special: Special = try! loadFixture(File.self, "distributions.json").special

    @Test func logGamma() {
        #expect(Self.special.logGamma.count >= 8)
        for row in Self.special.logGamma {
            // ln Γ has a zero at x = 1 and 2: absolute 1e-15 there.
            #expect(isClose(SpecialFunctions.logGamma(row.x), row.value, absolute: 1e-15), "lnΓ(\(row.x))")
        }
        #expect(SpecialFunctions.logGamma(0) == .infinity)
        #expect(SpecialFunctions.logGamma(-1).isNaN)
    }

    @Test func incompleteGamma() {
        var worst = 0.0
        for row in Self.special.regularizedGamma {
            let p = SpecialFunctions.regularizedGammaP(row.a, row.x)
            let q = SpecialFunctions.regularizedGammaQ(row.a, row.x)
            worst = max(worst, relativeError(p, row.P, floor: 1e-300), relativeError(q, row.Q, floor: 1e-300))
            #expect(isClose(p, row.P, absolute: 1e-300), "P(\(row.a), \(row.x)) = \(p), want \(row.P)")
            #expect(isClose(q, row.Q, absolute: 1e-300), "Q(\(row.a), \(row.x)) = \(q), want \(row.Q)")
        }
        #expect(worst < 1e-10)
    }

    @Test func inverseIncompleteGamma() {
        for row in Self.special.inverseRegularizedGammaP {
            let x = SpecialFunctions.inverseRegularizedGammaP(row.a, row.p)
            #expect(isClose(x, row.x, absolute: 1e-300), "P⁻¹(\(row.a), \(row.p)) = \(x), want \(row.x)")
        }
    }

    @Test func incompleteBeta() {
        for row in Self.special.regularizedBeta {
            let i = SpecialFunctions.regularizedBeta(row.x, row.a, row.b)
            let ic = SpecialFunctions.regularizedBetaComplement(row.x, row.a, row.b)
            #expect(isClose(i, row.I, absolute: 1e-300), "I_\(row.x)(\(row.a), \(row.b)) = \(i), want \(row.I)")
            #expect(isClose(ic, row.Ic, absolute: 1e-300), "1 − I_\(row.x)(\(row.a), \(row.b)) = \(ic), want \(row.Ic)")
        }
    }

    @Test func inverseIncompleteBeta() {
        for row in Self.special.inverseRegularizedBeta {
            let x = SpecialFunctions.inverseRegularizedBeta(row.p, row.a, row.b)
            #expect(isClose(x, row.x, absolute: 1e-300), "I⁻¹(\(row.p); \(row.a), \(row.b)) = \(x), want \(row.x)")
        }
    }

    @Test func normalQuantileMatchesNdtri() {
        for row in Self.special.normalQuantile {
            // AS 241 is accurate to about 1e-16 relative.
            #expect(isClose(SpecialFunctions.normalQuantile(row.p), row.value, relative: 1e-14), "Φ⁻¹(\(row.p))")
        }
        #expect(SpecialFunctions.normalQuantile(0) == -.infinity)
        #expect(SpecialFunctions.normalQuantile(1) == .infinity)
        #expect(SpecialFunctions.normalQuantile(0.5) == 0)
    }

    @Test("inverse functions round-trip", arguments: [0.3, 1.0, 7.5, 120.0])
    func roundTrips(_ a: Double) {
        for p in [1e-12, 1e-4, 0.05, 0.5, 0.95, 1 - 1e-9] {
            let x = SpecialFunctions.inverseRegularizedGammaP(a, p)
            let back = p <= 0.5 ? SpecialFunctions.regularizedGammaP(a, x) : SpecialFunctions.regularizedGammaQ(a, x)
            #expect(isClose(back, p <= 0.5 ? p : 1 - p, relative: 1e-12), "gamma a = \(a), p = \(p)")
            let y = SpecialFunctions.inverseRegularizedBeta(p, a, 2.5)
            let backBeta = p <= 0.5
                ? SpecialFunctions.regularizedBeta(y, a, 2.5)
                : SpecialFunctions.regularizedBetaComplement(y, a, 2.5)
            // The upper-tail round trip is limited by x itself being a double near 1 (about
            // ulp(x)·density/q relative), hence 1e-6 for q = 1e-9.
            #expect(isClose(backBeta, p <= 0.5 ? p : 1 - p, relative: p > 0.99 ? 1e-6 : 1e-12), "beta a = \(a), p = \(p)")
        }
    }
}
