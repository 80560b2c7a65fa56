// `immunokit-bench metrics auc|cindex --dir DIR` and `immunokit-bench metrics bootstrap [--threads T]`
//
// Driven by `Benchmarks/metrics.py`, which writes the inputs (raw little-endian float64) and runs the
// same task in scikit-learn / lifelines:
//
//   auc:       DIR/scores.f64, DIR/labels.f64 (1,000,000 patients) → ROC AUC with DeLong variance and
//              95 % interval (Evaluation.AreaUnderROC).
//   cindex:    DIR/time.f64, DIR/event.f64, DIR/risk.f64 (100,000 patients) → Harrell's C
//              (Evaluation.ConcordanceIndex.harrell).
//   bootstrap: 1,000 stratified bootstrap replicates of the AUC on 10,000 simulated patients, on T
//              threads (default 2); target under one second.
//
// Each prints one JSON line with the best of 5 timings (seconds) and the values.

import Dispatch
import Evaluation
import Foundation
import Learning
import Statistics

func runMetricsBenchmark(arguments: [String]) throws {
    func value(_ flag: String) -> String? { optionValue(flag, in: arguments) }
    func read(_ dir: String, _ name: String) throws -> [Double] {
        guard let data = FileManager.default.contents(atPath: dir + "/" + name), data.count % 8 == 0 else {
            throw BenchmarkUsage(description: "metrics: cannot read \(dir)/\(name)")
        }
        return data.withUnsafeBytes { raw in (0..<(data.count / 8)).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: Double.self) } }
    }
    func best<T>(_ repeats: Int = 5, _ body: () throws -> T) rethrows -> (T, Double) {
        var result: T?
        var fastest = Double.infinity
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            result = try body()
            fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return (result!, fastest)
    }
    let usage = "usage: immunokit-bench metrics auc|cindex --dir DIR | bootstrap [--threads T] [--patients N] [--replicates B]"
    switch arguments.first {
    case "auc":
        guard let dir = value("--dir") else { throw BenchmarkUsage(description: usage) }
        let scores = try read(dir, "scores.f64"), labels = try read(dir, "labels.f64").map { $0 != 0 }
        let (auc, time) = try best { try AreaUnderROC(scores: scores, labels: labels) }
        print("""
            {"tool": "immunokit", "task": "auc_delong", "patients": \(scores.count), "seconds": \(time), \
            "auc": \(auc.estimate), "variance": \(auc.variance), "lower": \(auc.lower), "upper": \(auc.upper)}
            """)
    case "cindex":
        guard let dir = value("--dir") else { throw BenchmarkUsage(description: usage) }
        let time = try read(dir, "time.f64"), event = try read(dir, "event.f64").map { $0 != 0 }
        let risk = try read(dir, "risk.f64")
        let outcomes = SurvivalOutcomes(time: time, event: event)
        let (c, seconds) = try best { try ConcordanceIndex.harrell(outcomes, risk: risk) }
        print("""
            {"tool": "immunokit", "task": "harrell_c", "patients": \(time.count), "seconds": \(seconds), "cindex": \(c.value)}
            """)
    case "bootstrap":
        let threads = value("--threads").flatMap(Int.init) ?? 2
        let n = value("--patients").flatMap(Int.init) ?? 10_000
        let replicates = value("--replicates").flatMap(Int.init) ?? 1000
        var generator = Xoshiro256StarStar(seed: 1)
        let normal = Normal()
        let labels = (0..<n).map { _ in generator.nextUniform() < 0.3 }
        let scores = labels.map { normal.sample(using: &generator) + ($0 ? 1 : 0) }
        let target = Target.binary(labels.map { $0 ? 1 : 0 })
        let (interval, seconds) = try best {
            try Bootstrap.interval(.auc, target: target, predictions: scores, replicates: replicates, seed: 7, threads: threads)
        }
        print("""
            {"tool": "immunokit", "task": "bootstrap_auc", "patients": \(n), "replicates": \(replicates), \
            "threads": \(threads), "seconds": \(seconds), "auc": \(interval.estimate), "lower": \(interval.lower), \
            "upper": \(interval.upper), "target_seconds": 1.0, "passed": \(seconds < 1)}
            """)
    default:
        throw BenchmarkUsage(description: usage)
    }
}
