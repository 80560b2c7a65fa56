import Foundation
import Learning

/// Covariate balance between each arm and the reference, before and after weighting.
///
/// For covariate x and arms a (comparison) and r (reference), the standardised mean difference (Austin
/// 2009, Stat Med 28:3083, eq. 1; the default of R's cobalt) is
///
///     SMD = (x̄ₐ − x̄ᵣ) / √((sₐ² + sᵣ²) / 2),
///
/// where the denominator always uses the *unweighted* group variances, so that weighting changes only the
/// numerator; after weighting, x̄ are weighted means. The variance ratio is sₐ²/sᵣ² (weighted variances
/// Σw(x − x̄)² / (Σw − Σw²/Σw) after weighting; ideally near 1). Categorical covariates contribute one 0/1
/// row per level (`name=level`); missing values are left out of that covariate's moments. |SMD| > 0.1
/// (Austin 2009) is flagged as imbalance.
public struct BalanceTable: Sendable, Hashable, Codable {
    public struct Row: Sendable, Hashable, Codable {
        /// Covariate, or `name=level` for a level of a categorical covariate.
        public var covariate: String
        public var arm: String
        public var reference: String
        public var meanArm: Double
        public var meanReference: Double
        public var smdBefore: Double
        public var smdAfter: Double?
        public var varianceRatioBefore: Double
        public var varianceRatioAfter: Double?
        /// |SMD| after weighting (or before, without weights) exceeds ``BalanceTable/threshold``.
        public var imbalanced: Bool
    }

    public static let threshold = 0.1
    public var rows: [Row]

    /// The largest |SMD| after weighting (before, without weights).
    public var maximumAbsoluteSMD: Double {
        rows.map { abs($0.smdAfter ?? $0.smdBefore) }.filter(\.isFinite).max() ?? 0
    }

    /// - Parameters:
    ///   - data: covariates, arms and reference (its case weights are ignored here).
    ///   - weights: weights for the "after" columns (e.g. ``PropensityWeights/weights``), or nil.
    /// - Throws: when `weights` has the wrong length or non-finite / negative values.
    /// - Complexity: O(n · (p + levels) · K).
    public init(_ data: TreatmentData, weights: [Double]? = nil) throws {
        let n = data.patientCount
        if let weights {
            guard weights.count == n, weights.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                throw TreatmentError.invalidData(field: "weights", expected: "one finite weight ≥ 0 per patient (\(n))")
            }
        }
        var columns: [(String, [Double])] = []
        let x = data.covariates
        for j in 0..<x.columnCount {
            let column = Array(x.column(j))
            if let levels = x.categoricalLevels[x.names[j]] {
                for (code, level) in levels.enumerated() {
                    columns.append(("\(x.names[j])=\(level)", column.map { $0.isNaN ? .nan : ($0 == Double(code) ? 1 : 0) }))
                }
            } else {
                columns.append((x.names[j], column))
            }
        }
        var rows: [Row] = []
        let r = data.referenceArm
        for a in data.comparisonArms {
            for (name, values) in columns {
                func moments(_ arm: Int, _ w: [Double]?) -> (mean: Double, variance: Double) {
                    var s = 0.0, sw = 0.0, sw2 = 0.0
                    for i in 0..<n where data.arm[i] == arm && !values[i].isNaN {
                        let wi = w?[i] ?? 1
                        s += wi * values[i]; sw += wi; sw2 += wi * wi
                    }
                    guard sw > 0 else { return (.nan, .nan) }
                    let m = s / sw
                    var ss = 0.0
                    for i in 0..<n where data.arm[i] == arm && !values[i].isNaN {
                        ss += (w?[i] ?? 1) * (values[i] - m) * (values[i] - m)
                    }
                    let denominator = sw - sw2 / sw
                    return (m, denominator > 0 ? ss / denominator : .nan)
                }
                let ua = moments(a, nil), ur = moments(r, nil)
                let scale = ((ua.variance + ur.variance) / 2).squareRoot()
                func smd(_ ma: Double, _ mr: Double) -> Double {
                    ma == mr ? 0 : (scale > 0 ? (ma - mr) / scale : .infinity * (ma - mr).sign.signValue)
                }
                let before = smd(ua.mean, ur.mean)
                var after: Double?, ratioAfter: Double?
                var meanA = ua.mean, meanR = ur.mean
                if let weights {
                    let wa = moments(a, weights), wr = moments(r, weights)
                    after = smd(wa.mean, wr.mean)
                    ratioAfter = wa.variance / wr.variance
                    meanA = wa.mean; meanR = wr.mean
                }
                let shown = after ?? before
                rows.append(Row(covariate: name, arm: data.armNames[a], reference: data.armNames[r], meanArm: meanA,
                                meanReference: meanR, smdBefore: before, smdAfter: after,
                                varianceRatioBefore: ua.variance / ur.variance, varianceRatioAfter: ratioAfter,
                                imbalanced: !(abs(shown) <= Self.threshold)))
            }
        }
        self.rows = rows
    }
}

private extension FloatingPointSign {
    var signValue: Double { self == .minus ? -1 : 1 }
}
