import CohortData
import Foundation
import Simulation
import Testing

/// Known truth must be recoverable from the observed cohort.
@Suite("Truth recovery")
struct TruthRecoveryTests {
    @Test("empirical response rate per arm matches the mean true probability (within 4 SE)")
    func responseRatesMatchTruth() throws {
        let simulated = SimulationFixtures.large
        let response = try #require(simulated.cohort.outcomes.response)
        for arm in TreatmentArm.allCases {
            var observed = 0.0, expected = 0.0, variance = 0.0, count = 0.0
            for (truth, y) in zip(simulated.truth.patients, response.values) where truth.assignedArm == arm {
                guard let y else { continue }
                let p = truth.responseProbability[arm]
                observed += y ? 1 : 0
                expected += p
                variance += p * (1 - p)
                count += 1
            }
            #expect(count > 200, "too few patients on \(arm)")
            let z = (observed - expected) / variance.squareRoot()
            #expect(abs(z) < 4, "arm \(arm): observed \(observed) vs expected \(expected) responders")
        }
    }

    @Test("literature response rates are reproduced per cancer type and arm")
    func calibratedResponseRates() throws {
        let simulated = SimulationFixtures.large
        for type in [SimulatedCancerType.melanoma, .nsclc] {
            let patients = simulated.truth.patients.filter { $0.cancerType == type }
            let profile = CancerTypeProfile.literature(type)
            for arm in TreatmentArm.allCases {
                // Marginal over the type's patients (all arms: potential outcomes).
                let rate = mean(patients.map { $0.responseProbability[arm] })
                #expect(abs(rate - profile.objectiveResponseRate[arm]) < 0.03, "\(type) \(arm): \(rate)")
            }
        }
    }

    @Test("the ICI effect is larger in high-TMB and in inflamed tumours")
    func effectModification() {
        let patients = SimulationFixtures.large.truth.patients.filter { $0.cancerType == .nsclc }
        func meanEffect(_ subset: [PatientTruth], _ effect: (PatientTruth) -> Double) -> Double { mean(subset.map(effect)) }
        let tmbMedian = median(patients.map(\.tmb))
        let inflamedMedian = median(patients.map(\.programmes.inflamed))
        let highTMB = patients.filter { $0.tmb > tmbMedian }, lowTMB = patients.filter { $0.tmb <= tmbMedian }
        let hot = patients.filter { $0.programmes.inflamed > inflamedMedian }
        let cold = patients.filter { $0.programmes.inflamed <= inflamedMedian }
        for arm in TreatmentArm.iciArms {
            #expect(meanEffect(highTMB) { $0.responseEffect(arm) } > meanEffect(lowTMB) { $0.responseEffect(arm) } + 0.02)
            #expect(meanEffect(hot) { $0.responseEffect(arm) } > meanEffect(cold) { $0.responseEffect(arm) } + 0.05)
            #expect(meanEffect(hot) { $0.rmst24Effect(arm) } > meanEffect(cold) { $0.rmst24Effect(arm) })
            #expect(meanEffect(hot) { $0.survivalAt12MonthsEffect(arm) } > meanEffect(cold) { $0.survivalAt12MonthsEffect(arm) })
        }
        // Chemotherapy itself does not depend on the biomarker score.
        let chemoHot = mean(hot.map(\.responseProbability.chemotherapy))
        let chemoCold = mean(cold.map(\.responseProbability.chemotherapy))
        #expect(abs(chemoHot - chemoCold) < 0.03)
    }

    @Test("without effects every arm has the same response probability and hazard")
    func sharpNull() throws {
        var configuration = SimulationConfiguration(patientCount: 300, seed: 9)
        configuration.treatmentEffects = .none
        let simulated = try CohortSimulator.simulate(configuration)
        for p in simulated.truth.patients {
            for arm in TreatmentArm.iciArms {
                #expect(abs(p.responseEffect(arm)) < 1e-12)
                #expect(abs(p.rmst24Effect(arm)) < 1e-9)
            }
        }
    }

