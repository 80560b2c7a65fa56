import Foundation
import Statistics

/// Logistic recalibration of predicted probabilities: calibration-in-the-large and calibration slope.
///
/// With `η_i = logit(p_i)` (probabilities clipped to `[1e-15, 1 − 1e-15]`):
///
/// - **calibration slope** `b` from the logistic model `logit P(y = 1) = a + b·η` (Cox 1958). `b = 1`
///   is ideal; `b < 1` means predictions are too extreme (typical of overfitting), `b > 1` too modest.
/// - **calibration-in-the-large** `α` from `logit P(y = 1) = α + 1·η` (η as an offset). `α = 0` is
///   ideal; `α > 0` means the model under-predicts on average.
///
/// Both are maximum-likelihood fits by Newton–Raphson (at most 100 iterations, tolerance 1e-12 on the
/// step), with standard errors from the inverse observed information.
///
/// - Cox DR (1958), "Two further applications of a model for binary regression", Biometrika 45:562.
/// - Van Calster B et al. (2016), "A calibration hierarchy for risk models was defined: from utopia to
///   empirical data", J Clin Epidemiol 74:167; Van Calster B et al. (2019), "Calibration: the Achilles
///   heel of predictive analytics", BMC Medicine 17:230.
///
/// Agreement: statsmodels `GLM(Binomial)` with and without offset, 1e-8.
public struct LogisticCalibration: Sendable, Hashable, Codable {
    /// Calibration-in-the-large α (intercept with the logit as offset).
    public var calibrationInTheLarge: Double
    public var calibrationInTheLargeStandardError: Double
    /// Intercept `a` of the recalibration model with a free slope.
    public var intercept: Double
    /// Calibration slope `b`.
    public var slope: Double
    public var slopeStandardError: Double
    /// Whether both Newton fits converged (false under separation, e.g. a perfect model).
    public var converged: Bool

    /// - Throws: when a probability is outside [0, 1] or a class is absent.
    /// - Complexity: O(N · iterations), typically under 10 iterations.
    public init(probabilities: [Double], labels: [Bool]) throws {
        InputChecks.sameLength(probabilities.count, labels.count, "probabilities and labels")
        try InputChecks.probabilities(probabilities)
        _ = try InputChecks.bothClasses(labels, metric: "logistic calibration")
        let eta = probabilities.map { p -> Double in
            let q = min(max(p, 1e-15), 1 - 1e-15)
            return log(q / (1 - q))
        }
        let y = labels.map { $0 ? 1.0 : 0.0 }

        // Intercept with offset: one-dimensional Newton.
        var alpha = 0.0, converged1 = false, info1 = 0.0
        for _ in 0..<100 {
            var score = 0.0, info = 0.0
            for i in y.indices {
                let mu = 1 / (1 + exp(-(alpha + eta[i])))
                score += y[i] - mu
                info += mu * (1 - mu)
            }
            info1 = info
            guard info > 0 else { break }
            let step = score / info
            alpha += step
            if abs(step) < 1e-12 { converged1 = true; break }
        }

        // Intercept and slope: two-dimensional Newton.
        var a = 0.0, b = 1.0, converged2 = false
        var iaa = 0.0, iab = 0.0, ibb = 0.0
        for _ in 0..<100 {
            var sa = 0.0, sb = 0.0
            iaa = 0; iab = 0; ibb = 0
            for i in y.indices {
                let mu = 1 / (1 + exp(-(a + b * eta[i])))
                let w = mu * (1 - mu), r = y[i] - mu
                sa += r; sb += r * eta[i]
                iaa += w; iab += w * eta[i]; ibb += w * eta[i] * eta[i]
            }
            let det = iaa * ibb - iab * iab
            guard det > 0 else { break }
            let da = (ibb * sa - iab * sb) / det, db = (iaa * sb - iab * sa) / det
            a += da; b += db
            if max(abs(da), abs(db)) < 1e-12 { converged2 = true; break }
        }
        let det = iaa * ibb - iab * iab
        calibrationInTheLarge = alpha
        calibrationInTheLargeStandardError = info1 > 0 ? (1 / info1).squareRoot() : .nan
        intercept = a
        slope = b
        slopeStandardError = det > 0 ? (iaa / det).squareRoot() : .nan
        converged = converged1 && converged2 && a.isFinite && b.isFinite
    }
}
