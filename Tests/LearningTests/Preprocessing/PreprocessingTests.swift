import Foundation
import Testing
import CohortData
import Statistics
import TestSupport
@testable import Learning

@Suite("Preprocessing")
struct PreprocessingTests {
    /// TMB (with a missing value and an outlier), cancer type (categorical with a missing value).
    func training() -> FeatureMatrix {
        FeatureMatrix(clinical: [
            ClinicalColumn(name: "TMB", values: .continuous([2, 4, nil, 100, 6])),
            ClinicalColumn(name: "type", values: .categorical(["NSCLC", "melanoma", "NSCLC", nil, "renal"])),
        ])
    }

    @Test("caps, median imputation, missing indicators, one-hot and standardisation, in that order")
    func fullTransform() throws {
        let config = PreprocessingConfiguration(caps: ["TMB": .init(upper: 50)], standardize: false)
        let fitted = try FittedPreprocessing(configuration: config, fitting: training())
        #expect(fitted.outputNames == ["TMB", "TMB__missing", "type=NSCLC", "type=melanoma", "type=renal", "type__missing"])
        let (m, flags) = try fitted.transform(training())
        // Median of the capped observed TMB values {2, 4, 50, 6} = 5.
        #expect(Array(m.column(0)) == [2, 4, 5, 50, 6])
        #expect(Array(m.column(1)) == [0, 0, 1, 0, 0])
        // The missing type is imputed by the most frequent label (NSCLC).
        #expect(Array(m.column(2)) == [1, 0, 1, 1, 0])
        #expect(Array(m.column(3)) == [0, 1, 0, 0, 0])
        #expect(Array(m.column(5)) == [0, 0, 0, 1, 0])
        #expect(flags.perRow.allSatisfy { $0.isEmpty })
    }

    @Test("standardisation uses the training mean and population standard deviation (as StandardScaler)")
    func standardise() throws {
        let x = FeatureMatrix(names: ["a"], rows: [[1], [2], [3], [6]])
        let fitted = try FittedPreprocessing(configuration: .init(), fitting: x)
        let z = Array(try fitted.transform(x).matrix.column(0))
        let mean = 3.0
        let sd = ((4.0 + 1 + 0 + 9) / 4).squareRoot()
        #expect(zip(z, [1.0, 2, 3, 6]).allSatisfy { abs($0 - ($1 - mean) / sd) < 1e-15 })
        // New data use the training statistics, not their own.
        let other = FeatureMatrix(names: ["a"], rows: [[3]])
        #expect(try fitted.transform(other).matrix[0, 0] == 0)
    }

    @Test("unseen labels and out-of-range values are flagged per patient, not silently used")
    func flags() throws {
        let fitted = try FittedPreprocessing(configuration: .init(standardize: false), fitting: training())
        let new = FeatureMatrix(clinical: [
            ClinicalColumn(name: "TMB", values: .continuous([3, 500])),
            ClinicalColumn(name: "type", values: .categorical(["bladder", "renal"])),
        ])
        let (m, flags) = try fitted.transform(new)
        #expect(flags.perRow[0] == ["type: label not seen in training"])
        #expect(flags.perRow[1] == ["TMB: outside the training range"])
        // The unseen label encodes as all zeros.
        let typeColumns = (0..<m.columnCount).filter { m.names[$0].hasPrefix("type=") }
        #expect(typeColumns.allSatisfy { m[0, $0] == 0 })
        #expect(m[1, m.index(of: "type=renal")!] == 1)
    }

    @Test("a missing input feature is an error naming it")
    func missingFeature() throws {
        let fitted = try FittedPreprocessing(configuration: .init(), fitting: training())
        let partial = FeatureMatrix(clinical: [ClinicalColumn(name: "TMB", values: .continuous([1]))])
        let error = try #require(throws: EstimatorError.self) { try fitted.transform(partial) }
        #expect(error.description.contains("\"type\""))
    }

