import Foundation
import Statistics

/// One feature's association with an outcome, one row of an ``AssociationScan`` results table.
public struct AssociationResult: Sendable, Hashable, Codable {
    public var feature: String
    /// Which test: "mann-whitney", "fisher", "logistic", "cox", "log-rank".
    public var test: String
    /// Patients with the feature and the outcome observed.
    public var count: Int
    /// Effect on its natural scale: AUC (Mann–Whitney), odds ratio (Fisher, logistic), hazard ratio (Cox).
    public var effect: Double
    public var lower: Double
    public var upper: Double
    /// Effect on the log scale (log OR, log HR; AUC − ½ for Mann–Whitney) and its SE, for meta-analysis.
    public var logEffect: Double
    public var standardError: Double
    public var pValue: Double
    /// Benjamini–Hochberg and Benjamini–Yekutieli q-values over the scan (filled by the scan).
    public var qValueBH: Double = .nan
    public var qValueBY: Double = .nan
    public var notes: [String] = []
}

/// An association scan: every feature tested against one outcome, with FDR over the features.
///
/// Binary outcome: continuous features by ``MannWhitneyU`` (effect AUC with DeLong CI) or, with
/// `.logistic`, ``LogisticAssociation`` (odds ratio per unit, optionally covariate-adjusted, Wald test);
/// binary features (only values 0 and 1) by ``FisherExactTest``. Survival outcome: ``CoxAssociation``
/// (hazard ratio per unit, Wald p-value; LR in notes) for every feature. Missing values (NaN) are dropped
/// per feature; a feature with fewer than `minimumCount` observed patients or no variation gets p = NaN.
/// q-values use ``MultipleTesting`` over the testable features.
///
/// Unadjusted Cox rows come from ``UnivariateCoxKernel`` (one sort of the times shared by all features; the same
/// numbers as ``CoxAssociation``).
///
/// - Complexity: O(F · n log n) rank tests; Cox/logistic O(F · n · iterations). Features are processed
///   in parallel (interleaved chunks over the cores); the result order is the feature order.
public enum AssociationScan {
    public enum BinaryTest: String, Sendable, Hashable, Codable, CaseIterable { case mannWhitney = "mann-whitney", logistic }

    /// The outcome of a scan.
    public enum Outcome: Sendable {
        case binary([Bool])
        case survival(time: [Double], event: [Bool])
        var count: Int {
            switch self {
            case .binary(let y): y.count
            case .survival(let t, _): t.count
            }
        }
    }

