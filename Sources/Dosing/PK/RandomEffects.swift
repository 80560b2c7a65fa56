import Foundation
import Statistics

/// Between-subject variability of a population PK model: a vector η ~ N(0, Ω) with the published
/// variances ω² (and covariances, where published). Each model states how η enters its parameters
/// (log-normal: P = P_typical · exp(η); additive for an Emax).
public struct RandomEffects: Codable, Sendable, Hashable {
    /// The names of the components ("CL", "V1", …).
    public var names: [String]
    /// Ω, row-major, names.count × names.count, symmetric positive semi-definite.
    public var covariance: [Double]

    /// Independent effects with variances ω².
    public init(names: [String], variances: [Double]) {
        precondition(names.count == variances.count, "RandomEffects: one variance per name")
        var omega = [Double](repeating: 0, count: names.count * names.count)
        for k in variances.indices { omega[k * names.count + k] = variances[k] }
        self.init(names: names, covariance: omega)
    }

    public init(names: [String], covariance: [Double]) {
        precondition(covariance.count == names.count * names.count, "RandomEffects: covariance must be \(names.count)×\(names.count)")
        self.names = names
        self.covariance = covariance
    }

    /// The lower Cholesky factor L of Ω (Ω = LLᵀ); zero rows for zero variances.
    var choleskyFactor: [Double] {
        let n = names.count
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var s = covariance[i * n + j]
                for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
                if i == j {
                    l[i * n + i] = s > 0 ? s.squareRoot() : 0
                } else {
                    l[i * n + j] = l[j * n + j] > 0 ? s / l[j * n + j] : 0
                }
            }
        }
        return l
    }

    /// One draw η = L z with z standard normal (one 64-bit word per component).
    ///
    /// - Complexity: O(n²).
    public func sample(using generator: inout Xoshiro256StarStar) -> [Double] {
        let n = names.count
        let l = choleskyFactor
        let z = (0..<n).map { _ in Normal().sample(using: &generator) }
        return (0..<n).map { i in (0...i).reduce(0) { $0 + l[i * n + $1] * z[$1] } }
    }

    /// η = 0 (the typical patient).
    public var zero: [Double] { [Double](repeating: 0, count: names.count) }
}
