import Evaluation
import Foundation
import Statistics
import Testing

/// Binary metrics against scikit-learn, statsmodels and the NumPy DeLong reference
/// (`Tests/Fixtures/evaluation/reference_delong.py`, pROC's formulas, cross-checked in the generator
/// against sklearn's AUC, scipy's Mann–Whitney U and an O(mn) placement-value evaluation).
/// 400 patients; model 1 has tied scores (probabilities rounded to 0.01).
@Suite struct BinaryMetricsTests {
    let reference: ReferenceValues.Section
    let labels: [Bool]
    let p1: [Double]
    let p2: [Double]

    init() throws {
        reference = try ReferenceValues.load().section("binary")
        labels = reference.bools("labels")
        p1 = reference.doubles("p1")
        p2 = reference.doubles("p2")
    }

    @Test func aucAndDeLongAgreeWithReference() throws {
        let auc = try AreaUnderROC(scores: p1, labels: labels)
        let delong = reference.section("delong")
        #expect(close(auc.estimate, reference.double("roc_auc"), 1e-12))
        #expect(close(auc.variance, delong.double("variance"), 1e-12))
        #expect(close(auc.lower, delong.double("lower"), 1e-10))
        #expect(close(auc.upper, delong.double("upper"), 1e-10))
        #expect(auc.positives + auc.negatives == labels.count)
        #expect(close(try AreaUnderROC.auc(scores: p2, labels: labels), reference.double("roc_auc2"), 1e-12))
    }

    @Test func pairedDeLongTestAgreesWithReference() throws {
        let test = try DeLongTest(first: p1, second: p2, labels: labels)
        let r = reference.section("delong_paired")
        #expect(close(test.difference, r.double("difference"), 1e-12))
        #expect(close(test.variance, r.double("variance"), 1e-12))
        #expect(close(test.covariance, r.double("covariance"), 1e-12))
        #expect(close(test.z, r.double("z"), 1e-8))
        #expect(close(test.pValue, r.double("p_value"), 1e-8))
        #expect(close(test.lower, r.double("lower"), 1e-10))
        #expect(close(test.upper, r.double("upper"), 1e-10))
        // A model compared with itself: no difference, p = 1.
        let same = try DeLongTest(first: p1, second: p1, labels: labels)
        #expect(same.difference == 0 && same.pValue == 1)
    }

    @Test func rocCurveMatchesScikitLearn() throws {
        let curve = try ROCCurve(scores: p1, labels: labels)
        #expect(close(curve.falsePositiveRates, reference.doubles("roc_fpr"), 1e-15))
        #expect(close(curve.truePositiveRates, reference.doubles("roc_tpr"), 1e-15))
        #expect(close(curve.thresholds, reference.doubles("roc_thresholds"), 0))
        #expect(close(curve.area, reference.double("roc_auc"), 1e-12))
    }

    @Test func scoresMatchScikitLearn() throws {
        #expect(close(try AveragePrecision.compute(scores: p1, labels: labels), reference.double("average_precision"), 1e-12))
        #expect(close(try ProbabilityScores.brierScore(probabilities: p1, labels: labels), reference.double("brier"), 1e-14))
        #expect(close(try ProbabilityScores.logLoss(probabilities: p1, labels: labels), reference.double("log_loss"), 1e-12))
        // Clipping: a confident mistake costs −log(ε), not infinity.
        let clipped = try ProbabilityScores.logLoss(probabilities: [0, 1], labels: [true, false])
        #expect(close(clipped, -log(Double.ulpOfOne), 1e-9))
    }

    @Test func logisticCalibrationMatchesStatsmodels() throws {
        let c = try LogisticCalibration(probabilities: p1, labels: labels)
        #expect(c.converged)
        #expect(close(c.slope, reference.double("calibration_slope"), 1e-8))
        #expect(close(c.intercept, reference.double("calibration_intercept"), 1e-8))
        #expect(close(c.slopeStandardError, reference.double("calibration_slope_se"), 1e-8))
        #expect(close(c.calibrationInTheLarge, reference.double("calibration_in_the_large"), 1e-8))
        #expect(close(c.calibrationInTheLargeStandardError, reference.double("calibration_in_the_large_se"), 1e-8))
    }

