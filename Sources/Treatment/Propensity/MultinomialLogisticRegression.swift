import Foundation
import Learning
import LinearAlgebra

/// Multinomial (softmax) logistic regression with a ridge penalty, for propensity scores of several arms.
///
/// With K classes, class-k score ηᵢₖ = bₖ + xᵢᵀwₖ and P(A = k | x) = exp ηₖ / Σₗ exp ηₗ (full, symmetric
/// parametrisation: every class has its own coefficients), the objective with case weights vᵢ is
///
///     minimise  −(1/Σv) Σᵢ vᵢ log P(Aᵢ | xᵢ)  +  (λ/2) Σₖ ‖wₖ‖²,
///
/// intercepts unpenalised. This is scikit-learn's `LogisticRegression(C=C)` (multinomial loss, lbfgs or
/// newton-cg) with λ = 1/(C·Σv); λ = 0 is unpenalised maximum likelihood (`penalty=None`). Fitted by
/// Newton–Raphson with step halving on the exact Hessian (Böhning 1992, Ann Inst Stat Math 44:197); the
/// directions along which the objective is flat (a constant added to every class's intercept, and with λ = 0
/// to every class's coefficients) get a 10⁻¹⁰ diagonal shift, and the result is centred across classes
/// (probabilities are unchanged), which is the representative scikit-learn reports with a penalty.
///
/// - Complexity: O(n · K² · (p+1)²) per Newton step plus O((K(p+1))³) for the solve.
public struct MultinomialLogisticRegression: Sendable, Hashable, Codable {
    /// Ridge penalty λ ≥ 0 per unit of case weight (unscaled covariates). Default 1e-3: a small penalty that
    /// keeps the fit finite under separation, the usual situation with rare arms.
    public var l2Penalty: Double
    /// Stop when the Newton decrement (predicted decrease of the objective) is ≤ this, > 0. Default 1e-14.
    public var tolerance: Double
    /// Maximum Newton steps, ≥ 1. Default 100.
    public var maxIterations: Int

    public init(l2Penalty: Double = 1e-3, tolerance: Double = 1e-14, maxIterations: Int = 100) {
        self.l2Penalty = l2Penalty
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }

    /// Checks the settings; throws ``TreatmentError/invalidParameter(name:value:fix:)``.
    public func validate() throws {
        guard l2Penalty.isFinite, l2Penalty >= 0 else {
            throw TreatmentError.invalidParameter(name: "l2Penalty", value: "\(l2Penalty)",
                                                  fix: "use a finite penalty ≥ 0, e.g. 1e-3 (0 = unpenalised)")
        }
        guard tolerance.isFinite, tolerance > 0 else {
            throw TreatmentError.invalidParameter(name: "tolerance", value: "\(tolerance)", fix: "use a small positive value such as 1e-14")
        }
        guard maxIterations >= 1 else {
            throw TreatmentError.invalidParameter(name: "maxIterations", value: "\(maxIterations)", fix: "use at least 1")
        }
    }

