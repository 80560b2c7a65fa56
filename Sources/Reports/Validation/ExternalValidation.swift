import CohortData
import Evaluation
import Foundation
import Learning

/// Everything `immunokit validate` measures when a saved model meets a new cohort: discrimination and
/// calibration with confidence intervals, decision curves, performance by subgroup with the largest
/// gap flagged, dataset shift per feature, and per-patient out-of-distribution flags.
public struct ExternalValidation: Sendable {
    public struct BinaryResult: Sendable, Codable {
        public var auc: AreaUnderROC
        public var roc: ROCCurve
        public var averagePrecision: Double
        public var brierScore: Double
        public var logLoss: Double
        public var calibration: LogisticCalibration?
        public var bins: CalibrationBins
        public var smoothed: SmoothedCalibrationCurve?
        public var decisionCurve: DecisionCurve
        public var thresholds: [ThresholdPerformance]
    }

    public struct SurvivalResult: Sendable, Codable {
        public var harrell: ConcordanceIndex
        /// Bootstrap percentile interval of Harrell's C (500 replicates).
        public var harrellLower: Double
        public var harrellUpper: Double
        public var horizon: Double
        public var calibration: SurvivalCalibration?
        public var decisionCurve: DecisionCurve?
        /// Kaplan–Meier curves of the predicted risk tertiles (low, middle, high).
        public var riskGroups: [KaplanMeier]
    }

    public struct Subgroup: Sendable, Codable {
        public var variable: String
        public var level: String
        public var patients: Int
        /// Responders (binary) or events (survival).
        public var positives: Int
        /// AUC (binary) or Harrell's C (survival); nil when undefined (one class, no events).
        public var estimate: Double?
        public var lower: Double?
        public var upper: Double?
    }

    public var task: Task
    public var outcome: String
    public var patients: Int
    public var binary: BinaryResult?
    public var survival: SurvivalResult?
    public var subgroups: [Subgroup]
    /// The widest gap between subgroup estimates of one variable, in words; nil when none is computable.
    public var largestGap: String?
    public var shift: DatasetShift
    /// Cross-validated AUC of a classifier telling the training patients from the new ones on the model's
    /// inputs (0.5: indistinguishable; near 1: a different population); nil without the training cohort.
    public var domainClassifierAUC: Double?
    /// Per patient (cohort order): flags from the model's preprocessing and schema.
    public var flags: [String: [String]]
    public var predictions: [String: Double]
    public var warnings: [String]

