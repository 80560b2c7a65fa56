import Foundation

/// Which patients to keep for a weighted analysis with limited overlap.
///
/// - ``threshold(_:)``: keep patients whose propensity for *every* arm is ≥ the bound (default 0.05);
///   with two arms this is the usual α ≤ π̂ ≤ 1 − α rule.
/// - ``crump``: two arms only, the bound α of Crump, Hotz, Imbens & Mitnik (2009, Biometrika 96:187,
///   Theorem 1) that minimises the variance of the efficient estimator of the trimmed-population effect:
///   with g = 1/(π̂(1 − π̂)), α = 0 when max g ≤ 2·mean g, otherwise γ solves γ = 2·E[g | g ≤ γ] and
///   α = ½ − √(¼ − 1/γ). Patients with α ≤ π̂ ≤ 1 − α are kept.
public enum PropensityTrimming: Sendable, Hashable, Codable {
    case threshold(Double)
    case crump

    /// The default rule: a fixed bound of 0.05.
    public static let standard = PropensityTrimming.threshold(0.05)

    /// The kept patients (indices, increasing) and the bound used.
    ///
    /// - Throws: for a bound outside [0, 1/K) with K arms, or `.crump` with more than two arms.
    /// - Complexity: O(K n) (threshold) or O(n log n) (Crump).
    public func apply(_ scores: PropensityScores) throws -> (kept: [Int], bound: Double) {
        let k = scores.armNames.count, n = scores.patientCount
        switch self {
        case .threshold(let bound):
            guard bound >= 0, bound < 1 / Double(k) else {
                throw TreatmentError.invalidParameter(name: "trimming threshold", value: "\(bound)",
                                                      fix: "use a bound in [0, 1/\(k)), e.g. 0.05")
            }
            return ((0..<n).filter { i in (0..<k).allSatisfy { scores.probabilities[$0][i] >= bound } }, bound)
        case .crump:
            guard k == 2 else {
                throw TreatmentError.invalidParameter(name: "trimming", value: "crump",
                                                      fix: "Crump's rule is for two arms; use .threshold(0.05) with \(k) arms")
            }
            let pi = scores.probabilities[1]
            let alpha = Self.crumpBound(pi)
            return ((0..<n).filter { pi[$0] >= alpha && pi[$0] <= 1 - alpha }, alpha)
        }
    }

    /// Crump et al.'s α for propensities `pi` of the treated arm.
    static func crumpBound(_ pi: [Double]) -> Double {
        let g = pi.map { 1 / max($0 * (1 - $0), 1e-300) }.sorted()
        guard !g.isEmpty else { return 0 }
        let mean = g.reduce(0, +) / Double(g.count)
        if g.last! <= 2 * mean { return 0 }
        var sum = 0.0
        for (idx, value) in g.enumerated() {
            sum += value
            let gamma = 2 * sum / Double(idx + 1)
            let next = idx + 1 < g.count ? g[idx + 1] : .infinity
            if gamma >= value && gamma < next {
                return 0.5 - max(0, 0.25 - 1 / gamma).squareRoot()
            }
        }
        return 0
    }
}