    @Test func perfectlyCalibratedProbabilitiesHaveSlopeOne() throws {
        var generator = Xoshiro256StarStar(seed: 3)
        let p = (0..<20_000).map { _ in 0.05 + 0.9 * generator.nextUniform() }
        let y = p.map { generator.nextUniform() < $0 }
        let c = try LogisticCalibration(probabilities: p, labels: y)
        #expect(abs(c.slope - 1) < 0.1 && abs(c.calibrationInTheLarge) < 0.05)
    }

    @Test func binnedCalibrationMatchesCalibrationCurve() throws {
        let bins = try CalibrationBins(probabilities: p1, labels: labels)
        #expect(close(bins.bins.map(\.observedRate), reference.doubles("calibration_prob_true"), 1e-14))
        #expect(close(bins.bins.map(\.meanPredicted), reference.doubles("calibration_prob_pred"), 1e-14))
        #expect(close(bins.expectedCalibrationError, reference.double("ece"), 1e-14))
        #expect(bins.bins.reduce(0) { $0 + $1.count } == labels.count)
    }

    @Test func loessCurveMatchesStatsmodels() throws {
        let curve = try SmoothedCalibrationCurve(probabilities: p2, labels: labels)
        #expect(close(curve.predicted, reference.doubles("lowess_x"), 0))
        #expect(close(curve.observed, reference.doubles("lowess_y"), 1e-10))
    }

    @Test func thresholdMetricsWithWilsonIntervals() throws {
        let rows = reference.sections("thresholds")
        let performance = try ThresholdPerformance.at(rows.map { $0.double("threshold") }, scores: p1, labels: labels)
        for (row, p) in zip(rows, performance) {
            #expect(p.truePositives == Int(row.double("tp")) && p.falsePositives == Int(row.double("fp")))
            #expect(p.trueNegatives == Int(row.double("tn")) && p.falseNegatives == Int(row.double("fn")))
            for (name, value) in [("sensitivity", p.sensitivity), ("specificity", p.specificity),
                                  ("ppv", p.positivePredictiveValue), ("npv", p.negativePredictiveValue)] {
                let r = row.doubles(name)
                #expect(close([value.estimate, value.lower, value.upper], r, 1e-12), "\(name) at \(p.threshold)")
            }
        }
    }

    @Test func undefinedAndInvalidInputsThrow() {
        #expect(throws: EvaluationError.self) { try AreaUnderROC(scores: [0.1, 0.2], labels: [true, true]) }
        #expect(throws: EvaluationError.self) { try AreaUnderROC(scores: [.nan, 0.2], labels: [true, false]) }
        #expect(throws: EvaluationError.self) { try ProbabilityScores.brierScore(probabilities: [1.5], labels: [true]) }
    }

    /// Large random inputs with many ties: the O(N) DeLong equals a direct O(mn) evaluation.
    @Test(arguments: [1, 2, 3]) func deLongEqualsDirectPlacementValues(seed: UInt64) throws {
        var generator = Xoshiro256StarStar(seed: seed)
        let n = 600
        let labels = (0..<n).map { _ in generator.nextUniform() < 0.3 }
        let scores = labels.map { (($0 ? 0.7 : 0) + generator.nextUniform() * 2 * 10).rounded() / 10 }
        let x = scores.indices.filter { labels[$0] }.map { scores[$0] }
        let y = scores.indices.filter { !labels[$0] }.map { scores[$0] }
        func psi(_ a: Double, _ b: Double) -> Double { a > b ? 1 : a == b ? 0.5 : 0 }
        let v10 = x.map { a in y.reduce(0) { $0 + psi(a, $1) } / Double(y.count) }
        let v01 = y.map { b in x.reduce(0) { $0 + psi($1, b) } / Double(x.count) }
        let auc = v10.reduce(0, +) / Double(v10.count)
        let variance = Descriptive.variance(v10) / Double(x.count) + Descriptive.variance(v01) / Double(y.count)
        let fast = try AreaUnderROC(scores: scores, labels: labels)
        #expect(close(fast.estimate, auc, 1e-12))
        #expect(close(fast.variance, variance, 1e-12))
    }
}