    /// Validates `artifact` on `cohort` (the outcome the model was trained for).
    ///
    /// - Parameters:
    ///   - horizon: survival horizon for calibration and decision curves (default: the median follow-up).
    ///   - thresholds: probabilities at which sensitivity, specificity, PPV and NPV are reported.
    public init(artifact: ModelArtifact, cohort: Cohort, horizon: Double? = nil,
                thresholds: [Double] = [0.2, 0.3, 0.5], seed: UInt64 = 0, training: Cohort? = nil) throws {
        guard let outcome = Cohort.LearningOutcome(rawValue: artifact.outcome) else {
            throw CohortDataError(.invalidValue, column: "outcome", expected: "a model trained for response, benefit, os or pfs")
        }
        let columns = try cohort.featureColumns(artifact.schema.names)
        let matrix = FeatureMatrix(clinical: columns)
        try artifact.schema.check(matrix)
        let (allPredictions, allFlags) = try artifact.predict(matrix)
        self.task = artifact.task
        self.outcome = artifact.outcome
        var warnings: [String] = []
        var flags: [String: [String]] = [:]
        var predictions: [String: Double] = [:]
        for (k, id) in cohort.patientIDs.enumerated() {
            predictions[id] = allPredictions[k]
            if !allFlags[k].isEmpty { flags[id] = allFlags[k] }
        }
        self.flags = flags
        self.predictions = predictions
        shift = DatasetShift(schema: artifact.schema, features: matrix)
        domainClassifierAUC = try training.map { try Self.domainClassifierAUC(artifact: artifact, training: $0, new: cohort, seed: seed) }
        if let auc = domainClassifierAUC, auc > 0.8 {
            warnings.append(String(format: "a classifier tells the new patients from the training patients with AUC %.2f: a different population", auc))
        }
        for feature in shift.features where feature.verdict == "major" {
            warnings.append("feature \(feature.name): major shift from the training data (PSI \(String(format: "%.2f", feature.populationStabilityIndex ?? 0)))")
        }

        let (target, rows, _) = try cohort.learningTarget(outcome)
        patients = rows.count
        let scores = rows.map { allPredictions[$0] }
        var subgroups: [Subgroup] = []
        switch target {
        case .binary(let y):
            let labels = y.map { $0 == 1 }
            let auc = try AreaUnderROC(scores: scores, labels: labels)
            var calibration: LogisticCalibration?
            do { calibration = try LogisticCalibration(probabilities: scores, labels: labels) } catch {
                warnings.append("calibration slope: \(error)")
            }
            binary = BinaryResult(
                auc: auc, roc: try ROCCurve(scores: scores, labels: labels),
                averagePrecision: try AveragePrecision.compute(scores: scores, labels: labels),
                brierScore: try ProbabilityScores.brierScore(probabilities: scores, labels: labels),
                logLoss: try ProbabilityScores.logLoss(probabilities: scores, labels: labels),
                calibration: calibration, bins: try CalibrationBins(probabilities: scores, labels: labels),
                smoothed: try? SmoothedCalibrationCurve(probabilities: scores, labels: labels),
                decisionCurve: try DecisionCurve(probabilities: scores, labels: labels),
                thresholds: try ThresholdPerformance.at(thresholds, scores: scores, labels: labels))
            survival = nil
            for (variable, levels) in Self.subgroupVariables(cohort, rows: rows) {
                for (level, members) in levels {
                    let l = members.map { labels[$0] }, s = members.map { scores[$0] }
                    let positives = l.filter { $0 }.count
                    let estimate = positives > 0 && positives < l.count ? try? AreaUnderROC(scores: s, labels: l) : nil
                    subgroups.append(Subgroup(variable: variable, level: level, patients: members.count, positives: positives,
                                              estimate: estimate?.estimate, lower: estimate?.lower, upper: estimate?.upper))
                }
            }
        case .survival(let time, let event):
            let outcomes = SurvivalOutcomes(time: time, event: event)
            let harrell = try ConcordanceIndex.harrell(outcomes, risk: scores)
            let interval = try Bootstrap.interval(rowCount: rows.count, replicates: 500, seed: seed) { sample in
                try ConcordanceIndex.harrell(SurvivalOutcomes(time: sample.map { time[$0] }, event: sample.map { event[$0] }),
                                             risk: sample.map { scores[$0] }).value
            }
            let followUp = time.sorted()[time.count / 2]
            let h = horizon ?? followUp
            var calibration: SurvivalCalibration?
            var curve: DecisionCurve?
            let survivalAtHorizon = try artifact.model.survivalProbabilities(matrix.selectingRows(rows), at: [h])?.map { $0[0] }
            if let survivalAtHorizon {
                calibration = try? SurvivalCalibration(outcomes, predictedSurvival: survivalAtHorizon, horizon: h,
                                                       groupCount: min(10, max(2, rows.count / 30)))
                curve = try? DecisionCurve(risks: survivalAtHorizon.map { 1 - $0 }, outcomes: outcomes, horizon: h)
            } else {
                warnings.append("the model gives risk scores only: no calibration at the horizon")
            }
            let sorted = scores.sorted()
            let cut1 = sorted[sorted.count / 3], cut2 = sorted[(2 * sorted.count) / 3]
            let groups = [scores.indices.filter { scores[$0] < cut1 }, scores.indices.filter { scores[$0] >= cut1 && scores[$0] < cut2 },
                          scores.indices.filter { scores[$0] >= cut2 }]
            let curves = try groups.filter { !$0.isEmpty }.map { members in
                try KaplanMeier(time: members.map { time[$0] }, event: members.map { event[$0] })
            }
            survival = SurvivalResult(harrell: harrell, harrellLower: interval.lower, harrellUpper: interval.upper, horizon: h,
                                      calibration: calibration, decisionCurve: curve, riskGroups: curves)
            binary = nil
            for (variable, levels) in Self.subgroupVariables(cohort, rows: rows) {
                for (level, members) in levels {
                    let events = members.filter { event[$0] }.count
                    let c = events > 0 ? try? ConcordanceIndex.harrell(
                        SurvivalOutcomes(time: members.map { time[$0] }, event: members.map { event[$0] }),
                        risk: members.map { scores[$0] }) : nil
                    subgroups.append(Subgroup(variable: variable, level: level, patients: members.count, positives: events,
                                              estimate: c?.value, lower: nil, upper: nil))
                }
            }
        case .continuous:
            throw CohortDataError(.invalidValue, column: "outcome", expected: "a binary or survival outcome")
        }
        self.subgroups = subgroups
        var gap: (String, Double)?
        for variable in Set(subgroups.map(\.variable)) {
            let values = subgroups.filter { $0.variable == variable && $0.patients >= 10 }.compactMap { s in s.estimate.map { (s.level, $0) } }
            guard let best = values.max(by: { $0.1 < $1.1 }), let worst = values.min(by: { $0.1 < $1.1 }), values.count > 1 else { continue }
            if gap == nil || best.1 - worst.1 > gap!.1 {
                gap = ("\(variable): \(worst.0) \(String(format: "%.2f", worst.1)) vs \(best.0) \(String(format: "%.2f", best.1))", best.1 - worst.1)
            }
        }
        largestGap = gap.map { "\($0.0) (gap \(String(format: "%.2f", $0.1)))" }
        if !flags.isEmpty { warnings.append("\(flags.count) of \(cohort.patientCount) patients have inputs outside the training data") }
        self.warnings = warnings
    }

