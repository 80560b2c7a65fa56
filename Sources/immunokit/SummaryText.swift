import Foundation
import ImmunoKit

/// The plain-text rendering of a ``CohortSummary`` for `immunokit inspect`.
enum SummaryText {
    static func render(_ s: CohortSummary) -> String {
        var out = "Cohort \(s.name): \(s.patients) patients\n"
        out += "\nOutcomes\n"
        if let r = s.response {
            out += "  response            \(r.positive) responders, \(r.negative) non-responders, \(r.missing) missing\n"
            out += "                      rule: \(r.rule)\n"
        }
        if let b = s.clinicalBenefit {
            out += "  clinical benefit    \(b.positive) yes, \(b.negative) no, \(b.missing) missing\n"
        }
        if let best = s.bestOverallResponse {
            let order = ["CR", "PR", "SD", "PD", "NE", "missing"]
            out += "  best response       " + order.compactMap { k in best[k].map { "\(k) \($0)" } }.joined(separator: ", ") + "\n"
        }
        for (label, survival) in [("overall survival", s.overallSurvival), ("progression-free", s.progressionFreeSurvival)] {
            guard let v = survival else { continue }
            let median = v.medianTime.map { ", median time \(fmt($0)) \(v.unit.rawValue)" } ?? ""
            out += "  \(label.padding(toLength: 20, withPad: " ", startingAt: 0))\(v.events) events, \(v.censored) censored of \(v.complete) complete\(median)\n"
        }
        out += "\nTreatment\n"
        for (k, v) in s.treatment.sorted(by: { $0.value > $1.value }) { out += "  \(k): \(v)\n" }
        out += "\nModalities\n"
        if s.blocks.isEmpty { out += "  (clinical only)\n" }
        for b in s.blocks {
            out += "  \(b.name): \(b.patients) patients (\(percent(b.coverage))), \(b.detail)\n"
        }
        out += "\nClinical columns (\(s.columns.count))\n"
        let width = min(32, (s.columns.map(\.name.count).max() ?? 8) + 2)
        for c in s.columns {
            var line = "  " + c.name.padding(toLength: width, withPad: " ", startingAt: 0)
            line += c.kind.padding(toLength: 12, withPad: " ", startingAt: 0)
            line += "missing \(percent(c.missingFraction))".padding(toLength: 16, withPad: " ", startingAt: 0)
            if let levels = c.levels {
                line += levels.count <= 6 ? levels.joined(separator: ", ") : "\(levels.count)+ levels"
            } else if let lo = c.minimum, let mid = c.median, let hi = c.maximum {
                line += "range \(fmt(lo))–\(fmt(hi)), median \(fmt(mid))" + (c.unit.map { " \($0)" } ?? "")
            }
            out += line + "\n"
        }
        if !s.warnings.isEmpty {
            out += "\nWarnings\n"
            for w in s.warnings { out += "  ! \(w)\n" }
        }
        return out
    }

    static func fmt(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e9 { return String(Int(v)) }
        return String(format: "%.3g", v)
    }

    static func percent(_ f: Double) -> String { String(format: "%.0f%%", f * 100) }
}
