import Foundation
import Learning

/// How far a new site's inputs are from the training data, feature by feature, using only what the
/// model artifact records (its feature schema), so no training rows are needed.
///
/// - Standardised mean difference: `(mean_new − mean_train) / sd_train` (continuous and binary).
/// - Population stability index over the six bins cut at the training 5/25/50/75/95th percentiles,
///   whose training proportions are 5, 20, 25, 25, 20 and 5%: `PSI = Σ (p_new − p_train) ln(p_new / p_train)`
///   (proportions floored at 1e-4). Rule of thumb (Siddiqi 2006): < 0.1 stable, 0.1–0.25 moderate,
///   > 0.25 major shift. For categorical features the bins are the training labels plus "unseen".
/// - Share outside the training range (continuous) or with a label never seen in training (categorical).
public struct DatasetShift: Sendable, Hashable, Codable {
    public struct Feature: Sendable, Hashable, Codable {
        public var name: String
        public var standardizedMeanDifference: Double?
        public var populationStabilityIndex: Double?
        public var outsideTrainingFraction: Double
        public var missingFraction: Double
        public var trainingMissingFraction: Double

        /// "stable", "moderate" or "major" by the PSI rule of thumb.
        public var verdict: String {
            guard let psi = populationStabilityIndex else { return "n/a" }
            return psi < 0.1 ? "stable" : psi <= 0.25 ? "moderate" : "major"
        }
    }

    public var features: [Feature]

    public init(schema: FeatureSchema, features matrix: FeatureMatrix) {
        features = schema.entries.compactMap { entry in
            guard let j = matrix.index(of: entry.name) else { return nil }
            let column = Array(matrix.column(j))
            let present = column.filter { !$0.isNaN }
            let missing = column.isEmpty ? 0 : Double(column.count - present.count) / Double(column.count)
            if entry.kind == .categorical {
                let labels = present.compactMap { code in matrix.categoricalLevels[entry.name]?[Int(code)] }
                let training = entry.levels ?? [:]
                let trainingTotal = Double(training.values.reduce(0, +))
                var counts: [String: Int] = [:]
                for label in labels { counts[training[label] == nil ? "(unseen)" : label, default: 0] += 1 }
                let total = Double(max(labels.count, 1))
                var psi = 0.0
                for label in Set(training.keys).union(counts.keys) {
                    let expected = max(Double(training[label] ?? 0) / max(trainingTotal, 1), 1e-4)
                    let actual = max(Double(counts[label] ?? 0) / total, 1e-4)
                    psi += (actual - expected) * log(actual / expected)
                }
                return Feature(name: entry.name, standardizedMeanDifference: nil,
                               populationStabilityIndex: labels.isEmpty ? nil : psi,
                               outsideTrainingFraction: Double(counts["(unseen)"] ?? 0) / total,
                               missingFraction: missing, trainingMissingFraction: entry.missingFraction)
            }
            var smd: Double?
            if let mean = entry.mean, let sd = entry.standardDeviation, !present.isEmpty {
                let newMean = present.reduce(0, +) / Double(present.count)
                smd = sd > 0 ? (newMean - mean) / sd : (newMean == mean ? 0 : .infinity)
            }
            var psi: Double?
            if entry.kind == .binary, let p1 = entry.mean, !present.isEmpty {
                // Two bins, 0 and 1, with the training proportions.
                let ones = Double(present.filter { $0 == 1 }.count) / Double(present.count)
                psi = [(ones, p1), (1 - ones, 1 - p1)].reduce(0) { total, pair in
                    let actual = max(pair.0, 1e-4), expected = max(pair.1, 1e-4)
                    return total + (actual - expected) * log(actual / expected)
                }
            } else if let cuts = entry.percentiles, cuts.count == 5, !present.isEmpty {
                // Bins between equal cut points (ties in training, e.g. many zeros) are merged, and
                // their training proportions added: (−∞, p5], (p5, p25], …, (p95, ∞).
                var edges: [Double] = []
                var expected: [Double] = []
                for (k, share) in [0.05, 0.20, 0.25, 0.25, 0.20].enumerated() {
                    if let last = edges.last, last == cuts[k] { expected[expected.count - 1] += share } else {
                        edges.append(cuts[k])
                        expected.append(share)
                    }
                }
                expected.append(0.05)
                var counts = [Double](repeating: 0, count: expected.count)
                for v in present { counts[edges.firstIndex { v <= $0 } ?? edges.count] += 1 }
                psi = zip(counts, expected).reduce(0) { total, pair in
                    let actual = max(pair.0 / Double(present.count), 1e-4)
                    return total + (actual - pair.1) * log(actual / pair.1)
                }
            }
            let outside = present.filter { v in
                (entry.minimum.map { v < $0 } ?? false) || (entry.maximum.map { v > $0 } ?? false)
            }.count
            return Feature(name: entry.name, standardizedMeanDifference: smd, populationStabilityIndex: psi,
                           outsideTrainingFraction: present.isEmpty ? 0 : Double(outside) / Double(present.count),
                           missingFraction: missing, trainingMissingFraction: entry.missingFraction)
        }
    }
}
