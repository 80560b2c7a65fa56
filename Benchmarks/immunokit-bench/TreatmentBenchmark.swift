// `immunokit-bench dr-learner --dir DIR [--threads T] [--trees N] [--final-trees N] [--folds K] [--concurrent C] [--seed S]
//                             [--outcome-models per-arm|pooled]`
//
// Fits ImmunoKit's cross-fitted DR-learner on data written by `Benchmarks/dr_learner.py` (raw little-endian
// float64: X column-major n × p, arm 0/1, y 0/1) with boosted-tree nuisances — propensity (binary GBDT), one
// outcome classifier per arm (or, with --outcome-models pooled, one on X and the arm indicator, as EconML's
// DRLearner fits its model_regression) — and a boosted-tree regression as final stage, K-fold cross-fitting
// (default 5), no bootstrap, seed S (default 0; it draws the folds). With --concurrent C > 1 the nuisance fits
// (propensity folds and the outcome models of every fold, or fold × arm) run C at a time, each single-threaded
// (default C = T: on 2 cores, two single-threaded fits use the cores better than one two-threaded fit); the
// final stage uses T threads.
// Writes the CATE of arm 1 vs arm 0 for every patient to DIR/swift_cate.f64 (the script scores PEHE against
// the known truth) and prints one JSON line with the fit time.

import Dispatch
import Foundation
import Learning
import Treatment

func runDRLearnerBenchmark(arguments: [String]) throws {
    func value(_ flag: String) -> String? { optionValue(flag, in: arguments) }
    guard let dir = value("--dir") else {
        throw BenchmarkUsage(description: "usage: immunokit-bench dr-learner --dir DIR [--threads T] [--trees N] [--final-trees N] [--folds K] [--concurrent C] [--seed S] [--outcome-models per-arm|pooled]")
    }
    let threads = value("--threads").flatMap(Int.init) ?? 2
    let trees = value("--trees").flatMap(Int.init) ?? 100
    let finalTrees = value("--final-trees").flatMap(Int.init) ?? trees
    let folds = value("--folds").flatMap(Int.init) ?? 5
    let concurrent = value("--concurrent").flatMap(Int.init) ?? threads
    let seed = value("--seed").flatMap(UInt64.init) ?? 0
    guard let outcomeModels = OutcomeModels(rawValue: value("--outcome-models") ?? "per-arm") else {
        throw BenchmarkUsage(description: "dr-learner: --outcome-models is per-arm or pooled")
    }
    func read(_ name: String) throws -> [Double] {
        guard let data = FileManager.default.contents(atPath: dir + "/" + name), data.count % 8 == 0 else {
            throw BenchmarkUsage(description: "dr-learner: cannot read \(dir)/\(name)")
        }
        return data.withUnsafeBytes { raw in (0..<(data.count / 8)).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: Double.self) } }
    }
    let x = try read("X.f64"), arm = try read("arm.f64"), y = try read("y.f64")
    let n = y.count, p = x.count / n
    let covariates = FeatureMatrix(names: (0..<p).map { "x\($0)" }, rowCount: n, columnMajor: x)
    let data = try TreatmentData(covariates: covariates, arm: arm.map { Int($0) }, armNames: ["control", "treated"],
                                 referenceArm: 0, outcome: .binary(y))
    let nuisance = GradientBoostedTrees(iterations: trees, learningRate: 0.1, maxLeaves: 31, minSamplesLeaf: 20,
                                        threads: concurrent > 1 ? 1 : threads)
    let final = GradientBoostedTrees(iterations: finalTrees, learningRate: 0.1, maxLeaves: 31, minSamplesLeaf: 20, threads: threads)
    let learner = MetaLearner(kind: .dr, estimand: .riskDifference, outcomeEstimator: nuisance, effectEstimator: final,
                              propensity: PropensityEstimator(method: .boostedTrees(nuisance)), folds: folds,
                              outcomeModels: outcomeModels, propensityClip: 0.01, standardErrorReplicates: 0, concurrentFits: concurrent)
    let baseline = peakResidentBytes()
    var cate: [Double] = []
    let fitSeconds = try seconds {
        let fit = try learner.fit(data, seed: seed)
        cate = try fit.model.predict(covariates).effects[1]
    }
    let bytes = cate.withUnsafeBufferPointer { Data(buffer: $0) }
    guard FileManager.default.createFile(atPath: dir + "/swift_cate.f64", contents: bytes) else {
        throw BenchmarkUsage(description: "dr-learner: cannot write \(dir)/swift_cate.f64")
    }
    print("""
        {"tool": "immunokit", "task": "dr-learner", "rows": \(n), "features": \(p), "threads": \(threads), \
        "folds": \(folds), "outcome_models": "\(outcomeModels.rawValue)", "concurrent_fits": \(concurrent), "trees": \(trees), "fit_seconds": \(fitSeconds), "peak_rss_bytes": \(peakResidentBytes()), \
        "baseline_rss_bytes": \(baseline)}
        """)
}
