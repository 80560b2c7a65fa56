import Foundation
import Learning
import Statistics
import TestSupport
import Testing

/// Agreement with lifelines 0.30.3 (`CoxPHFitter`, Efron ties, Breslow baseline hazard) and statsmodels 0.15.0
/// (`PHReg(ties="breslow")`), and the estimator contract.
///
/// Tolerances: coefficients, standard errors and log-likelihoods 1e-8 absolute, baseline cumulative hazard
/// 1e-8 relative (the references were run at lifelines precision 1e-12; observed differences are ~1e-10 for
/// Efron and ~1e-14 for Breslow), far inside the 1e-4 agreement target. lifelines' robust SEs ignore tied
/// times, so robust SEs are compared with lifelines on tie-free data and with statsmodels (Breslow) on tied data.
@Suite("CoxProportionalHazards")
struct CoxProportionalHazardsTests {
    let reference = LinearReference.shared
    let tolerance = 1e-8

    func check(_ model: CoxProportionalHazardsModel, _ expected: LinearReference.CoxFit, robust: Bool, label: String) {
        let dBeta = maxAbsDifference(model.coefficients, expected.coefficients)
        #expect(dBeta < tolerance, "\(label): coefficients differ by \(dBeta)")
        if let se = expected.standardErrors {
            let ours = robust ? model.robustStandardErrors! : model.standardErrors
            let dSE = maxAbsDifference(ours, se)
            #expect(dSE < tolerance, "\(label): standard errors differ by \(dSE)")
        }
        let dLL = abs(model.logLikelihood - expected.logLikelihood)
        #expect(dLL < tolerance, "\(label): log-likelihood differs by \(dLL)")
        if let null = expected.nullLogLikelihood {
            #expect(abs(model.nullLogLikelihood - null) < tolerance, "\(label): null log-likelihood")
        }
        #expect(model.diagnostics.converged, "\(label): converged")
        print("agreement \(label): coefficients \(dBeta), log-likelihood \(dLL)")
    }

    @Test("Efron fit agrees with lifelines: coefficients, SEs, log-likelihoods, LR test; C-index with scikit-survival")
    func efronAgreesWithLifelines() throws {
        let model = try CoxProportionalHazards(computeConcordance: true).fit(reference.coxDataset())
        check(model, reference.cox.efron, robust: false, label: "Efron (ties)")
        let lr = model.likelihoodRatioTest
        #expect(abs(lr.statistic - reference.cox.efron.likelihoodRatioStatistic!) < 1e-6)
        #expect(lr.degreesOfFreedom == 4)
        #expect(abs(model.concordance! - reference.cox.efron.concordance!) < 1e-12)
        // z, p and CIs follow from β and SE.
        let se = model.standardErrors
        for j in 0..<4 {
            #expect(abs(model.zScores[j] - model.coefficients[j] / se[j]) < 1e-12)
            let ci = model.confidenceIntervals[j]
            #expect(abs(ci.upper - model.coefficients[j] - 1.959963984540054 * se[j]) < 1e-9)
            #expect(abs(model.pValues[j] - 2 * Normal().survival(abs(model.zScores[j]))) < 1e-15)
        }
        #expect(model.pValues[0] < 1e-6)
        #expect(try #require(model.waldTest).statistic > 0)
    }

    @Test("baseline cumulative hazard and survival curves agree with lifelines")
    func baselineAgreesWithLifelines() throws {
        let model = try CoxProportionalHazards().fit(reference.coxDataset())
        let expected = reference.cox.efron
        let names = reference.cox.x.indices.map { "x\($0)" }
        let atMeans = FeatureMatrix(names: names, rows: [expected.means!])
        // lifelines reports H₀ at every distinct time (flat at censoring-only times); compare at all of them.
        let ours = try model.survivalProbabilities(atMeans, at: expected.baselineTimes!)[0].map { -log($0) }
        var worst = 0.0
        for (a, b) in zip(ours, expected.baselineCumulativeHazard!) { worst = max(worst, abs(a - b) / max(b, 1e-12)) }
        #expect(worst < 1e-8, "relative difference in H₀: \(worst)")
        print("agreement baseline hazard (relative): \(worst)")
    }

    @Test("robust (Lin–Wei) SEs agree with lifelines without ties, and with statsmodels (Breslow) with ties")
    func robust() throws {
        let plain = try CoxProportionalHazards(robustVariance: true).fit(reference.coxNoTiesDataset())
        check(plain, reference.coxNoTies.efronRobust, robust: true, label: "Efron robust, no ties")
        let weighted = try CoxProportionalHazards(robustVariance: true).fit(reference.coxNoTiesDataset(weighted: true))
        check(weighted, reference.coxNoTies.efronWeightedRobust, robust: true, label: "Efron weighted robust, no ties")
        let breslow = try CoxProportionalHazards(ties: .breslow, robustVariance: true).fit(reference.coxDataset())
        check(breslow, reference.cox.breslowRobust, robust: true, label: "Breslow robust (ties)")
        // With robust variance, inference uses it.
        #expect(abs(breslow.zScores[0] - breslow.coefficients[0] / breslow.robustStandardErrors![0]) < 1e-12)
    }

    @Test("weighted Efron agrees with lifelines; weighted Breslow with statsmodels on duplicated rows")
    func weighted() throws {
        let data = reference.coxDataset(weighted: true)
        let model = try CoxProportionalHazards().fit(data)
        check(model, reference.cox.efronWeighted, robust: false, label: "Efron weighted")
        let breslow = try CoxProportionalHazards(ties: .breslow).fit(data)
        check(breslow, reference.cox.breslowWeighted, robust: false, label: "Breslow weighted")
    }

