import Foundation

/// Elastic-net Cox regression by coordinate descent (Simon, Friedman, Hastie & Tibshirani 2011,
/// "Regularization paths for Cox's proportional hazards model via coordinate descent", J Stat Softw
/// 39(5), §2), Breslow ties as glmnet and scikit-survival:
///
///     minimise  −(1/Σw) ℓ_Breslow(β) + λ (α ‖β‖₁ + (1 − α)/2 ‖β‖₂²)
///
/// on the standardised design. Outer loop: at η = X̃β the partial likelihood is replaced by its
/// quadratic approximation with the exact gradient and the diagonal of the Hessian in η,
///
///     ∂ℓ/∂ηᵢ = wᵢδᵢ − wᵢe^ηᵢ Σ_{t_k ≤ tᵢ} D_k/R_k,   vᵢ = wᵢe^ηᵢ Σ_{t_k ≤ tᵢ} D_k/R_k − (wᵢe^ηᵢ)² Σ D_k/R_k²,
///
/// (R_k = Σ_{risk set} w e^η, D_k = Σ_{deaths} w), computed in O(n) by cumulative sums over sorted
/// times; inner loop: ``WeightedCoordinateDescent``. Strong rules and KKT checks as in
/// ``LogisticPathSolver``; a step that increases the objective is halved.
struct CoxnetPathSolver {
    let data: CoxRiskSets        // centred; `x` further divided by `scales`
    let scales: [Double]
    let isVarying: [Bool]
    let alpha: Double
    let tolerance: Double
    let maxIterations: Int
    let useStrongRules: Bool
    let weightSum: Double
    private(set) var beta: [Double]
    private(set) var eta: [Double]
    private(set) var gradient: [Double]
    private var everActive: [Bool]
    private(set) var maxLambda: Double
    /// ℓ(0) and the saturated Breslow log-likelihood −Σ D_k log D_k.
    private(set) var nullLogLikelihood: Double
    private(set) var saturatedLogLikelihood: Double

    init(data riskSets: CoxRiskSets, standardize: Bool, alpha: Double, tolerance: Double, maxIterations: Int,
         useStrongRules: Bool) {
        var data = riskSets
        let n = data.n, p = data.p
        let total = data.weight.reduce(0, +)
        weightSum = total
        var scales = [Double](repeating: 1, count: p)
        var varying = [Bool](repeating: true, count: p)
        for j in 0..<p {
            var ss = 0.0, spread = 0.0
            let first = n > 0 ? data.x[j * n] : 0
            for i in 0..<n {
                let xij = data.x[j * n + i]
                ss += data.weight[i] * xij * xij
                spread = max(spread, abs(xij - first))
            }
            let sd = (ss / total).squareRoot()
            varying[j] = spread > 0 && sd > 1e-12 * max(abs(data.means[j]), 1)
            if standardize && varying[j] {
                scales[j] = sd
                for i in 0..<n { data.x[j * n + i] /= sd }
            }
        }
        self.data = data
        self.scales = scales
        isVarying = varying
        self.alpha = alpha
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.useStrongRules = useStrongRules
        beta = [Double](repeating: 0, count: p)
        eta = [Double](repeating: 0, count: n)
        everActive = [Bool](repeating: false, count: p)
        gradient = [Double](repeating: 0, count: p)
        maxLambda = 0
        nullLogLikelihood = 0
        saturatedLogLikelihood = 0
        let (ll0, r, _) = derivatives()
        nullLogLikelihood = ll0
        var saturated = 0.0
        for g in 0..<(data.groupStart.count - 1) {
            var d = 0.0
            for i in data.groupStart[g]..<data.groupStart[g + 1] where data.event[i] { d += data.weight[i] }
            if d > 0 { saturated -= d * log(d) }
        }
        saturatedLogLikelihood = saturated
        var gmax = 0.0
        data.x.withUnsafeBufferPointer { xb in
            r.withUnsafeBufferPointer { rb in
                for j in 0..<p where varying[j] {
                    gradient[j] = LinearKernels.dot(n, xb.baseAddress! + j * n, rb.baseAddress!)
                    gmax = max(gmax, abs(gradient[j]))
                }
            }
        }
        maxLambda = gmax / max(alpha, 1e-3)
    }

    /// ℓ(η) (Breslow), r = (∂ℓ/∂η)/Σw and v = (diagonal Hessian)/Σw at the current η (sorted order).
    func derivatives(withHessian: Bool = true) -> (logLikelihood: Double, r: [Double], v: [Double]) {
        let n = data.n
        let groups = data.groupStart
        let shift = eta.max() ?? 0
        var risk = [Double](repeating: 0, count: n)
        for i in 0..<n { risk[i] = data.weight[i] * exp(eta[i] - shift) }
        // Backward: R_k per group; forward: cumulative D/R and D/R².
        let groupCount = groups.count - 1
        var c1 = [Double](repeating: 0, count: groupCount)
        var c2 = [Double](repeating: 0, count: groupCount)
        var s0 = 0.0
        var loglik = 0.0
        for g in stride(from: groupCount - 1, through: 0, by: -1) {
            var d = 0.0
            for i in groups[g]..<groups[g + 1] {
                s0 += risk[i]
                if data.event[i] {
                    d += data.weight[i]
                    loglik += data.weight[i] * eta[i]
                }
            }
            if d > 0 {
                loglik -= d * (log(s0) + shift)
                c1[g] = d / s0
                c2[g] = d / (s0 * s0)
            }
        }
        var r = [Double](repeating: 0, count: n)
        var v = [Double](repeating: 0, count: withHessian ? n : 0)
        var cum1 = 0.0, cum2 = 0.0
        let scale = 1 / weightSum
        for g in 0..<groupCount {
            cum1 += c1[g]
            cum2 += c2[g]
            for i in groups[g]..<groups[g + 1] {
                let e = risk[i]
                r[i] = ((data.event[i] ? data.weight[i] : 0) - e * cum1) * scale
                if withHessian { v[i] = max(e * cum1 - e * e * cum2, 0) * scale }
            }
        }
        return (loglik, r, v)
    }

