import Foundation

/// Penalised weighted logistic regression on a ``StandardizedDesign``: glmnet's `lognet` algorithm
/// (Friedman, Hastie & Tibshirani 2010, J Stat Softw 33(1), §3).
///
/// Minimises, with normalised weights wᵢ (Σ wᵢ = 1) and ηᵢ = β₀ + x̃ᵢᵀβ,
///
///     F(β₀, β) = −Σ wᵢ [yᵢ ηᵢ − log(1 + e^ηᵢ)] + λ (α ‖β‖₁ + (1 − α)/2 ‖β‖₂²).
///
/// Outer loop (IRLS): the quadratic approximation at the current η has working weights
/// vᵢ = wᵢ pᵢ (1 − pᵢ) (floored at wᵢ·10⁻⁵(1 − 10⁻⁵), as glmnet's `pmin`) and residuals
/// rᵢ = wᵢ (yᵢ − pᵢ). Inner loop: cyclic coordinate descent with
///
///     βⱼ ← S(Σᵢ rᵢ x̃ᵢⱼ + vⱼ βⱼ, λα) / (vⱼ + λ(1 − α)),   vⱼ = Σᵢ vᵢ x̃ᵢⱼ²,
///
/// (S = soft-thresholding) and r ← r − Δβⱼ v ∘ x̃ⱼ, cycling over the active set until it is stable,
/// then over the candidate set to confirm. Candidates come from the sequential strong rule
/// (Tibshirani et al. 2012, JRSS B 74:245): |∇ⱼ(λₖ₋₁)| ≥ α(2λₖ − λₖ₋₁); discarded variables are checked
/// against the KKT conditions |∇ⱼ| ≤ λα after convergence and re-admitted when they violate them.
/// When there is no ℓ₁ part (λα = 0: ridge or unpenalised) and p ≤ 500, each IRLS step is an exact
/// Newton step (Cholesky of X̃ᵀVX̃ + λ(1 − α)I) instead. A step that increases F is halved.
///
/// Because the linear term of the approximation is the exact gradient, a fixed point of the outer
/// loop satisfies the exact optimality conditions of F: the approximations affect speed, not the answer.
struct LogisticPathSolver {
    let design: StandardizedDesign
    let y: [Double]
    let alpha: Double
    let fitIntercept: Bool
    /// Convergence threshold on maxⱼ vⱼ Δβⱼ² (glmnet's `thresh`).
    let tolerance: Double
    /// Maximum coordinate-descent passes (or Newton steps) per λ.
    let maxIterations: Int
    let useStrongRules: Bool

    private(set) var intercept: Double
    private(set) var beta: [Double]
    private(set) var eta: [Double]
    /// ∇ⱼ = Σ wᵢ (yᵢ − pᵢ) x̃ᵢⱼ at the last solution (for the strong rule).
    private(set) var gradient: [Double]
    private var everActive: [Bool]
    /// Mean deviance −2 Σ wᵢ ℓᵢ of the intercept-only model.
    let nullDeviance: Double
    /// Largest useful λ: every coefficient is zero above it.
    let maxLambda: Double

    struct Step {
        var converged: Bool
        var iterations: Int
        var deviance: Double
    }

    init(design: StandardizedDesign, y: [Double], alpha: Double, fitIntercept: Bool, tolerance: Double,
         maxIterations: Int, useStrongRules: Bool) {
        self.design = design
        self.y = y
        self.alpha = alpha
        self.fitIntercept = fitIntercept
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.useStrongRules = useStrongRules
        let n = design.rowCount, p = design.columnCount
        let w = design.weights
        var ybar = 0.0
        for i in 0..<n { ybar += w[i] * y[i] }
        let b0: Double
        if fitIntercept {
            let clipped = min(max(ybar, 1e-12), 1 - 1e-12)
            b0 = log(clipped / (1 - clipped))
        } else {
            b0 = 0
        }
        intercept = b0
        beta = [Double](repeating: 0, count: p)
        eta = [Double](repeating: b0, count: n)
        everActive = [Bool](repeating: false, count: p)
        var nullDev = 0.0
        for i in 0..<n { nullDev -= 2 * w[i] * Self.logLikelihood(y[i], b0) }
        nullDeviance = nullDev
        let p0 = 1 / (1 + exp(-b0))
        var r = [Double](repeating: 0, count: n)
        for i in 0..<n { r[i] = w[i] * (y[i] - p0) }
        var g = [Double](repeating: 0, count: p)
        var gmax = 0.0
        design.values.withUnsafeBufferPointer { xb in
            r.withUnsafeBufferPointer { rb in
                for j in 0..<p where design.isVarying[j] {
                    g[j] = LinearKernels.dot(n, xb.baseAddress! + j * n, rb.baseAddress!)
                    gmax = max(gmax, abs(g[j]))
                }
            }
        }
        gradient = g
        maxLambda = gmax / max(alpha, 1e-3)
    }