    @Test("Breslow ties agree with statsmodels PHReg")
    func breslowAgreesWithStatsmodels() throws {
        let model = try CoxProportionalHazards(ties: .breslow).fit(reference.coxDataset())
        check(model, reference.cox.breslow, robust: false, label: "Breslow")
        // With many ties Efron and Breslow differ visibly: the test would notice a mix-up.
        #expect(maxAbsDifference(model.coefficients, reference.cox.efron.coefficients) > 0.05)
    }

    @Test("ridge penalty agrees with lifelines' penalizer on standardised covariates")
    func ridgeAgreesWithLifelines() throws {
        let model = try CoxProportionalHazards(l2Penalty: 0.05).fit(reference.coxDataset(standardized: true))
        let expected = reference.cox.efronRidge
        let d = maxAbsDifference(model.coefficients, expected.coefficients)
        #expect(d < tolerance, "ridge coefficients differ by \(d)")
        print("agreement ridge: \(d)")
        // Shrinks towards zero.
        let unpenalised = try CoxProportionalHazards().fit(reference.coxDataset(standardized: true))
        #expect(model.coefficients[0] < unpenalised.coefficients[0])
    }

    @Test("real data: NCCTG lung (lifelines Efron; statsmodels Breslow, naive and robust)",
          .enabled(if: SharedData.shouldRun("cohorts/survival_nonici/lifelines_0.30.3/lung.csv")))
    func lung() throws {
        let expected = try #require(reference.lung)
        let data = try loadLung(columns: expected.columns)
        #expect(data.rowCount == expected.rows)
        let model = try CoxProportionalHazards().fit(data)
        check(model, expected.efron, robust: false, label: "lung Efron")
        let breslow = try CoxProportionalHazards(ties: .breslow, robustVariance: true).fit(data)
        check(breslow, expected.breslow, robust: false, label: "lung Breslow")
        check(breslow, expected.breslowRobust, robust: true, label: "lung Breslow robust")
    }

    @Test("one Newton step by hand: two deaths tied (Efron) and one covariate")
    func handComputed() throws {
        // Times 1, 1, 2, 3 with events 1, 1, 1, 0; x = 1, 0, 1, 0. At β = 0 with Efron ties at t = 1:
        // risk set {all 4}, tied deaths d = 2, T = 2 (e^0 each), steps k = 0, 1 with denominators 4 and 3.
        // ℓ(0) = −log 4 − log 3 − log 2 (t = 2: risk set {3, 4}).
        let data = Dataset(features: FeatureMatrix(names: ["x"], columns: [[1, 0, 1, 0]]),
                           target: .survival(time: [1, 1, 2, 3], event: [true, true, true, false]))
        let model = try CoxProportionalHazards(maxIterations: 1).fit(data)
        #expect(abs(model.nullLogLikelihood - (-log(4.0) - log(3.0) - log(2.0))) < 1e-12)
        // Score at 0: Σ deaths x − Σ x̄: t = 1: 1 − [2/4 + (2 − 0.5)/3] = 0; t = 2: 1 − 1/2 = 0.5 → U = 0.5.
        // Information: t = 1: (1/2 − 1/4) + (0.5/3 − 1/4·... ) computed below; step = U / I.
        // k = 0: x̄ = 2/4, S2/denom = 2/4 → 0.25; k = 1: (2 − 0.5·1)/(4 − 0.5·2) = 1.5/3 = 0.5 → 0.25;
        // t = 2: x̄ = 1/2 → 0.25. I = 0.75, so β₁ = 0.5 / 0.75 = 2/3.
        #expect(abs(model.coefficients[0] - 2.0 / 3.0) < 1e-12)
    }

    @Test("monotone likelihood (a covariate that perfectly orders the events) is reported")
    func monotoneLikelihood() throws {
        let time: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
        let x: [Double] = [8, 7, 6, 5, 4, 3, 2, 1]       // higher x always dies first
        let other: [Double] = [0.3, -1, 0.5, 2, -0.2, 0.1, 1, -0.7]
        let data = Dataset(features: FeatureMatrix(names: ["x", "z"], columns: [x, other]),
                           target: .survival(time: time, event: Array(repeating: true, count: 8)))
        let model = try CoxProportionalHazards().fit(data)
        let flagged = model.diagnostics.messages.contains { $0.contains("infinite") || $0.contains("singular") }
        #expect(flagged, "\(model.diagnostics.messages)")
    }

    @Test("conformance")
    func conformance() throws {
        let invalid: [(configuration: any Estimator, parameter: String)] = [
            (CoxProportionalHazards(l2Penalty: -1), "l2Penalty"),
            (CoxProportionalHazards(tolerance: 0), "tolerance"),
            (CoxProportionalHazards(maxIterations: 0), "maxIterations"),
            (CoxProportionalHazards(confidenceLevel: 1), "confidenceLevel"),
        ]
        try EstimatorConformance.check(CoxProportionalHazards(), on: reference.coxDataset(),
                                       options: .init(tolerance: 1e-7, invalidConfigurations: invalid))
        try EstimatorConformance.check(CoxProportionalHazards(ties: .breslow, robustVariance: true), on: reference.coxDataset(),
                                       options: .init(tolerance: 1e-7))
        // Survival curves: monotone non-increasing, in [0, 1].
        let model = try CoxProportionalHazards().fit(reference.coxDataset())
        let curves = try model.survivalProbabilities(reference.coxDataset().features, at: [0, 0.1, 0.5, 1, 2, 5])
        for curve in curves {
            #expect(curve[0] == 1)
            for k in 1..<curve.count { #expect(curve[k] <= curve[k - 1] && curve[k] >= 0) }
        }
    }
}