    /// - Parameters:
    ///   - features: (name, values per patient; NaN = missing).
    ///   - outcome: per patient, aligned to the features.
    ///   - covariates: adjustment columns (finite) for logistic/Cox; patients need all of them.
    public static func run(features: [(name: String, values: [Double])], outcome: Outcome,
                           binaryTest: BinaryTest = .mannWhitney, covariates: [[Double]] = [],
                           minimumCount: Int = 10) -> [AssociationResult] {
        var results = [AssociationResult?](repeating: nil, count: features.count)
        let chunks = max(1, min(features.count, ProcessInfo.processInfo.activeProcessorCount * 4))
        // Unadjusted Cox: one sort of the times for all features (``UnivariateCoxKernel``).
        let kernel: UnivariateCoxKernel? = {
            guard case .survival(let time, let event) = outcome, covariates.isEmpty else { return nil }
            return UnivariateCoxKernel(time: time, event: event)
        }()
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                var i = c
                while i < features.count {
                    if let kernel {
                        precondition(features[i].values.count == outcome.count,
                                     "feature \(features[i].name): \(features[i].values.count) values for \(outcome.count) patients")
                        out[i] = kernel.result(features[i].name, features[i].values, minimumCount: minimumCount)
                    } else {
                        out[i] = test(features[i].name, features[i].values, outcome: outcome, binaryTest: binaryTest,
                                      covariates: covariates, minimumCount: minimumCount)
                    }
                    i += chunks
                }
            }
        }
        return withQValues(results.map { $0! })
    }

    /// Fills BH and BY q-values over the results.
    public static func withQValues(_ results: [AssociationResult]) -> [AssociationResult] {
        let p = results.map(\.pValue)
        let bh = MultipleTesting.benjaminiHochberg(p), by = MultipleTesting.benjaminiYekutieli(p)
        return results.indices.map { i in
            var r = results[i]
            r.qValueBH = bh[i]
            r.qValueBY = by[i]
            return r
        }
    }

    static func untestable(_ name: String, _ test: String, _ count: Int, _ note: String) -> AssociationResult {
        AssociationResult(feature: name, test: test, count: count, effect: .nan, lower: .nan, upper: .nan,
                          logEffect: .nan, standardError: .nan, pValue: .nan, notes: [note])
    }

    /// One feature.
    public static func test(_ name: String, _ values: [Double], outcome: Outcome, binaryTest: BinaryTest = .mannWhitney,
                            covariates: [[Double]] = [], minimumCount: Int = 10) -> AssociationResult {
        precondition(values.count == outcome.count, "feature \(name): \(values.count) values for \(outcome.count) patients")
        let rows = values.indices.filter { values[$0].isFinite }
            .filter { i in covariates.allSatisfy { $0[i].isFinite } }
        let x = rows.map { values[$0] }
        let cov = covariates.map { c in rows.map { c[$0] } }
        let distinct = Set(x)
        let isBinary = distinct.isSubset(of: [0, 1])
        switch outcome {
        case .binary(let y):
            let yy = rows.map { y[$0] }
            let testName = isBinary && covariates.isEmpty ? "fisher" : binaryTest.rawValue
            guard rows.count >= minimumCount, distinct.count >= 2, Set(yy).count == 2 else {
                return untestable(name, testName, rows.count, "fewer than \(minimumCount) patients, a constant feature or one outcome class")
            }
            if isBinary && covariates.isEmpty {
                var t = [0, 0, 0, 0]
                for (xi, yi) in zip(x, yy) { t[(xi == 1 ? 0 : 2) + (yi ? 0 : 1)] += 1 }
                // Rows: feature present / absent; columns: responder / non-responder.
                let f = FisherExactTest(a: t[0], b: t[1], c: t[2], d: t[3])
                // Woolf SE with ½ added to each cell (Haldane–Anscombe) for meta-analysis.
                let cells = t.map { Double($0) + (t.contains(0) ? 0.5 : 0) }
                let logOR = log(cells[0] * cells[3] / (cells[1] * cells[2]))
                let se = cells.reduce(0) { $0 + 1 / $1 }.squareRoot()
                return AssociationResult(feature: name, test: "fisher", count: rows.count, effect: f.oddsRatio,
                                         lower: exp(logOR - 1.959963984540054 * se), upper: exp(logOR + 1.959963984540054 * se),
                                         logEffect: logOR, standardError: se, pValue: f.pValue)
            }
            if binaryTest == .logistic || !covariates.isEmpty {
                do {
                    let l = try LogisticAssociation(feature: x, outcome: yy, covariates: cov)
                    return AssociationResult(feature: name, test: "logistic", count: rows.count, effect: l.oddsRatio,
                                             lower: l.lower, upper: l.upper, logEffect: l.logOddsRatio,
                                             standardError: l.standardError, pValue: l.pValue, notes: l.diagnostics)
                } catch {
                    return untestable(name, "logistic", rows.count, "\(error)")
                }
            }
            let pos = zip(x, yy).filter { $0.1 }.map(\.0), neg = zip(x, yy).filter { !$0.1 }.map(\.0)
            guard let m = try? MannWhitneyU(pos, neg) else { return untestable(name, "mann-whitney", rows.count, "test failed") }
            let z = 1.959963984540054
            return AssociationResult(feature: name, test: "mann-whitney", count: rows.count, effect: m.auc,
                                     lower: max(0, m.auc - z * m.aucStandardError), upper: min(1, m.auc + z * m.aucStandardError),
                                     logEffect: m.auc - 0.5, standardError: m.aucStandardError, pValue: m.pValue)
        case .survival(let time, let event):
            let t = rows.map { time[$0] }, e = rows.map { event[$0] }
            guard rows.count >= minimumCount, distinct.count >= 2, e.contains(true) else {
                return untestable(name, "cox", rows.count, "fewer than \(minimumCount) patients, a constant feature or no events")
            }
            do {
                let c = try CoxAssociation(feature: x, time: t, event: e, covariates: cov)
                return AssociationResult(feature: name, test: "cox", count: rows.count, effect: c.hazardRatio, lower: c.lower,
                                         upper: c.upper, logEffect: c.logHazardRatio, standardError: c.standardError,
                                         pValue: c.waldPValue,
                                         notes: ["LR p = \(c.likelihoodRatioPValue)"] + c.diagnostics)
            } catch {
                return untestable(name, "cox", rows.count, "\(error)")
            }
        }
    }
}
