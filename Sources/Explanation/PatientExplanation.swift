import Foundation

/// One patient's prediction explained in words and numbers, contributions ordered by size.
///
/// **Conversion to probability points.** SHAP values on the log-odds scale are additive in log-odds, not
/// in probability. Each feature's effect in points is reported as the difference between the predicted
/// probability and the probability with that feature's contribution removed:
/// 100 · (σ(f(x)) − σ(f(x) − φ_j)), σ the logistic function. These per-feature point effects do not sum
/// exactly to the distance from the base rate (the log-odds SHAP values do). On the probability scale
/// (forests) the effect is 100 · φ_j points exactly; on the log-hazard scale it is the hazard ratio
/// exp(φ_j), reported as a percentage change in the predicted hazard.
public struct PatientExplanation: Sendable, Hashable, Codable {
    public struct Contribution: Sendable, Hashable, Codable {
        public var feature: String
        public var value: Double
        /// The SHAP value on the explanation's scale.
        public var shap: Double
        /// The effect in the reported unit: probability points (binary), percent change in hazard
        /// (survival), or the value's unit (regression).
        public var effect: Double
        public var sentence: String
    }

    public var patient: String
    public var scale: ExplanationScale
    /// The prediction on the reported scale (probability for binary models).
    public var prediction: Double
    public var baseline: Double
    /// Non-zero contributions, by decreasing |effect|.
    public var contributions: [Contribution]

    /// Explains row `row` of `shap`, whose feature values are `values` (in feature order).
    ///
    /// - Parameters:
    ///   - units: optional unit per feature name, printed after the value ("g/dL").
    ///   - outcome: the outcome's name in sentences, e.g. "response probability".
    public init(shap: SHAPValues, row: Int, values: [Double], patient: String? = nil, units: [String: String] = [:],
                outcome: String? = nil) {
        let phi = shap.row(row)
        let f = shap.outputs[row]
        func sigmoid(_ z: Double) -> Double { z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z)) }
        let outcomeName: String
        let unit: String
        switch shap.scale {
        case .logOdds, .probability:
            outcomeName = outcome ?? "predicted response probability"; unit = "points"
        case .logHazard:
            outcomeName = outcome ?? "predicted hazard"; unit = "%"
        case .value:
            outcomeName = outcome ?? "prediction"; unit = ""
        }
        var items = [Contribution]()
        for j in 0..<shap.featureCount where phi[j] != 0 {
            let effect: Double
            switch shap.scale {
            case .logOdds: effect = 100 * (sigmoid(f) - sigmoid(f - phi[j]))
            case .probability: effect = 100 * phi[j]
            case .logHazard: effect = 100 * (exp(phi[j]) - 1)
            case .value: effect = phi[j]
            }
            let name = shap.featureNames[j]
            let valueText = Self.format(values[j]) + (units[name].map { " \($0)" } ?? "")
            let verb = effect >= 0 ? "raises" : "lowers"
            let amount = Self.format(abs(effect), digits: abs(effect) >= 10 ? 0 : 1)
            let sentence: String
            switch shap.scale {
            case .logHazard: sentence = "\(name) \(valueText) \(verb) the \(outcomeName) by \(amount)%"
            case .value: sentence = "\(name) \(valueText) \(verb) the \(outcomeName) by \(amount)"
            default: sentence = "\(name) \(valueText) \(verb) the \(outcomeName) by \(amount) \(unit)"
            }
            items.append(Contribution(feature: name, value: values[j], shap: phi[j], effect: effect, sentence: sentence))
        }
        items.sort { abs($0.effect) != abs($1.effect) ? abs($0.effect) > abs($1.effect) : $0.feature < $1.feature }
        self.patient = patient ?? "row \(row + 1)"
        self.scale = shap.scale
        switch shap.scale {
        case .logOdds: prediction = sigmoid(f); baseline = sigmoid(shap.baseValue)
        default: prediction = f; baseline = shap.baseValue
        }
        self.contributions = items
    }

    /// A short paragraph: the prediction, the baseline, then the `limit` largest contributions.
    public func text(limit: Int = 5) -> String {
        var lines = [String]()
        switch scale {
        case .logOdds, .probability:
            lines.append("\(patient): predicted response probability \(Self.format(100 * prediction, digits: 0))% "
                + "(cohort average \(Self.format(100 * baseline, digits: 0))%).")
        case .logHazard:
            lines.append("\(patient): log relative hazard \(Self.format(prediction)) (average \(Self.format(baseline))).")
        case .value:
            lines.append("\(patient): prediction \(Self.format(prediction)) (average \(Self.format(baseline))).")
        }
        for c in contributions.prefix(limit) { lines.append("  " + c.sentence) }
        return lines.joined(separator: "\n")
    }

    static func format(_ x: Double, digits: Int? = nil) -> String {
        if x.isNaN { return "missing" }
        let d = digits ?? (abs(x) >= 100 ? 0 : abs(x) >= 10 ? 1 : 2)
        var s = String(format: "%.\(d)f", x)
        if digits == nil, s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }
}
