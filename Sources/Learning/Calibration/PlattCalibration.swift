import Foundation

/// Platt scaling: `P(y = 1 | f) = 1 / (1 + exp(A·f + B))`, fitted by maximum likelihood on held-out
/// scores `f` with Platt's smoothed targets `t₊ = (N₊ + 1) / (N₊ + 2)` and `t₋ = 1 / (N₋ + 2)`.
///
/// As scikit-learn's `_SigmoidCalibration` (used by `CalibratedClassifierCV(method="sigmoid")`): the
/// scores are divided by `max|f|` when that exceeds 30, for conditioning, and the fitted `A` is
/// rescaled back. Fitted by Newton's method with step halving on the two parameters (the
/// log-likelihood is concave), to a gradient norm below 1e-12.
///
/// Platt JC (1999), "Probabilistic outputs for support vector machines and comparisons to regularized
/// likelihood methods", in Advances in Large Margin Classifiers; Lin, Lin & Weng (2007), Mach Learn
/// 68:267 (the numerically stable form used here).
public struct PlattCalibration: Sendable, Hashable, Codable {
    public var a: Double
    public var b: Double

    public init(a: Double, b: Double) {
        self.a = a
        self.b = b
    }

    /// Fits on held-out scores and 0/1 labels (optional non-negative weights).
    public static func fit(scores: [Double], labels: [Double], weights: [Double]? = nil) throws -> PlattCalibration {
        precondition(scores.count == labels.count, "one label per score")
        guard scores.allSatisfy(\.isFinite) else { throw EstimatorError.invalidData("calibration scores must be finite") }
        let w = weights ?? Array(repeating: 1, count: scores.count)
        let positives = zip(labels, w).reduce(0) { $0 + ($1.0 == 1 ? $1.1 : 0) }
        let negatives = zip(labels, w).reduce(0) { $0 + ($1.0 == 0 ? $1.1 : 0) }
        guard positives > 0, negatives > 0 else {
            throw EstimatorError.invalidData("calibration needs both outcomes among the held-out patients")
        }
        let scale = max(1, (scores.map(abs).max() ?? 0) > 30 ? scores.map(abs).max()! : 1)
        let f = scores.map { $0 / scale }
        let hi = (positives + 1) / (positives + 2)
        let lo = 1 / (negatives + 2)
        let t = labels.map { $0 == 1 ? hi : lo }

        // Negative log-likelihood of p = σ(−(A f + B)) with targets t.
        func objective(_ a: Double, _ b: Double) -> Double {
            var total = 0.0
            for i in f.indices {
                let z = a * f[i] + b   // p = 1 / (1 + e^z)
                // −[t log p + (1 − t) log(1 − p)] = t·log(1 + e^z) + (1 − t)·log(1 + e^−z), stably:
                let softplus = z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
                total += w[i] * (softplus - (1 - t[i]) * z)
            }
            return total
        }
        var a = 0.0
        var b = log((negatives + 1) / (positives + 1))
        var value = objective(a, b)
        for _ in 0..<200 {
            var ga = 0.0, gb = 0.0, haa = 0.0, hab = 0.0, hbb = 0.0
            for i in f.indices {
                let z = a * f[i] + b
                let p = 1 / (1 + exp(z))            // predicted probability of class 1
                let d = w[i] * (t[i] - p)           // ∂/∂z of the loss
                ga += d * f[i]
                gb += d
                let h = w[i] * p * (1 - p)
                haa += h * f[i] * f[i]
                hab += h * f[i]
                hbb += h
            }
            if (ga * ga + gb * gb).squareRoot() < 1e-12 { break }
            let det = haa * hbb - hab * hab + 1e-300
            let da = -(hbb * ga - hab * gb) / det
            let db = -(haa * gb - hab * ga) / det
            var step = 1.0
            var accepted = false
            for _ in 0..<60 {
                let candidate = objective(a + step * da, b + step * db)
                if candidate <= value {
                    a += step * da
                    b += step * db
                    value = candidate
                    accepted = true
                    break
                }
                step /= 2
            }
            if !accepted { break }
        }
        return PlattCalibration(a: a / scale, b: b)
    }

    /// The calibrated probability for a score.
    @inlinable
    public func probability(_ score: Double) -> Double { 1 / (1 + exp(a * score + b)) }
}