    /// A gradient-boosted classifier of "new cohort" against "training cohort" on the model's inputs,
    /// scored by 5-fold cross-validated AUC (the "adversarial validation" check of covariate shift).
    static func domainClassifierAUC(artifact: ModelArtifact, training: Cohort, new: Cohort, seed: UInt64) throws -> Double {
        let names = artifact.schema.names
        let a = try training.featureColumns(names), b = try new.featureColumns(names)
        let combined: [ClinicalColumn] = zip(a, b).map { first, second in
            switch (first.values, second.values) {
            case (.continuous(let x), .continuous(let y)): ClinicalColumn(name: first.name, values: .continuous(x + y))
            case (.binary(let x), .binary(let y)): ClinicalColumn(name: first.name, values: .binary(x + y))
            case (.categorical(let x), .categorical(let y)): ClinicalColumn(name: first.name, values: .categorical(x + y))
            default:
                ClinicalColumn(name: first.name, values: .continuous(
                    ((first.numericValues ?? Array(repeating: nil, count: first.count)) + (second.numericValues ?? Array(repeating: nil, count: second.count)))))
            }
        }
        let target = Target.binary(Array(repeating: 0, count: training.patientCount) + Array(repeating: 1, count: new.patientCount))
        let data = Dataset(features: FeatureMatrix(clinical: combined), target: target)
        let classifier = Pipeline(preprocessing: PreprocessingConfiguration(missingIndicators: false, standardize: false),
                                  model: GradientBoostedTrees(iterations: 100, learningRate: 0.05, maxLeaves: 8, minSamplesLeaf: 10))
        return try CrossValidation.run(classifier, on: data, folds: 5, seed: seed).mean
    }

    /// Subgroup variables: categorical clinical columns with 2–12 levels (cancer type, sex, site,
    /// stage…), the drug class, and age bands (< 50, 50–64, 65–74, ≥ 75) when an age column exists.
    /// Returns, per variable, the members (indices into `rows`) of each level.
    static func subgroupVariables(_ cohort: Cohort, rows: [Int]) -> [(String, [(String, [Int])])] {
        var out: [(String, [(String, [Int])])] = []
        func group(_ name: String, _ label: (Int) -> String?) {
            var members: [String: [Int]] = [:]
            for (k, row) in rows.enumerated() { if let l = label(row) { members[l, default: []].append(k) } }
            guard (2...12).contains(members.count) else { return }
            out.append((name, members.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        }
        for column in cohort.clinical {
            if case .categorical(let values) = column.values { group(column.name) { values[$0] } }
            if case .binary(let values) = column.values, ["sex", "msi", "msi_high"].contains(column.name.lowercased()) {
                group(column.name) { values[$0].map { $0 ? "yes" : "no" } }
            }
        }
        group("drug class") { cohort.treatment.drugClass[$0]?.rawValue }
        if let age = cohort.clinical.first(where: { $0.name.lowercased() == "age" }), case .continuous(let values) = age.values {
            group("age band") { row in
                values[row].map { $0 < 50 ? "<50" : $0 < 65 ? "50–64" : $0 < 75 ? "65–74" : "≥75" }
            }
        }
        return out
    }
}
