import Statistics

/// A proportion `x / n` with its Wilson score interval.
///
///     centre = (x + z²/2) / (n + z²),   half-width = z / (n + z²) · √(x(n − x)/n + z²/4),
///
/// `z = Φ⁻¹((1 + level)/2)`. Unlike the Wald interval it stays inside [0, 1] and keeps near-nominal
/// coverage for small n and proportions near 0 or 1 (Wilson 1927, JASA 22:209; Brown, Cai & DasGupta
/// 2001, Statistical Science 16:101). Agreement: statsmodels `proportion_confint(method="wilson")`, 1e-12.
public struct Proportion: Sendable, Hashable, Codable {
    public var successes: Int
    public var trials: Int
    public var confidenceLevel: Double
    /// `successes / trials` (NaN when there are no trials).
    public var estimate: Double
    public var lower: Double
    public var upper: Double

    /// - Complexity: O(1).
    public init(successes: Int, trials: Int, confidenceLevel: Double = 0.95) {
        precondition(successes >= 0 && successes <= trials, "need 0 ≤ successes ≤ trials, got \(successes)/\(trials)")
        InputChecks.level(confidenceLevel)
        self.successes = successes
        self.trials = trials
        self.confidenceLevel = confidenceLevel
        guard trials > 0 else {
            estimate = .nan; lower = .nan; upper = .nan
            return
        }
        let n = Double(trials), x = Double(successes)
        let z = Normal().quantile(0.5 + confidenceLevel / 2), z2 = z * z
        estimate = x / n
        let centre = (x + z2 / 2) / (n + z2)
        let half = z / (n + z2) * (x * (n - x) / n + z2 / 4).squareRoot()
        lower = max(0, centre - half)
        upper = min(1, centre + half)
    }
}
