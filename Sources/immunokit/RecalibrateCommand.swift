import ArgumentParser
import Foundation
import ImmunoKit

struct RecalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recalibrate",
        abstract: "Recalibrate a binary model on local data (intercept, logistic or isotonic) and save it as a new artifact that records its lineage.",
        discussion: """
            The local patients are split (stratified, seeded) into a recalibration half and a held-out half:
            each method is fitted on the first and judged on the second (Brier score, log loss, calibration-in-
            the-large, calibration slope, expected calibration error), so the improvement shown is not
            optimistic. The chosen method is then refitted on all local patients and saved.

            Examples:
              immunokit recalibrate model.json site_b --method logistic --out model-site-b.json
              immunokit recalibrate model.json site_b --method isotonic --holdout 0.3 --out m.json --json
            """
    )

    @Argument(help: "A binary model artifact written by `immunokit train`.")
    var modelPath: String

    @OptionGroup var cohortInput: CohortInputOptions

    @Option(help: "Recalibration: intercept, logistic (default) or isotonic.")
    var method: String = "logistic"

    @Option(help: "Fraction of local patients held out to judge the methods (0.2…0.8; default 0.5).")
    var holdout: Double = 0.5

    @Option(help: "Seed for the split.")
    var seed: UInt64 = 0

    @Option(name: [.customShort("o"), .customLong("out")], help: "Where to write the recalibrated artifact.")
    var output: String

    @Flag(help: "Print the comparison as JSON.")
    var json = false

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        guard Recalibration.Method(rawValue: method) != nil else {
            throw ValidationError("--method must be intercept, logistic or isotonic, not \"\(method)\"")
        }
        guard (0.2...0.8).contains(holdout) else { throw ValidationError("--holdout must be between 0.2 and 0.8, not \(holdout)") }
    }

    func run() throws {
        outputOptions.apply()
        try reportingErrors(showValues: cohortInput.showValues) {
            var artifact = try ModelArtifact.load(URL(fileURLWithPath: modelPath))
            guard artifact.task == .binaryClassification, let outcome = Cohort.LearningOutcome(rawValue: artifact.outcome) else {
                throw UsageError(message: "recalibration applies to binary models; \(modelPath) predicts \(artifact.outcome)")
            }
            let cohort = try cohortInput.read()
            let (target, rows, _) = try cohort.learningTarget(outcome)
            guard case .binary(let y) = target else { throw UsageError(message: "the cohort has no binary \(artifact.outcome)") }
            let matrix = FeatureMatrix(clinical: try cohort.featureColumns(artifact.schema.names).map { $0.selecting(rows) })
            try artifact.schema.check(matrix)
            let raw = try artifact.model.predict(matrix).predictions

            // Stratified split into recalibration and held-out halves.
            var generator = Xoshiro256StarStar(seed: seed)
            var fitRows: [Int] = [], heldOut: [Int] = []
            for cls in [0.0, 1.0] {
                var members = y.indices.filter { y[$0] == cls }
                members.shuffle(using: &generator)
                let cut = Int((Double(members.count) * holdout).rounded())
                heldOut += members.prefix(cut)
                fitRows += members.dropFirst(cut)
            }
            let heldLabels = heldOut.map { y[$0] == 1 }
            func judge(_ p: [Double]) throws -> [String: Double] {
                let calibration = try? LogisticCalibration(probabilities: p, labels: heldLabels)
                return ["brier": try ProbabilityScores.brierScore(probabilities: p, labels: heldLabels),
                        "log_loss": try ProbabilityScores.logLoss(probabilities: p, labels: heldLabels),
                        "calibration_in_the_large": calibration?.calibrationInTheLarge ?? .nan,
                        "calibration_slope": calibration?.slope ?? .nan,
                        "ece": try CalibrationBins(probabilities: p, labels: heldLabels).expectedCalibrationError]
            }
            var comparison: [String: [String: Double]] = ["none": try judge(heldOut.map { raw[$0] })]
            for m in Recalibration.Method.allCases {
                let fitted = try Recalibration.fit(m, probabilities: fitRows.map { raw[$0] }, labels: fitRows.map { y[$0] })
                comparison[m.rawValue] = try judge(heldOut.map { fitted.apply(raw[$0]) })
            }
            let chosen = Recalibration.Method(rawValue: method)!
            let final = try Recalibration.fit(chosen, probabilities: raw, labels: y)
            artifact.lineage.append("\(modelPath) (training fingerprint \(artifact.trainingFingerprint.prefix(16))), recalibrated (\(chosen.rawValue)) on \(cohort.name), \(rows.count) patients")
            artifact.recalibration = final
            for (key, value) in comparison[chosen.rawValue]! { artifact.metrics["local_heldout_\(key)"] = value }
            for (key, value) in comparison["none"]! { artifact.metrics["local_heldout_uncalibrated_\(key)"] = value }
            try artifact.save(to: URL(fileURLWithPath: output))

            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
                Terminal.output(String(decoding: try encoder.encode(comparison), as: UTF8.self) + "\n")
            } else {
                var text = "held-out local patients: \(heldOut.count) (recalibrated on \(fitRows.count))\n"
                text += "method      Brier   log loss  CITL    slope   ECE\n"
                for name in ["none"] + Recalibration.Method.allCases.map(\.rawValue) {
                    let m = comparison[name]!
                    text += name.padding(toLength: 12, withPad: " ", startingAt: 0)
                        + String(format: "%.4f  %.4f    %+.3f  %.2f    %.3f%@\n", m["brier"]!, m["log_loss"]!,
                                 m["calibration_in_the_large"]!, m["calibration_slope"]!, m["ece"]!, name == method ? "   ← saved" : "")
                }
                Terminal.output(text + "wrote \(output)\n")
            }
        }
    }
}
