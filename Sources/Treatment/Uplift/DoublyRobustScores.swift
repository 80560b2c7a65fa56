/// Augmented inverse-probability-weighted (AIPW, doubly robust) scores: per-patient pseudo-outcomes whose
/// mean is an unbiased estimate of an average effect or of an arm's mean outcome when either the propensity
/// model or the outcome model is right (Robins, Rotnitzky & Zhao 1994, JASA 89:846–866; the scores grf's
/// `get_scores` returns for a causal forest, Athey & Wager 2019, Obs Stud 5:37–51).
///
/// - Contrast of a treated arm against a control arm, for patients in either arm:
///   Γᵢ = μ̂₁(xᵢ) − μ̂₀(xᵢ) + Wᵢ(Yᵢ − μ̂₁(xᵢ))/êᵢ − (1 − Wᵢ)(Yᵢ − μ̂₀(xᵢ))/(1 − êᵢ),
///   with êᵢ = P(treated | xᵢ, treated or control). Without outcome models (μ̂ ≡ 0) this is the
///   inverse-probability-weighted (IPW) score, valid when the propensity is known (a randomised trial).
/// - Per arm, for K arms: Γᵢ(a) = μ̂ₐ(xᵢ) + 1[Aᵢ = a](Yᵢ − μ̂ₐ(xᵢ))/êₐ(xᵢ); the contrast of arms a and b
///   is Γᵢ(a) − Γᵢ(b).
///
/// The outcome model and the propensity should be cross-fitted (predicted for each patient by a model that
/// did not see that patient), or the scores inherit the models' overfitting.
public enum DoublyRobustScores {
    /// Γᵢ for a binary contrast (treated vs control).
    ///
    /// - Parameters:
    ///   - outcome: Yᵢ, finite (a 0/1 response, an RMST pseudo-value, months).
    ///   - treated: Wᵢ.
    ///   - propensity: êᵢ = P(treated | xᵢ), in (0, 1).
    ///   - treatedPrediction, controlPrediction: μ̂₁(xᵢ), μ̂₀(xᵢ); both `nil` for IPW scores.
    /// - Throws: ``PolicyError/invalidInput(_:)`` on different lengths, non-finite values, a propensity
    ///   outside (0, 1), or no patient in one of the arms.
    /// - Complexity: O(n).
    public static func contrast(outcome: [Double], treated: [Bool], propensity: [Double],
                                treatedPrediction: [Double]? = nil, controlPrediction: [Double]? = nil) throws -> [Double] {
        let n = outcome.count
        guard n > 0 else { throw PolicyError.invalidInput("DR scores: outcome is empty; expected one value per patient") }
        guard treated.count == n, propensity.count == n else {
            throw PolicyError.invalidInput("DR scores: outcome, treated and propensity must have the same length (got \(n), \(treated.count), \(propensity.count))")
        }
        guard (treatedPrediction == nil) == (controlPrediction == nil) else {
            throw PolicyError.invalidInput("DR scores: give both treatedPrediction and controlPrediction, or neither (IPW)")
        }
        let mu1 = treatedPrediction ?? [Double](repeating: 0, count: n)
        let mu0 = controlPrediction ?? [Double](repeating: 0, count: n)
        guard mu1.count == n, mu0.count == n else {
            throw PolicyError.invalidInput("DR scores: treatedPrediction and controlPrediction need one value per patient (\(n))")
        }
        guard outcome.allSatisfy(\.isFinite), mu1.allSatisfy(\.isFinite), mu0.allSatisfy(\.isFinite) else {
            throw PolicyError.invalidInput("DR scores: outcome and predictions must be finite; drop or impute missing values first")
        }
        guard propensity.allSatisfy({ $0 > 0 && $0 < 1 }) else {
            throw PolicyError.invalidInput("DR scores: propensity must lie strictly between 0 and 1 (positivity); trim or clip the propensity model")
        }
        guard treated.contains(true), treated.contains(false) else {
            throw PolicyError.invalidInput("DR scores: need patients in both the treated and the control arm")
        }
        return (0..<n).map { i in
            let e = propensity[i]
            return mu1[i] - mu0[i] + (treated[i] ? (outcome[i] - mu1[i]) / e : -(outcome[i] - mu0[i]) / (1 - e))
        }
    }

    /// Γᵢ(a) for every patient and arm: `scores[i][a]`.
    ///
    /// - Parameters:
    ///   - outcome: Yᵢ, finite.
    ///   - arm: Aᵢ, the index of the arm received, in 0..<K.
    ///   - propensities: êᵢ(a) per patient (K values each); the received arm's must be > 0.
    ///   - predictions: μ̂ₐ(xᵢ) per patient (K values each), or `nil` for IPW scores.
    /// - Complexity: O(n·K).
    public static func arms(outcome: [Double], arm: [Int], propensities: [[Double]],
                            predictions: [[Double]]? = nil) throws -> [[Double]] {
        let n = outcome.count
        guard n > 0, let k = propensities.first?.count, k >= 2 else {
            throw PolicyError.invalidInput("DR scores: need at least one patient and propensities for at least 2 arms")
        }
        guard arm.count == n, propensities.count == n, predictions.map({ $0.count == n }) ?? true else {
            throw PolicyError.invalidInput("DR scores: outcome, arm, propensities and predictions need one entry per patient (\(n))")
        }
        guard propensities.allSatisfy({ $0.count == k }), predictions?.allSatisfy({ $0.count == k }) ?? true else {
            throw PolicyError.invalidInput("DR scores: every patient needs \(k) propensities and \(k) predictions (one per arm)")
        }
        guard arm.allSatisfy({ (0..<k).contains($0) }) else {
            throw PolicyError.invalidInput("DR scores: arm must be an arm index in 0..<\(k)")
        }
        guard outcome.allSatisfy(\.isFinite), predictions?.allSatisfy({ $0.allSatisfy(\.isFinite) }) ?? true else {
            throw PolicyError.invalidInput("DR scores: outcome and predictions must be finite")
        }
        guard (0..<n).allSatisfy({ propensities[$0][arm[$0]] > 0 && propensities[$0][arm[$0]] <= 1 }) else {
            throw PolicyError.invalidInput("DR scores: the propensity of the arm each patient received must be in (0, 1] (positivity)")
        }
        return (0..<n).map { i in
            (0..<k).map { a in
                let mu = predictions?[i][a] ?? 0
                return arm[i] == a ? mu + (outcome[i] - mu) / propensities[i][a] : mu
            }
        }
    }
}
