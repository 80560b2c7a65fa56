import Foundation

/// How tied event times enter the Cox partial likelihood.
public enum TieMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// Efron (1977, JASA 72:557) approximation: the d deaths at a time leave the risk set gradually,
    /// denominators R − (k/d)·T for k = 0…d−1. R `coxph` and lifelines' default; more accurate with many ties.
    case efron
    /// Breslow (1974) approximation: every death at a time sees the full risk set R (glmnet, scikit-survival's
    /// Coxnet, SAS's default).
    case breslow
}

/// Survival data sorted for risk-set sums, with the covariates centred at their weighted means
/// (centring changes neither β nor the likelihood, and keeps exp(xᵀβ) in range).
struct CoxRiskSets {
    let n: Int
    let p: Int
    /// Row order by increasing time.
    let order: [Int]
    /// Sorted times, events (as 0/1), weights, and covariates (column-major, centred), in `order`.
    let time: [Double]
    let event: [Bool]
    let weight: [Double]
    var x: [Double]
    /// Weighted covariate means subtracted from x.
    let means: [Double]
    /// Start index (in sorted order) of each group of equal times, plus n at the end.
    let groupStart: [Int]

    init(features: FeatureMatrix, time rawTime: [Double], event rawEvent: [Bool], weights: [Double]?,
         center: Bool = true) {
        n = features.rowCount
        p = features.columnCount
        let w = weights ?? [Double](repeating: 1, count: n)
        let order = (0..<n).sorted { rawTime[$0] < rawTime[$1] || (rawTime[$0] == rawTime[$1] && $0 < $1) }
        self.order = order
        time = order.map { rawTime[$0] }
        event = order.map { rawEvent[$0] }
        weight = order.map { w[$0] }
        let total = w.reduce(0, +)
        var means = [Double](repeating: 0, count: p)
        var x = [Double](repeating: 0, count: n * p)
        for j in 0..<p {
            let column = features.column(j)
            let base = column.startIndex
            var m = 0.0
            if center {
                for i in 0..<n { m += w[i] * column[base + i] }
                m /= total
            }
            means[j] = m
            for (a, i) in order.enumerated() { x[j * n + a] = column[base + i] - m }
        }
        self.x = x
        self.means = means
        var starts = [Int]()
        var a = 0
        while a < n {
            starts.append(a)
            var b = a + 1
            while b < n && time[b] == time[a] { b += 1 }
            a = b
        }
        starts.append(n)
        groupStart = starts
    }

    /// ηᵢ = x̃ᵢᵀβ in sorted order.
    func linearPredictor(_ beta: [Double]) -> [Double] {
        var eta = [Double](repeating: 0, count: n)
        x.withUnsafeBufferPointer { xb in
            eta.withUnsafeMutableBufferPointer { eb in
                for j in 0..<p where beta[j] != 0 {
                    LinearKernels.axpy(n, beta[j], xb.baseAddress! + j * n, eb.baseAddress!)
                }
            }
        }
        return eta
    }
}

/// The weighted Cox partial log-likelihood with its gradient and observed information
/// (Therneau & Grambsch 2000, *Modeling Survival Data*, §3.2–3.3; weights as R `coxph`):
///
///     ℓ(β) = Σ_times [ Σ_{i∈D} wᵢ ηᵢ − w̄_D Σ_{k=0}^{d−1} log(R − (k/d)·T) ]      (Efron)
///     ℓ(β) = Σ_times [ Σ_{i∈D} wᵢ ηᵢ − W_D log R ]                            (Breslow)
///
/// where D holds the d deaths at a time, W_D = Σ_{i∈D} wᵢ, w̄_D = W_D / d, R = Σ_{risk set} wⱼ e^ηⱼ and
/// T = Σ_{i∈D} wᵢ e^ηᵢ. One backward sweep over the times accumulates R, Σ w e^η x and Σ w e^η x xᵀ.
///
/// - Complexity: O(n p²) per evaluation (O(n p) without the information matrix).
struct CoxPartialLikelihood {
    let data: CoxRiskSets
    let ties: TieMethod

