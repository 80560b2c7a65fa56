/// Checks shared by the metrics: lengths (programmer misuse, traps) and values (bad data, throws).
enum InputChecks {
    static func sameLength(_ a: Int, _ b: Int, _ what: String) {
        precondition(a == b, "\(what): lengths differ (\(a) vs \(b))")
    }

    static func finite(_ values: [Double], _ what: String) throws {
        for v in values where !v.isFinite {
            throw EvaluationError.invalidInput("\(what) must be finite (found NaN or infinity)")
        }
    }

    static func probabilities(_ values: [Double], _ what: String = "probabilities") throws {
        for v in values where !(v >= 0 && v <= 1) {
            throw EvaluationError.invalidInput("\(what) must lie in [0, 1]")
        }
    }

    /// Counts positives and negatives; throws when a class is missing.
    static func bothClasses(_ labels: [Bool], metric: String) throws -> (positives: Int, negatives: Int) {
        var positives = 0
        for l in labels where l { positives += 1 }
        let negatives = labels.count - positives
        guard positives > 0 else { throw EvaluationError.undefined(metric: metric, reason: "no positive outcomes") }
        guard negatives > 0 else { throw EvaluationError.undefined(metric: metric, reason: "no negative outcomes") }
        return (positives, negatives)
    }

    static func survival(time: [Double], event: [Bool]) throws {
        sameLength(time.count, event.count, "survival times and event indicators")
        for t in time where !(t.isFinite && t >= 0) {
            throw EvaluationError.invalidInput("survival times must be finite and ≥ 0")
        }
    }

    static func level(_ level: Double) {
        precondition(level > 0 && level < 1, "confidence level must lie in (0, 1), got \(level)")
    }
}
