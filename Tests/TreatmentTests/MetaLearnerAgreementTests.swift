import Foundation
import Learning
import Testing
@testable import Treatment

/// T- and DR-learners with fully deterministic nuisances against EconML and a NumPy transcription.
@Suite("Meta-learners agree with reference implementations")
struct MetaLearnerAgreementTests {
    static var fixture: [String: Any] { TreatmentReference.section("learners") }

    static func data() throws -> TreatmentData {
        let f = fixture
        return try TreatmentData(covariates: TreatmentReference.features(TreatmentReference.matrix(f["X"])),
                                 arm: TreatmentReference.ints(f["arm"]), armNames: ["0", "1", "2"], referenceArm: 0,
                                 outcome: .continuous(TreatmentReference.doubles(f["y"])))
    }

    /// Unpenalised multinomial propensity on the raw covariates (as scikit-learn's C = ∞).
    static let propensity = PropensityEstimator(
        method: .multinomialLogistic(MultinomialLogisticRegression(l2Penalty: 0)),
        preprocessing: PreprocessingConfiguration(missingIndicators: false, standardize: false))

    @Test("T-learner with OLS outcome models equals EconML TLearner(LinearRegression) to 1e-6")
    func tLearnerMatchesEconML() throws {
        let data = try Self.data()
        let learner = MetaLearner(kind: .t, estimand: .meanDifference, outcomeEstimator: LeastSquaresRegression())
        let fit = try learner.fit(data)
        #expect(fit.crossFit == nil)
        let predictions = try fit.model.predict(data.covariates)
        let reference = TreatmentReference.matrix(Self.fixture["t_cate"])
        for (k, a) in [1, 2].enumerated() {
            let error = TreatmentReference.maxRelativeError(predictions.effects[a], reference[k])
            print("[treatment] T-learner vs EconML, arm \(a): max relative difference \(error)")
            #expect(error < 1e-6, "arm \(a): \(error)")
        }
        #expect(predictions.effects[0].allSatisfy { $0 == 0 })
        #expect(predictions.outcomes != nil)
    }

    @Test("S-learner with one OLS model on covariates + arm indicators equals EconML SLearner(LinearRegression) to 1e-6")
    func sLearnerMatchesEconML() throws {
        let data = try Self.data()
        let fit = try MetaLearner(kind: .s, estimand: .meanDifference, outcomeEstimator: LeastSquaresRegression()).fit(data)
        let predictions = try fit.model.predict(data.covariates)
        let reference = TreatmentReference.matrix(Self.fixture["s_cate"])
        for (k, a) in [1, 2].enumerated() {
            let error = TreatmentReference.maxRelativeError(predictions.effects[a], reference[k])
            print("[treatment] S-learner vs EconML, arm \(a): max relative difference \(error)")
            #expect(error < 1e-6, "arm \(a): \(error)")
        }
        #expect(fit.model.outcomeModels[0].featureNames == ["x0", "x1", "x2", "arm=1", "arm=2"])
    }

    @Test("cross-fitted DR-learner (OLS nuisances and final stage, explicit folds) equals the NumPy transcription to 1e-6")
    func drLearnerMatchesTranscription() throws {
        let data = try Self.data()
        let f = Self.fixture
        let learner = MetaLearner(kind: .dr, estimand: .meanDifference, outcomeEstimator: LeastSquaresRegression(),
                                  effectEstimator: LeastSquaresRegression(), propensity: Self.propensity,
                                  propensityClip: TreatmentReference.double(f["clip"]), standardErrorReplicates: 0)
        let fit = try learner.fit(data, folds: TreatmentReference.ints(f["folds"]))
        let crossFit = try #require(fit.crossFit)
        let pi = TreatmentReference.matrix(f["propensity"]), mu = TreatmentReference.matrix(f["mu"])
        let gamma = TreatmentReference.matrix(f["dr_scores"])
        for a in 0..<3 {
            #expect(TreatmentReference.maxRelativeError(crossFit.propensities[a], pi[a]) < 1e-6, "π̂ arm \(a)")
            #expect(TreatmentReference.maxRelativeError(crossFit.outcomePredictions[a], mu[a]) < 1e-9, "μ̂ arm \(a)")
            #expect(TreatmentReference.maxRelativeError(crossFit.scores[a], gamma[a]) < 1e-6, "Γ̂ arm \(a)")
            print("[treatment] DR nuisances arm \(a): π̂ \(TreatmentReference.maxRelativeError(crossFit.propensities[a], pi[a])), μ̂ \(TreatmentReference.maxRelativeError(crossFit.outcomePredictions[a], mu[a])), Γ̂ \(TreatmentReference.maxRelativeError(crossFit.scores[a], gamma[a]))")
        }
        let predictions = try fit.model.predict(data.covariates)
        let reference = TreatmentReference.matrix(f["dr_cate"])
        let coef = TreatmentReference.matrix(f["dr_coef"])
        for (k, a) in [1, 2].enumerated() {
            let error = TreatmentReference.maxRelativeError(predictions.effects[a], reference[k])
            print("[treatment] DR-learner vs transcription, arm \(a): CATE max relative difference \(error)")
            #expect(error < 1e-6, "arm \(a): \(error)")
            let final = try #require(fit.model.effectModels.first { $0.arm == a }).treated
            #expect(TreatmentReference.maxRelativeError([final.intercept] + final.coefficients, coef[k]) < 1e-6)
        }
        #expect(predictions.standardErrors == nil)
    }