    struct Evaluation {
        var logLikelihood: Double
        var gradient: [Double]
        /// −∂²ℓ/∂β∂βᵀ, column-major p × p.
        var information: [Double]
    }

    /// Evaluates ℓ, ∇ℓ and (optionally) the information at β.
    ///
    /// Written for SIMD over contiguous columns: with per-row weights
    /// dᵢ = wᵢe^ηᵢ (Σ_{steps at or before tᵢ} w̄/denom − [i dies at that time] Σₖ w̄ fₖ/denomₖ) and the Efron-step
    /// means x̄ₛ stacked as rows of M (scaled by √w̄), the information is Xᵀ diag(d) X − MᵀM: p(p+1)/2
    /// weighted inner products of length n and of length (number of steps), instead of a rank-1 update
    /// per row.
    func evaluate(_ beta: [Double], withInformation: Bool = true) -> Evaluation {
        let n = data.n, p = data.p
        let eta = data.linearPredictor(beta)
        let shift = eta.max() ?? 0
        var r = [Double](repeating: 0, count: n)
        for i in 0..<n { r[i] = data.weight[i] * exp(eta[i] - shift) }
        let groups = data.groupStart
        let groupCount = groups.count - 1
        // Pass 1 (backward over times): R per group, T, deaths; the Efron steps of each event group.
        var loglik = 0.0
        var stepGroup = [Int](), stepFraction = [Double](), stepWeight = [Double](), stepDenominator = [Double]()
        var groupFirstStep = [Int](repeating: -1, count: groupCount)
        var rowCoefficient = [Double](repeating: 0, count: n)   // d_i / (w_i e^η_i) once cumulated
        var groupHazard = [Double](repeating: 0, count: groupCount)   // Σₖ w̄/denomₖ
        var groupTieHazard = [Double](repeating: 0, count: groupCount) // Σₖ w̄ fₖ/denomₖ
        var s0 = 0.0
        for g in stride(from: groupCount - 1, through: 0, by: -1) {
            var t0 = 0.0, deaths = 0, deathWeight = 0.0
            for i in groups[g]..<groups[g + 1] {
                s0 += r[i]
                if data.event[i] && data.weight[i] > 0 {
                    deaths += 1
                    deathWeight += data.weight[i]
                    loglik += data.weight[i] * eta[i]
                    t0 += r[i]
                }
            }
            guard deaths > 0 else { continue }
            let steps = ties == .efron ? deaths : 1
            let wbar = deathWeight / Double(steps)
            groupFirstStep[g] = stepGroup.count
            for k in 0..<steps {
                let f = ties == .efron ? Double(k) / Double(steps) : 0
                let denom = s0 - f * t0
                loglik -= wbar * (log(denom) + shift)
                stepGroup.append(g)
                stepFraction.append(f)
                stepWeight.append(wbar)
                stepDenominator.append(denom)
                groupHazard[g] += wbar / denom
                groupTieHazard[g] += wbar * f / denom
            }
        }
        let stepCount = stepGroup.count
        // Pass 2 (per column, contiguous): S₁ and T₁ at each event group → x̄ per step, gradient.
        var grad = [Double](repeating: 0, count: p)
        var means = [Double](repeating: 0, count: withInformation ? stepCount * p : 0)  // √w̄ x̄, column-major
        data.x.withUnsafeBufferPointer { xb in
            var s1Group = [Double](repeating: 0, count: groupCount)
            var t1Group = [Double](repeating: 0, count: groupCount)
            for j in 0..<p {
                let col = xb.baseAddress! + j * n
                var cumulative = 0.0
                var gj = 0.0
                for g in stride(from: groupCount - 1, through: 0, by: -1) {
                    var t1 = 0.0
                    for i in groups[g]..<groups[g + 1] {
                        let rx = r[i] * col[i]
                        cumulative += rx
                        if data.event[i] && data.weight[i] > 0 {
                            t1 += rx
                            gj += data.weight[i] * col[i]
                        }
                    }
                    s1Group[g] = cumulative
                    t1Group[g] = t1
                }
                for s in 0..<stepCount {
                    let g = stepGroup[s]
                    let xbar = (s1Group[g] - stepFraction[s] * t1Group[g]) / stepDenominator[s]
                    gj -= stepWeight[s] * xbar
                    if withInformation { means[j * stepCount + s] = stepWeight[s].squareRoot() * xbar }
                }
                grad[j] = gj
            }
        }
        guard withInformation else {
            return Evaluation(logLikelihood: loglik, gradient: grad, information: [])
        }
        // Row weights d_i: cumulative hazard over event groups up to tᵢ, minus the Efron tie correction.
        var cumulativeHazard = 0.0
        for g in 0..<groupCount {
            cumulativeHazard += groupHazard[g]
            for i in groups[g]..<groups[g + 1] {
                var c = cumulativeHazard
                if data.event[i] && data.weight[i] > 0 && groupFirstStep[g] >= 0 { c -= groupTieHazard[g] }
                rowCoefficient[i] = r[i] * c
            }
        }
        var info = [Double](repeating: 0, count: p * p)
        var scaled = [Double](repeating: 0, count: n)   // d ∘ xₐ
        data.x.withUnsafeBufferPointer { xb in
            means.withUnsafeBufferPointer { mb in
                scaled.withUnsafeMutableBufferPointer { sb in
                    for a in 0..<p {
                        let xa = xb.baseAddress! + a * n
                        for i in 0..<n { sb[i] = rowCoefficient[i] * xa[i] }
                        let ma = mb.baseAddress! + a * stepCount
                        for b in a..<p {
                            let value = LinearKernels.dot(n, UnsafePointer(sb.baseAddress!), xb.baseAddress! + b * n)
                                - LinearKernels.dot(stepCount, ma, mb.baseAddress! + b * stepCount)
                            info[a * p + b] = value
                            info[b * p + a] = value
                        }
                    }
                }
            }
        }
        return Evaluation(logLikelihood: loglik, gradient: grad, information: info)
    }

