import CohortData
import Foundation
import Statistics

/// What is observed about one patient's treatment and outcomes.
struct ObservedOutcome: Sendable {
    var arm: TreatmentArm
    var bestOverallResponse: RECIST
    var osTime: Double
    var osEvent: Bool
    var pfsTime: Double
    var pfsEvent: Bool
    /// Durable clinical benefit: CR/PR/SD with PFS ≥ 6 months; `nil` when NE or censored before 6.
    var clinicalBenefit: Bool?
}

extension SimulationModel {
    /// Assigns treatment and draws outcomes for one patient from its outcome stream.
    ///
    /// - arm ~ propensities (``TreatmentAssignmentModel``);
    /// - one latent normal Z_R: responder under arm *a* iff Φ(Z_R) < p_a (so potential responses are
    ///   monotone across arms); complete response iff Φ(Z_R) < 0.25 p_a; stable disease iff
    ///   Φ(Z_R) < p_a + 0.45 (1 − p_a); otherwise progressive disease; NE with probability
    ///   ``SimulationConfiguration/notEvaluableFraction``;
    /// - death: Z_T = ρ_RO Z_R + √(1 − ρ_RO²) N, T = S⁻¹(Φ(Z_T)) (a Gaussian copula with the response
    ///   draw; the marginal of T given x is exactly the Weibull of ``OutcomeModel``);
    /// - progression: Z_P = ρ_OP Z_T + √(1 − ρ_OP²) N; PFS = min(progression, death), so PFS ≤ OS;
    /// - censoring: entry ~ Uniform(0, accrual), administrative censoring at accrual + minimum
    ///   follow-up − entry, dropout ~ Exponential(rate / 12 per month); C = min of the two.
    func drawOutcome(patientID: String, _ p: PatientBaseline, using g: inout Xoshiro256StarStar)
        -> (truth: PatientTruth, observed: ObservedOutcome)
    {
        let c = configuration
        let o = outcome
        let propensity = assignment.propensities(p)
        let arm = TreatmentAssignmentModel.pick(propensity, g.uniform())
        let zR = g.standardNormal()
        let e1 = g.standardNormal()
        let e2 = g.standardNormal()
        let notEvaluable = g.uniform() < c.notEvaluableFraction
        let entry = g.uniform() * c.accrualMonths
        let dropoutDraw = -log(g.uniform())

        let h = o.score(p)
        let logits = o.responseLogits(p, score: h)
        let probabilities = ArmValues { logistic(logits[$0]) }
        let osEta = o.osPredictors(p, score: h)
        let pfsEta = o.pfsPredictors(p, score: h)
        let type = p.type

        let uR = SpecialFunctions.normalCDF(zR)
        let pa = probabilities[arm]
        let bor: RECIST
        if notEvaluable {
            bor = .notEvaluable
        } else if uR < pa {
            bor = uR < OutcomeModel.completeResponseShare * pa ? .completeResponse : .partialResponse
        } else {
            bor = uR < pa + OutcomeModel.stableDiseaseShare * (1 - pa) ? .stableDisease : .progressiveDisease
        }

        let rho = c.treatmentEffects.responseSurvivalCorrelation
        let zT = rho * zR + (1 - rho * rho).squareRoot() * e1
        let rho2 = c.treatmentEffects.overallProgressionCorrelation
        let zP = rho2 * zT + (1 - rho2 * rho2).squareRoot() * e2
        let death = OutcomeModel.weibullTime(z: zT, eta: osEta[arm], scale: o.osScale[type.ordinal], shape: o.osShape)
        let progression = min(death, OutcomeModel.weibullTime(
            z: zP, eta: pfsEta[arm], scale: o.pfsScale[type.ordinal], shape: o.pfsShape))
        let administrative = c.accrualMonths + c.minimumFollowUpMonths - entry
        let dropout = c.dropoutRatePerYear > 0 ? dropoutDraw / (c.dropoutRatePerYear / 12) : .infinity
        let censoring = min(administrative, dropout)

        let osEvent = death <= censoring
        let pfsEvent = progression <= censoring
        let pfsTime = min(progression, censoring)
        let benefit: Bool?
        switch bor {
        case .notEvaluable: benefit = nil
        case .progressiveDisease: benefit = false
        default: benefit = pfsTime >= 6 ? true : (pfsEvent ? false : nil)
        }
        let observed = ObservedOutcome(
            arm: arm, bestOverallResponse: bor, osTime: min(death, censoring), osEvent: osEvent,
            pfsTime: pfsTime, pfsEvent: pfsEvent, clinicalBenefit: benefit)

        let truth = PatientTruth(
            patientID: patientID, site: p.site, cancerType: type, programmes: p.programmes, tmb: p.trueTMB,
            msiHigh: p.msiHigh, poleMutant: p.mutated(DriverGenes.pole), stk11OrKeap1Mutant: p.stk11OrKeap1,
            b2mOrJakLoss: p.b2mOrJakLoss, hlaLOH: p.hlaLOH, pdl1TPS: p.pdl1TPS, biomarkerScore: h, assignedArm: arm,
            propensity: propensity, responseLogit: logits, responseProbability: probabilities,
            overallSurvivalPredictor: osEta, progressionFreeSurvivalPredictor: pfsEta,
            overallSurvivalAt12Months: ArmValues { o.osSurvival(12, eta: osEta[$0], type: type) },
            overallSurvivalRMST24: ArmValues { o.osRestrictedMean(24, eta: osEta[$0], type: type) },
            deathTime: death, progressionTime: progression, censoringTime: censoring,
            deathObservedProbability: deathObservedProbability(eta: osEta[arm], type: type))
        return (truth, observed)
    }

    /// P(T ≤ C) = 1 − E[S(C)] for the censoring distribution C = min(A, D), A ~ Uniform(f, f + a)
    /// (a = accrual, f = minimum follow-up), D ~ Exponential(r):
    /// `E[S(C)] = ∫₀^f r e^(−rc) S(c) dc + ∫_f^(f+a) e^(−rc) S(c) (r (f + a − c) + 1) / a dc`
    /// (or `e^(−rf) S(f)` when a = 0), by composite Simpson with 32 intervals per piece.
    func deathObservedProbability(eta: Double, type: SimulatedCancerType) -> Double {
        let c = configuration
        let r = c.dropoutRatePerYear / 12
        let f = c.minimumFollowUpMonths
        let a = c.accrualMonths
        func survival(_ t: Double) -> Double { outcome.osSurvival(t, eta: eta, type: type) }
        var expected = 0.0
        if r > 0 {
            expected += simpson(0, f) { t in r * exp(-r * t) * survival(t) }
        }
        if a > 0 {
            expected += simpson(f, f + a) { t in exp(-r * t) * survival(t) * (r * (f + a - t) + 1) / a }
        } else {
            expected += exp(-r * f) * survival(f)
        }
        return min(1, max(0, 1 - expected))
    }
}

/// Composite Simpson rule with 32 intervals.
private func simpson(_ lower: Double, _ upper: Double, _ f: (Double) -> Double) -> Double {
    let n = 32
    let h = (upper - lower) / Double(n)
    var sum = f(lower) + f(upper)
    for i in 1..<n {
        sum += (i % 2 == 1 ? 4 : 2) * f(lower + Double(i) * h)
    }
    return sum * h / 3
}