    /// ℓ = y η − log(1 + e^η), computed stably.
    @inline(__always)
    static func logLikelihood(_ y: Double, _ eta: Double) -> Double {
        y * eta - (max(eta, 0) + log1p(exp(-abs(eta))))
    }

    /// Mean deviance −2 Σ wᵢ ℓᵢ at the current η.
    func deviance() -> Double {
        var d = 0.0
        let w = design.weights
        for i in 0..<eta.count { d -= 2 * w[i] * Self.logLikelihood(y[i], eta[i]) }
        return d
    }

    func objective(lambda: Double) -> Double {
        var l1 = 0.0, l2 = 0.0
        for b in beta where b != 0 {
            l1 += abs(b)
            l2 += b * b
        }
        return 0.5 * deviance() + lambda * (alpha * l1 + 0.5 * (1 - alpha) * l2)
    }

    /// η = β₀ + X̃β over the non-zero coefficients.
    mutating func recomputeEta() {
        let n = design.rowCount
        var e = [Double](repeating: intercept, count: n)
        design.values.withUnsafeBufferPointer { xb in
            e.withUnsafeMutableBufferPointer { eb in
                for j in 0..<beta.count where beta[j] != 0 {
                    LinearKernels.axpy(n, beta[j], xb.baseAddress! + j * n, eb.baseAddress!)
                }
            }
        }
        eta = e
    }

    /// Solves at `lambda`, warm-started from the current state. `previousLambda` enables the strong rule.
    mutating func solve(lambda: Double, previousLambda: Double?) -> Step {
        let n = design.rowCount, p = design.columnCount
        let l1 = lambda * alpha, l2 = lambda * (1 - alpha)
        var candidate = [Bool](repeating: false, count: p)
        for j in 0..<p where design.isVarying[j] {
            if let previousLambda, useStrongRules, alpha > 0 {
                candidate[j] = everActive[j] || abs(gradient[j]) >= alpha * (2 * lambda - previousLambda)
            } else {
                candidate[j] = true
            }
        }
        let useNewton = l1 == 0 && design.isVarying.filter { $0 }.count + (fitIntercept ? 1 : 0) <= 500
        var iterations = 0
        var converged = false
        let w = design.weights
        var v = [Double](repeating: 0, count: n)
        var r = [Double](repeating: 0, count: n)
        var xv = [Double](repeating: 0, count: p)
        let pmin = 1e-5
        kkt: while true {
            converged = false
            var objective = self.objective(lambda: lambda)
            irls: while iterations < maxIterations {
                // Quadratic approximation at η.
                var v0 = 0.0
                for i in 0..<n {
                    let prob = 1 / (1 + exp(-eta[i]))
                    v[i] = w[i] * max(prob * (1 - prob), pmin * (1 - pmin))
                    r[i] = w[i] * (y[i] - prob)
                    v0 += v[i]
                }
                let oldBeta = beta, oldIntercept = intercept
                var xvKnown = [Bool](repeating: false, count: p)
                var maxChange = 0.0
                if useNewton, let change = newtonStep(v: v, r: r, l2: l2) {
                    maxChange = change
                    iterations += 1
                } else {
                    // Coordinate descent on the weighted least-squares problem.
                    var active = [Int]()
                    var isActive = [Bool](repeating: false, count: p)
                    for j in 0..<p where beta[j] != 0 {
                        active.append(j)
                        isActive[j] = true
                    }
                    let xValues = design.values
                    let fitIntercept = self.fitIntercept, tolerance = self.tolerance
                    let maxIterations = self.maxIterations
                    var beta = self.beta, intercept = self.intercept
                    xValues.withUnsafeBufferPointer { xb in
                        v.withUnsafeBufferPointer { vb in
                            r.withUnsafeMutableBufferPointer { rb in
                                let x0 = xb.baseAddress!, vp = vb.baseAddress!, rp = rb.baseAddress!
                                func updateIntercept() -> Double {
                                    guard fitIntercept else { return 0 }
                                    let d = LinearKernels.sum(n, UnsafePointer(rp)) / v0
                                    if d == 0 { return 0 }
                                    intercept += d
                                    LinearKernels.axpy(n, -d, vp, rp)
                                    return v0 * d * d
                                }
                                func update(_ j: Int) -> Double {
                                    let xj = x0 + j * n
                                    if !xvKnown[j] {
                                        xv[j] = LinearKernels.weightedDot(n, vp, xj, xj)
                                        xvKnown[j] = true
                                    }
                                    let bj = beta[j]
                                    let g = LinearKernels.dot(n, xj, UnsafePointer(rp)) + xv[j] * bj
                                    let new = softThreshold(g, l1) / (xv[j] + l2)
                                    if new == bj { return 0 }
                                    let d = new - bj
                                    beta[j] = new
                                    LinearKernels.weightedAxpy(n, -d, vp, xj, rp)
                                    if !isActive[j] {
                                        isActive[j] = true
                                        active.append(j)
                                    }
                                    return xv[j] * d * d
                                }
                                while iterations < maxIterations {
                                    iterations += 1
                                    var dlx = updateIntercept()
                                    for j in 0..<p where candidate[j] { dlx = max(dlx, update(j)) }
                                    if dlx < tolerance { break }
                                    while iterations < maxIterations {
                                        iterations += 1
                                        var d = updateIntercept()
                                        for j in active { d = max(d, update(j)) }
                                        if d < tolerance { break }
                                    }
                                }
                            }
                        }
                    }
                    self.beta = beta
                    self.intercept = intercept
                    for j in 0..<p where beta[j] != oldBeta[j] {
                        let d = beta[j] - oldBeta[j]
                        if !xvKnown[j] { continue }
                        maxChange = max(maxChange, xv[j] * d * d)
                    }
                    let di = intercept - oldIntercept
                    maxChange = max(maxChange, v0 * di * di)
                }
                recomputeEta()
                // Step halving when the full step increases the objective.
                var newObjective = self.objective(lambda: lambda)
                var halvings = 0
                while newObjective > objective + 1e-12 * max(abs(objective), 1), halvings < 30 {
                    for j in 0..<p { beta[j] = 0.5 * (beta[j] + oldBeta[j]) }
                    intercept = 0.5 * (intercept + oldIntercept)
                    recomputeEta()
                    newObjective = self.objective(lambda: lambda)
                    maxChange *= 0.25
                    halvings += 1
                }
                objective = newObjective
                if maxChange < tolerance {
                    converged = true
                    break irls
                }
                // Saturation (separation): the deviance has essentially vanished.
                if deviance() < 1e-9 * nullDeviance { break irls }
            }
            // Gradient at the solution: strong-rule bookkeeping and the KKT check.
            for i in 0..<n { r[i] = w[i] * (y[i] - 1 / (1 + exp(-eta[i]))) }
            var violation = false
            design.values.withUnsafeBufferPointer { xb in
                r.withUnsafeBufferPointer { rb in
                    for j in 0..<p where design.isVarying[j] {
                        gradient[j] = LinearKernels.dot(n, xb.baseAddress! + j * n, rb.baseAddress!)
                        if !candidate[j] && abs(gradient[j]) > l1 {
                            candidate[j] = true
                            violation = true
                        }
                    }
                }
            }
            if !violation || iterations >= maxIterations { break kkt }
        }
        for j in 0..<p where beta[j] != 0 { everActive[j] = true }
        return Step(converged: converged, iterations: iterations, deviance: deviance())
    }