    /// Score residuals Uᵢ (Therneau & Grambsch 2000, §4.5; Efron-consistent as R `residuals(type =
    /// "score")`), unweighted, for each row in *sorted* order, column-major n × p. Σᵢ wᵢ Uᵢ = ∇ℓ.
    ///
    /// With hₖ = w̄_D / (R − fₖ T) and x̄ₖ = (S₁ − fₖ T₁)/(R − fₖ T) at the k-th Efron step (fₖ = k/d):
    /// Uᵢ = δᵢ (xᵢ − mean_k x̄ₖ) − e^ηᵢ Σ_{times ≤ tᵢ} Σₖ cᵢₖ hₖ (xᵢ − x̄ₖ), with cᵢₖ = 1 − fₖ for the
    /// deaths tied at that time and 1 otherwise.
    ///
    /// - Complexity: O(n p).
    func scoreResiduals(_ beta: [Double]) -> [Double] {
        let n = data.n, p = data.p
        let eta = data.linearPredictor(beta)
        let shift = eta.max() ?? 0
        let risk = eta.map { exp($0 - shift) }
        let groups = data.groupStart
        let x = data.x
        // Per event group: A = Σₖ hₖ, B = Σₖ hₖ x̄ₖ, and for tied deaths the corrections Σₖ fₖ hₖ, Σₖ fₖ hₖ x̄ₖ
        // and the death term mean_k x̄ₖ.
        let groupCount = groups.count - 1
        var a = [Double](repeating: 0, count: groupCount)
        var b = [Double](repeating: 0, count: groupCount * p)
        var fa = [Double](repeating: 0, count: groupCount)
        var fb = [Double](repeating: 0, count: groupCount * p)
        var mean = [Double](repeating: 0, count: groupCount * p)
        var s0 = 0.0
        var s1 = [Double](repeating: 0, count: p)
        var t1 = [Double](repeating: 0, count: p)
        for g in stride(from: groupCount - 1, through: 0, by: -1) {
            let start = groups[g], end = groups[g + 1]
            var t0 = 0.0, deaths = 0, deathWeight = 0.0
            for j in 0..<p { t1[j] = 0 }
            for i in start..<end {
                let r = data.weight[i] * risk[i]
                s0 += r
                for j in 0..<p { s1[j] += r * x[j * n + i] }
                if data.event[i] && data.weight[i] > 0 {
                    deaths += 1
                    deathWeight += data.weight[i]
                    if ties == .efron {
                        t0 += r
                        for j in 0..<p { t1[j] += r * x[j * n + i] }
                    }
                }
            }
            guard deaths > 0 else { continue }
            let steps = ties == .efron ? deaths : 1
            let stepWeight = deathWeight / Double(steps)
            for k in 0..<steps {
                let f = Double(k) / Double(steps)
                let denom = s0 - f * t0
                let h = stepWeight / denom
                a[g] += h
                fa[g] += f * h
                for j in 0..<p {
                    let xbar = (s1[j] - f * t1[j]) / denom
                    b[g * p + j] += h * xbar
                    fb[g * p + j] += f * h * xbar
                    mean[g * p + j] += xbar / Double(steps)
                }
            }
        }
        var residuals = [Double](repeating: 0, count: n * p)
        var cumA = 0.0
        var cumB = [Double](repeating: 0, count: p)
        for g in 0..<groupCount {
            cumA += a[g]
            for j in 0..<p { cumB[j] += b[g * p + j] }
            for i in groups[g]..<groups[g + 1] {
                let isDeath = data.event[i] && data.weight[i] > 0
                for j in 0..<p {
                    let xij = x[j * n + i]
                    var u = -risk[i] * (xij * cumA - cumB[j])
                    if isDeath {
                        u += xij - mean[g * p + j]
                        u += risk[i] * (xij * fa[g] - fb[g * p + j])
                    }
                    residuals[j * n + i] = u
                }
            }
        }
        return residuals
    }

