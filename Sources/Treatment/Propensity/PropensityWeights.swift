import Foundation

/// Inverse-probability-of-treatment weights (IPW) from propensity scores.
///
/// - ``Kind/inverse``: wᵢ = 1 / π̂_{Aᵢ}(xᵢ) (Horvitz–Thompson; Rosenbaum & Rubin 1983): the weighted
///   population resembles the whole cohort in every arm (average treatment effect).
/// - ``Kind/stabilized`` (default): wᵢ = P̂(A = Aᵢ) / π̂_{Aᵢ}(xᵢ) with P̂ the (case-weighted) share of the
///   arm, which keeps each arm's weighted size near its actual size (Robins, Hernán & Brumback 2000,
///   Epidemiology 11:550).
///
/// Truncation (Cole & Hernán 2008, Am J Epidemiol 168:656): with ``truncationQuantile`` q (e.g. 0.99),
/// weights below the (1 − q) quantile are raised to it and weights above the q quantile lowered to it
/// (quantiles over all patients, linear interpolation). Case weights multiply the result.
public struct PropensityWeights: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable { case inverse, stabilized }

    /// The weight of each patient.
    public var weights: [Double]
    public var kind: Kind
    public var truncationQuantile: Double?
    /// How many weights truncation changed.
    public var truncatedCount: Int

    /// - Parameters:
    ///   - kind: default `.stabilized`.
    ///   - truncationQuantile: nil (default, no truncation) or q in (0.5, 1).
    ///   - caseWeights: optional weights multiplied in (and used for the arm shares).
    /// - Throws: ``TreatmentError/invalidParameter(name:value:fix:)`` for q outside (0.5, 1),
    ///   ``TreatmentError/invalidData(field:expected:)`` for a propensity of the received arm that is not in (0, 1].
    /// - Complexity: O(n log n) with truncation, else O(n).
    public init(_ scores: PropensityScores, kind: Kind = .stabilized, truncationQuantile: Double? = nil,
                caseWeights: [Double]? = nil) throws {
        if let q = truncationQuantile, !(q > 0.5 && q < 1) {
            throw TreatmentError.invalidParameter(name: "truncationQuantile", value: "\(q)",
                                                  fix: "use a quantile in (0.5, 1), e.g. 0.99, or nil")
        }
        let n = scores.patientCount
        if let caseWeights, caseWeights.count != n {
            throw TreatmentError.invalidData(field: "caseWeights", expected: "one weight per patient (\(n))")
        }
        let received = scores.receivedArmPropensity
        guard received.allSatisfy({ $0 > 0 && $0 <= 1 }) else {
            throw TreatmentError.invalidData(field: "propensity of the received arm",
                                             expected: "values in (0, 1]; trim patients without overlap first")
        }
        var share = [Double](repeating: 0, count: scores.armNames.count)
        for i in 0..<n { share[scores.arm[i]] += caseWeights?[i] ?? 1 }
        let total = share.reduce(0, +)
        var w = (0..<n).map { i in (kind == .stabilized ? share[scores.arm[i]] / total : 1) / received[i] }
        var changed = 0
        if let q = truncationQuantile {
            let sorted = w.sorted()
            let lower = Self.quantile(sorted, 1 - q), upper = Self.quantile(sorted, q)
            for i in 0..<n {
                let clipped = min(max(w[i], lower), upper)
                if clipped != w[i] { changed += 1; w[i] = clipped }
            }
        }
        if let caseWeights { for i in 0..<n { w[i] *= caseWeights[i] } }
        weights = w
        self.kind = kind
        self.truncationQuantile = truncationQuantile
        truncatedCount = changed
    }

    /// The q quantile of sorted values (linear interpolation between order statistics, R type 7).
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let h = Double(sorted.count - 1) * q
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }
}

/// Kish's effective sample size (Σw)² / Σw² of a set of weights (Kish 1965, *Survey Sampling*).
///
/// - Complexity: O(n).
public func kishEffectiveSampleSize(_ weights: [Double]) -> Double {
    var s = 0.0, s2 = 0.0
    for w in weights { s += w; s2 += w * w }
    return s2 > 0 ? s * s / s2 : 0
}
