import Foundation
import Statistics

/// The univariate Cox fits of an ``AssociationScan``, sharing one sort of the survival times across all
/// features: each feature costs O(n) per Newton step instead of a full ``CoxAssociation`` fit (a sort,
/// risk-set tables and a general p-dimensional solver per feature).
///
/// The model, the Efron partial likelihood and the iteration are those of ``CoxAssociation`` (Learning's
/// `CoxProportionalHazards` with p = 1): Newton–Raphson from β = 0 with step halving while the
/// log-likelihood decreases, stopping after the step whose Newton decrement U²/I is ≤ 2·10⁻⁹; the SE is
/// I(β̂)^(−1/2), the Wald test z = β̂/SE, the likelihood-ratio statistic 2(ℓ(β̂) − ℓ(0)). Results agree with
/// ``CoxAssociation`` to ~1e-10 (Tests/DiscoveryTests/CoxScanKernelTests.swift) and so with lifelines'
/// `CoxPHFitter` to 1e-6. The feature is centred at its mean inside the exponent (the partial likelihood
/// is unchanged by a shift), so large feature values cannot overflow.
struct UnivariateCoxKernel: Sendable {
    /// Patients by decreasing time; `groupStarts[g]..<groupStarts[g + 1]` share one time.
    let order: [Int]
    let groupStarts: [Int]
    let event: [Bool]

    /// nil when a time is missing, negative or infinite (the general path then reports the error).
    init?(time: [Double], event: [Bool]) {
        guard time.allSatisfy({ $0.isFinite && $0 >= 0 }) else { return nil }
        order = time.indices.sorted { time[$0] > time[$1] || (time[$0] == time[$1] && $0 < $1) }
        var starts = [0]
        for k in 1..<max(order.count, 1) where time[order[k]] != time[order[k - 1]] { starts.append(k) }
        starts.append(order.count)
        groupStarts = starts
        self.event = event
    }

    struct Fit {
        var beta: Double
        var standardError: Double
        var logLikelihood: Double
        var nullLogLikelihood: Double
        var events: Int
        var diagnostics: [String]
    }

    /// Log-likelihood, score and information at β for feature `x` (NaN rows skipped), centred at `mean`.
    func evaluate(_ x: UnsafeBufferPointer<Double>, beta: Double, mean: Double) -> (ll: Double, score: Double, information: Double) {
        var ll = 0.0, score = 0.0, information = 0.0
        var s0 = 0.0, s1 = 0.0, s2 = 0.0
        for g in 0..<(groupStarts.count - 1) {
            var d0 = 0.0, d1 = 0.0, d2 = 0.0, sumX = 0.0
            var deaths = 0
            for k in groupStarts[g]..<groupStarts[g + 1] {
                let i = order[k]
                let xi = x[i]
                guard xi.isFinite else { continue }
                let xc = xi - mean
                let w = exp(beta * xc)
                s0 += w
                s1 += w * xc
                s2 += w * xc * xc
                if event[i] {
                    d0 += w
                    d1 += w * xc
                    d2 += w * xc * xc
                    sumX += xc
                    deaths += 1
                }
            }
            guard deaths > 0 else { continue }
            ll += beta * sumX
            score += sumX
            let inverse = 1 / Double(deaths)
            for l in 0..<deaths {
                let f = Double(l) * inverse
                let a0 = s0 - f * d0, a1 = s1 - f * d1, a2 = s2 - f * d2
                let m = a1 / a0
                ll -= log(a0)
                score -= m
                information += a2 / a0 - m * m
            }
        }
        return (ll, score, information)
    }

    /// Fits β for one feature (values for every patient of the scan; NaN = missing).
    func fit(_ values: [Double], tolerance: Double = 1e-9, maxIterations: Int = 50) -> Fit {
        values.withUnsafeBufferPointer { x in
            var sum = 0.0, count = 0, events = 0
            for i in 0..<x.count where x[i].isFinite {
                sum += x[i]
                count += 1
                if event[i] { events += 1 }
            }
            let mean = count > 0 ? sum / Double(count) : 0
            var diagnostics: [String] = []
            if events < 10 {
                diagnostics.append("only \(events) events for 1 covariates (fewer than 10 per covariate): estimates may be unstable")
            }
            var beta = 0.0
            var current = evaluate(x, beta: 0, mean: mean)
            let nullLogLikelihood = current.ll
            var converged = false, singular = false
            var iterations = 0
            while iterations < maxIterations {
                iterations += 1
                guard current.information > 0, current.information.isFinite else { singular = true; break }
                var step = current.score / current.information
                let decrement = current.score * step
                let before = current.ll
                var candidate = beta + step
                var next = evaluate(x, beta: candidate, mean: mean)
                var halvings = 0
                while !(next.ll >= before - 1e-12 * max(abs(before), 1)), halvings < 30 {
                    step *= 0.5
                    candidate = beta + step
                    next = evaluate(x, beta: candidate, mean: mean)
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
                diagnostics.append("the information matrix is singular: collinear covariates, a constant covariate, or a coefficient diverging (monotone likelihood)")
            }
            if !converged && !singular { diagnostics.append("Newton–Raphson did not converge in \(maxIterations) iterations") }
            var standardError = Double.nan
            if current.information > 0 && current.information.isFinite {
                standardError = 1 / current.information.squareRoot()
                let step = current.score / current.information
                if abs(step) > 1e-6 && abs(step) > 1e-3 * abs(beta) {
                    diagnostics.append("the coefficient of \"x\" may be infinite (monotone likelihood: the partial likelihood keeps increasing as it grows)")
                }
            } else if !singular {
                diagnostics.append("the information matrix at the estimate is singular; standard errors are undefined")
            }
            return Fit(beta: beta, standardError: standardError, logLikelihood: current.ll, nullLogLikelihood: nullLogLikelihood,
                       events: events, diagnostics: diagnostics)
        }
    }

    /// The scan row for one feature, as ``AssociationScan/test(_:_:outcome:binaryTest:covariates:minimumCount:)``
    /// builds it from a ``CoxAssociation``.
    func result(_ name: String, _ values: [Double], minimumCount: Int) -> AssociationResult {
        var count = 0, events = 0
        var lo = Double.infinity, hi = -Double.infinity
        for i in values.indices where values[i].isFinite {
            count += 1
            if event[i] { events += 1 }
            lo = min(lo, values[i])
            hi = max(hi, values[i])
        }
        guard count >= minimumCount, lo < hi, events > 0 else {
            return AssociationScan.untestable(name, "cox", count, "fewer than \(minimumCount) patients, a constant feature or no events")
        }
        let f = fit(values)
        let z = f.beta / f.standardError
        let wald = 2 * Normal().survival(abs(z))
        let lr = max(0, 2 * (f.logLikelihood - f.nullLogLikelihood))
        let lrP = ChiSquare(degreesOfFreedom: 1).survival(lr)
        let zq = Normal().quantile(0.975)
        return AssociationResult(feature: name, test: "cox", count: count, effect: exp(f.beta),
                                 lower: exp(f.beta - zq * f.standardError), upper: exp(f.beta + zq * f.standardError),
                                 logEffect: f.beta, standardError: f.standardError, pValue: wald,
                                 notes: ["LR p = \(lrP)"] + f.diagnostics)
    }
}