    /// The baseline cumulative hazard at the centred covariates (x = weighted means), one value per
    /// distinct event time: increments W_D / R (Breslow 1972 estimator, as lifelines and
    /// scikit-survival) or Σₖ w̄_D / (R − fₖ T) (Efron-consistent, as R `survfit.coxph` for an Efron fit).
    func baselineCumulativeHazard(_ beta: [Double], method: TieMethod) -> (times: [Double], hazard: [Double]) {
        let eta = data.linearPredictor(beta)
        let groups = data.groupStart
        var s0 = 0.0
        var increments = [(Double, Double)]()
        for g in stride(from: groups.count - 2, through: 0, by: -1) {
            var t0 = 0.0, deaths = 0, deathWeight = 0.0
            for i in groups[g]..<groups[g + 1] {
                let r = data.weight[i] * exp(eta[i])
                s0 += r
                if data.event[i] && data.weight[i] > 0 {
                    deaths += 1
                    deathWeight += data.weight[i]
                    t0 += r
                }
            }
            guard deaths > 0 else { continue }
            var dh = 0.0
            if method == .efron {
                let stepWeight = deathWeight / Double(deaths)
                for k in 0..<deaths { dh += stepWeight / (s0 - Double(k) / Double(deaths) * t0) }
            } else {
                dh = deathWeight / s0
            }
            increments.append((data.time[groups[g]], dh))
        }
        increments.reverse()
        var cumulative = 0.0
        var times = [Double](), hazard = [Double]()
        for (t, dh) in increments {
            cumulative += dh
            times.append(t)
            hazard.append(cumulative)
        }
        return (times, hazard)
    }
}
