import Foundation
import Learning
import Testing
@testable import Treatment

@Suite("Propensity models, weights, overlap and trimming")
struct PropensityTests {
    static var fixture: [String: Any] { TreatmentReference.section("multinomial") }

    @Test("ridge multinomial logistic regression equals scikit-learn LogisticRegression to 1e-6")
    func multinomialMatchesScikitLearn() throws {
        let f = Self.fixture
        let x = TreatmentReference.features(TreatmentReference.matrix(f["X"]))
        let arm = TreatmentReference.ints(f["arm"])
        let model = try MultinomialLogisticRegression(l2Penalty: TreatmentReference.double(f["lambda"]))
            .fit(x, classes: arm, classCount: 3)
        #expect(model.diagnostics.converged)
        let coef = TreatmentReference.matrix(f["coef"])
        for c in 0..<3 {
            let error = TreatmentReference.maxRelativeError(model.coefficients[c], coef[c])
            #expect(error < 1e-6, "class \(c) coefficients differ by \(error)")
        }
        // scikit-learn centres nothing explicitly; compare intercepts after centring both.
        let ref = TreatmentReference.doubles(f["intercept"])
        let refMean = ref.reduce(0, +) / 3
        #expect(TreatmentReference.maxRelativeError(model.intercepts, ref.map { $0 - refMean }) < 1e-6)
        let p = try model.probabilities(x)
        let proba = TreatmentReference.matrix(f["proba"])
        for c in 0..<3 { #expect(TreatmentReference.maxRelativeError(p[c], proba[c]) < 1e-6) }
        print("[treatment] multinomial vs scikit-learn: coefficients \((0..<3).map { TreatmentReference.maxRelativeError(model.coefficients[$0], coef[$0]) }.max()!), probabilities \((0..<3).map { TreatmentReference.maxRelativeError(p[$0], proba[$0]) }.max()!)")
    }

    @Test("unpenalised multinomial probabilities equal scikit-learn (C = ∞) to 1e-6")
    func unpenalisedMatchesScikitLearn() throws {
        let f = Self.fixture
        let x = TreatmentReference.features(TreatmentReference.matrix(f["X"]))
        let model = try MultinomialLogisticRegression(l2Penalty: 0).fit(x, classes: TreatmentReference.ints(f["arm"]), classCount: 3)
        let p = try model.probabilities(x)
        let proba = TreatmentReference.matrix(f["proba_unpenalised"])
        for c in 0..<3 { #expect(TreatmentReference.maxRelativeError(p[c], proba[c]) < 1e-6) }
    }

    static func scores(_ probabilities: [[Double]], arm: [Int]) -> PropensityScores {
        PropensityScores(armNames: (0..<probabilities.count).map { "arm\($0)" }, referenceArm: 0, arm: arm,
                         probabilities: probabilities)
    }

    @Test("inverse, stabilised and truncated weights follow their definitions")
    func weights() throws {
        let p1 = [0.2, 0.5, 0.8, 0.9, 0.1, 0.6]
        let arm = [1, 1, 0, 1, 0, 0]
        let s = Self.scores([p1.map { 1 - $0 }, p1], arm: arm)
        let inverse = try PropensityWeights(s, kind: .inverse)
        #expect(zip(inverse.weights, [5, 2, 5, 1 / 0.9, 1 / 0.9, 2.5]).allSatisfy { abs($0 - $1) < 1e-12 })
        let stabilized = try PropensityWeights(s)
        // Both arms have half the patients: stabilised = 0.5 × inverse.
        #expect(zip(stabilized.weights, inverse.weights).allSatisfy { abs($0 - 0.5 * $1) < 1e-12 })
        let truncated = try PropensityWeights(s, kind: .inverse, truncationQuantile: 0.8)
        let sorted = inverse.weights.sorted()
        // R type-7 quantile at 0.8 of 6 values: position 4 → sorted[4].
        #expect(truncated.weights.max()! == sorted[4])
        #expect(truncated.truncatedCount >= 1)
        #expect(throws: TreatmentError.self) { try PropensityWeights(s, truncationQuantile: 0.3) }
        let zero = Self.scores([[1, 0.5], [0, 0.5]], arm: [1, 0])
        #expect(throws: TreatmentError.self) { try PropensityWeights(zero) }
    }

    @Test("Kish effective sample size: equal weights give n, one dominant weight gives about 1")
    func kish() {
        #expect(kishEffectiveSampleSize([2, 2, 2, 2]) == 4)
        #expect(abs(kishEffectiveSampleSize([1000, 1, 1]) - 1.004) < 1e-3)
    }

    @Test("overlap diagnostics: histograms count every patient, ESS and extreme shares by definition")
    func overlap() throws {
        let p1 = [0.02, 0.5, 0.55, 0.97, 0.3, 0.6, 0.45, 0.5]
        let arm = [0, 1, 1, 1, 0, 0, 1, 0]
        let diagnostics = try OverlapDiagnostics(Self.scores([p1.map { 1 - $0 }, p1], arm: arm), threshold: 0.05, binCount: 10)
        #expect(diagnostics.distributions.count == 4)
        for d in diagnostics.distributions { #expect(d.histogram.reduce(0, +) == d.count) }
        #expect(diagnostics.extremeShare == 2.0 / 8)   // 0.02 (π₁) and 0.97 (π₀ = 0.03)
        let treated = arm.indices.filter { arm[$0] == 1 }.map { 1 / p1[$0] }
        #expect(abs(diagnostics.effectiveSampleSize[1] - kishEffectiveSampleSize(treated)) < 1e-12)
        #expect(diagnostics.messages.contains { $0.contains("overlap is limited") })
        #expect(throws: TreatmentError.self) { try OverlapDiagnostics(Self.scores([p1.map { 1 - $0 }, p1], arm: arm), threshold: 0.6) }
    }

    @Test("trimming: a fixed bound drops patients with any propensity below it; Crump's α solves its equation")
    func trimming() throws {
        let p1 = [0.01, 0.2, 0.5, 0.7, 0.96, 0.4, 0.03, 0.6, 0.5, 0.45]
        let arm = [0, 0, 1, 1, 1, 0, 0, 1, 0, 1]
        let s = Self.scores([p1.map { 1 - $0 }, p1], arm: arm)
        let fixed = try PropensityTrimming.standard.apply(s)
        #expect(fixed.kept == [1, 2, 3, 5, 7, 8, 9])
        let crump = try PropensityTrimming.crump.apply(s)
        // The defining equation: γ = 1/(α(1 − α)) equals twice the mean of g = 1/(π(1 − π)) over g ≤ γ.
        let gamma = 1 / (crump.bound * (1 - crump.bound))
        let g = p1.map { 1 / ($0 * (1 - $0)) }.filter { $0 <= gamma }
        #expect(abs(gamma - 2 * g.reduce(0, +) / Double(g.count)) < 1e-9)
        #expect(crump.kept.allSatisfy { p1[$0] >= crump.bound && p1[$0] <= 1 - crump.bound })
        // Good overlap: no trimming.
        #expect(PropensityTrimming.crumpBound([0.4, 0.5, 0.6]) == 0)
        let three = Self.scores([[0.3], [0.3], [0.4]], arm: [0])
        #expect(throws: TreatmentError.self) { try PropensityTrimming.crump.apply(three) }
    }

    @Test("cross-fitted propensities come from models that did not see the patient's fold")
    func crossFitting() throws {
        let f = Self.fixture
        let x = TreatmentReference.features(TreatmentReference.matrix(f["X"]))
        let arm = TreatmentReference.ints(f["arm"])
        let data = try TreatmentData(covariates: x, arm: arm, armNames: ["a", "b", "c"], outcome: .continuous(arm.map(Double.init)))
        let folds = try CrossFitting.folds(data, count: 5, seed: 3)
        let estimator = PropensityEstimator(preprocessing: PreprocessingConfiguration(missingIndicators: false, standardize: false))
        let scores = try estimator.crossFit(data, folds: folds)
        // Patients of fold 0 are scored by the model fitted on folds 1–4.
        let train = (0..<data.patientCount).filter { folds[$0] != 0 }, test = (0..<data.patientCount).filter { folds[$0] == 0 }
        let model = try estimator.fit(data.selectingPatients(train))
        let expected = try model.probabilities(x.selectingRows(test))
        for a in 0..<3 {
            #expect(TreatmentReference.maxRelativeError(test.map { scores.probabilities[a][$0] }, expected[a]) < 1e-12)
        }
        for i in 0..<data.patientCount { #expect(abs(scores.probabilities.reduce(0) { $0 + $1[i] } - 1) < 1e-12) }
        // Same seed, same folds.
        #expect(try CrossFitting.folds(data, count: 5, seed: 3) == folds)
    }
}
