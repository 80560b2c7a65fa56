import Statistics

/// A smoothed calibration curve: the outcome regressed on the predicted probability by LOESS.
///
/// Cleveland's locally weighted linear regression (no robustness iterations, as `rms::val.prob` and
/// Austin & Steyerberg 2014 use for binary outcomes): at each evaluation point `x₀` the `k = ⌊span·N⌋`
/// nearest predictions (at least 2) are weighted by the tricube kernel `(1 − (|x − x₀|/h)³)³`, `h` the
/// distance to the farthest of them, and a weighted straight line is fitted; its value at `x₀` is
/// the smoothed observed rate. Values may stray slightly outside [0, 1] near the ends.
///
/// Agreement: statsmodels `lowess(y, p, frac=span, it=0, delta=0)`, 1e-10.
///
/// - Cleveland WS (1979), "Robust locally weighted regression and smoothing scatterplots", JASA
///   74:829–836.
/// - Austin PC, Steyerberg EW (2014), "Graphical assessment of internal and external calibration of
///   logistic regression models by using loess smoothers", Stat Med 33:517–535.
public struct SmoothedCalibrationCurve: Sendable, Hashable, Codable {
    /// Increasing predicted probabilities at which the curve is evaluated.
    public var predicted: [Double]
    /// The smoothed observed event rate at each of ``predicted``.
    public var observed: [Double]
    /// The span used (share of patients in each local fit).
    public var span: Double

    /// - Parameters:
    ///   - span: share of the patients in each local fit, in (0, 1]; default 2/3 (R's `lowess`).
    ///   - points: where to evaluate (any order); default: every distinct predicted probability when
    ///     N ≤ 5,000, otherwise 200 equally spaced points from the smallest to the largest prediction.
    /// - Throws: when a probability is outside [0, 1] or fewer than 2 patients are given.
    /// - Complexity: O(N log N + P·k) for P evaluation points and k = span·N neighbours.
    public init(probabilities: [Double], labels: [Bool], span: Double = 2.0 / 3.0, points: [Double]? = nil) throws {
        InputChecks.sameLength(probabilities.count, labels.count, "probabilities and labels")
        precondition(span > 0 && span <= 1, "span must lie in (0, 1], got \(span)")
        try InputChecks.probabilities(probabilities)
        let n = probabilities.count
        guard n >= 2 else { throw EvaluationError.undefined(metric: "smoothed calibration", reason: "fewer than 2 patients") }
        let order = RadixSort.argsort(probabilities)
        let x = order.map { probabilities[$0] }
        let y = order.map { labels[$0] ? 1.0 : 0.0 }
        var evaluation: [Double]
        if let points {
            evaluation = points.sorted()
        } else if n <= 5000 {
            evaluation = []
            for v in x where evaluation.last != v { evaluation.append(v) }
        } else {
            let lo = x[0], hi = x[n - 1]
            evaluation = (0..<200).map { lo + (hi - lo) * Double($0) / 199 }
        }
        let k = min(n, max(2, Int(span * Double(n) + 1e-10)))
        var left = 0, right = k
        var fitted: [Double] = []
        fitted.reserveCapacity(evaluation.count)
        var weights = [Double](repeating: 0, count: k)
        for x0 in evaluation {
            // Slide the k-nearest window (statsmodels' update_neighborhood).
            while right < n && x0 > (x[left] + x[right]) / 2 { left += 1; right += 1 }
            let radius = max(x0 - x[left], x[right - 1] - x0)
            var sumW = 0.0, nonzero = 0
            for j in left..<right {
                let d = radius > 0 ? abs(x[j] - x0) / radius : 0
                let w = d < 1 ? { let t = 1 - d * d * d; return t * t * t }() : 0
                weights[j - left] = w
                sumW += w
                if w > 1e-12 { nonzero += 1 }
            }
            guard nonzero >= 2 else {
                // Too few weighted neighbours: the mean outcome of the window.
                fitted.append(y[left..<right].reduce(0, +) / Double(right - left))
                continue
            }
            var mx = 0.0
            for j in left..<right { mx += weights[j - left] / sumW * x[j] }
            var sxx = 0.0
            for j in left..<right { let d = x[j] - mx; sxx += weights[j - left] / sumW * d * d }
            sxx = max(sxx, 1e-12)
            var value = 0.0
            for j in left..<right {
                value += weights[j - left] / sumW * (1 + (x0 - mx) * (x[j] - mx) / sxx) * y[j]
            }
            fitted.append(value)
        }
        predicted = evaluation
        observed = fitted
        self.span = span
    }
}
