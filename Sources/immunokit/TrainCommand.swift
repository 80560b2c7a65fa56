import ArgumentParser
import Crypto
import Foundation
import ImmunoKit

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model on a cohort, report its cross-validated performance, and save it as an artifact.",
        discussion: """
            The preprocessing (capping, log transforms, imputation with missing indicators, one-hot encoding,
            standardisation) is part of the model and is refitted inside every cross-validation fold.
            A configuration file (JSON or YAML) may set {"preprocessing": {...}, "model": {...}}; it needs to
            name only what it changes.

            Examples:
              immunokit train synthetic --outcome response --model gbdt --out model.json
              immunokit train Chowell_train.csv --outcome response --model logistic \\
                  --features TMB,prior_systemic_therapy,Albumin,NLR,Age,CancerType \\
                  --cap TMB=50 --cap NLR=25 --cap Age=85 --out llr6.json
              immunokit train riaz --outcome os --model cox --features gene:CD8A,gene:CXCL9 --out cox.json
            """
    )

    @OptionGroup var cohortInput: CohortInputOptions

    @Option(help: "Outcome: \(Cohort.LearningOutcome.allCases.map(\.rawValue).joined(separator: ", ")).")
    var outcome: String

    @Option(help: "Model: \(ModelKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var model: String

    @Option(help: "Comma-separated features: clinical columns, prior_systemic_therapy, drug_class, line, gene:SYMBOL (default: all clinical columns).")
    var features: String?

    @Option(name: .customLong("cap"), help: "Cap a feature at an upper value, as NAME=VALUE (repeatable).")
    var caps: [String] = []

    @Option(name: .customLong("log"), help: "Log-transform a feature, log(x + 1) (repeatable).")
    var logFeatures: [String] = []

    @Option(help: "A JSON or YAML file with preprocessing and model settings.")
    var config: String?

    @Option(help: "Cross-validation folds (default 5; 0 = none).")
    var folds = 5

    @Option(help: "Random seed for the model and the folds.")
    var seed: UInt64 = 42

    @Option(name: [.customShort("o"), .customLong("out")], help: "Where to write the model artifact (JSON).")
    var output: String

    @Flag(help: "Print the training summary as JSON.")
    var json = false

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        guard Cohort.LearningOutcome(rawValue: outcome) != nil else {
            throw ValidationError("--outcome must be one of \(Cohort.LearningOutcome.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(outcome)\"")
        }
        guard ModelKind(rawValue: model) != nil else {
            throw ValidationError("--model must be one of \(ModelKind.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(model)\"")
        }
        guard folds == 0 || folds >= 2 else { throw ValidationError("--folds must be 0 (none) or at least 2, not \(folds)") }
        for cap in caps where cap.split(separator: "=").count != 2 || Double(cap.split(separator: "=").last ?? "") == nil {
            throw ValidationError("--cap expects NAME=VALUE (for example TMB=50), not \"\(cap)\"")
        }
    }

    func run() throws {
        outputOptions.apply()
        try reportingErrors(showValues: cohortInput.showValues) {
            let outcomeValue = Cohort.LearningOutcome(rawValue: outcome)!
            let kind = ModelKind(rawValue: model)!
            let cohort = try cohortInput.read()
            let (target, rows, rule) = try cohort.learningTarget(outcomeValue)
            guard kind.tasks.contains(target.task) else {
                throw UsageError(message: "--model \(kind.rawValue) cannot fit the \(outcome) outcome (\(target.task.rawValue)); choose one of \(ModelKind.allCases.filter { $0.tasks.contains(target.task) }.map(\.rawValue).joined(separator: ", "))")
            }
            let names = features.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
                ?? cohort.defaultFeatureNames
            let columns = try cohort.featureColumns(names).map { $0.selecting(rows) }
            let matrix = FeatureMatrix(clinical: columns)
            let data = Dataset(features: matrix, target: target)

            let file = try config.map { try ConfigurationMerging.load(URL(fileURLWithPath: $0)) }
            var preprocessing = try ConfigurationMerging.merge(
                PreprocessingConfiguration(), with: file?["preprocessing"] as? [String: Any], section: "preprocessing")
            for cap in caps {
                let parts = cap.split(separator: "=")
                preprocessing.caps[String(parts[0])] = .init(upper: Double(parts[1])!)
            }
            preprocessing.logTransform += logFeatures
            let modelSettings = file?["model"] as? [String: Any]

            Terminal.progress("training \(kind.rawValue) on \(data.rowCount) patients × \(names.count) features")
            let trainer = ModelTrainer(
                kind: kind, preprocessing: preprocessing, modelSettings: modelSettings, folds: folds, seed: seed,
                explicitlySetsDropFirst: (file?["preprocessing"] as? [String: Any])?["dropFirstLevel"] != nil)
            let result = try trainer.train(data)

            let schema = FeatureSchema(training: matrix, units: Dictionary(
                columns.compactMap { c in c.unit.map { (c.name, $0) } }, uniquingKeysWith: { a, _ in a }))
            let fingerprint = Self.fingerprint(data)
            let artifact = ModelArtifact(
                immunokitVersion: ImmunoKitCommand.configuration.version, outcome: outcome, outcomeRule: rule,
                schema: schema, model: result.model, seed: seed, trainingFingerprint: fingerprint,
                trainingRows: data.rowCount, metrics: result.metrics,
                notes: ["cohort": cohortInput.input, "model": kind.rawValue, "features": names.joined(separator: ",")])
            try artifact.save(to: URL(fileURLWithPath: output))
            result.model.diagnostics.messages.forEach(Terminal.warning)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                let summary: [String: String] = ["model": output, "rows": String(data.rowCount),
                                                 "fingerprint": fingerprint]
                    .merging(result.metrics.mapValues { String($0) }) { a, _ in a }
                Terminal.output(String(decoding: try encoder.encode(summary), as: UTF8.self) + "\n")
            } else {
                Terminal.output(result.summary(rows: data.rowCount, features: names.count) + "wrote \(output)\n")
            }
        }
    }

    /// SHA-256 of the canonical training table: feature names, then each row's values and target, as
    /// text with full precision, so the same data always give the same fingerprint.
    static func fingerprint(_ data: Dataset) -> String {
        var text = data.features.names.joined(separator: "\t") + "\n"
        for i in 0..<data.rowCount {
            text += data.features.row(i).map { $0.isNaN ? "NA" : "\($0)" }.joined(separator: "\t")
            switch data.target {
            case .binary(let y), .continuous(let y): text += "\t\(y[i])\n"
            case .survival(let t, let e): text += "\t\(t[i])\t\(e[i] ? 1 : 0)\n"
            }
        }
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
