/// The preprocessing a pipeline fits before its model, applied in this order to each input feature:
///
/// 1. **capping** (winsorising at fixed values): `x ← min(max(x, lower), upper)` — LORIS caps TMB at 50,
///    NLR at 25 and age at 85 (Chang et al. 2024, Nat Cancer);
/// 2. **log transform** of named features: `x ← log(x + offset)` (offset default 1, i.e. log1p);
/// 3. **imputation**: continuous and binary features by the training median (default) or mean,
///    categorical features by the most frequent training label; with `missingIndicators`, each feature
///    that had missing values in training gains a 0/1 column `name__missing`;
/// 4. **one-hot encoding** of categorical features: one 0/1 column per training label (`name=label`),
///    the first label dropped when `dropFirstLevel` (for unpenalised models, where a full set is
///    collinear with the intercept); a label unseen in training gives all zeros and is flagged;
/// 5. **standardisation** of non-indicator columns: `x ← (x − mean) / sd` (population sd; a constant
///    column is centred only).
///
/// Everything is estimated on the training rows only, so refitting the pipeline inside each resampling
/// fold keeps validation rows out of it.
public struct PreprocessingConfiguration: Sendable, Hashable, Codable {
    public enum Imputation: String, Sendable, Hashable, Codable { case median, mean }

    public struct Cap: Sendable, Hashable, Codable {
        public var lower: Double?
        public var upper: Double?
        public init(lower: Double? = nil, upper: Double? = nil) {
            self.lower = lower
            self.upper = upper
        }
    }

    /// Fixed caps by feature name (default none).
    public var caps: [String: Cap] = [:]
    /// Features to log-transform (default none).
    public var logTransform: [String] = []
    /// Offset added before the log (default 1; must be > −min(x) on the data).
    public var logOffset: Double = 1
    public var imputation: Imputation = .median
    /// Add `name__missing` indicator columns for features with missing training values (default true).
    public var missingIndicators: Bool = true
    /// Drop the first label of each categorical feature (default false).
    public var dropFirstLevel: Bool = false
    /// Standardise non-indicator columns (default true).
    public var standardize: Bool = true

    public init(caps: [String: Cap] = [:], logTransform: [String] = [], logOffset: Double = 1,
                imputation: Imputation = .median, missingIndicators: Bool = true, dropFirstLevel: Bool = false,
                standardize: Bool = true) {
        self.caps = caps
        self.logTransform = logTransform
        self.logOffset = logOffset
        self.imputation = imputation
        self.missingIndicators = missingIndicators
        self.dropFirstLevel = dropFirstLevel
        self.standardize = standardize
    }

    /// Checks the settings; throws ``EstimatorError/invalidParameter(name:value:fix:)``.
    public func validate() throws {
        for (name, cap) in caps {
            if let lower = cap.lower, let upper = cap.upper, lower > upper {
                throw EstimatorError.invalidParameter(name: "caps.\(name)", value: "[\(lower), \(upper)]",
                                                      fix: "the lower cap must not exceed the upper cap")
            }
            if [cap.lower, cap.upper].contains(where: { $0.map { !$0.isFinite } ?? false }) {
                throw EstimatorError.invalidParameter(name: "caps.\(name)", value: "non-finite", fix: "use finite caps")
            }
        }
        guard logOffset.isFinite, logOffset >= 0 else {
            throw EstimatorError.invalidParameter(name: "logOffset", value: "\(logOffset)", fix: "use a finite offset ≥ 0")
        }
    }
}