    /// Fits on a complete (no NaN) feature matrix; `classes[i]` in `0..<classCount`.
    ///
    /// - Complexity: as the type.
    public func fit(_ features: FeatureMatrix, classes: [Int], classCount k: Int,
                    weights: [Double]? = nil) throws -> MultinomialLogisticModel {
        try validate()
        let n = features.rowCount, p = features.columnCount
        guard classes.count == n, classes.allSatisfy({ $0 >= 0 && $0 < k }), k >= 2 else {
            throw TreatmentError.invalidData(field: "classes", expected: "one class index in 0..<\(k) per row, k ≥ 2")
        }
        guard features.values.allSatisfy(\.isFinite) else {
            throw TreatmentError.invalidData(field: "propensity covariates", expected: "finite values (impute missing values first)")
        }
        let v = weights ?? [Double](repeating: 1, count: n)
        let total = v.reduce(0, +)
        guard total > 0 else { throw TreatmentError.invalidData(field: "weights", expected: "a positive sum") }
        let q = p + 1, d = k * q
        let x = features.values
        var theta = [Double](repeating: 0, count: d)   // class c: theta[c*q] = intercept, theta[c*q + 1 + j] = w_cj
        var probs = [Double](repeating: 0, count: n * k)

        func objective(_ t: [Double], _ prob: inout [Double]) -> Double {
            var loss = 0.0
            var eta = [Double](repeating: 0, count: k)
            for i in 0..<n {
                var top = -Double.infinity
                for c in 0..<k {
                    var s = t[c * q]
                    for j in 0..<p { s += t[c * q + 1 + j] * x[j * n + i] }
                    eta[c] = s
                    top = max(top, s)
                }
                var z = 0.0
                for c in 0..<k { z += exp(eta[c] - top) }
                let logZ = top + log(z)
                for c in 0..<k { prob[i * k + c] = exp(eta[c] - logZ) }
                loss -= v[i] * (eta[classes[i]] - logZ)
            }
            var penalty = 0.0
            for c in 0..<k { for j in 0..<p { penalty += t[c * q + 1 + j] * t[c * q + 1 + j] } }
            return loss / total + 0.5 * l2Penalty * penalty
        }

        var current = objective(theta, &probs)
        var converged = false
        var iterations = 0
        var messages: [String] = []
        while iterations < maxIterations {
            iterations += 1
            var gradient = [Double](repeating: 0, count: d)
            var hessian = [Double](repeating: 0, count: d * d)
            var row = [Double](repeating: 1, count: q)
            for i in 0..<n {
                for j in 0..<p { row[1 + j] = x[j * n + i] }
                let wi = v[i] / total
                for c in 0..<k {
                    let r = wi * (probs[i * k + c] - (classes[i] == c ? 1 : 0))
                    for a in 0..<q { gradient[c * q + a] += r * row[a] }
                    for l in c..<k {
                        let h = wi * probs[i * k + c] * ((c == l ? 1 : 0) - probs[i * k + l])
                        if h == 0 { continue }
                        for a in 0..<q {
                            let ha = h * row[a]
                            let base = (c * q + a) * d + l * q
                            for b in 0..<q { hessian[base + b] += ha * row[b] }
                        }
                    }
                }
            }
            for c in 0..<k {
                for a in 0..<q {
                    let idx = c * q + a
                    if a > 0 { gradient[idx] += l2Penalty * theta[idx] }
                    hessian[idx * d + idx] += (a > 0 ? l2Penalty : 0) + (a == 0 || l2Penalty == 0 ? 1e-10 : 0)
                }
            }
            // Fill the lower blocks by symmetry.
            for r in 0..<d { for c in 0..<r { hessian[r * d + c] = hessian[c * d + r] } }
            guard let cholesky = try? Cholesky(Matrix(rows: d, columns: d, rowMajor: hessian),
                                               jitter: .standard) else {
                messages.append("the propensity model's Hessian is not positive definite; stopped early")
                break
            }
            var step = cholesky.solve(gradient)
            let decrement = zip(gradient, step).reduce(0) { $0 + $1.0 * $1.1 }
            var candidate = zip(theta, step).map { $0 - $1 }
            var trial = probs
            var value = objective(candidate, &trial)
            var halvings = 0
            while !(value <= current + 1e-15 * max(1, abs(current))) && halvings < 40 {
                for j in 0..<d { step[j] *= 0.5 }
                candidate = zip(theta, step).map { $0 - $1 }
                value = objective(candidate, &trial)
                halvings += 1
            }
            theta = candidate
            probs = trial
            current = value
            if decrement / 2 <= tolerance { converged = true; break }
        }
        if !converged && messages.isEmpty {
            messages.append("Newton–Raphson did not converge in \(maxIterations) iterations")
        }
        // Centre across classes: intercepts always, coefficients too when unpenalised.
        for a in 0..<q where a == 0 || l2Penalty == 0 {
            let mean = (0..<k).reduce(0) { $0 + theta[$1 * q + a] } / Double(k)
            for c in 0..<k { theta[c * q + a] -= mean }
        }
        let maxProbability = (0..<n).map { probs[$0 * k + classes[$0]] }.min() ?? 0
        if maxProbability > 1 - 1e-8 {
            messages.append("the arms are (nearly) perfectly separated by the covariates: propensities reach 0 or 1")
        }
        return MultinomialLogisticModel(
            featureNames: features.names,
            intercepts: (0..<k).map { theta[$0 * q] },
            coefficients: (0..<k).map { c in (0..<p).map { theta[c * q + 1 + $0] } },
            diagnostics: FitDiagnostics(converged: converged, iterations: iterations, messages: messages))
    }
}

/// A fitted ``MultinomialLogisticRegression``.
public struct MultinomialLogisticModel: Sendable, Hashable, Codable {
    public var featureNames: [String]
    /// bₖ per class (centred to sum 0).
    public var intercepts: [Double]
    /// wₖ per class (outer) and feature (inner).
    public var coefficients: [[Double]]
    public var diagnostics: FitDiagnostics

    /// P(A = k | xᵢ), indexed `[k][i]`.
    ///
    /// - Complexity: O(n · K · p).
    public func probabilities(_ features: FeatureMatrix) throws -> [[Double]] {
        guard features.names == featureNames else {
            throw TreatmentError.incompatible("the propensity model needs the features \(featureNames.joined(separator: ", ")) in this order")
        }
        let n = features.rowCount, k = intercepts.count
        var eta = (0..<k).map { [Double](repeating: intercepts[$0], count: n) }
        for c in 0..<k {
            for (j, w) in coefficients[c].enumerated() where w != 0 {
                let column = features.column(j)
                var i = 0
                for value in column { eta[c][i] += w * value; i += 1 }
            }
        }
        for i in 0..<n {
            let top = (0..<k).reduce(-Double.infinity) { max($0, eta[$1][i]) }
            var z = 0.0
            for c in 0..<k { eta[c][i] = exp(eta[c][i] - top); z += eta[c][i] }
            for c in 0..<k { eta[c][i] /= z }
        }
        return eta
    }
}
