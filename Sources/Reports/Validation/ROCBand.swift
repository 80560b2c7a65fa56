import Evaluation
import Foundation

/// A pointwise 95% bootstrap band for a ROC curve: the true-positive rate at each false-positive rate
/// of a fixed grid, over `replicates` stratified bootstrap samples (percentile interval), as pROC's
/// `ci.se` does by default with 2,000 replicates (fewer here, stated in the report).
struct ROCBand {
    var falsePositiveRates: [Double]
    var lower: [Double]
    var upper: [Double]

    init(scores: [Double], labels: [Bool], replicates: Int = 200, seed: UInt64 = 0) {
        let grid = (0...50).map { Double($0) / 50 }
        var samples: [[Double]] = Array(repeating: [], count: grid.count)
        let strata = labels.map { $0 ? 1 : 0 }
        for r in 0..<replicates {
            let rows = Bootstrap.sample(rowCount: scores.count, replicate: r, seed: seed, strata: strata)
            guard let curve = try? ROCCurve(scores: rows.map { scores[$0] }, labels: rows.map { labels[$0] }) else { continue }
            for (g, fpr) in grid.enumerated() { samples[g].append(Self.tpr(at: fpr, curve)) }
        }
        falsePositiveRates = grid
        lower = samples.map { Self.percentile($0, 0.025) }
        upper = samples.map { Self.percentile($0, 0.975) }
    }

    /// The highest TPR reached at or below `fpr` (the ROC step function).
    static func tpr(at fpr: Double, _ curve: ROCCurve) -> Double {
        var best = 0.0
        for (x, y) in zip(curve.falsePositiveRates, curve.truePositiveRates) where x <= fpr + 1e-12 { best = max(best, y) }
        return best
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }
}
