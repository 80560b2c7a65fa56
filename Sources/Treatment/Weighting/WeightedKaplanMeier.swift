import Foundation

/// The Kaplan–Meier estimator with case weights, e.g. inverse-probability-of-treatment weights for an
/// adjusted survival curve per arm (Xie & Liu 2005, Stat Med 24:3089; Cole & Hernán 2004, Comput Methods
/// Programs Biomed 75:45).
///
/// At the distinct observed times t₁ < … < t_K with weighted events dₖ = Σ_{tᵢ = tₖ, event} wᵢ and weighted
/// number at risk nₖ = Σ_{tᵢ ≥ tₖ} wᵢ,
///
///     Ŝ(t) = Π_{tₖ ≤ t} (1 − dₖ / nₖ).
///
/// With unit weights this is the ordinary Kaplan–Meier estimate. Agreement: lifelines
/// `KaplanMeierFitter().fit(T, E, weights=w)` to 1e-10.
public struct WeightedKaplanMeier: Sendable, Hashable, Codable {
    /// Distinct observed times (events or censorings), increasing.
    public var times: [Double]
    /// Weighted number at risk just before each time.
    public var atRisk: [Double]
    /// Weighted events at each time.
    public var events: [Double]
    /// Ŝ just after each time.
    public var survival: [Double]

    /// - Throws: for unequal lengths, a negative or non-finite time, or a negative or non-finite weight.
    /// - Complexity: O(n log n).
    public init(time: [Double], event: [Bool], weights: [Double]? = nil) throws {
        let n = time.count
        guard event.count == n, weights.map({ $0.count == n }) ?? true else {
            throw TreatmentError.invalidData(field: "survival data", expected: "equal numbers of times, events and weights")
        }
        guard time.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw TreatmentError.invalidData(field: "survival time", expected: "finite times ≥ 0")
        }
        if let weights, !weights.allSatisfy({ $0.isFinite && $0 >= 0 }) {
            throw TreatmentError.invalidData(field: "weights", expected: "finite weights ≥ 0")
        }
        let order = time.indices.sorted { time[$0] < time[$1] }
        var remaining = weights?.reduce(0, +) ?? Double(n)
        var times: [Double] = [], atRisk: [Double] = [], events: [Double] = [], survival: [Double] = []
        var s = 1.0
        var k = 0
        while k < n {
            let t = time[order[k]]
            var d = 0.0, leaving = 0.0
            while k < n && time[order[k]] == t {
                let w = weights?[order[k]] ?? 1
                if event[order[k]] { d += w }
                leaving += w
                k += 1
            }
            if d > 0 && remaining > 0 { s *= 1 - d / remaining }
            times.append(t); atRisk.append(remaining); events.append(d); survival.append(s)
            remaining -= leaving
        }
        self.times = times
        self.atRisk = atRisk
        self.events = events
        self.survival = survival
    }

    /// Ŝ(t): 1 before the first time, constant after the last.
    ///
    /// - Complexity: O(log K).
    public func survival(at t: Double) -> Double {
        var lo = 0, hi = times.count
        while lo < hi { let mid = (lo + hi) / 2; if times[mid] <= t { lo = mid + 1 } else { hi = mid } }
        return lo == 0 ? 1 : survival[lo - 1]
    }

    /// Restricted mean survival time ∫₀^τ Ŝ(t) dt (exact for the step function).
    ///
    /// - Complexity: O(K).
    public func restrictedMean(to tau: Double) -> Double {
        var area = 0.0, previous = 0.0, s = 1.0
        for (t, value) in zip(times, survival) {
            if t >= tau { break }
            area += s * (t - previous)
            previous = t
            s = value
        }
        return area + s * max(0, tau - previous)
    }
}

/// Inverse-probability-weighted survival curves per arm and their contrasts with the reference arm.
public struct WeightedSurvivalComparison: Sendable, Hashable, Codable {
    public var armNames: [String]
    public var referenceArm: Int
    /// One weighted Kaplan–Meier curve per arm.
    public var curves: [WeightedKaplanMeier]

    /// - Parameters:
    ///   - data: survival outcome and arms.
    ///   - weights: e.g. ``PropensityWeights/weights``.
    /// - Throws: when the outcome is not survival or the weights do not fit.
    /// - Complexity: O(n log n).
    public init(_ data: TreatmentData, weights: [Double]) throws {
        guard case .survival(let time, let event) = data.outcome else {
            throw TreatmentError.invalidData(field: "outcome", expected: "a survival outcome for Kaplan–Meier curves")
        }
        guard weights.count == data.patientCount else {
            throw TreatmentError.invalidData(field: "weights", expected: "one weight per patient (\(data.patientCount))")
        }
        curves = try (0..<data.armCount).map { a in
            let rows = data.patients(inArm: a)
            return try WeightedKaplanMeier(time: rows.map { time[$0] }, event: rows.map { event[$0] },
                                           weights: rows.map { weights[$0] })
        }
        armNames = data.armNames
        referenceArm = data.referenceArm
    }

    /// RMST(arm) − RMST(reference) to τ, per arm (0 for the reference).
    public func restrictedMeanDifference(to tau: Double) -> [Double] {
        let reference = curves[referenceArm].restrictedMean(to: tau)
        return curves.map { $0.restrictedMean(to: tau) - reference }
    }

    /// S(t | arm) − S(t | reference), per arm.
    public func survivalDifference(at t: Double) -> [Double] {
        let reference = curves[referenceArm].survival(at: t)
        return curves.map { $0.survival(at: t) - reference }
    }
}
