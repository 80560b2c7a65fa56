import Foundation
import Statistics

/// Cross-fitted nuisances and per-patient doubly robust scores — the interface that off-policy evaluation,
/// policy learning and RATE code against with plain arrays.
///
/// For patient i (in the order of the ``TreatmentData`` that was fitted) and arm a (index into ``armNames``):
///
/// - ``arm``[i]: the arm received, Aᵢ.
/// - ``outcome``[i]: the outcome the nuisances regress, Yᵢ — the 0/1 response (binary), the value
///   (continuous), or for survival the IPCW-transformed outcome Y*ᵢ of the estimand (see
///   ``CensoringTransform``: E[Y* | x, a] is the arm's RMST to τ or survival probability at t).
///   ``observedOutcome`` keeps the raw outcome (times and events for survival).
/// - ``propensities``[a][i]: π̂ₐ(xᵢ) = P̂(A = a | xᵢ), cross-fitted (from a model that did not see fold
///   ``folds``[i]), unclipped; each patient's values sum to 1.
/// - ``outcomePredictions``[a][i]: μ̂ₐ(xᵢ) = Ê[Y | x = xᵢ, A = a], cross-fitted in the same folds.
/// - ``scores``[a][i]: the AIPW (doubly robust) score
///
///       Γ̂ᵢ(a) = μ̂ₐ(xᵢ) + 1{Aᵢ = a} · (Yᵢ − μ̂ₐ(xᵢ)) / max(π̂ₐ(xᵢ), c),     c = ``propensityClip``,
///
///   whose mean over patients estimates E[Y(a)] (Robins, Rotnitzky & Zhao 1994; Kennedy 2023). The value of
///   a policy d is estimated by the mean of Γ̂ᵢ(d(xᵢ)) (Athey & Wager 2021, Econometrica 89:133), and
///   Γ̂ᵢ(a) − Γ̂ᵢ(r) is the DR-learner's pseudo-outcome.
/// - ``weights``: the case weights (nil = all 1), to be used in any average of the scores.
public struct CrossFitResult: Sendable, Hashable, Codable {
    public var estimand: EffectEstimand
    public var armNames: [String]
    public var referenceArm: Int
    public var arm: [Int]
    public var outcome: [Double]
    public var observedOutcome: TreatmentOutcome
    public var weights: [Double]?
    public var folds: [Int]
    public var propensities: [[Double]]
    public var propensityClip: Double
    public var outcomePredictions: [[Double]]
    public var scores: [[Double]]

    /// Computes ``scores`` from the nuisances.
    ///
    /// - Complexity: O(n K).
    public init(estimand: EffectEstimand, armNames: [String], referenceArm: Int, arm: [Int], outcome: [Double],
                observedOutcome: TreatmentOutcome, weights: [Double]?, folds: [Int], propensities: [[Double]],
                propensityClip: Double, outcomePredictions: [[Double]]) {
        self.estimand = estimand
        self.armNames = armNames
        self.referenceArm = referenceArm
        self.arm = arm
        self.outcome = outcome
        self.observedOutcome = observedOutcome
        self.weights = weights
        self.folds = folds
        self.propensities = propensities
        self.propensityClip = propensityClip
        self.outcomePredictions = outcomePredictions
        scores = (0..<armNames.count).map { a in
            arm.indices.map { i in
                let m = outcomePredictions[a][i]
                return arm[i] == a ? m + (outcome[i] - m) / max(propensities[a][i], propensityClip) : m
            }
        }
    }

    public var patientCount: Int { arm.count }

    /// An average effect of one arm against the reference, with its standard error and interval.
    public struct AverageEffect: Sendable, Hashable, Codable {
        public var arm: String
        public var estimate: Double
        public var standardError: Double
        public var lower: Double
        public var upper: Double
    }

    /// The AIPW average treatment effect of each comparison arm: the (case-weighted) mean of
    /// Γ̂ᵢ(a) − Γ̂ᵢ(r), with the influence-function SE sd(φ)/√n (Robins et al. 1994; Chernozhukov et al. 2018).
    ///
    /// - Complexity: O(n K).
    public func doublyRobustEffects(level: Double = 0.95) -> [AverageEffect] {
        let z = Normal().quantile(0.5 + level / 2)
        return (0..<armNames.count).filter { $0 != referenceArm }.map { a in
            let phi = arm.indices.map { scores[a][$0] - scores[referenceArm][$0] }
            let (mean, se) = Self.weightedMean(phi, weights)
            return AverageEffect(arm: armNames[a], estimate: mean, standardError: se, lower: mean - z * se, upper: mean + z * se)
        }
    }

    /// The inverse-probability-weighted (Hájek, normalised) average effect of each comparison arm:
    /// Σ 1{A = a} w Y / π̂ₐ ÷ Σ 1{A = a} w / π̂ₐ minus the same for the reference, propensities clipped at
    /// ``propensityClip``; SE from the linearised influence function.
    ///
    /// - Complexity: O(n K).
    public func inverseProbabilityWeightedEffects(level: Double = 0.95) -> [AverageEffect] {
        let z = Normal().quantile(0.5 + level / 2)
        let n = patientCount
        func armMean(_ a: Int) -> (mean: Double, influence: [Double]) {
            var num = 0.0, den = 0.0
            for i in 0..<n where arm[i] == a {
                let w = (weights?[i] ?? 1) / max(propensities[a][i], propensityClip)
                num += w * outcome[i]; den += w
            }
            let mean = den > 0 ? num / den : .nan
            // ψᵢ = hᵢ (Yᵢ − m) / (Σh / n), hᵢ = wᵢ 1{Aᵢ = a} / π̂ₐ(xᵢ).
            let influence = (0..<n).map { i -> Double in
                guard arm[i] == a, den > 0 else { return 0 }
                let h = (weights?[i] ?? 1) / max(propensities[a][i], propensityClip)
                return h * (outcome[i] - mean) * Double(n) / den
            }
            return (mean, influence)
        }
        let reference = armMean(referenceArm)
        return (0..<armNames.count).filter { $0 != referenceArm }.map { a in
            let m = armMean(a)
            let psi = (0..<n).map { m.influence[$0] - reference.influence[$0] }
            let (_, se) = Self.weightedMean(psi, nil)
            let estimate = m.mean - reference.mean
            return AverageEffect(arm: armNames[a], estimate: estimate, standardError: se, lower: estimate - z * se,
                                 upper: estimate + z * se)
        }
    }

    /// Weighted mean and its SE (weighted SD / √(Kish n)).
    static func weightedMean(_ x: [Double], _ w: [Double]?) -> (Double, Double) {
        let n = x.count
        var s = 0.0, sw = 0.0, sw2 = 0.0
        for i in 0..<n { let wi = w?[i] ?? 1; s += wi * x[i]; sw += wi; sw2 += wi * wi }
        let mean = s / sw
        var ss = 0.0
        for i in 0..<n { let wi = w?[i] ?? 1; ss += wi * (x[i] - mean) * (x[i] - mean) }
        let variance = ss / sw
        let effectiveN = sw * sw / sw2
        return (mean, (variance / max(effectiveN - 1, 1)).squareRoot())
    }
}
