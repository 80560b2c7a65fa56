import Foundation

/// The sigmoid of a ``TimeVaryingClearance``, s(t) = r / (1 + r) with r = (t / T50)^γ, tabulated on a
/// uniform grid for cubic Hermite interpolation with its exact slopes ds/dt = γ r / (t (1 + r)²), so that the
/// ODE right-hand side needs no `pow` (CL(t) = CL₀ · exp(Emax · s(t))). One table serves every patient with
/// the same T50 and γ (between-patient variability acts on Emax); tables are kept for reuse (``shared``).
///
/// **Accuracy.** Step h = 1/8 day: the Hermite error is at most h⁴/384 · max|s⁗|, and s⁗ scales as
/// (γ / T50)⁴, so tables are used only when γ ≥ 1 and T50 ≥ 10 γ days (``isAccurate(halfChangeDays:hill:)``;
/// every published model qualifies: nivolumab 58.75 d / 3.15, pembrolizumab 65.5 d / 2.99), where the error
/// stays below 10⁻¹⁰, far inside the integrator's tolerance. Other settings, and times beyond a table, use
/// the exact formula.
final class ClearanceTimeCourse: Sendable {
    static let step = 0.125

    let halfChangeDays: Double
    let hill: Double
    let horizonDays: Double
    private let values: [Double]
    private let slopes: [Double]

    init(halfChangeDays: Double, hill: Double, horizonDays: Double) {
        self.halfChangeDays = halfChangeDays
        self.hill = hill
        let count = Int((max(horizonDays, 0) / Self.step).rounded(.up)) + 2
        self.horizonDays = Double(count - 1) * Self.step
        var values = [Double](repeating: 0, count: count), slopes = values
        for i in 1..<count {
            let t = Double(i) * Self.step
            (values[i], slopes[i]) = Self.exact(t, halfChangeDays: halfChangeDays, hill: hill)
        }
        // At t = 0: s = 0; ds/dt = 0 for γ > 1, 1/T50 for γ = 1, unbounded below 1 (the first interval is then
        // evaluated exactly).
        slopes[0] = hill > 1 ? 0 : 1 / halfChangeDays
        self.values = values
        self.slopes = slopes
    }

    /// s(t) and ds/dt by the formula.
    static func exact(_ t: Double, halfChangeDays: Double, hill: Double) -> (value: Double, slope: Double) {
        guard t > 0 else { return (0, 0) }
        let r = pow(t / halfChangeDays, hill)
        return (r / (1 + r), hill * r / (t * (1 + r) * (1 + r)))
    }

    /// s(t); 0 for t ≤ 0.
    @inline(__always)
    func value(at t: Double) -> Double {
        guard t > 0 else { return 0 }
        let u = t / Self.step
        let i = Int(u)
        guard i + 1 < values.count, i > 0 || hill >= 1 else {
            return Self.exact(t, halfChangeDays: halfChangeDays, hill: hill).value
        }
        let f = u - Double(i), g = 1 - f
        let h00 = (1 + 2 * f) * g * g, h10 = f * g * g, h01 = f * f * (3 - 2 * f), h11 = -f * f * g
        return h00 * values[i] + h01 * values[i + 1] + Self.step * (h10 * slopes[i] + h11 * slopes[i + 1])
    }

    /// Whether a table reproduces s to 10⁻¹⁰: γ ≥ 1 and T50 ≥ 10 γ days.
    static func isAccurate(halfChangeDays: Double, hill: Double) -> Bool {
        hill >= 1 && halfChangeDays >= 10 * hill
    }

    /// A table for `halfChangeDays` and `hill` reaching at least `horizonDays`, built once and kept (the last
    /// few); `nil` when a table would not be accurate enough (``isAccurate(halfChangeDays:hill:)``).
    static func shared(halfChangeDays: Double, hill: Double, horizonDays: Double) -> ClearanceTimeCourse? {
        guard isAccurate(halfChangeDays: halfChangeDays, hill: hill) else { return nil }
        return cache.table(halfChangeDays: halfChangeDays, hill: hill, horizonDays: horizonDays)
    }

    private static let cache = Cache()

    private final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var tables: [ClearanceTimeCourse] = []

        func table(halfChangeDays: Double, hill: Double, horizonDays: Double) -> ClearanceTimeCourse {
            lock.lock()
            defer { lock.unlock() }
            if let known = tables.first(where: {
                $0.halfChangeDays == halfChangeDays && $0.hill == hill && $0.horizonDays >= horizonDays
            }) {
                return known
            }
            let table = ClearanceTimeCourse(halfChangeDays: halfChangeDays, hill: hill, horizonDays: horizonDays)
            tables.append(table)
            if tables.count > 8 { tables.removeFirst() }
            return table
        }
    }
}
