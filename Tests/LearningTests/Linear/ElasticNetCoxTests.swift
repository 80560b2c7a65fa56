import Foundation
import Learning
import Statistics
import TestSupport
import Testing

/// Agreement with scikit-survival 0.28.0's `CoxnetSurvivalAnalysis` (Breslow ties, no internal scaling,
/// `alphas` = our λ, `l1_ratio` = our α) along its 30-value path, and the estimator contract.
///
/// Tolerance: 1e-5 on every coefficient at every λ — scikit-survival's own KKT residual is ~6e-7 even at
/// tol = 1e-12 — plus an independent check that our solution's KKT residual is below 1e-9.
@Suite("ElasticNetCox")
struct ElasticNetCoxTests {
    let reference = LinearReference.shared

    @Test("paths agree with scikit-survival Coxnet (lasso and α = 0.5) and satisfy the KKT conditions")
    func agreementWithScikitSurvival() throws {
        let data = reference.coxnetDataset
        for expected in reference.coxnet.paths {
            // tolerance is on max vⱼΔβⱼ², so 1e-20 asks for coefficient changes below ~1e-10.
            let estimator = ElasticNetCox(alpha: expected.alpha, lambdas: expected.lambdas, standardize: false,
                                          tolerance: 1e-20, crossValidationFolds: 0)
            let model = try estimator.fit(data)
            var worst = 0.0, worstKKT = 0.0, worstReferenceKKT = 0.0
            for (k, coefficients) in expected.coefficients.enumerated() {
                let ours = model.path.coefficients(at: k)
                worst = max(worst, maxAbsDifference(ours, coefficients))
                // Same zero pattern (|β| < 1e-12 counts as zero: at λ_max rounding can leave 1e-16).
                #expect(ours.map { abs($0) < 1e-12 } == coefficients.map { $0 == 0 },
                        "α = \(expected.alpha), λ index \(k): zero pattern differs")
                let lambda = expected.lambdas[k]
                worstKKT = max(worstKKT, kktViolation(ours, data: data, lambda: lambda, alpha: expected.alpha))
                worstReferenceKKT = max(worstReferenceKKT,
                                        kktViolation(coefficients, data: data, lambda: lambda, alpha: expected.alpha))
            }
            // scikit-survival stops with KKT residuals up to ~1e-6 (its criterion is on coefficient updates), so
            // the coefficient gap (~3e-6) is its error, not ours; we require our KKT residual to be 1e-9.
            #expect(worst < 1e-5, "α = \(expected.alpha): max coefficient difference \(worst)")
            #expect(worstKKT < 1e-9, "α = \(expected.alpha): KKT violation \(worstKKT)")
            #expect(model.diagnostics.converged)
            print("agreement coxnet α = \(expected.alpha): max |Δβ| \(worst), KKT ours \(worstKKT), scikit-survival \(worstReferenceKKT)")
        }
    }

    /// Largest violation of the optimality conditions of −ℓ/n + λ(α‖β‖₁ + (1−α)/2‖β‖²): for βⱼ ≠ 0,
    /// |∇ⱼ − λ(α sign βⱼ + (1−α)βⱼ)|; for βⱼ = 0, max(|∇ⱼ| − λα, 0), with ∇ = ∂(ℓ/n)/∂β (Breslow), computed here
    /// independently by brute force over risk sets.
    func kktViolation(_ beta: [Double], data: Dataset, lambda: Double, alpha: Double) -> Double {
        guard case .survival(let time, let event) = data.target else { return .infinity }
        let n = data.rowCount, p = beta.count
        let rows = (0..<n).map { data.features.row($0) }
        let risk = rows.map { row in exp(zip(row, beta).reduce(0) { $0 + $1.0 * $1.1 }) }
        var gradient = [Double](repeating: 0, count: p)
        for i in 0..<n where event[i] {
            var s0 = 0.0
            var s1 = [Double](repeating: 0, count: p)
            for k in 0..<n where time[k] >= time[i] {
                s0 += risk[k]
                for j in 0..<p { s1[j] += risk[k] * rows[k][j] }
            }
            for j in 0..<p { gradient[j] += (rows[i][j] - s1[j] / s0) / Double(n) }
        }
        var worst = 0.0
        for j in 0..<p {
            if abs(beta[j]) > 1e-12 {
                let sign: Double = beta[j] > 0 ? 1 : -1
                worst = max(worst, abs(gradient[j] - lambda * (alpha * sign + (1 - alpha) * beta[j])))
            } else {
                worst = max(worst, abs(gradient[j]) - lambda * alpha)
            }
        }
        return worst
    }

    @Test("automatic λ_max matches scikit-survival's first α and zeroes every coefficient")
    func lambdaMax() throws {
        let model = try ElasticNetCox(lambdaCount: 30, lambdaMinRatio: 0.02, standardize: false, crossValidationFolds: 0)
            .fit(reference.coxnetDataset)
        let expected = reference.coxnet.paths[0].lambdas
        #expect(abs(model.path.lambdas[0] - expected[0]) < 1e-12 * expected[0])
        #expect(abs(model.path.lambdas.last! - expected.last!) < 1e-12 * expected[0])
        #expect(model.path.nonzeroCounts[0] == 0)
        #expect(model.path.nonzeroCounts[1] > 0)
    }

    @Test("with α = 0 and no standardisation it equals CoxProportionalHazards(ties: .breslow, l2Penalty: λ)")
    func ridgeEqualsNewton() throws {
        let data = reference.coxDataset(weighted: true)
        let net = try ElasticNetCox(alpha: 0, lambda: 0.03, standardize: false, tolerance: 1e-15).fit(data)
        let newton = try CoxProportionalHazards(ties: .breslow, l2Penalty: 0.03).fit(data)
        #expect(maxAbsDifference(net.coefficients, newton.coefficients) < 1e-7)
    }

    @Test("cross-validated partial likelihood picks a sparse model containing the true signals")
    func crossValidation() throws {
        let model = try ElasticNetCox(lambdaCount: 40).fit(reference.coxnetDataset, seed: 3)
        let curve = try #require(model.crossValidation)
        #expect(model.lambda == curve.lambdaOneStandardError)
        #expect(curve.lambdaOneStandardError >= curve.lambdaMinimum)
        // The true model uses x0…x4; the strongest two must be selected and most noise left out.
        let selected = Set(model.selectedFeatures)
        #expect(selected.contains("x0") && selected.contains("x1"))
        #expect(selected.count <= 15)
        let again = try ElasticNetCox(lambdaCount: 40).fit(reference.coxnetDataset, seed: 3)
        #expect(again == model)
        // Survival curves are proper.
        let s = try model.survivalProbabilities(reference.coxnetDataset.features, at: [0.1, 0.5, 1, 3])
        for row in s { for k in 1..<row.count { #expect(row[k] <= row[k - 1]) } }
    }

    @Test("conformance: fixed λ (strict) and cross-validated path")
    func conformance() throws {
        let data = reference.coxnetDataset
        let invalid: [(configuration: any Estimator, parameter: String)] = [
            (ElasticNetCox(alpha: -0.1), "alpha"),
            (ElasticNetCox(lambda: .nan), "lambda"),
            (ElasticNetCox(lambdaMinRatio: 0), "lambdaMinRatio"),
            (ElasticNetCox(crossValidationFolds: 1), "crossValidationFolds"),
        ]
        try EstimatorConformance.check(ElasticNetCox(alpha: 0.8, lambda: 0.05, tolerance: 1e-14), on: data,
                                       options: .init(tolerance: 1e-7, invalidConfigurations: invalid))
        try EstimatorConformance.check(ElasticNetCox(lambdaCount: 15, crossValidationFolds: 5), on: data,
                                       options: .init(randomisedBecause: "cross-validation folds depend on row order"))
    }
}