    @Test("log transform and dropFirstLevel")
    func logAndDropFirst() throws {
        let config = PreprocessingConfiguration(logTransform: ["TMB"], missingIndicators: false, dropFirstLevel: true,
                                                standardize: false)
        let fitted = try FittedPreprocessing(configuration: config, fitting: training())
        #expect(fitted.outputNames == ["TMB", "type=melanoma", "type=renal"])
        let m = try fitted.transform(training()).matrix
        #expect(abs(m[0, 0] - log(3)) < 1e-15)
    }

    @Test("invalid settings are rejected naming the parameter")
    func invalid() {
        let bad = PreprocessingConfiguration(caps: ["TMB": .init(lower: 10, upper: 1)])
        #expect(throws: EstimatorError.self) { try bad.validate() }
        let unknown = PreprocessingConfiguration(caps: ["nope": .init(upper: 1)])
        let error = try? #require(throws: EstimatorError.self) {
            _ = try FittedPreprocessing(configuration: unknown, fitting: training())
        }
        #expect(error?.description.contains("caps") == true)
    }
}

@Suite("Pipeline")
struct PipelineTests {
    /// 200 patients: TMB (10% missing), albumin, cancer type (categorical, with missing), response
    /// depending on all three.
    static func data() -> Dataset {
        var g = Xoshiro256StarStar(seed: 12)
        let types = ["NSCLC", "melanoma", "renal"]
        var tmb: [Double?] = [], albumin: [Double?] = [], type: [String?] = [], y: [Double] = []
        for _ in 0..<200 {
            let t = exp(Normal(mean: 1.8, standardDeviation: 0.9).sample(using: &g))
            let a = Normal(mean: 3.8, standardDeviation: 0.5).sample(using: &g)
            let k = Int(g.nextUniform() * 3)
            let logit = -2 + 0.08 * min(t, 50) + 0.8 * (a - 3.8) + (k == 1 ? 0.7 : 0)
            y.append(g.nextUniform() < 1 / (1 + exp(-logit)) ? 1 : 0)
            tmb.append(g.nextUniform() < 0.1 ? nil : t)
            albumin.append(a)
            type.append(g.nextUniform() < 0.05 ? nil : types[k])
        }
        let matrix = FeatureMatrix(clinical: [
            ClinicalColumn(name: "TMB", values: .continuous(tmb)),
            ClinicalColumn(name: "albumin", values: .continuous(albumin)),
            ClinicalColumn(name: "type", values: .categorical(type)),
        ])
        return Dataset(features: matrix, target: .binary(y))
    }

    @Test("a pipeline is an estimator: it passes the conformance suite, missing values included")
    func conformance() throws {
        let pipeline = Pipeline(
            preprocessing: PreprocessingConfiguration(caps: ["TMB": .init(upper: 50)], logTransform: ["TMB"]),
            model: ElasticNetLogisticRegression(alpha: 0, lambda: 1e-3))
        try EstimatorConformance.check(pipeline, on: Self.data(), options: .init(
            tolerance: 1e-7, acceptsMissingValues: true,
            invalidConfigurations: [
                (Pipeline(preprocessing: .init(logOffset: -1), model: ElasticNetLogisticRegression()), "logOffset"),
            ]))
    }

    @Test("weighted preprocessing: a weight of 2 equals a duplicated row for medians, means and modes")
    func weightedStatistics() throws {
        let x = FeatureMatrix(clinical: [
            ClinicalColumn(name: "a", values: .continuous([1, 2, 3, 10, nil])),
            ClinicalColumn(name: "c", values: .categorical(["x", "y", "y", "x", nil])),
        ])
        let weighted = try FittedPreprocessing(configuration: .init(), fitting: x, weights: [3, 1, 1, 1, 1])
        let duplicated = try FittedPreprocessing(configuration: .init(), fitting: x.selectingRows([0, 0, 0, 1, 2, 3, 4]))
        #expect(weighted.inputs == duplicated.inputs)
        #expect(weighted.scales == duplicated.scales)
    }
}
