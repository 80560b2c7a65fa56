// `immunokit-bench trees gbdt|rsf --dir DIR [--threads T] [--trees N]`
//
// Fits ImmunoKit's tree learners on data written by `Benchmarks/trees.py` (raw little-endian float64,
// features column-major) and prints one JSON line: fit and predict seconds, peak resident memory
// (VmHWM), and the test predictions' file, which the script scores with the same scikit-learn /
// scikit-survival metric as the Python libraries.
//
//   gbdt: X_train (n × p), y_train, X_test → GradientBoostedTrees (binary, 31 leaves, lr 0.1,
//         min 20 per leaf, λ = 0, 255 bins), predictions in DIR/swift_gbdt.f64.
//   rsf:  X_train, time_train, event_train, X_test → RandomSurvivalForest (scikit-survival defaults),
//         risk scores in DIR/swift_rsf.f64.
//

import Dispatch
import Foundation
import Learning

func runTreeBenchmark(arguments: [String]) {
    func value(_ flag: String) -> String? { optionValue(flag, in: arguments) }
    guard let kind = arguments.first, ["gbdt", "rsf"].contains(kind), let dir = value("--dir") else {
        FileHandle.standardError.write(Data("usage: immunokit-bench trees gbdt|rsf --dir DIR [--threads T] [--trees N]\n".utf8))
        exit(64)
    }
    let threads = value("--threads").flatMap(Int.init) ?? 2
    func read(_ name: String) -> [Double] {
        guard let data = FileManager.default.contents(atPath: dir + "/" + name), data.count % 8 == 0 else {
            FileHandle.standardError.write(Data("trees: cannot read \(dir)/\(name)\n".utf8))
            exit(65)
        }
        return data.withUnsafeBytes { raw in (0..<(data.count / 8)).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: Double.self) } }
    }
    func write(_ values: [Double], _ name: String) {
        let data = values.withUnsafeBufferPointer { Data(buffer: $0) }
        _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: data)
    }
    func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    let xTrain = read("X_train.f64"), xTest = read("X_test.f64")
    let label = kind == "gbdt" ? read("y_train.f64") : read("time_train.f64")
    let n = label.count, p = xTrain.count / n, m = xTest.count / p
    let names = (0..<p).map { "x\($0)" }
    let train = FeatureMatrix(names: names, rowCount: n, columnMajor: xTrain)
    let test = FeatureMatrix(names: names, rowCount: m, columnMajor: xTest)
    let baseline = peakResidentBytes()
    do {
        let start = now()
        let predictions: [Double]
        let fitSeconds: Double
        var extra = ""
        if kind == "gbdt" {
            let trees = value("--trees").flatMap(Int.init) ?? 200
            let model = try GradientBoostedTrees(iterations: trees, learningRate: 0.1, maxLeaves: 31, minSamplesLeaf: 20,
                                                 threads: threads)
                .fit(Dataset(features: train, target: .binary(label)), seed: 0)
            fitSeconds = now() - start
            predictions = try model.predict(test)
        } else {
            let trees = value("--trees").flatMap(Int.init) ?? 100
            let event = read("event_train.f64").map { $0 != 0 }
            let model = try RandomSurvivalForest(trees: trees, threads: threads)
                .fit(Dataset(features: train, target: .survival(time: label, event: event)), seed: 0)
            fitSeconds = now() - start
            predictions = try model.predict(test)
            extra = ", \"model_bytes\": \(model.approximateByteCount), \"oob_cindex\": \(model.oobConcordance ?? -1)"
        }
        let totalSeconds = now() - start
        write(predictions, "swift_\(kind).f64")
        print("""
            {"tool": "immunokit", "task": "\(kind)", "rows": \(n), "features": \(p), "threads": \(threads), \
            "fit_seconds": \(fitSeconds), "total_seconds": \(totalSeconds), "peak_rss_bytes": \(peakResidentBytes()), \
            "baseline_rss_bytes": \(baseline)\(extra)}
            """)
    } catch {
        FileHandle.standardError.write(Data("trees: \(error)\n".utf8))
        exit(1)
    }
}
