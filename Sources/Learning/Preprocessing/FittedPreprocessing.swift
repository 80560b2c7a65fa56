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

    /// Fits on `features`. With `weights`, medians, means, standard deviations and most-frequent labels
    /// are weighted so that a weight of 2 is the same as a duplicated row (the training range is not
    /// weighted: a row of weight zero still lies in it).
    public init(configuration: PreprocessingConfiguration, fitting features: FeatureMatrix, weights: [Double]? = nil) throws {
        let w = weights ?? Array(repeating: 1, count: features.rowCount)
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
                var counts = [Double](repeating: 0, count: levels.count)
                for (i, v) in column.enumerated() where !v.isNaN { counts[Int(v)] += w[i] }
                let mode = counts.indices.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) } ?? 0
                let encoded = configuration.dropFirstLevel ? Array(levels.dropFirst()) : levels
                inputs.append(InputFeature(name: name, isCategorical: true, cap: nil, logTransformed: false,
                                           fill: Double(mode), levels: levels, encodedLevels: encoded,
                                           hasIndicator: configuration.missingIndicators && missing))
                continue
            }
            let cap = configuration.caps[name]
            let log = configuration.logTransform.contains(name)
            let observed = column.indices.filter { !column[$0].isNaN }
            let present = observed.map { Self.transform(column[$0], cap: cap, log: log, offset: configuration.logOffset) }
            let presentWeights = observed.map { w[$0] }
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
            case .median: fill = Self.weightedMedian(present, presentWeights)
            case .mean: fill = Self.weightedMean(present, presentWeights)
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
            let total = w.reduce(0, +)
            for (k, indicator) in isIndicator.enumerated() where !indicator {
                let column = Array(unscaled.column(k))
                let mean = Self.weightedMean(column, w)
                let variance = total > 0 ? zip(column, w).reduce(0) { $0 + $1.1 * ($1.0 - mean) * ($1.0 - mean) } / total : 0
                let sd = variance.squareRoot()
                scales[k] = Scale(mean: mean, standardDeviation: sd > 0 ? sd : 1)
            }
        }
    }

    static func weightedMean(_ x: [Double], _ w: [Double]) -> Double {
        let total = w.reduce(0, +)
        guard total > 0 else { return x.reduce(0, +) / Double(max(x.count, 1)) }
        return zip(x, w).reduce(0) { $0 + $1.0 * $1.1 } / total
    }

    /// The median of `x` with each value counted `w` times: with integer weights, exactly the median of
    /// the values repeated (the mean of the two middle values for an even total).
    static func weightedMedian(_ x: [Double], _ w: [Double]) -> Double {
        let order = x.indices.sorted { x[$0] < x[$1] }
        let total = w.reduce(0, +)
        guard total > 0 else { return x[order[order.count / 2]] }
        // Value at 0-based position k of the repeated sequence: the first value whose cumulative weight exceeds k.
        func value(at k: Double) -> Double {
            var cumulative = 0.0
            for i in order {
                cumulative += w[i]
                if cumulative > k { return x[i] }
            }
            return x[order[order.count - 1]]
        }
        let middle = (total - 1) / 2
        return (value(at: middle.rounded(.down)) + value(at: (total / 2).rounded(.down))) / 2
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
