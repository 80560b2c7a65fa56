import Foundation

/// Descriptive statistics of a sample of `Double`s.
///
/// NaN policy: these functions do not skip missing values. Order-based statistics (``median(_:)``,
/// ``quantile(_:_:)``, ``ranks(_:)``, ``interquartileRange(_:)``, ``medianAbsoluteDeviation(_:scale:)``,
/// ``minimum(_:)``, ``maximum(_:)``) trap on NaN with a message, because a NaN has no place in an
/// ordering; moment statistics (``mean(_:)``, ``variance(_:)``, …) propagate NaN (return NaN).
/// Remove or impute missing values first.
public enum Descriptive {
    static func checkNoNaN(_ values: [Double], _ function: StaticString) {
        precondition(!values.contains(where: \.isNaN), "\(function): input contains NaN; remove missing values first")
    }

    /// The arithmetic mean Σxᵢ/n, with a second-pass correction
    /// (mean + Σ(xᵢ − mean)/n) for accuracy. Empty input traps. NaN propagates.
    ///
    /// - Complexity: O(n).
    public static func mean(_ values: [Double]) -> Double {
        precondition(!values.isEmpty, "mean: input is empty")
        let n = Double(values.count)
        var sum = 0.0
        for v in values { sum += v }
        let m = sum / n
        guard m.isFinite else { return m }
        var correction = 0.0
        for v in values { correction += v - m }
        return m + correction / n
    }

    /// The sample variance Σ(xᵢ − x̄)²/(n − ddof), by the corrected two-pass algorithm
    /// (Chan, Golub & LeVeque 1983). `ddof` (delta degrees of freedom) defaults to 1, the unbiased
    /// sample variance (R `var`, `numpy.var(ddof=1)`); use 0 for the population variance.
    /// Traps unless n > ddof. NaN propagates.
    ///
    /// - Complexity: O(n).
    public static func variance(_ values: [Double], ddof: Int = 1) -> Double {
        precondition(ddof >= 0, "variance: ddof must be >= 0, got \(ddof)")
        precondition(values.count > ddof, "variance: needs more than ddof = \(ddof) values, got \(values.count)")
        let m = mean(values)
        var sumSquares = 0.0
        var sum = 0.0
        for v in values {
            let d = v - m
            sumSquares += d * d
            sum += d
        }
        let n = Double(values.count)
        return (sumSquares - sum * sum / n) / (n - Double(ddof))
    }

    /// The sample standard deviation √variance (n − 1 denominator by default; see ``variance(_:ddof:)``).
    public static func standardDeviation(_ values: [Double], ddof: Int = 1) -> Double {
        variance(values, ddof: ddof).squareRoot()
    }

    /// The smallest value. Traps on empty input or NaN.
    public static func minimum(_ values: [Double]) -> Double {
        precondition(!values.isEmpty, "minimum: input is empty")
        checkNoNaN(values, "minimum")
        return values.min()!
    }

    /// The largest value. Traps on empty input or NaN.
    public static func maximum(_ values: [Double]) -> Double {
        precondition(!values.isEmpty, "maximum: input is empty")
        checkNoNaN(values, "maximum")
        return values.max()!
    }

    /// The median, the type-7 quantile at ½ (mean of the two middle values for even n).
    /// Traps on empty input or NaN.
    ///
    /// - Complexity: O(n log n).
    public static func median(_ values: [Double]) -> Double { quantile(values, 0.5) }

    /// The sample quantile of type 7 in Hyndman & Fan (1996), the default of R `quantile` and
    /// `numpy.quantile(method="linear")`: with sorted x₍₁₎ ≤ … ≤ x₍ₙ₎ and h = (n − 1)p,
    /// Q(p) = x₍⌊h⌋+1₎ + (h − ⌊h⌋)(x₍⌊h⌋+2₎ − x₍⌊h⌋+1₎).
    ///
    /// `p` must be in [0, 1]; empty input or NaN traps.
    ///
    /// Hyndman RJ, Fan Y (1996), "Sample quantiles in statistical packages", The American
    /// Statistician 50(4):361–365.
    ///
    /// - Complexity: O(n log n) (sorts a copy); use ``quantiles(_:_:)`` for several p at once.
    public static func quantile(_ values: [Double], _ p: Double) -> Double {
        quantiles(values, [p])[0]
    }

