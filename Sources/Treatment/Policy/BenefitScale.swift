import Foundation

/// The scale of an outcome on which benefit is measured, for wording recommendations: a probability is
/// written in percentage points ("+8.1 points"), a time in its unit ("+3.2 months").
///
/// Every value a ``RegimenPolicy`` compares is on the outcome's own scale (a probability in [0, 1], months);
/// only the words convert.
public enum BenefitScale: Sendable, Hashable, Codable {
    /// A probability (response, survival at a horizon): differences in percentage points (×100).
    case probability
    /// A time (restricted mean survival time), in `unit` (e.g. "months").
    case time(unit: String)
    /// Any other score, in `unit`.
    case score(unit: String)

    /// "+8.1 points", "−1.2 months": the signed difference with one decimal and the unit.
    ///
    /// - Complexity: O(1).
    public func signed(_ difference: Double) -> String {
        let (value, unit) = scaled(difference)
        return (value >= 0 ? "+" : "−") + Self.oneDecimal(abs(value)) + " " + unit
    }

    /// "3.0 points": the magnitude with one decimal and the unit.
    ///
    /// - Complexity: O(1).
    public func magnitude(_ difference: Double) -> String {
        let (value, unit) = scaled(difference)
        return Self.oneDecimal(abs(value)) + " " + unit
    }

    /// "−1.2": the signed value on the display scale, without unit.
    ///
    /// - Complexity: O(1).
    public func signedNumber(_ difference: Double) -> String {
        let (value, _) = scaled(difference)
        return (value >= 0 ? "+" : "−") + Self.oneDecimal(abs(value))
    }

    /// `x` ≥ 0 with one decimal, rounded half to even on the tenths (as `%.1f` for all but exact binary ties).
    static func oneDecimal(_ x: Double) -> String {
        let tenths = (x * 10).rounded(.toNearestOrEven)
        guard tenths.isFinite, tenths < 1e15 else { return String(format: "%.1f", x) }
        let t = Int(tenths)
        return "\(t / 10).\(t % 10)"
    }

    private func scaled(_ x: Double) -> (Double, String) {
        switch self {
        case .probability: (100 * x, "points")
        case .time(let unit): (x, unit)
        case .score(let unit): (x, unit)
        }
    }
}
