import Foundation

/// Student's t distribution with ν degrees of freedom.
///
/// - Density: f(t) = Γ((ν+1)/2) / (√(νπ) Γ(ν/2)) · (1 + t²/ν)^{−(ν+1)/2}.
/// - CDF: for t < 0, ½ I_{ν/(ν+t²)}(ν/2, ½); computed from I_{t²/(ν+t²)}(½, ν/2) near 0 to avoid
///   cancellation. Quantile by the inverse incomplete beta.
/// - Mean 0 for ν > 1 (NaN otherwise); variance ν/(ν − 2) for ν > 2, ∞ for 1 < ν ≤ 2, NaN otherwise.
/// - Sampling: Z/√(V/ν) with Z normal (inversion) and V ~ χ²(ν) (Marsaglia & Tsang 2000).
///
/// Parameter: `degreesOfFreedom` ν > 0 (need not be an integer).
public struct StudentT: ContinuousDistribution, Hashable, Codable {
    public let degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) {
        precondition(degreesOfFreedom > 0 && degreesOfFreedom.isFinite,
                     "StudentT: degreesOfFreedom must be finite and > 0, got \(degreesOfFreedom)")
        self.degreesOfFreedom = degreesOfFreedom
    }

    public var mean: Double { degreesOfFreedom > 1 ? 0 : .nan }
    public var variance: Double {
        let nu = degreesOfFreedom
        if nu > 2 { return nu / (nu - 2) }
        return nu > 1 ? .infinity : .nan
    }

    public func logPDF(_ t: Double) -> Double {
        let nu = degreesOfFreedom
        if t.isInfinite { return -.infinity }
        return SpecialFunctions.logGamma((nu + 1) / 2) - SpecialFunctions.logGamma(nu / 2)
            - 0.5 * log(nu * Double.pi) - (nu + 1) / 2 * log1p(t * t / nu)
    }

    public func pdf(_ t: Double) -> Double { exp(logPDF(t)) }

    public func cdf(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        if t == .infinity { return 1 }
        if t == -.infinity { return 0 }
        let lowerTail = tailProbability(abs(t))
        return t < 0 ? lowerTail : 1 - lowerTail
    }

    /// P(T > t), accurate in the upper tail (the one-sided p-value of a t statistic).
    public func survival(_ t: Double) -> Double { cdf(-t) }

    /// P(T > |t|) = P(T < −|t|).
    func tailProbability(_ a: Double) -> Double {
        let nu = degreesOfFreedom
        let t2 = a * a
        if t2 < nu {
            // y = t²/(ν + t²) small: 1/2 − 1/2 I_y(1/2, ν/2)
            let y = t2 / (nu + t2)
            return 0.5 * SpecialFunctions.regularizedBeta(y, 0.5, nu / 2, complement: true, y: nu / (nu + t2))
        }
        let x = nu / (nu + t2)
        return 0.5 * SpecialFunctions.regularizedBeta(x, nu / 2, 0.5, complement: false, y: t2 / (nu + t2))
    }

    public func quantile(_ p: Double) -> Double {
        checkProbability(p)
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        let nu = degreesOfFreedom
        let tail = p < 0.5 ? p : 1 - p      // P(T < −|t|)
        let twoTail = 2 * tail
        var magnitude: Double
        if twoTail < 0.5 {
            // I_x(ν/2, 1/2) = 2·tail with x = ν/(ν + t²). In the far tail I_x ≈ x^{ν/2}/((ν/2)B(ν/2, ½))
            // with relative error O(x); use it in log space where x itself would underflow.
            let logX = 2 / nu * (log(twoTail) + log(nu / 2) + SpecialFunctions.logBeta(nu / 2, 0.5))
            if logX < -600 {
                magnitude = nu.squareRoot() * exp(-0.5 * logX)
            } else {
                let x = SpecialFunctions.inverseBeta(p: twoTail, q: 1 - twoTail, nu / 2, 0.5)
                magnitude = (nu * (1 - x) / x).squareRoot()
            }
        } else {
            // I_y(1/2, ν/2) = 1 − 2·tail with y = t²/(ν + t²)
            let y = SpecialFunctions.inverseBeta(p: 1 - twoTail, q: twoTail, 0.5, nu / 2)
            magnitude = (nu * y / (1 - y)).squareRoot()
        }
        return p < 0.5 ? -magnitude : magnitude
    }

    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        let z = Normal.standardSample(using: &generator)
        let v = 2 * Gamma.standardSample(shape: degreesOfFreedom / 2, using: &generator)
        return z / (v / degreesOfFreedom).squareRoot()
    }
}
