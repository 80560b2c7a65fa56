import Foundation
import Statistics

/// Which λ cross-validation picks from the curve of held-out deviance (Hastie, Tibshirani & Friedman,
/// *The Elements of Statistical Learning*, 2nd ed., §7.10; glmnet's `cv.glmnet`).
public enum LambdaRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// `lambda.min`: the λ with the smallest mean cross-validated deviance.
    case minimum = "lambda.min"
    /// `lambda.1se`: the largest λ whose mean deviance is within one standard error of the minimum —
    /// the sparsest model statistically indistinguishable from the best (glmnet's default for
    /// `coef`/`predict` on a `cv.glmnet` fit, and ours).
    case oneStandardError = "lambda.1se"
}

/// The solutions along a decreasing sequence of penalties λ₁ > λ₂ > … (warm-started), stored sparsely
/// on the original scale of the features.
public struct RegularizationPath: Sendable, Hashable, Codable {
    /// λ values, decreasing.
    public var lambdas: [Double]
    /// The intercept at each λ (all 0 for models without one, such as Cox).
    public var intercepts: [Double]
    /// Indices of the non-zero coefficients at each λ.
    public var nonzeroIndices: [[Int]]
    /// Their values (original feature scale), aligned with ``nonzeroIndices``.
    public var nonzeroValues: [[Double]]
    /// Model deviance at each λ: −2 Σ wᵢ ℓᵢ (logistic) or −2 ℓ(β) (Cox, Breslow partial likelihood).
    public var deviance: [Double]
    /// 1 − deviance / null deviance (the fraction of null deviance explained).
    public var devianceRatio: [Double]
    /// Number of features.
    public var featureCount: Int

    /// Dense coefficients at path index `k`.
    public func coefficients(at k: Int) -> [Double] {
        var beta = [Double](repeating: 0, count: featureCount)
        for (j, v) in zip(nonzeroIndices[k], nonzeroValues[k]) { beta[j] = v }
        return beta
    }

    /// Number of non-zero coefficients at each λ.
    public var nonzeroCounts: [Int] { nonzeroIndices.map(\.count) }
}

/// The cross-validation curve over a λ path and the two standard choices from it.
public struct CrossValidationCurve: Sendable, Hashable, Codable {
    /// λ values, decreasing (those of the full-data path).
    public var lambdas: [Double]
    /// Mean held-out deviance per λ (per unit weight: per observation for logistic, per event for Cox).
    public var meanDeviance: [Double]
    /// Its standard error across folds.
    public var standardError: [Double]
    /// Number of folds.
    public var folds: Int
    /// `lambda.min`.
    public var lambdaMinimum: Double
    /// `lambda.1se`.
    public var lambdaOneStandardError: Double
    /// The rule used to choose the fitted λ.
    public var rule: LambdaRule

    /// The λ the rule chooses.
    public var chosenLambda: Double {
        switch rule {
        case .minimum: lambdaMinimum
        case .oneStandardError: lambdaOneStandardError
        }
    }
}

enum PenaltyPath {
    /// glmnet's default path: `count` values geometric from `maxLambda` down to `minRatio · maxLambda`.
    static func geometric(maxLambda: Double, count: Int, minRatio: Double) -> [Double] {
        guard count > 1 else { return [maxLambda] }
        let logMax = log(maxLambda), logMin = log(maxLambda * minRatio)
        return (0..<count).map { k in exp(logMax + (logMin - logMax) * Double(k) / Double(count - 1)) }
    }

    /// glmnet's default `lambda.min.ratio`: 1e-4 when n > p, else 1e-2.
    static func defaultMinRatio(rows: Int, columns: Int) -> Double { rows > columns ? 1e-4 : 1e-2 }

    /// Stratified fold ids: the rows of each stratum are shuffled with `generator` and dealt to folds
    /// in turn, so every fold gets nearly the same share of each stratum.
    static func stratifiedFolds(strata: [Bool], folds k: Int, generator: inout Xoshiro256StarStar) -> [Int] {
        var fold = [Int](repeating: 0, count: strata.count)
        var next = 0
        for level in [false, true] {
            var rows = strata.indices.filter { strata[$0] == level }
            rows.shuffle(using: &generator)
            for i in rows {
                fold[i] = next
                next = (next + 1) % k
            }
        }
        return fold
    }

    /// glmnet's grouped summary: per-fold mean deviances `foldValues[f][λ]` with fold weights
    /// `foldWeights[f]` → weighted mean and standard error √(Σ w (v − m)² / Σ w / (K − 1)),
    /// then `lambda.min` and `lambda.1se`.
    static func summarize(lambdas: [Double], foldValues: [[Double]], foldWeights: [Double],
                          rule: LambdaRule) -> CrossValidationCurve {
        let k = foldValues.count
        let total = foldWeights.reduce(0, +)
        var mean = [Double](repeating: 0, count: lambdas.count)
        var se = [Double](repeating: 0, count: lambdas.count)
        for l in lambdas.indices {
            var m = 0.0
            for f in 0..<k { m += foldWeights[f] * foldValues[f][l] }
            m /= total
            var v = 0.0
            for f in 0..<k {
                let d = foldValues[f][l] - m
                v += foldWeights[f] * d * d
            }
            mean[l] = m
            se[l] = (v / total / Double(max(k - 1, 1))).squareRoot()
        }
        var best = 0
        for l in lambdas.indices where mean[l] < mean[best] { best = l }
        let threshold = mean[best] + se[best]
        var oneSE = best
        for l in lambdas.indices where mean[l] <= threshold {
            oneSE = l  // lambdas decrease, so the first hit is the largest λ
            break
        }
        return CrossValidationCurve(lambdas: lambdas, meanDeviance: mean, standardError: se, folds: k,
                                    lambdaMinimum: lambdas[best], lambdaOneStandardError: lambdas[oneSE],
                                    rule: rule)
    }
}
