/// Cyclic coordinate descent for the penalised weighted least-squares subproblem of an IRLS step
/// (Friedman, Hastie & Tibshirani 2010, J Stat Softw 33(1), §2.1–2.2 and §2.6 on active sets):
///
///     minimise ½ Σᵢ vᵢ (zᵢ − x̃ᵢᵀβ)² + λ₁‖β‖₁ + (λ₂/2)‖β‖₂²
///
/// given the residual rᵢ = vᵢ (zᵢ − x̃ᵢᵀβ) at the current β (updated in place). Each update is
/// βⱼ ← S(x̃ⱼᵀr + vⱼβⱼ, λ₁)/(vⱼ + λ₂) with vⱼ = Σ vᵢ x̃ᵢⱼ² (computed lazily, cached in `xv`), followed by
/// r ← r − Δβⱼ (v ∘ x̃ⱼ). A full pass over the candidates is followed by passes over the active set until
/// it is stable (max vⱼΔβⱼ² < tolerance), then another full pass confirms.
enum WeightedCoordinateDescent {
    /// Runs until convergence or until `iterations` reaches `maxIterations`; returns whether it converged.
    static func run(x: UnsafePointer<Double>, n: Int, v: UnsafePointer<Double>, r: UnsafeMutablePointer<Double>,
                    beta: inout [Double], candidate: [Bool], xv: inout [Double], xvKnown: inout [Bool],
                    l1: Double, l2: Double, tolerance: Double, maxIterations: Int, iterations: inout Int) -> Bool {
        let p = beta.count
        var active = [Int]()
        var isActive = [Bool](repeating: false, count: p)
        for j in 0..<p where beta[j] != 0 {
            active.append(j)
            isActive[j] = true
        }
        func update(_ j: Int) -> Double {
            let xj = x + j * n
            if !xvKnown[j] {
                xv[j] = LinearKernels.weightedDot(n, v, xj, xj)
                xvKnown[j] = true
            }
            let denominator = xv[j] + l2
            guard denominator > 0 else { return 0 }
            let bj = beta[j]
            let g = LinearKernels.dot(n, xj, UnsafePointer(r)) + xv[j] * bj
            let new = softThreshold(g, l1) / denominator
            if new == bj { return 0 }
            let d = new - bj
            beta[j] = new
            LinearKernels.weightedAxpy(n, -d, v, xj, r)
            if !isActive[j] {
                isActive[j] = true
                active.append(j)
            }
            return xv[j] * d * d
        }
        while iterations < maxIterations {
            iterations += 1
            var dlx = 0.0
            for j in 0..<p where candidate[j] { dlx = max(dlx, update(j)) }
            if dlx < tolerance { return true }
            while iterations < maxIterations {
                iterations += 1
                var d = 0.0
                for j in active { d = max(d, update(j)) }
                if d < tolerance { break }
            }
        }
        return false
    }
}
