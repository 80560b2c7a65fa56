import Foundation
import Statistics

/// The Cox proportional-hazards model h(t | x) = h₀(t)·exp(xᵀβ), fitted by Newton–Raphson on the
/// weighted partial log-likelihood with Efron or Breslow handling of ties.
///
/// Objective (Cox 1972; Efron 1977, JASA 72:557; Therneau & Grambsch 2000, *Modeling Survival Data*,
/// ch. 3): maximise ℓ(β)/Σw − (λ/2)‖β‖₂², where ℓ is the partial log-likelihood of
/// ``CoxPartialLikelihood`` and λ = ``l2Penalty`` applies to the covariates as given — the scale of
/// ``ElasticNetCox`` with α = 0, and of lifelines' `penalizer = λ, l1_ratio = 0` (which maximises
/// ℓ − nλ/2‖β‖² on its internally standardised covariates); R's `ridge(theta)` is θ = λΣw.
/// Newton steps solve (I(β) + λΣw𝟙) s = ∇ℓ − λΣwβ by Cholesky; a step that lowers the objective
/// is halved (up to 30 times). Iteration stops when the Newton decrement ∇ᵀ(I + λ𝟙)⁻¹∇ / 2 — the
/// predicted gain of another step — is ≤ ``tolerance``, after applying that last step.
///
/// Outputs (``CoxProportionalHazardsModel``): β̂, standard errors from the inverse observed information
/// (or the Lin & Wei 1989, JASA 84:1074, robust sandwich H⁻¹(Σ wᵢ² UᵢUᵢᵀ)H⁻¹ from Efron-consistent
/// score residuals), z, two-sided normal p-values, confidence intervals, ℓ(0) and ℓ(β̂), the likelihood-
/// ratio and Wald tests (χ², df = p), optionally Harrell's concordance, and the baseline cumulative
/// hazard, so survival curves S(t | x) = exp(−H₀(t)·exp((x − x̄)ᵀβ̂)).
///
/// Diagnostics: non-convergence, a singular information matrix, and monotone likelihood (a coefficient
/// running to ±∞, e.g. a covariate that perfectly orders the events), detected as R `coxph` does: after
/// convergence another Newton step would still move that coefficient by more than 10⁻³ of its size.
///
/// - Complexity: O(n log n) to sort, then O(n p² + p³) per Newton step.
public struct CoxProportionalHazards: Estimator {
    public typealias Model = CoxProportionalHazardsModel

    public static let supportedTasks: Set<Task> = [.survival]

    /// Handling of tied event times. Default `.efron` (R `coxph`, lifelines).
    public var ties: TieMethod
    /// Ridge penalty λ ≥ 0 on ‖β‖²/2 per unit of weight (unscaled covariates). Default 0 (unpenalised).
    public var l2Penalty: Double
    /// Report Lin–Wei robust (sandwich) standard errors, and use them for z, p, CIs and the Wald test.
    /// Default false. Recommended with non-integer sample weights.
    public var robustVariance: Bool
    /// Newton-decrement threshold, > 0. Default 1e-9.
    public var tolerance: Double
    /// Maximum Newton steps, ≥ 1. Default 50.
    public var maxIterations: Int
    /// Estimator of the baseline hazard increments: `.breslow` (default; lifelines and scikit-survival) or
    /// `.efron` (Efron-consistent increments, R `survfit.coxph` for an Efron fit).
    public var baselineHazard: TieMethod
    /// Level of the confidence intervals, in (0, 1). Default 0.95.
    public var confidenceLevel: Double
    /// Compute Harrell's C-index on the training data (O(n²)). Default false.
    public var computeConcordance: Bool

    public init(ties: TieMethod = .efron, l2Penalty: Double = 0, robustVariance: Bool = false,
                tolerance: Double = 1e-9, maxIterations: Int = 50, baselineHazard: TieMethod = .breslow,
                confidenceLevel: Double = 0.95, computeConcordance: Bool = false) {
        self.ties = ties
        self.l2Penalty = l2Penalty
        self.robustVariance = robustVariance
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.baselineHazard = baselineHazard
        self.confidenceLevel = confidenceLevel
        self.computeConcordance = computeConcordance
    }

