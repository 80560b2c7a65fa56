import Foundation

/// Proper scoring rules for predicted probabilities of a binary outcome.
public enum ProbabilityScores {
    /// The Brier score, `(1/N) Σ (p_i − y_i)²` (Brier 1950, Monthly Weather Review 78:1). 0 is perfect;
    /// a constant prediction at the prevalence π scores π(1 − π).
    ///
    /// - Throws: when a probability is outside [0, 1].
    /// - Complexity: O(N).
    public static func brierScore(probabilities: [Double], labels: [Bool]) throws -> Double {
        InputChecks.sameLength(probabilities.count, labels.count, "probabilities and labels")
        try InputChecks.probabilities(probabilities)
        guard !labels.isEmpty else { throw EvaluationError.undefined(metric: "Brier score", reason: "no patients") }
        var s = 0.0
        for i in labels.indices {
            let d = probabilities[i] - (labels[i] ? 1 : 0)
            s += d * d
        }
        return s / Double(labels.count)
    }

    /// The log loss (negative mean Bernoulli log-likelihood),
    /// `−(1/N) Σ [y_i log p_i + (1 − y_i) log(1 − p_i)]`, with `p` clipped to `[ε, 1 − ε]` so a
    /// confident mistake costs a large finite amount.
    ///
    /// - Parameter epsilon: clipping bound, default `Double.ulpOfOne` (2.2e-16) — scikit-learn's
    ///   `log_loss` clips at the machine epsilon of the input dtype; valid range (0, 0.5).
    /// - Complexity: O(N).
    public static func logLoss(probabilities: [Double], labels: [Bool], epsilon: Double = .ulpOfOne) throws -> Double {
        InputChecks.sameLength(probabilities.count, labels.count, "probabilities and labels")
        precondition(epsilon > 0 && epsilon < 0.5, "epsilon must lie in (0, 0.5), got \(epsilon)")
        try InputChecks.probabilities(probabilities)
        guard !labels.isEmpty else { throw EvaluationError.undefined(metric: "log loss", reason: "no patients") }
        var s = 0.0
        for i in labels.indices {
            let p = min(max(probabilities[i], epsilon), 1 - epsilon)
            s -= labels[i] ? log(p) : log(1 - p)
        }
        return s / Double(labels.count)
    }
}
