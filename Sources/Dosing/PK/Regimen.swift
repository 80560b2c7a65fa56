import Foundation

/// A dosing regimen of intravenous infusions: an amount (flat in mg, or per body weight in mg/kg), a
/// dosing interval, and an infusion duration.
///
/// Written as text `"<amount><unit> q<N><w|d>"`, case-insensitive, spaces optional between the amount and
/// the unit: `"200mg q3w"`, `"400 mg q6w"`, `"2mg/kg q3w"`, `"480mg q28d"`. Approved examples: pembrolizumab
/// 200 mg q3w, 400 mg q6w and (earlier) 2 mg/kg q3w; nivolumab 240 mg q2w, 480 mg q4w and 3 mg/kg q2w;
/// atezolizumab 840 mg q2w, 1200 mg q3w, 1680 mg q4w. Extended intervals (e.g. `"400mg q8w"`) are allowed.
///
/// - `infusionHours`: default 0.5 h (the labelled 30-minute infusion), valid 1 minute…24 h.
/// - `intervalDays`: valid 1…365 days.
public struct Regimen: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The amount given at each dose.
    public enum Amount: Codable, Sendable, Hashable {
        /// A flat dose in mg.
        case milligrams(Double)
        /// A weight-based dose in mg per kg of body weight.
        case milligramsPerKilogram(Double)
    }

    public var amount: Amount
    /// Days between the starts of consecutive doses.
    public var intervalDays: Double
    /// The infusion duration in hours (zero-order input).
    public var infusionHours: Double
    /// The text the regimen was written as ("200 mg q3w").
    public var label: String

    public init(amount: Amount, intervalDays: Double, infusionHours: Double = 0.5, label: String? = nil) {
        self.amount = amount
        self.intervalDays = intervalDays
        self.infusionHours = infusionHours
        self.label = label ?? Regimen.defaultLabel(amount, intervalDays)
    }

    public var description: String { label }

    /// The dose in mg for a patient of `weightKilograms`.
    public func doseMilligrams(weightKilograms: Double) -> Double {
        switch amount {
        case .milligrams(let mg): mg
        case .milligramsPerKilogram(let perKg): perKg * weightKilograms
        }
    }

    /// Dose start times 0, τ, 2τ, … strictly before `durationDays`.
    ///
    /// - Complexity: O(duration / interval).
    public func doseTimes(durationDays: Double) -> [Double] {
        var times: [Double] = []
        var k = 0
        while Double(k) * intervalDays < durationDays {
            times.append(Double(k) * intervalDays)
            k += 1
        }
        return times
    }

    /// Throws ``DosingError/invalidConfiguration(parameter:message:)`` naming the first value out of range.
    public func validate() throws {
        let value: Double
        switch amount {
        case .milligrams(let v), .milligramsPerKilogram(let v): value = v
        }
        guard value.isFinite, value > 0 else {
            throw DosingError.invalidConfiguration(parameter: "amount", message: "\(value) in regimen '\(label)' must be a positive number")
        }
        guard intervalDays.isFinite, intervalDays >= 1, intervalDays <= 365 else {
            throw DosingError.invalidConfiguration(parameter: "intervalDays",
                                                   message: "\(intervalDays) in regimen '\(label)' is outside 1...365 days")
        }
        guard infusionHours.isFinite, infusionHours >= 1.0 / 60, infusionHours <= 24 else {
            throw DosingError.invalidConfiguration(parameter: "infusionHours",
                                                   message: "\(infusionHours) in regimen '\(label)' is outside 1 minute...24 hours (default 0.5)")
        }
    }

    // MARK: Parsing

    /// Reads one regimen; `position` (1-based) is used in error messages.
    ///
    /// Errors quote the regimen text and say what was expected, for example
    /// "unknown unit 'mgs' in regimen 2 '200mgs q3w'; expected mg or mg/kg".
    ///
    /// - Complexity: O(length of `text`).
    public static func parse(_ text: String, position: Int = 1, infusionHours: Double = 0.5) throws -> Regimen {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let context = "regimen \(position) '\(trimmed)'"
        guard !trimmed.isEmpty else {
            throw DosingError.invalidRegimen("\(context) is empty; expected e.g. '200mg q3w' or '2mg/kg q3w'")
        }
        let lower = trimmed.lowercased()
        // Split "<dose part> q<interval>": the interval is the last word starting with q.
        var words = lower.split(separator: " ").map(String.init)
        guard let last = words.last, last.hasPrefix("q"), words.count >= 2 else {
            throw DosingError.invalidRegimen("missing interval in \(context); expected e.g. q3w (every 3 weeks) or q21d (every 21 days)")
        }
        words.removeLast()
        let intervalText = String(last.dropFirst())
        guard let unitCharacter = intervalText.last, unitCharacter == "w" || unitCharacter == "d",
              let count = Double(intervalText.dropLast()), count.isFinite, count > 0 else {
            throw DosingError.invalidRegimen("unknown interval '\(last)' in \(context); expected q<N>w (weeks) or q<N>d (days), e.g. q3w")
        }
        let intervalDays = unitCharacter == "w" ? count * 7 : count
        let dosePart = words.joined()
        var numberEnd = dosePart.startIndex
        while numberEnd < dosePart.endIndex, dosePart[numberEnd].isNumber || dosePart[numberEnd] == "." {
            numberEnd = dosePart.index(after: numberEnd)
        }
        let numberText = String(dosePart[..<numberEnd])
        let unit = String(dosePart[numberEnd...])
        guard let value = Double(numberText), value.isFinite, value > 0 else {
            throw DosingError.invalidRegimen("invalid dose '\(dosePart)' in \(context); expected a positive number followed by mg or mg/kg")
        }
        let amount: Amount
        switch unit {
        case "mg": amount = .milligrams(value)
        case "mg/kg", "mgkg", "mg/kgbw": amount = .milligramsPerKilogram(value)
        case "": throw DosingError.invalidRegimen("missing unit in \(context); expected mg or mg/kg after the amount")
        default: throw DosingError.invalidRegimen("unknown unit '\(unit)' in \(context); expected mg or mg/kg")
        }
        let regimen = Regimen(amount: amount, intervalDays: intervalDays, infusionHours: infusionHours,
                              label: defaultLabel(amount, intervalDays))
        do {
            try regimen.validate()
        } catch let error as DosingError {
            throw DosingError.invalidRegimen("\(context): \(error)")
        }
        return regimen
    }

    /// Reads a comma-separated list ("200mg q3w, 400mg q6w, 2mg/kg q3w").
    ///
    /// - Complexity: O(length of `text`).
    public static func parseList(_ text: String, infusionHours: Double = 0.5) throws -> [Regimen] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw DosingError.invalidRegimen("no regimens given; expected a comma-separated list such as '200mg q3w,400mg q6w'")
        }
        return try parts.enumerated().map { try parse(String($1), position: $0 + 1, infusionHours: infusionHours) }
    }

    static func defaultLabel(_ amount: Amount, _ intervalDays: Double) -> String {
        let interval = intervalDays.truncatingRemainder(dividingBy: 7) == 0
            ? "q\(Int(intervalDays / 7))w" : "q\(number(intervalDays))d"
        switch amount {
        case .milligrams(let v): return "\(number(v)) mg \(interval)"
        case .milligramsPerKilogram(let v): return "\(number(v)) mg/kg \(interval)"
        }
    }

    private static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e9 ? String(Int(v)) : String(format: "%g", v)
    }
}
