/// RECIST 1.1 best overall response.
///
/// Eisenhauer EA et al. (2009), "New response evaluation criteria in solid tumours: revised RECIST
/// guideline (version 1.1)", Eur J Cancer 45:228-247.
public enum RECIST: String, Sendable, Hashable, Codable, CaseIterable {
    case completeResponse = "CR"
    case partialResponse = "PR"
    case stableDisease = "SD"
    case progressiveDisease = "PD"
    /// Not evaluable.
    case notEvaluable = "NE"

    /// Objective response: CR or PR.
    public var isObjectiveResponse: Bool { self == .completeResponse || self == .partialResponse }

    /// Reads the usual spellings: "CR", "complete response", "Complete Response", "PR", "SD", "PD",
    /// "NE", "NA-not evaluable"; `nil` for anything else.
    public init?(code: String) {
        let text = code.trimmingCharacters(in: .whitespaces).lowercased()
        switch text {
        case "cr", "complete response", "complete_response", "cr/ir": self = .completeResponse
        case "pr", "partial response", "partial_response", "pr/ir": self = .partialResponse
        case "sd", "stable disease", "stable_disease", "sd/ir": self = .stableDisease
        case "pd", "progressive disease", "progressive_disease", "pd/ir": self = .progressiveDisease
        case "ne", "not evaluable", "nonevaluable", "non-evaluable", "unk": self = .notEvaluable
        default: return nil
        }
    }
}

/// A binary outcome (response, clinical benefit), aligned to patients, with the rule that derived it.
public struct BinaryOutcome: Sendable, Hashable, Codable {
    public var name: String
    /// `true` = responder / benefit; `nil` = not assessed or not evaluable.
    public var values: [Bool?]
    /// How the labels were derived, in words: "RECIST CR/PR vs SD/PD", "column Response, 1 = responder".
    public var rule: String

    public init(name: String, values: [Bool?], rule: String) {
        self.name = name
        self.values = values
        self.rule = rule
    }

    public var positiveCount: Int { values.reduce(0) { $0 + ($1 == true ? 1 : 0) } }
    public var negativeCount: Int { values.reduce(0) { $0 + ($1 == false ? 1 : 0) } }
    public var missingCount: Int { values.reduce(0) { $0 + ($1 == nil ? 1 : 0) } }
}

/// Unit of a time-to-event outcome.
public enum TimeUnit: String, Sendable, Hashable, Codable, CaseIterable {
    case days, weeks, months, years

    /// Length in days (a month is 365.25 / 12 days, a year 365.25 days).
    public var days: Double {
        switch self {
        case .days: 1
        case .weeks: 7
        case .months: 365.25 / 12
        case .years: 365.25
        }
    }

    /// Reads "day(s)", "d", "week(s)", "month(s)", "mo", "year(s)", "y".
    public init?(code: String) {
        switch code.trimmingCharacters(in: .whitespaces).lowercased() {
        case "day", "days", "d": self = .days
        case "week", "weeks", "w", "wk": self = .weeks
        case "month", "months", "mo", "m": self = .months
        case "year", "years", "y", "yr": self = .years
        default: return nil
        }
    }
}

/// A time-to-event outcome (OS, PFS), aligned to patients.
///
/// A patient's entry is complete when both time and event are present; time must be ≥ 0.
public struct SurvivalOutcome: Sendable, Hashable, Codable {
    public var name: String
    public var time: [Double?]
    /// `true` = the event (death, progression) was observed; `false` = censored at `time`.
    public var event: [Bool?]
    public var unit: TimeUnit

    public init(name: String, time: [Double?], event: [Bool?], unit: TimeUnit) {
        precondition(time.count == event.count, "survival time and event must have the same length")
        self.name = name
        self.time = time
        self.event = event
        self.unit = unit
    }

    /// Patients with both a time and an event indicator.
    public var completeCount: Int { zip(time, event).reduce(0) { $0 + ($1.0 != nil && $1.1 != nil ? 1 : 0) } }
    /// Observed events among complete entries.
    public var eventCount: Int { zip(time, event).reduce(0) { $0 + ($1.0 != nil && $1.1 == true ? 1 : 0) } }

    /// Times converted to `unit`.
    public func converted(to unit: TimeUnit) -> SurvivalOutcome {
        let factor = self.unit.days / unit.days
        return SurvivalOutcome(name: name, time: time.map { $0.map { $0 * factor } }, event: event, unit: unit)
    }
}

/// All outcomes of a cohort, each aligned to the cohort's patients and each optional.
public struct Outcomes: Sendable, Hashable, Codable {
    /// RECIST best overall response, when recorded.
    public var bestOverallResponse: [RECIST?]?
    /// Objective response (binary), with the rule that derived it.
    public var response: BinaryOutcome?
    /// Durable clinical benefit, when the study defines it.
    public var clinicalBenefit: BinaryOutcome?
    public var overallSurvival: SurvivalOutcome?
    public var progressionFreeSurvival: SurvivalOutcome?

    public init(
        bestOverallResponse: [RECIST?]? = nil, response: BinaryOutcome? = nil,
        clinicalBenefit: BinaryOutcome? = nil, overallSurvival: SurvivalOutcome? = nil,
        progressionFreeSurvival: SurvivalOutcome? = nil
    ) {
        self.bestOverallResponse = bestOverallResponse
        self.response = response
        self.clinicalBenefit = clinicalBenefit
        self.overallSurvival = overallSurvival
        self.progressionFreeSurvival = progressionFreeSurvival
    }

    /// The binary response derived from RECIST: CR/PR → responder, SD/PD → non-responder, NE → missing.
    public static func response(fromRECIST recist: [RECIST?]) -> BinaryOutcome {
        BinaryOutcome(
            name: "response",
            values: recist.map { r in
                guard let r, r != .notEvaluable else { return nil }
                return r.isObjectiveResponse
            },
            rule: "RECIST best overall response: CR/PR = responder, SD/PD = non-responder, NE = missing")
    }
}

import Foundation
