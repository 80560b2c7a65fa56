import Foundation

/// Preprocessing fitted on training data (see ``PreprocessingConfiguration``): turns a raw feature
/// matrix (NaN = missing, categorical codes) into the complete numeric matrix a model takes, and says
/// per patient what did not fit the training data.
public struct FittedPreprocessing: Sendable, Hashable, Codable {
    /// What was learnt for one input feature.
    public struct InputFeature: Sendable, Hashable, Codable {
        public var name: String
        public var isCategorical: Bool
        public var cap: PreprocessingConfiguration.Cap?
        public var logTransformed: Bool
        /// Imputation value (continuous), or index of the most frequent label (categorical).
        public var fill: Double
        /// Training labels (categorical).
        public var levels: [String]?
        /// Labels that get a column (after `dropFirstLevel`).
        public var encodedLevels: [String]?
        public var hasIndicator: Bool
        /// Training range after capping and log transform (continuous).
        public var trainingMinimum: Double?
        public var trainingMaximum: Double?
    }

    /// Per-output-column standardisation.
    public struct Scale: Sendable, Hashable, Codable {
        public var mean: Double
        public var standardDeviation: Double
    }

    public var configuration: PreprocessingConfiguration
    public var inputs: [InputFeature]
    public var outputNames: [String]
    public var scales: [Scale?]

