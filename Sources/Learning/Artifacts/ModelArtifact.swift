import CohortData
import Foundation

/// A trained model saved as versioned JSON: everything needed to predict, and to know whether a
/// prediction can be trusted — the feature schema with training distributions, the preprocessing
/// (inside the pipeline), the seed, a SHA-256 fingerprint of the training data, training metrics and
/// diagnostics, and its lineage (what it was derived from, for recalibrated models).
public struct ModelArtifact: Sendable, Codable {
    public static let formatName = "immunokit-model"
    /// Incremented when the format changes incompatibly; a reader refuses newer versions.
    public static let currentFormatVersion = 1

    public var format: String = formatName
    public var formatVersion: Int = currentFormatVersion
    public var immunokitVersion: String
    /// "response", "os", "pfs".
    public var outcome: String
    public var outcomeRule: String?
    public var task: Task
    public var schema: FeatureSchema
    public var model: TrainedModel
    public var seed: UInt64
    /// SHA-256 (hex) of the canonical training table (features and target as written by the CLI).
    public var trainingFingerprint: String
    public var trainingRows: Int
    /// Named metrics ("cv_auc", "cv_auc_sd", "apparent_auc", "cv_c_index", …).
    public var metrics: [String: Double]
    public var diagnostics: FitDiagnostics
    /// Artifacts this one was derived from (fingerprints or file names), oldest first.
    public var lineage: [String]
    /// Local recalibration applied after the model (binary models), when the artifact was updated at
    /// a new site by `immunokit recalibrate`.
    public var recalibration: Recalibration?
    /// Free-form notes: the cohort, the mapping, the configuration file.
    public var notes: [String: String]

    public init(immunokitVersion: String, outcome: String, outcomeRule: String?, schema: FeatureSchema,
                model: TrainedModel, seed: UInt64, trainingFingerprint: String, trainingRows: Int,
                metrics: [String: Double], lineage: [String] = [], notes: [String: String] = [:]) {
        self.immunokitVersion = immunokitVersion
        self.outcome = outcome
        self.outcomeRule = outcomeRule
        self.task = model.task
        self.schema = schema
        self.model = model
        self.seed = seed
        self.trainingFingerprint = trainingFingerprint
        self.trainingRows = trainingRows
        self.metrics = metrics
        self.diagnostics = model.diagnostics
        self.lineage = lineage
        self.notes = notes
    }

    /// Predictions through the model and, when present, the recalibration; with per-patient flags.
    public func predict(_ features: FeatureMatrix) throws -> (predictions: [Double], flags: [[String]]) {
        var (predictions, flags) = try model.predict(features)
        if let recalibration { predictions = predictions.map(recalibration.apply) }
        return (predictions, flags)
    }

    /// Writes the artifact as pretty-printed JSON, atomically.
    public func save(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        try AtomicFile.write(encoder.encode(self), to: url)
    }

    /// Reads an artifact; a file that is not an artifact, is corrupt, or was written by a newer format
    /// version fails with one clear message naming the file.
    public static func load(_ url: URL) throws -> ModelArtifact {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CohortDataError(.fileNotFound, file: url.path, expected: "a model artifact (model.json)")
        }
        struct Header: Decodable {
            var format: String?
            var formatVersion: Int?
        }
        guard let header = try? JSONDecoder().decode(Header.self, from: data), header.format == formatName else {
            throw CohortDataError(.unsupportedLayout, file: url.path, expected: "an ImmunoKit model artifact (format \"\(formatName)\")")
        }
        guard let version = header.formatVersion, version <= currentFormatVersion else {
            throw CohortDataError(.unsupportedLayout, file: url.path, column: "formatVersion",
                                  expected: "format version ≤ \(currentFormatVersion); this artifact was written by a newer ImmunoKit — upgrade to read it")
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return try decoder.decode(ModelArtifact.self, from: data)
        } catch {
            throw CohortDataError(.invalidValue, file: url.path, expected: "a complete, uncorrupted model artifact (\(Self.describe(error)))")
        }
    }

    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .keyNotFound(let key, let c): return "missing \((c.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
            return "bad value at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        @unknown default: return "\(error)"
        }
    }
}