    @Test("treatment is confounded: propensities vary with PD-L1, ECOG and site; randomised assignment removes it")
    func confounding() throws {
        let patients = SimulationFixtures.large.truth.patients.filter { $0.cancerType == .nsclc }
        let highPDL1 = patients.filter { $0.pdl1TPS >= 50 }, lowPDL1 = patients.filter { $0.pdl1TPS < 1 }
        #expect(mean(highPDL1.map(\.propensity.antiPD1PDL1)) > mean(lowPDL1.map(\.propensity.antiPD1PDL1)) + 0.1)
        let cohort = SimulationFixtures.large.cohort
        let ecog = try #require(cohort.column("ecog")?.numericValues)
        let all = SimulationFixtures.large.truth.patients
        let fit = all.indices.filter { ecog[$0] == 0 }, frail = all.indices.filter { ecog[$0] == 2 }
        #expect(mean(fit.map { all[$0].propensity.iciCombination }) > mean(frail.map { all[$0].propensity.iciCombination }))
        // Observed assignment follows the propensities.
        let assignedMono = Double(highPDL1.filter { $0.assignedArm == .antiPD1PDL1 }.count) / Double(highPDL1.count)
        #expect(abs(assignedMono - mean(highPDL1.map(\.propensity.antiPD1PDL1))) < 0.08)
        // Propensities differ between sites for the same cancer type.
        let bySite = Dictionary(grouping: patients, by: \.site).mapValues { mean($0.map(\.propensity.iciChemotherapy)) }
        #expect(bySite.values.max()! - bySite.values.min()! > 0.03)

        var randomized = SimulationConfiguration(patientCount: 200, seed: 4)
        randomized.randomizedAssignment = true
        let trial = try CohortSimulator.simulate(randomized)
        #expect(trial.truth.patients.allSatisfy { $0.propensity == ArmValues(repeating: 0.25) })
    }

    @Test("the observed OS event fraction matches the censoring model")
    func censoring() throws {
        let simulated = SimulationFixtures.large
        let os = try #require(simulated.cohort.outcomes.overallSurvival)
        let expected = simulated.truth.patients.reduce(0) { $0 + $1.deathObservedProbability }
        let variance = simulated.truth.patients.reduce(0) { $0 + $1.deathObservedProbability * (1 - $1.deathObservedProbability) }
        let observed = Double(os.eventCount)
        #expect(abs(observed - expected) < 4 * variance.squareRoot(), "events \(observed) vs expected \(expected)")
        // Events are observed exactly when death precedes censoring.
        for (p, event) in zip(simulated.truth.patients, os.event) {
            #expect(event == (p.deathTime <= p.censoringTime))
        }
        // Heavier dropout and shorter follow-up censor more.
        var heavy = SimulationConfiguration(patientCount: 2_000, seed: 7)
        heavy.dropoutRatePerYear = 1
        heavy.minimumFollowUpMonths = 3
        heavy.accrualMonths = 6
        let censored = try CohortSimulator.simulate(heavy)
        let heavyFraction = Double(censored.cohort.outcomes.overallSurvival!.eventCount) / 2_000
        #expect(heavyFraction < Double(os.eventCount) / 6_000 - 0.15)
        let heavyExpected = censored.truth.patients.reduce(0) { $0 + $1.deathObservedProbability } / 2_000
        #expect(abs(heavyFraction - heavyExpected) < 0.04)
    }

    @Test("median OS under chemotherapy matches the configured median")
    func survivalCalibration() {
        // Median of the true death times of NSCLC patients under chemotherapy potential outcome:
        // P(S_chemo(m) ≥ 1/2) averaged; check via mean survival probability at the configured median.
        let simulated = SimulationFixtures.large
        let nsclc = simulated.truth.patients.filter { $0.cancerType == .nsclc }
        let lambda = simulated.truth.calibration.overallSurvivalScale[.nsclc]!
        let k = simulated.truth.configuration.overallSurvivalWeibullShape
        let m = CancerTypeProfile.literature(.nsclc).medianOverallSurvivalChemotherapy
        let survival = mean(nsclc.map { exp(-pow(m / lambda, k) * exp($0.overallSurvivalPredictor.chemotherapy)) })
        #expect(abs(survival - 0.5) < 0.03)
        // The 12-month survival recorded in the truth uses the same model.
        let p = nsclc[0]
        let s12 = exp(-pow(12 / lambda, k) * exp(p.overallSurvivalPredictor.chemotherapy))
        #expect(abs(s12 - p.overallSurvivalAt12Months.chemotherapy) < 1e-12)
        // RMST₂₄ lies between 24 · S(24) and 24, and above the 12-month area lower bound.
        for q in nsclc.prefix(50) {
            let rmst = q.overallSurvivalRMST24.chemotherapy
            let s24 = exp(-pow(24 / lambda, k) * exp(q.overallSurvivalPredictor.chemotherapy))
            #expect(rmst >= 24 * s24 - 1e-9 && rmst <= 24 + 1e-9)
            // Trapezoid check of the closed form.
            var area = 0.0
            let steps = 2_000
            for i in 0..<steps {
                let t0 = 24 * Double(i) / Double(steps), t1 = 24 * Double(i + 1) / Double(steps)
                let s0 = exp(-pow(t0 / lambda, k) * exp(q.overallSurvivalPredictor.chemotherapy))
                let s1 = exp(-pow(t1 / lambda, k) * exp(q.overallSurvivalPredictor.chemotherapy))
                area += 0.5 * (s0 + s1) * (t1 - t0)
            }
            #expect(abs(area - rmst) < 1e-3)
        }
    }
}