    @Test("DR-learner with one pooled OLS outcome model per fold (arm indicators) equals EconML DRLearner on the same folds to 1e-6")
    func pooledDRLearnerMatchesEconML() throws {
        let data = try Self.data()
        let f = Self.fixture
        let learner = MetaLearner(kind: .dr, estimand: .meanDifference, outcomeEstimator: LeastSquaresRegression(),
                                  effectEstimator: LeastSquaresRegression(), propensity: Self.propensity,
                                  outcomeModels: .pooled, propensityClip: TreatmentReference.double(f["clip"]),
                                  standardErrorReplicates: 0)
        let fit = try learner.fit(data, folds: TreatmentReference.ints(f["folds"]))
        let crossFit = try #require(fit.crossFit)
        let mu = TreatmentReference.matrix(f["mu_pooled"]), perArm = TreatmentReference.matrix(f["mu"])
        for a in 0..<3 {
            let error = TreatmentReference.maxRelativeError(crossFit.outcomePredictions[a], mu[a])
            print("[treatment] pooled μ̂ arm \(a) vs transcription: max relative difference \(error)")
            #expect(error < 1e-9, "μ̂ arm \(a): \(error)")
            // Not the per-arm models' predictions.
            #expect(TreatmentReference.maxRelativeError(crossFit.outcomePredictions[a], perArm[a]) > 1e-3)
        }
        let predictions = try fit.model.predict(data.covariates)
        let reference = TreatmentReference.matrix(f["dr_pooled_cate"])
        for (k, a) in [1, 2].enumerated() {
            let error = TreatmentReference.maxRelativeError(predictions.effects[a], reference[k])
            print("[treatment] pooled DR-learner vs EconML DRLearner, arm \(a): CATE max relative difference \(error)")
            #expect(error < 1e-6, "arm \(a): \(error)")
        }
    }

    @Test("a configuration saved before outcomeModels existed decodes as per-arm; pooled survives a round trip")
    func outcomeModelsDecoding() throws {
        let learner = MetaLearner(kind: .dr, estimand: .meanDifference, outcomeEstimator: LeastSquaresRegression(),
                                  effectEstimator: LeastSquaresRegression(), outcomeModels: .pooled)
        let encoded = try JSONEncoder().encode(learner)
        typealias Learner = MetaLearner<LeastSquaresRegression, LeastSquaresRegression>
        #expect(try JSONDecoder().decode(Learner.self, from: encoded) == learner)
        var object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        #expect(object["outcomeModels"] as? String == "pooled")
        object["outcomeModels"] = nil
        let earlier = try JSONDecoder().decode(Learner.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(earlier.outcomeModels == .perArm)
        var expected = learner
        expected.outcomeModels = .perArm
        #expect(earlier == expected)
    }

    @Test("X-learner (cross-fitted OLS outcome models, OLS final stages, multinomial g) equals the NumPy transcription to 1e-6")
    func xLearnerMatchesTranscription() throws {
        let data = try Self.data()
        let learner = MetaLearner(kind: .x, estimand: .meanDifference, outcomeEstimator: LeastSquaresRegression(),
                                  effectEstimator: LeastSquaresRegression(), propensity: Self.propensity,
                                  standardErrorReplicates: 0)
        let fit = try learner.fit(data, folds: TreatmentReference.ints(Self.fixture["folds"]))
        let predictions = try fit.model.predict(data.covariates)
        let reference = TreatmentReference.matrix(Self.fixture["x_cate"])
        for (k, a) in [1, 2].enumerated() {
            let error = TreatmentReference.maxRelativeError(predictions.effects[a], reference[k])
            print("[treatment] X-learner vs transcription, arm \(a): max relative difference \(error)")
            #expect(error < 1e-6, "arm \(a): \(error)")
        }
    }

    @Test("a fitted DR-learner saved as JSON and loaded predicts the same effects and standard errors")
    func saveAndLoad() throws {
        let data = try Self.data()
        let learner = MetaLearner(kind: .dr, estimand: .meanDifference, outcomeEstimator: LeastSquaresRegression(),
                                  effectEstimator: LeastSquaresRegression(), propensity: Self.propensity,
                                  standardErrorReplicates: 10)
        let fit = try learner.fit(data, seed: 4)
        let json = try fit.model.jsonData()
        let loaded = try FittedMetaLearner<LeastSquaresModel, LeastSquaresModel>(jsonData: json)
        #expect(loaded.featureNames == ["x0", "x1", "x2"])
        #expect(loaded.armNames == ["0", "1", "2"])
        let a = try fit.model.predict(data.covariates), b = try loaded.predict(data.covariates)
        #expect(a == b)
        let se = try #require(a.standardErrors)
        #expect(se[1].allSatisfy { $0 > 0 } && se[0].allSatisfy { $0 == 0 })
        // The same seed reproduces the fit bit for bit.
        #expect(try learner.fit(data, seed: 4).model.predict(data.covariates) == a)
        // Wrong covariates are rejected, naming what is expected.
        let wrong = FeatureMatrix(names: ["x0", "x2", "x1"], columns: [[0], [0], [0]])
        #expect(throws: TreatmentError.self) { try loaded.predict(wrong) }
    }
}