    public func validate() throws {
        guard l2Penalty.isFinite, l2Penalty >= 0 else {
            throw EstimatorError.invalidParameter(name: "l2Penalty", value: "\(l2Penalty)",
                                                  fix: "use a finite penalty ≥ 0 (0 = unpenalised)")
        }
        guard tolerance.isFinite, tolerance > 0 else {
            throw EstimatorError.invalidParameter(name: "tolerance", value: "\(tolerance)",
                                                  fix: "use a small positive threshold such as 1e-9")
        }
        guard maxIterations >= 1 else {
            throw EstimatorError.invalidParameter(name: "maxIterations", value: "\(maxIterations)", fix: "use at least 1")
        }
        guard confidenceLevel > 0, confidenceLevel < 1 else {
            throw EstimatorError.invalidParameter(name: "confidenceLevel", value: "\(confidenceLevel)",
                                                  fix: "use a level in (0, 1) such as 0.95")
        }
    }

    public func fit(_ data: Dataset, generator: inout Xoshiro256StarStar) throws -> CoxProportionalHazardsModel {
        try validate()
        try data.validate(for: .survival)
        guard case .survival(let time, let event) = data.target else { preconditionFailure("validated survival target") }
        let p = data.features.columnCount
        let riskSets = CoxRiskSets(features: data.features, time: time, event: event, weights: data.weights)
        let likelihood = CoxPartialLikelihood(data: riskSets, ties: ties)
        var diagnostics = FitDiagnostics()
        let events = (0..<data.rowCount).filter { event[$0] && data.weight($0) > 0 }.count
        if events == 0 {
            throw EstimatorError.invalidData("the survival target has no events; a Cox model needs at least one")
        }
        if events < 10 * p {
            diagnostics.messages.append("only \(events) events for \(p) covariates (fewer than 10 per covariate): "
                                        + "estimates may be unstable")
        }

        let lambda = l2Penalty * (data.weights?.reduce(0, +) ?? Double(data.rowCount))
        func penalised(_ e: CoxPartialLikelihood.Evaluation, _ beta: [Double]) -> Double {
            e.logLikelihood - 0.5 * lambda * beta.reduce(0) { $0 + $1 * $1 }
        }
        var beta = [Double](repeating: 0, count: p)
        var current = likelihood.evaluate(beta)
        let nullLogLikelihood = current.logLikelihood
        var converged = false
        var iterations = 0
        var singular = false
        while iterations < maxIterations {
            iterations += 1
            var h = current.information
            var g = current.gradient
            for j in 0..<p {
                h[j * p + j] += lambda
                g[j] -= lambda * beta[j]
            }
            guard let cholesky = CholeskySolver(h, size: p) else {
                singular = true
                break
            }
            var step = cholesky.solve(g)
            let decrement = zip(g, step).reduce(0) { $0 + $1.0 * $1.1 }
            let before = penalised(current, beta)
            var candidate = zip(beta, step).map { $0 + $1 }
            var next = likelihood.evaluate(candidate)
            var halvings = 0
            while !(penalised(next, candidate) >= before - 1e-12 * max(abs(before), 1)), halvings < 30 {
                for j in 0..<p { step[j] *= 0.5 }
                candidate = zip(beta, step).map { $0 + $1 }
                next = likelihood.evaluate(candidate)
                halvings += 1
            }
            beta = candidate
            current = next
            if decrement / 2 <= tolerance {
                converged = true
                break
            }
        }
        if singular {
            diagnostics.messages.append("the information matrix is singular: collinear covariates, a constant "
                                        + "covariate, or a coefficient diverging (monotone likelihood)")
        }
        if !converged && !singular {
            diagnostics.messages.append("Newton–Raphson did not converge in \(maxIterations) iterations")
        }
        diagnostics.converged = converged
        diagnostics.iterations = iterations

        // Variance: inverse (penalised) information; robust sandwich on request.
        var information = current.information
        for j in 0..<p { information[j * p + j] += lambda }
        var variance = [Double](repeating: .nan, count: p * p)
        var robust: [Double]?
        if let cholesky = CholeskySolver(information, size: p) {
            variance = cholesky.inverse()
            // Monotone likelihood: another Newton step would still move a coefficient substantially.
            var g = current.gradient
            for j in 0..<p { g[j] -= lambda * beta[j] }
            let step = cholesky.solve(g)
            for j in 0..<p where abs(step[j]) > 1e-6 && abs(step[j]) > 1e-3 * abs(beta[j]) {
                diagnostics.messages.append("the coefficient of \"\(data.features.names[j])\" may be infinite "
                                            + "(monotone likelihood: the partial likelihood keeps increasing as it grows)")
            }
            if robustVariance {
                robust = Self.sandwich(likelihood.scoreResiduals(beta), weights: riskSets.weight, bread: variance,
                                       n: riskSets.n, p: p)
            }
        } else if !singular {
            diagnostics.messages.append("the information matrix at the estimate is singular; standard errors are undefined")
        }
        if beta.contains(where: { abs($0) > 1e3 }) || !beta.allSatisfy(\.isFinite) {
            diagnostics.converged = false
        }

        let (times, hazard) = likelihood.baselineCumulativeHazard(beta, method: baselineHazard)
        var concordance: Double?
        if computeConcordance {
            let eta = riskSets.linearPredictor(beta)
            concordance = Self.harrellConcordance(time: riskSets.time, event: riskSets.event, risk: eta)
        }
        return CoxProportionalHazardsModel(
            featureNames: data.features.names, coefficients: beta, variance: variance, robustVariance: robust,
            confidenceLevel: confidenceLevel, nullLogLikelihood: nullLogLikelihood,
            logLikelihood: current.logLikelihood, l2Penalty: l2Penalty, ties: ties, means: riskSets.means,
            baselineTimes: times, baselineCumulativeHazard: hazard, eventCount: events, concordance: concordance,
            diagnostics: diagnostics)
    }

