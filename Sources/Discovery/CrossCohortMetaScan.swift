import Foundation

/// A feature's per-cohort effects pooled by ``MetaAnalysis``, with leave-one-cohort-out stability.
public struct CrossCohortFinding: Sendable, Hashable, Codable {
    public var feature: String
    /// Per-cohort results (same order as the cohorts given).
    public var perCohort: [AssociationResult]
    public var cohortNames: [String]
    public var pooled: MetaAnalysis
    /// Pooled p-values without each cohort in turn.
    public var leaveOneOutPValues: [Double]
    /// The same sign as the pooled estimate and p < `stabilityAlpha` in every leave-one-cohort-out analysis.
    public var isStable: Bool
    /// BH q-value of the pooled p-value over the features of the meta-scan.
    public var qValueBH: Double = .nan
}

/// Meta-analysis of an association scan run separately per cohort (stratification by cohort): each
/// feature's log-scale effects (``AssociationResult/logEffect``: AUC − ½, log OR or log HR) and SEs are
/// pooled with ``MetaAnalysis`` (default REML random effects), leave-one-cohort-out analyses check
/// stability, and BH q-values are taken over the pooled p-values. Features testable in fewer than
/// `minimumCohorts` cohorts are skipped.
///
/// - Complexity: O(F · K) meta-analyses for F features in K cohorts (rows are looked up by name).
public enum CrossCohortMetaScan {
    public static func run(cohortResults: [(cohort: String, results: [AssociationResult])],
                           method: MetaAnalysis.Method = .restrictedMaximumLikelihood,
                           minimumCohorts: Int = 2, stabilityAlpha: Double = 0.05) -> [CrossCohortFinding] {
        var features: [String] = []
        var seen = Set<String>()
        for (_, results) in cohortResults { for r in results where seen.insert(r.feature).inserted { features.append(r.feature) } }
        // Each cohort's rows by feature name (the first row of a name wins), so the scan is linear in the features.
        let lookup: [[String: AssociationResult]] = cohortResults.map { entry in
            Dictionary(entry.results.map { ($0.feature, $0) }, uniquingKeysWith: { first, _ in first })
        }
        var findings: [CrossCohortFinding] = []
        for feature in features {
            var rows: [AssociationResult] = [], names: [String] = []
            for (c, (cohort, _)) in cohortResults.enumerated() {
                if let r = lookup[c][feature], r.logEffect.isFinite,
                   r.standardError.isFinite, r.standardError > 0 {
                    rows.append(r)
                    names.append(cohort)
                }
            }
            guard rows.count >= minimumCohorts,
                  let pooled = try? MetaAnalysis(effects: rows.map(\.logEffect), standardErrors: rows.map(\.standardError),
                                                 method: method) else { continue }
            var loo: [Double] = []
            var stable = rows.count >= 2
            if rows.count >= 2, let analyses = try? MetaAnalysis.leaveOneOut(effects: rows.map(\.logEffect),
                                                                           standardErrors: rows.map(\.standardError), method: method) {
                loo = analyses.map(\.pValue)
                stable = analyses.allSatisfy { $0.pValue < stabilityAlpha && ($0.estimate > 0) == (pooled.estimate > 0) }
            }
            findings.append(CrossCohortFinding(feature: feature, perCohort: rows, cohortNames: names, pooled: pooled,
                                               leaveOneOutPValues: loo, isStable: stable))
        }
        let q = MultipleTesting.benjaminiHochberg(findings.map(\.pooled.pValue))
        for i in findings.indices { findings[i].qValueBH = q[i] }
        return findings
    }
}