    /// Fits on `features` (rows with `weights` zero still count: preprocessing is unweighted).
    public init(configuration: PreprocessingConfiguration, fitting features: FeatureMatrix) throws {
        try configuration.validate()
        self.configuration = configuration
        for name in configuration.caps.keys where features.index(of: name) == nil {
            throw EstimatorError.invalidParameter(name: "caps", value: name, fix: "cap only features of the data")
        }
        for name in configuration.logTransform where features.index(of: name) == nil {
            throw EstimatorError.invalidParameter(name: "logTransform", value: name, fix: "transform only features of the data")
        }
        var inputs: [InputFeature] = []
        for j in 0..<features.columnCount {
            let name = features.names[j]
            let column = Array(features.column(j))
            let missing = column.contains { $0.isNaN }
            if let levels = features.categoricalLevels[name] {
                var counts = [Int](repeating: 0, count: levels.count)
                for v in column where !v.isNaN { counts[Int(v)] += 1 }
                let mode = counts.indices.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) } ?? 0
                let encoded = configuration.dropFirstLevel ? Array(levels.dropFirst()) : levels
                inputs.append(InputFeature(name: name, isCategorical: true, cap: nil, logTransformed: false,
                                           fill: Double(mode), levels: levels, encodedLevels: encoded,
                                           hasIndicator: configuration.missingIndicators && missing))
                continue
            }
            let cap = configuration.caps[name]
            let log = configuration.logTransform.contains(name)
            let present = column.filter { !$0.isNaN }.map {
                Self.transform($0, cap: cap, log: log, offset: configuration.logOffset)
            }
            guard !present.isEmpty else {
                throw EstimatorError.invalidData("feature \"\(name)\" has no observed value in the training data")
            }
            if log, let bad = present.first(where: { !$0.isFinite }) {
                _ = bad
                throw EstimatorError.invalidData(
                    "feature \"\(name)\": log(x + \(configuration.logOffset)) is undefined for some values; raise logOffset")
            }
            let fill: Double
            switch configuration.imputation {
            case .median:
                let sorted = present.sorted()
                let m = sorted.count / 2
                fill = sorted.count % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2
            case .mean:
                fill = present.reduce(0, +) / Double(present.count)
            }
            inputs.append(InputFeature(name: name, isCategorical: false, cap: cap, logTransformed: log, fill: fill,
                                       levels: nil, encodedLevels: nil,
                                       hasIndicator: configuration.missingIndicators && missing,
                                       trainingMinimum: present.min(), trainingMaximum: present.max()))
        }
        self.inputs = inputs
        var names: [String] = []
        var isIndicator: [Bool] = []
        for input in inputs {
            if input.isCategorical {
                for label in input.encodedLevels ?? [] { names.append("\(input.name)=\(label)"); isIndicator.append(true) }
            } else {
                names.append(input.name)
                isIndicator.append(false)
            }
            if input.hasIndicator { names.append("\(input.name)__missing"); isIndicator.append(true) }
        }
        outputNames = names
        scales = Array(repeating: nil, count: names.count)
        if configuration.standardize {
            let unscaled = try transformUnscaled(features).matrix
            for (k, indicator) in isIndicator.enumerated() where !indicator {
                let column = unscaled.column(k)
                let mean = column.reduce(0, +) / Double(column.count)
                let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(column.count)
                let sd = variance.squareRoot()
                scales[k] = Scale(mean: mean, standardDeviation: sd > 0 ? sd : 1)
            }
        }
    }

    static func transform(_ x: Double, cap: PreprocessingConfiguration.Cap?, log: Bool, offset: Double) -> Double {
        var v = x
        if let lower = cap?.lower { v = max(v, lower) }
        if let upper = cap?.upper { v = min(v, upper) }
        if log { v = Foundation.log(v + offset) }
        return v
    }

    /// Per-patient notes on inputs that did not fit the training data.
    public struct Flags: Sendable, Hashable, Codable {
        /// For each row, messages such as `TMB outside training range` or `CancerType: unseen label`.
        public var perRow: [[String]]
    }

    /// Transforms `features` (same names as in training, any row count) into the model's input.
    /// Throws ``EstimatorError/incompatibleInput(_:)`` naming a missing feature.
    public func transform(_ features: FeatureMatrix) throws -> (matrix: FeatureMatrix, flags: Flags) {
        var (matrix, flags) = try transformUnscaled(features)
        for (k, scale) in scales.enumerated() {
            guard let scale else { continue }
            let base = k * matrix.rowCount
            for i in 0..<matrix.rowCount {
                matrix.values[base + i] = (matrix.values[base + i] - scale.mean) / scale.standardDeviation
            }
        }
        return (matrix, flags)
    }

    func transformUnscaled(_ features: FeatureMatrix) throws -> (matrix: FeatureMatrix, flags: Flags) {
        let n = features.rowCount
        var out: [Double] = []
        out.reserveCapacity(n * outputNames.count)
        var flags = [[String]](repeating: [], count: n)
        for input in inputs {
            guard let j = features.index(of: input.name) else {
                throw EstimatorError.incompatibleInput("feature \"\(input.name)\" is missing")
            }
            let column = features.column(j)
            var missing = [Double](repeating: 0, count: n)
            if input.isCategorical {
                guard let newLevels = features.categoricalLevels[input.name] else {
                    throw EstimatorError.incompatibleInput("feature \"\(input.name)\" must be categorical, as in training")
                }
                let training = Dictionary(uniqueKeysWithValues: (input.levels ?? []).enumerated().map { ($1, $0) })
                let encoded = input.encodedLevels ?? []
                let encodedIndex = Dictionary(uniqueKeysWithValues: encoded.enumerated().map { ($1, $0) })
                var block = [Double](repeating: 0, count: n * encoded.count)
                for (i, code) in column.enumerated() {
                    var label: String
                    if code.isNaN {
                        missing[i] = 1
                        label = input.levels?[Int(input.fill)] ?? ""
                    } else {
                        label = newLevels[Int(code)]
                        if training[label] == nil {
                            flags[i].append("\(input.name): label not seen in training")
                            continue
                        }
                    }
                    if let k = encodedIndex[label] { block[k * n + i] = 1 }
                }
                out.append(contentsOf: block)
            } else {
                if features.categoricalLevels[input.name] != nil {
                    throw EstimatorError.incompatibleInput("feature \"\(input.name)\" must be numeric, as in training")
                }
                for (i, raw) in column.enumerated() {
                    if raw.isNaN {
                        missing[i] = 1
                        out.append(input.fill)
                        continue
                    }
                    guard raw.isFinite else {
                        throw EstimatorError.incompatibleInput("feature \"\(input.name)\" has an infinite value")
                    }
                    let v = Self.transform(raw, cap: input.cap, log: input.logTransformed, offset: configuration.logOffset)
                    guard v.isFinite else {
                        throw EstimatorError.incompatibleInput("feature \"\(input.name)\": the log transform is undefined for a value")
                    }
                    if let lo = input.trainingMinimum, let hi = input.trainingMaximum, v < lo || v > hi {
                        flags[i].append("\(input.name): outside the training range")
                    }
                    out.append(v)
                }
            }
            if input.hasIndicator { out.append(contentsOf: missing) }
        }
        return (FeatureMatrix(names: outputNames, rowCount: n, columnMajor: out), Flags(perRow: flags))
    }
}
