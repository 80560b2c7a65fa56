import Evaluation
import Foundation
import Learning
import Statistics

/// Permutation importance on the validation cohort: the drop in AUC (binary) or Harrell's C
/// (survival) when one input feature's values are shuffled across patients, averaged over `repeats`
/// seeded shuffles (Breiman 2001; Fisher, Rudin & Dominici 2019 JMLR 20:177). Model-agnostic; a
/// feature the model does not use scores 0.
enum PermutationImportance {
    static func compute(model: TrainedModel, features: FeatureMatrix, score: ([Double]) -> Double,
                        repeats: Int = 5, seed: UInt64 = 0) -> [(feature: String, drop: Double)] {
        guard let baseline = try? model.predict(features).predictions else { return [] }
        let reference = score(baseline)
        var generator = Xoshiro256StarStar(seed: seed)
        return (0..<features.columnCount).map { j in
            var drops: [Double] = []
            for _ in 0..<repeats {
                var shuffled = features
                var column = Array(features.column(j))
                column.shuffle(using: &generator)
                for i in 0..<features.rowCount { shuffled[i, j] = column[i] }
                if let p = try? model.predict(shuffled).predictions { drops.append(reference - score(p)) }
            }
            return (features.names[j], drops.isEmpty ? 0 : drops.reduce(0, +) / Double(drops.count))
        }.sorted { $0.drop > $1.drop }
    }
}