    func objective(lambda: Double, logLikelihood: Double) -> Double {
        var l1 = 0.0, l2 = 0.0
        for b in beta where b != 0 {
            l1 += abs(b)
            l2 += b * b
        }
        return -logLikelihood / weightSum + lambda * (alpha * l1 + 0.5 * (1 - alpha) * l2)
    }

    mutating func recomputeEta() { eta = data.linearPredictor(beta) }

    struct Step {
        var converged: Bool
        var iterations: Int
        var logLikelihood: Double
    }

    /// Solves at `lambda`, warm-started. Coordinate descent cycles only over a working set W (variables
    /// ever active on the path); after the IRLS loop converges on W, the gradient is checked first on the
    /// strong-rule survivors S and then on every variable, and KKT violators join W (Tibshirani et al.
    /// 2012, JRSS B 74:245, §7: "strong set" then full KKT check). This keeps full passes over the
    /// (memory-bound) n × p design to one gradient sweep per λ in the common case.
    mutating func solve(lambda: Double, previousLambda: Double?) -> Step {
        let n = data.n, p = data.p
        let l1 = lambda * alpha, l2 = lambda * (1 - alpha)
        var strong = [Bool](repeating: false, count: p)
        var working = [Bool](repeating: false, count: p)
        let screening = previousLambda != nil && useStrongRules && alpha > 0
        for j in 0..<p where isVarying[j] {
            if screening {
                strong[j] = everActive[j] || abs(gradient[j]) >= alpha * (2 * lambda - previousLambda!)
                working[j] = everActive[j] || beta[j] != 0
            } else {
                strong[j] = true
                working[j] = alpha > 0 ? (everActive[j] || beta[j] != 0) : true
            }
        }
        var iterations = 0
        var converged = false
        var xv = [Double](repeating: 0, count: p)
        var current = derivatives()
        kkt: while true {
            converged = false
            var objective = self.objective(lambda: lambda, logLikelihood: current.logLikelihood)
            while iterations < maxIterations {
                var r = current.r
                let v = current.v
                let oldBeta = beta
                var xvKnown = [Bool](repeating: false, count: p)
                var b = beta
                let x = data.x
                let tolerance = self.tolerance, maxIterations = self.maxIterations
                _ = x.withUnsafeBufferPointer { xb in
                    v.withUnsafeBufferPointer { vb in
                        r.withUnsafeMutableBufferPointer { rb in
                            WeightedCoordinateDescent.run(
                                x: xb.baseAddress!, n: n, v: vb.baseAddress!, r: rb.baseAddress!, beta: &b,
                                candidate: working, xv: &xv, xvKnown: &xvKnown, l1: l1, l2: l2,
                                tolerance: tolerance, maxIterations: maxIterations, iterations: &iterations)
                        }
                    }
                }
                beta = b
                var maxChange = 0.0
                for j in 0..<p where beta[j] != oldBeta[j] && xvKnown[j] {
                    let d = beta[j] - oldBeta[j]
                    maxChange = max(maxChange, xv[j] * d * d)
                }
                recomputeEta()
                current = derivatives()
                var newObjective = self.objective(lambda: lambda, logLikelihood: current.logLikelihood)
                var halvings = 0
                while !(newObjective <= objective + 1e-12 * max(abs(objective), 1)), halvings < 30 {
                    for j in 0..<p { beta[j] = 0.5 * (beta[j] + oldBeta[j]) }
                    recomputeEta()
                    current = derivatives()
                    newObjective = self.objective(lambda: lambda, logLikelihood: current.logLikelihood)
                    maxChange *= 0.25
                    halvings += 1
                }
                objective = newObjective
                if maxChange < tolerance {
                    converged = true
                    break
                }
            }
            if iterations >= maxIterations { break kkt }
            // KKT: strong-set survivors first, then everything.
            var violation = false
            let r = current.r
            let x = data.x
            x.withUnsafeBufferPointer { xb in
                r.withUnsafeBufferPointer { rb in
                    for j in 0..<p where strong[j] && !working[j] {
                        gradient[j] = LinearKernels.dot(n, xb.baseAddress! + j * n, rb.baseAddress!)
                        if abs(gradient[j]) > l1 {
                            working[j] = true
                            violation = true
                        }
                    }
                    if violation { return }
                    for j in 0..<p where isVarying[j] && (working[j] || !strong[j]) {
                        gradient[j] = LinearKernels.dot(n, xb.baseAddress! + j * n, rb.baseAddress!)
                        if !working[j] && abs(gradient[j]) > l1 {
                            working[j] = true
                            strong[j] = true
                            violation = true
                        }
                    }
                }
            }
            if !violation { break kkt }
        }
        for j in 0..<p where beta[j] != 0 { everActive[j] = true }
        return Step(converged: converged, iterations: iterations, logLikelihood: current.logLikelihood)
    }
}
