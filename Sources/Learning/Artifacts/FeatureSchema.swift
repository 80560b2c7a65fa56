import Foundation

/// What a trained model expects of each input feature, recorded in the artifact so that prediction
/// can reject inputs that do not fit and flag values that lie outside what the model has seen.
public struct FeatureSchema: Sendable, Hashable, Codable {
    public struct Entry: Sendable, Hashable, Codable {
        public enum Kind: String, Sendable, Hashable, Codable { case continuous, binary, categorical }

        public var name: String
        public var kind: Kind
        public var unit: String?
        /// Smallest and largest training value (continuous and binary features).
        public var minimum: Double?
        public var maximum: Double?
        /// Training distribution: mean, standard deviation and the 5/25/50/75/95th percentiles (type 7).
        public var mean: Double?
        public var standardDeviation: Double?
        public var percentiles: [Double]?
        /// Fraction of training rows where the feature was missing.
        public var missingFraction: Double
        /// Labels and their training counts (categorical features).
        public var levels: [String: Int]?
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// Summarises the training matrix (NaN = missing; categorical codes labelled by the matrix).
    public init(training features: FeatureMatrix, units: [String: String] = [:], binary: Set<String> = []) {
        entries = (0..<features.columnCount).map { j in
            let name = features.names[j]
            let column = Array(features.column(j))
            let present = column.filter { !$0.isNaN }
            let missingFraction = column.isEmpty ? 0 : Double(column.count - present.count) / Double(column.count)
            if let labels = features.categoricalLevels[name] {
                var counts: [String: Int] = [:]
                for code in present { counts[labels[Int(code)], default: 0] += 1 }
                return Entry(name: name, kind: .categorical, unit: nil, missingFraction: missingFraction, levels: counts)
            }
            let sorted = present.sorted()
            let mean = sorted.isEmpty ? nil : sorted.reduce(0, +) / Double(sorted.count)
            let sd = mean.map { m in
                sorted.count > 1 ? (sorted.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(sorted.count - 1)).squareRoot() : 0
            }
            let percentiles = sorted.isEmpty ? nil : [0.05, 0.25, 0.5, 0.75, 0.95].map { Self.quantile(sorted, $0) }
            let isBinary = binary.contains(name) || (!sorted.isEmpty && sorted.allSatisfy { $0 == 0 || $0 == 1 })
            return Entry(name: name, kind: isBinary ? .binary : .continuous, unit: units[name],
                         minimum: sorted.first, maximum: sorted.last, mean: mean, standardDeviation: sd,
                         percentiles: percentiles, missingFraction: missingFraction, levels: nil)
        }
    }

    /// Type-7 quantile of sorted values (Hyndman & Fan 1996).
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    public var names: [String] { entries.map(\.name) }

    /// Checks a prediction input against the schema: every feature present with the right kind.
    /// Throws ``EstimatorError/incompatibleInput(_:)`` naming the first problem.
    public func check(_ features: FeatureMatrix) throws {
        for entry in entries {
            guard let j = features.index(of: entry.name) else {
                throw EstimatorError.incompatibleInput("required feature \"\(entry.name)\" is missing")
            }
            let categorical = features.isCategorical(j)
            if entry.kind == .categorical && !categorical {
                throw EstimatorError.incompatibleInput("feature \"\(entry.name)\" must be categorical, as in training")
            }
            if entry.kind != .categorical && categorical {
                throw EstimatorError.incompatibleInput("feature \"\(entry.name)\" must be numeric, as in training")
            }
        }
    }
}
