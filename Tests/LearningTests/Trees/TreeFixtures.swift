import Foundation
@testable import Learning
import Statistics
import TestSupport

/// The synthetic data sets of `Tests/Fixtures/learning_trees/generate_trees.py`, regenerated bit for bit
/// (SplitMix64 uniforms, Box–Muller normals), and the reference metrics that script recorded.
enum TreeFixtures {
    struct Uniforms {
        var mixer: SplitMix64
        init(seed: UInt64) { mixer = SplitMix64(seed: seed) }
        mutating func uniform() -> Double { (Double(mixer.next() >> 11) + 0.5) * 0x1.0p-53 }
        mutating func normal() -> Double {
            let u1 = uniform(), u2 = uniform()
            return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        }
    }

    static let names = (0..<10).map { "x\($0)" }

    /// `binary_data(n, seed)`: feature x9 missing with probability 0.15, missingness raising the log-odds.
    static func binary(_ n: Int, seed: UInt64) -> Dataset {
        var g = Uniforms(seed: seed)
        var rows: [[Double]] = [], y: [Double] = []
        for _ in 0..<n {
            var x = (0..<10).map { _ in g.normal() }
            let missing = g.uniform() < 0.15
            var logit = 1.0 * x[0] - 0.8 * x[1] + 0.6 * x[2] * x[3] + 0.8 * sin(2.0 * x[4])
            logit += 0.5 * (x[5] > 0 ? 1.0 : 0.0) + 0.3 * x[9] + (missing ? 1.0 : 0.0)
            if missing { x[9] = .nan }
            let p = 1.0 / (1.0 + exp(-logit))
            y.append(g.uniform() < p ? 1 : 0)
            rows.append(x)
        }
        return Dataset(features: FeatureMatrix(names: names, rows: rows), target: .binary(y))
    }

    /// `survival_data(n, seed)`: exponential times, log-hazard 0.8 x0 − 0.6 x1 + 0.5 x2² + 0.4 x3 x4.
    static func survival(_ n: Int, seed: UInt64) -> Dataset {
        var g = Uniforms(seed: seed)
        var rows: [[Double]] = [], time: [Double] = [], event: [Bool] = []
        for _ in 0..<n {
            let x = (0..<10).map { _ in g.normal() }
            let lp = 0.8 * x[0] - 0.6 * x[1] + 0.5 * x[2] * x[2] + 0.4 * x[3] * x[4]
            let t = -log(g.uniform()) / (0.1 * exp(lp))
            let c = -log(g.uniform()) / 0.06
            time.append(min(t, c)); event.append(t <= c)
            rows.append(x)
        }
        return Dataset(features: FeatureMatrix(names: names, rows: rows), target: .survival(time: time, event: event))
    }

    /// (sum of non-missing values, count of missing), as `checksum` in the script.
    static func checksum(_ features: FeatureMatrix) -> (Double, Int) {
        // numpy's nansum is pairwise over the row-major array; compare with a tolerance.
        var sum = 0.0, missing = 0
        for v in features.values { if v.isNaN { missing += 1 } else { sum += v } }
        return (sum, missing)
    }

    struct Reference: Decodable {
        struct Binary: Decodable {
            let lightgbm_test_auc: Double
            let sklearn_rf_test_auc: Double
            let train_checksum: [Double]
            let test_checksum: [Double]
            let train_positives: Int
        }
        struct Survival: Decodable {
            let sksurv_rsf_test_cindex: Double
            let train_checksum: [Double]
            let train_time_sum: Double
            let train_events: Int
        }
        let binary: Binary
        let survival: Survival
    }

    static func reference() throws -> Reference {
        let data = try Data(contentsOf: Fixtures.url("learning_trees/reference_metrics.json"))
        return try JSONDecoder().decode(Reference.self, from: data)
    }

    static func auc(_ scores: [Double], _ target: Target) -> Double {
        guard case .binary(let y) = target else { return .nan }
        return RankMetrics.areaUnderROC(scores: scores, labels: y.map { $0 == 1 })
    }

    static func concordance(_ risk: [Double], _ target: Target) -> Double {
        guard case .survival(let t, let e) = target else { return .nan }
        return RankMetrics.concordanceIndex(time: t, event: e, risk: risk)
    }

    /// A small seeded data set for the conformance suite.
    static func small(_ task: Task, n: Int = 120, seed: UInt64 = 7) -> Dataset {
        var g = Uniforms(seed: seed)
        let p = 4
        var rows: [[Double]] = []
        var y: [Double] = [], time: [Double] = [], event: [Bool] = []
        for _ in 0..<n {
            let x = (0..<p).map { _ in g.normal() }
            let lp = x[0] - 0.5 * x[1] + 0.3 * x[2]
            switch task {
            case .binaryClassification: y.append(g.uniform() < 1 / (1 + exp(-2 * lp)) ? 1 : 0)
            case .regression: y.append(lp + 0.1 * g.normal())
            case .survival:
                let t = -log(g.uniform()) / exp(lp), c = -log(g.uniform()) / 0.5
                time.append(min(t, c)); event.append(t <= c)
            }
            rows.append(x)
        }
        let target: Target = switch task {
        case .binaryClassification: .binary(y)
        case .regression: .continuous(y)
        case .survival: .survival(time: time, event: event)
        }
        return Dataset(features: FeatureMatrix(names: (0..<p).map { "f\($0)" }, rows: rows), target: target)
    }
}
