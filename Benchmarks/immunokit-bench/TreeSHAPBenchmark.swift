// `immunokit-bench treeshap --dir DIR [--threads T] [--trees N] [--depth D] [--repeats R]`
//
// Driven by `Benchmarks/treeshap.py`, which writes the data (raw little-endian float64, features
// column-major): X_train (n × p), y_train, X_explain (m × p). Fits an ImmunoKit GBDT (binary, N trees of
// depth ≤ D, ≤ 2^D leaves, learning rate 0.1, min 20 rows per leaf), exports its trees with their stored
// covers as a shap custom tree model (DIR/trees.json: the same arrays `shap.TreeExplainer` rebuilds in
// treeshap.py), times exact path-dependent TreeSHAP for the m rows (best of R runs on every core: wall and process CPU seconds) and
// writes the SHAP values row-major to DIR/swift_shap.f64. Prints one JSON line.

import Dispatch
import Explanation
import Foundation
import Learning

func runTreeSHAPBenchmark(arguments: [String]) throws {
    func value(_ flag: String) -> String? { optionValue(flag, in: arguments) }
    guard let dir = value("--dir") else {
        throw BenchmarkUsage(description: "usage: immunokit-bench treeshap --dir DIR [--threads T] [--trees N] [--depth D] [--repeats R]")
    }
    let threads = value("--threads").flatMap(Int.init) ?? 2
    let treeCount = value("--trees").flatMap(Int.init) ?? 500
    let depth = value("--depth").flatMap(Int.init) ?? 6
    let repeats = value("--repeats").flatMap(Int.init) ?? 3
    func read(_ name: String) throws -> [Double] {
        guard let data = FileManager.default.contents(atPath: dir + "/" + name), data.count % 8 == 0 else {
            throw BenchmarkUsage(description: "treeshap: cannot read \(dir)/\(name)")
        }
        return data.withUnsafeBytes { raw in (0..<(data.count / 8)).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: Double.self) } }
    }
    let xTrain = try read("X_train.f64"), xExplain = try read("X_explain.f64"), y = try read("y_train.f64")
    let n = y.count, p = xTrain.count / n, m = xExplain.count / p
    let names = (0..<p).map { "x\($0)" }
    let train = FeatureMatrix(names: names, rowCount: n, columnMajor: xTrain)
    let explain = FeatureMatrix(names: names, rowCount: m, columnMajor: xExplain)

    let fitStart = DispatchTime.now().uptimeNanoseconds
    let model = try GradientBoostedTrees(iterations: treeCount, learningRate: 0.1, maxLeaves: 1 << depth,
                                         maxDepth: depth, minSamplesLeaf: 20, threads: threads)
        .fit(Dataset(features: train, target: .binary(y)), seed: 0)
    let fitSeconds = Double(DispatchTime.now().uptimeNanoseconds - fitStart) / 1e9
    let explainer = try TreeExplainer(model: model)

    // The same trees for shap: children, default child, features, thresholds, node values (leaf values;
    // cover-weighted means inside) and covers.
    var trees = [[String: Any]]()
    for (t, tree) in explainer.trees.enumerated() {
        trees.append([
            "left": tree.left.map(Int.init), "right": tree.right.map(Int.init),
            "default": (0..<tree.nodeCount).map { Int(tree.defaultLeft[$0] ? tree.left[$0] : tree.right[$0]) },
            "feature": tree.feature.map { max(Int($0), 0) }, "threshold": tree.threshold,
            "value": TreeCover.nodeMeans(tree, covers: explainer.covers[t]), "cover": explainer.covers[t],
        ])
    }
    try JSONSerialization.data(withJSONObject: ["offset": model.initialScore, "trees": trees] as [String: Any])
        .write(to: URL(fileURLWithPath: dir + "/trees.json"))

    // Thread count: the explainer uses every active core; run the process with `taskset` to restrict it
    // (treeshap.py does, with --threads).
    // Wall time and the process CPU time (all threads): on a shared machine the CPU time is the
    // load-independent measure of work.
    func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
    var best = Double.infinity, bestCPU = Double.infinity
    var shap: SHAPValues?
    for _ in 0..<max(repeats, 1) {
        let start = DispatchTime.now().uptimeNanoseconds, cpu = cpuSeconds()
        shap = try explainer.shapValues(explain)
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        bestCPU = min(bestCPU, cpuSeconds() - cpu)
    }
    let values = shap!.values
    _ = FileManager.default.createFile(atPath: dir + "/swift_shap.f64",
                                   contents: values.withUnsafeBufferPointer { Data(buffer: $0) })
    let leaves = model.trees.reduce(0) { $0 + $1.feature.filter { $0 < 0 }.count }
    print("""
        {"tool": "immunokit", "task": "treeshap", "rows": \(m), "features": \(p), "trees": \(model.trees.count), \
        "max_depth": \(explainer.trees.map(TreeCover.maxDepth).max() ?? 0), "mean_leaves": \(Double(leaves) / Double(max(model.trees.count, 1))), \
        "cores": \(ProcessInfo.processInfo.activeProcessorCount), "fit_seconds": \(fitSeconds), "shap_seconds": \(best), "shap_cpu_seconds": \(bestCPU), \
        "expected_value": \(explainer.expectedValue), "local_accuracy": \(shap!.localAccuracyError), \
        "peak_rss_bytes": \(peakResidentBytes())}
        """)
}
