import Foundation
import Learning
import LinearAlgebra
import Statistics

/// The odds ratio of a binary outcome per unit of one feature, optionally adjusted for covariates, with
/// its Wald test: logit P(y = 1) = β₀ + β·x + γᵀz.
///
/// β̂ is the unpenalised maximum-likelihood fit (``ElasticNetLogisticRegression`` with λ = 0, exact Newton
/// steps, `standardize = false`), and its standard error the square root of the corresponding diagonal
/// element of (XᵀWX)⁻¹ at β̂, W = diag(p̂ᵢ(1 − p̂ᵢ)), X = [1, x, z]. Then z = β̂/SE, p = 2(1 − Φ(|z|)),
/// and the CI is exp(β̂ ± z₀.₉₇₅·SE). Matches statsmodels `Logit(y, add_constant(X)).fit()`
/// (`params`, `bse`, `pvalues`) to 1e-6.
///
/// Complete or quasi-complete separation makes β̂ infinite: it is reported in ``diagnostics`` (and the
/// p-value is then unreliable), as a coefficient above 15 in absolute value on the log-odds scale per
/// standard deviation of x, or a fit that did not converge.
///
/// - Complexity: O(n q²) per Newton step, q = 2 + number of covariates.
public struct LogisticAssociation: Sendable, Hashable, Codable {
    /// β̂, the log odds ratio per unit of the feature.
    public var logOddsRatio: Double
    public var standardError: Double
    public var z: Double
    public var pValue: Double
    public var lower: Double
    public var upper: Double
    public var count: Int
    public var diagnostics: [String]

    public var oddsRatio: Double { exp(logOddsRatio) }

    /// - Parameters:
    ///   - feature: x, finite.
    ///   - outcome: y ∈ {0, 1}.
    ///   - covariates: adjustment columns z (each `feature.count` long, finite). Default none.
    ///   - confidenceLevel: default 0.95.
    public init(feature: [Double], outcome: [Bool], covariates: [[Double]] = [], confidenceLevel: Double = 0.95) throws {
        let n = feature.count
        guard outcome.count == n, covariates.allSatisfy({ $0.count == n }) else {
            throw DiscoveryError("logistic association: feature, outcome and covariates must have the same length")
        }
        guard feature.allSatisfy(\.isFinite), covariates.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            throw DiscoveryError("logistic association: values must be finite; drop rows with missing values first")
        }
        let columns = [feature] + covariates
        let names = ["x"] + covariates.indices.map { "z\($0)" }
        let data = Dataset(features: FeatureMatrix(names: names, columns: columns),
                           target: .binary(outcome.map { $0 ? 1 : 0 }))
        let model = try ElasticNetLogisticRegression(lambda: 0, standardize: false, tolerance: 1e-14,
                                                     maxIterations: 200).fit(data)
        var messages = model.diagnostics.messages
        // Information XᵀWX with X = [1, columns...].
        let q = columns.count + 1
        let eta = try model.linearPredictor(data.features)
        var info = Matrix(rows: q, columns: q)
        var design = [[Double]](repeating: [Double](repeating: 1, count: n), count: q)
        for j in 0..<columns.count { design[j + 1] = columns[j] }
        var w = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let p = 1 / (1 + exp(-eta[i]))
            w[i] = p * (1 - p)
        }
        for a in 0..<q {
            for b in a..<q {
                var s = 0.0
                for i in 0..<n { s += design[a][i] * w[i] * design[b][i] }
                info[a, b] = s
                info[b, a] = s
            }
        }
        let beta = model.coefficients[0]
        var se = Double.nan
        if let cholesky = try? Cholesky(info) {
            se = cholesky.inverse()[1, 1].squareRoot()
        } else {
            messages.append("the information matrix is singular (constant feature, collinearity or separation)")
        }
        let sd = Descriptive.standardDeviation(feature)
        if !model.diagnostics.converged || abs(beta * sd) > 15 {
            messages.append("possible separation: the odds ratio may be infinite and its test unreliable")
        }
        logOddsRatio = beta
        standardError = se
        z = beta / se
        pValue = 2 * Normal().survival(abs(z))
        let zq = Normal().quantile(0.5 + confidenceLevel / 2)
        lower = exp(beta - zq * se)
        upper = exp(beta + zq * se)
        count = n
        diagnostics = messages
    }
}