    /// One Newton step for the ridge/unpenalised problem; returns maxⱼ Hⱼⱼ Δⱼ², or nil when the
    /// Hessian is not positive definite (then coordinate descent is used).
    private mutating func newtonStep(v: [Double], r: [Double], l2: Double) -> Double? {
        let n = design.rowCount
        let columns = (0..<design.columnCount).filter { design.isVarying[$0] }
        let q = columns.count + (fitIntercept ? 1 : 0)
        guard q > 0 else { return 0 }
        var h = [Double](repeating: 0, count: q * q)
        var g = [Double](repeating: 0, count: q)
        let offset = fitIntercept ? 1 : 0
        design.values.withUnsafeBufferPointer { xb in
            v.withUnsafeBufferPointer { vb in
                r.withUnsafeBufferPointer { rb in
                    let x0 = xb.baseAddress!, vp = vb.baseAddress!, rp = rb.baseAddress!
                    if fitIntercept {
                        h[0] = LinearKernels.sum(n, vp)
                        g[0] = LinearKernels.sum(n, rp)
                        for (a, j) in columns.enumerated() {
                            let s = LinearKernels.dot(n, vp, x0 + j * n)
                            h[(a + 1) * q] = s
                            h[a + 1] = s
                        }
                    }
                    for (a, j) in columns.enumerated() {
                        let xj = x0 + j * n
                        g[a + offset] = LinearKernels.dot(n, xj, rp) - l2 * beta[j]
                        for (b, k) in columns.enumerated() where b >= a {
                            let s = LinearKernels.weightedDot(n, vp, xj, x0 + k * n)
                            h[(a + offset) * q + b + offset] = s
                            h[(b + offset) * q + a + offset] = s
                        }
                        h[(a + offset) * q + a + offset] += l2
                    }
                }
            }
        }
        guard let cholesky = CholeskySolver(h, size: q) else { return nil }
        let delta = cholesky.solve(g)
        var change = 0.0
        if fitIntercept {
            intercept += delta[0]
            change = h[0] * delta[0] * delta[0]
        }
        for (a, j) in columns.enumerated() {
            let d = delta[a + offset]
            beta[j] += d
            change = max(change, h[(a + offset) * q + a + offset] * d * d)
        }
        return change
    }
}
