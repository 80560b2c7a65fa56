import Foundation
import Testing
import TestSupport
@testable import Statistics

/// Whether `actual` agrees with `expected` to `relative` tolerance, or to `absolute` when the
/// expected value is (near) zero.
func isClose(_ actual: Double, _ expected: Double, relative: Double = 1e-10, absolute: Double = 0) -> Bool {
    if actual == expected { return true }
    if actual.isNaN || expected.isNaN { return false }
    let difference = abs(actual - expected)
    return difference <= absolute || difference <= relative * abs(expected)
}

/// The relative (or absolute, below `floor`) error, for reporting the worst case.
func relativeError(_ actual: Double, _ expected: Double, floor: Double = 0) -> Double {
    if actual == expected { return 0 }
    return abs(actual - expected) / max(abs(expected), floor)
}

func loadFixture<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
    try JSONDecoder().decode(T.self, from: Fixtures.data("statistics/\(name)"))
}

func makeContinuous(_ name: String, _ p: [String: Double]) -> any ContinuousDistribution {
    switch name {
    case "Normal": return Normal(mean: p["mean"]!, standardDeviation: p["standardDeviation"]!)
    case "LogNormal": return LogNormal(meanLog: p["meanLog"]!, standardDeviationLog: p["standardDeviationLog"]!)
    case "Gamma": return Gamma(shape: p["shape"]!, scale: p["scale"]!)
    case "Beta": return Beta(alpha: p["alpha"]!, beta: p["beta"]!)
    case "Weibull": return Weibull(shape: p["shape"]!, scale: p["scale"]!)
    case "Exponential": return Exponential(rate: p["rate"]!)
    case "ChiSquare": return ChiSquare(degreesOfFreedom: p["degreesOfFreedom"]!)
    case "StudentT": return StudentT(degreesOfFreedom: p["degreesOfFreedom"]!)
    default: fatalError("unknown continuous distribution \(name)")
    }
}

func makeDiscrete(_ name: String, _ p: [String: Double]) -> any DiscreteDistribution {
    switch name {
    case "Poisson": return Poisson(mean: p["mean"]!)
    case "Binomial": return Binomial(trials: Int(p["trials"]!), probability: p["probability"]!)
    case "NegativeBinomial":
        if let mean = p["mean"] { return NegativeBinomial(mean: mean, dispersion: p["dispersion"]!) }
        return NegativeBinomial(size: p["size"]!, probability: p["probability"]!)
    default: fatalError("unknown discrete distribution \(name)")
    }
}

/// P(X > x) from each type's `survival`, which is not part of the protocol.
func survival(_ d: any ContinuousDistribution, _ x: Double) -> Double {
    switch d {
    case let d as Normal: return d.survival(x)
    case let d as LogNormal: return d.survival(x)
    case let d as Gamma: return d.survival(x)
    case let d as Beta: return d.survival(x)
    case let d as Weibull: return d.survival(x)
    case let d as Exponential: return d.survival(x)
    case let d as ChiSquare: return d.survival(x)
    case let d as StudentT: return d.survival(x)
    default: fatalError("no survival for \(type(of: d))")
    }
}

func survival(_ d: any DiscreteDistribution, _ k: Int) -> Double {
    switch d {
    case let d as Poisson: return d.survival(k)
    case let d as Binomial: return d.survival(k)
    case let d as NegativeBinomial: return d.survival(k)
    default: fatalError("no survival for \(type(of: d))")
    }
}