    /// Lin & Wei (1989) sandwich: D = diag(w) U V, robust variance Dᵀ D.
    static func sandwich(_ u: [Double], weights: [Double], bread v: [Double], n: Int, p: Int) -> [Double] {
        var middle = [Double](repeating: 0, count: p * p)
        for i in 0..<n {
            let w2 = weights[i] * weights[i]
            if w2 == 0 { continue }
            for a in 0..<p {
                let ua = w2 * u[a * n + i]
                for b in a..<p { middle[a * p + b] += ua * u[b * n + i] }
            }
        }
        for a in 0..<p { for b in a..<p { middle[b * p + a] = middle[a * p + b] } }
        func multiply(_ x: [Double], _ y: [Double]) -> [Double] {
            var z = [Double](repeating: 0, count: p * p)
            for c in 0..<p { for k in 0..<p { let ykc = y[c * p + k]; for r in 0..<p { z[c * p + r] += x[k * p + r] * ykc } } }
            return z
        }
        return multiply(multiply(v, middle), v)
    }

    /// Harrell's C: among comparable pairs — i had the event and j was still at risk after tᵢ (tⱼ > tᵢ, or
    /// tⱼ = tᵢ with j censored) — the share with higher risk for i; risk ties count ½. The rule of
    /// scikit-survival's `concordance_index_censored`.
    static func harrellConcordance(time: [Double], event: [Bool], risk: [Double]) -> Double {
        var concordant = 0.0, comparable = 0.0
        let n = time.count
        for i in 0..<n where event[i] {
            for j in 0..<n where time[j] > time[i] || (time[j] == time[i] && !event[j]) {
                comparable += 1
                if risk[i] > risk[j] { concordant += 1 } else if risk[i] == risk[j] { concordant += 0.5 }
            }
        }
        return comparable > 0 ? concordant / comparable : .nan
    }
}