    /// Type-7 quantiles at each of `probabilities`, sorting once. See ``quantile(_:_:)``.
    ///
    /// - Complexity: O(n log n + k).
    public static func quantiles(_ values: [Double], _ probabilities: [Double]) -> [Double] {
        precondition(!values.isEmpty, "quantile: input is empty")
        checkNoNaN(values, "quantile")
        let sorted = values.sorted()
        return probabilities.map { sortedQuantile(sorted, $0) }
    }

    /// Type-7 quantile of already sorted, NaN-free values.
    static func sortedQuantile(_ sorted: [Double], _ p: Double) -> Double {
        precondition(p >= 0 && p <= 1, "quantile: p must be in [0, 1], got \(p)")
        let h = Double(sorted.count - 1) * p
        let lowerIndex = Int(h.rounded(.down))
        let fraction = h - Double(lowerIndex)
        let lower = sorted[lowerIndex]
        if fraction == 0 || lowerIndex + 1 >= sorted.count { return lower }
        let upper = sorted[lowerIndex + 1]
        // NumPy's `_lerp`: a + (b − a)t, evaluated from the nearer end for monotonicity.
        let diff = upper - lower
        return fraction >= 0.5 ? upper - diff * (1 - fraction) : lower + diff * fraction
    }

    /// The interquartile range Q(¾) − Q(¼) with type-7 quantiles. Traps on empty input or NaN.
    public static func interquartileRange(_ values: [Double]) -> Double {
        let q = quantiles(values, [0.25, 0.75])
        return q[1] - q[0]
    }

    /// The median absolute deviation median(|xᵢ − median(x)|) × `scale`.
    ///
    /// `scale` defaults to 1 (SciPy `median_abs_deviation`); pass 1.482602218505602
    /// (= 1/Φ⁻¹(¾), R's `mad` default) for a consistent estimator of σ under normality.
    /// Traps on empty input or NaN.
    public static func medianAbsoluteDeviation(_ values: [Double], scale: Double = 1) -> Double {
        let m = median(values)
        return median(values.map { abs($0 - m) }) * scale
    }

    /// The sample skewness g₁ = m₃/m₂^{3/2} with central moments mₖ = Σ(xᵢ − x̄)ᵏ/n (the biased,
    /// moment estimator: SciPy `skew(bias=True)`). Traps when n < 2; NaN when all values are equal.
    public static func skewness(_ values: [Double]) -> Double {
        precondition(values.count >= 2, "skewness: needs at least 2 values, got \(values.count)")
        let m = mean(values)
        var m2 = 0.0, m3 = 0.0
        for v in values { let d = v - m; m2 += d * d; m3 += d * d * d }
        let n = Double(values.count)
        m2 /= n; m3 /= n
        return m3 / pow(m2, 1.5)
    }

    /// The sample excess kurtosis g₂ = m₄/m₂² − 3 with central moments mₖ = Σ(xᵢ − x̄)ᵏ/n (SciPy
    /// `kurtosis(fisher=True, bias=True)`). Traps when n < 2; NaN when all values are equal.
    public static func excessKurtosis(_ values: [Double]) -> Double {
        precondition(values.count >= 2, "excessKurtosis: needs at least 2 values, got \(values.count)")
        let m = mean(values)
        var m2 = 0.0, m4 = 0.0
        for v in values { let d = v - m; let d2 = d * d; m2 += d2; m4 += d2 * d2 }
        let n = Double(values.count)
        m2 /= n; m4 /= n
        return m4 / (m2 * m2) - 3
    }

    /// Ranks 1…n with ties given the average of the ranks they span (SciPy `rankdata(method="average")`,
    /// R `rank(ties.method="average")`). Traps on NaN. Empty input gives an empty array.
    ///
    /// - Complexity: O(n log n).
    public static func ranks(_ values: [Double]) -> [Double] {
        checkNoNaN(values, "ranks")
        let order = values.indices.sorted { values[$0] < values[$1] }
        var result = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
            // Positions start..<end (0-based) share the average rank (start + 1 + end) / 2.
            let rank = Double(start + 1 + end) / 2
            for i in start..<end { result[order[i]] = rank }
            start = end
        }
        return result
    }
}
