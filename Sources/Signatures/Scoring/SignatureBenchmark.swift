import CohortData
import Foundation

/// The signature benchmark: for every signature and cohort, the AUC of the score for response with a
/// DeLong 95 % CI, the coverage, and refusals; and a DerSimonian–Laird random-effects summary per
/// signature across cohorts. AUC is computed on the raw score (higher score ↔ responder), whatever the
/// signature's published direction: a signature published as negative should show AUC < 0.5.
public enum SignatureBenchmark {
    /// One signature in one cohort.
    public struct Row: Sendable, Hashable, Codable {
        public var cohort: String
        public var signature: String
        public var method: String
        /// Fraction of the signature's genes (or pairs) found.
        public var coverage: Double
        /// "scored", or why not ("refused: …", "no response labels").
        public var status: String
        /// Patients with both a score and a response label.
        public var patients: Int
        public var responders: Int
        public var nonResponders: Int
        public var auc: Double?
        public var lower: Double?
        public var upper: Double?
        /// DeLong variance of the AUC.
        public var variance: Double?
    }

    /// The random-effects summary of one signature.
    public struct Pooled: Sendable, Hashable, Codable {
        public var signature: String
        public var cohorts: Int
        public var auc: Double
        public var lower: Double
        public var upper: Double
        public var tau2: Double
        public var i2: Double
    }

    /// Scores `signatures` in `cohort` and evaluates each score against the cohort's binary response.
    public static func evaluate(_ cohort: Cohort, signatures: [GeneSignature], catalog: SignatureCatalog? = nil,
                                options: SignatureScorer.Options = .init(),
                                harmonizer: GeneIdentifierHarmonizer = .immuneSignatures) -> [Row] {
        guard let expression = cohort.expression else {
            return signatures.map {
                Row(cohort: cohort.name, signature: $0.name, method: $0.method.rawValue, coverage: 0,
                    status: "refused: no expression", patients: 0, responders: 0, nonResponders: 0)
            }
        }
        let report = SignatureScorer(expression: expression, harmonizer: harmonizer)
            .scoreAll(signatures, options: options, catalog: catalog)
        let index = cohort.patientIndex
        let labels: [Bool?] = expression.sampleIDs.map { id in index[id].flatMap { cohort.outcomes.response?.values[$0] } }
        var rows: [Row] = []
        for (signature, coverage) in zip(signatures, report.coverage) {
            var row = Row(cohort: cohort.name, signature: signature.name, method: coverage.method.rawValue,
                          coverage: coverage.fraction, status: "scored", patients: 0, responders: 0, nonResponders: 0)
            if let refusal = report.refusals.first(where: { $0.signature == signature.name }) {
                row.status = "refused: " + refusal.message
                if let score = report.score(signature.name) { row.method = score.method.rawValue }
                rows.append(row)
                continue
            }
            guard let score = report.score(signature.name) else {
                row.status = "not scored"
                rows.append(row)
                continue
            }
            row.method = score.method.rawValue
            var x: [Double] = [], y: [Bool] = []
            for (v, label) in zip(score.values, labels) where v.isFinite {
                if let label { x.append(v); y.append(label) }
            }
            row.patients = x.count
            if let auc = ResponseAUC(scores: x, response: y) {
                let ci = auc.interval()
                row.auc = auc.auc; row.lower = ci.lower; row.upper = ci.upper; row.variance = auc.variance
                row.responders = auc.responders; row.nonResponders = auc.nonResponders
            } else {
                row.status = "no responders and non-responders with scores"
            }
            rows.append(row)
        }
        return rows
    }

    /// Random-effects summaries of the scored rows, one per signature (in first-appearance order).
    public static func pool(_ rows: [Row]) -> [Pooled] {
        var order: [String] = []
        var groups: [String: [Row]] = [:]
        for r in rows where r.auc != nil && r.variance != nil {
            if groups[r.signature] == nil { order.append(r.signature) }
            groups[r.signature, default: []].append(r)
        }
        return order.compactMap { name in
            let g = groups[name]!
            guard let p = RandomEffectsPool(estimates: g.map { $0.auc! }, variances: g.map { $0.variance! }) else { return nil }
            let ci = p.interval()
            return Pooled(signature: name, cohorts: p.studies, auc: p.estimate, lower: ci.lower, upper: ci.upper,
                          tau2: p.tau2, i2: p.i2)
        }
    }
}
