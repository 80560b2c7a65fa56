// `immunokit-bench linear cox|logistic-path|coxnet-path --dir DIR [--alpha A] [--tolerance T]`
//
// Fits ImmunoKit's linear models on data written by `Benchmarks/linear_models.py` (raw little-endian
// float64, features column-major) and prints one JSON line with the fit time; coefficients go to
// DIR/swift_coef.f64, which the script compares with the Python libraries' (lifelines, scikit-learn,
// scikit-survival) on the same data.
//
//   cox:           X (n × p), time, event → CoxProportionalHazards (Efron ties) with standard errors;
//                  writes β then SE (2p values).
//   logistic-path: X, y, lambdas → ElasticNetLogisticRegression path at the given λ (standardize = false,
//                  as scikit-learn), no CV; writes intercept and β per λ ((p + 1) × K values).
//   coxnet-path:   X, time, event, lambdas → ElasticNetCox path (Breslow, standardize = false, as
//                  scikit-survival), no CV; writes β per λ (p × K values).
//
// Compiled only when the bench target depends on Learning (see Package.swift).
import Dispatch
import Foundation
import Learning

func runLinearModelBenchmark(arguments: [String]) throws {
    func value(_ flag: String) -> String? { optionValue(flag, in: arguments) }
    let kinds = ["cox", "logistic-path", "coxnet-path"]
    guard let kind = arguments.first, kinds.contains(kind), let dir = value("--dir") else {
        throw BenchmarkUsage(description: "usage: immunokit-bench linear cox|logistic-path|coxnet-path --dir DIR "
                             + "[--alpha A] [--tolerance T]")
    }
    func read(_ name: String) throws -> [Double] {
        guard let data = FileManager.default.contents(atPath: dir + "/" + name), data.count % 8 == 0 else {
            throw BenchmarkUsage(description: "linear: cannot read \(dir)/\(name)")
        }
        return data.withUnsafeBytes { raw in
            (0..<(data.count / 8)).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: Double.self) }
        }
    }
    func write(_ values: [Double], _ name: String) {
        let data = values.withUnsafeBufferPointer { Data(buffer: $0) }
        _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: data)
    }
    let alpha = value("--alpha").flatMap(Double.init) ?? 1
    let tolerance = value("--tolerance").flatMap(Double.init)
    let x = try read("X.f64")
    let outcome = kind == "logistic-path" ? try read("y.f64") : try read("time.f64")
    let n = outcome.count, p = x.count / n
    let features = FeatureMatrix(names: (0..<p).map { "x\($0)" }, rowCount: n, columnMajor: x)
    let baseline = peakResidentBytes()
    var output = [Double]()
    var fitSeconds = 0.0
    var extra = ""
    switch kind {
    case "cox":
        let event = try read("event.f64").map { $0 != 0 }
        let data = Dataset(features: features, target: .survival(time: outcome, event: event))
        var model: CoxProportionalHazardsModel?
        fitSeconds = try seconds { model = try CoxProportionalHazards(tolerance: tolerance ?? 1e-9).fit(data) }
        output = model!.coefficients + model!.standardErrors
        extra = ", \"iterations\": \(model!.diagnostics.iterations), \"log_likelihood\": \(model!.logLikelihood)"
    case "logistic-path":
        let lambdas = try read("lambdas.f64")
        let data = Dataset(features: features, target: .binary(outcome))
        let estimator = ElasticNetLogisticRegression(alpha: alpha, lambdas: lambdas, standardize: false,
                                                     tolerance: tolerance ?? 1e-7, crossValidationFolds: 0)
        var model: ElasticNetLogisticModel?
        fitSeconds = try seconds { model = try estimator.fit(data) }
        for k in lambdas.indices { output += [model!.path.intercepts[k]] + model!.path.coefficients(at: k) }
        extra = ", \"lambdas\": \(lambdas.count), \"nonzero_last\": \(model!.path.nonzeroCounts.last!)"
    default:
        let event = try read("event.f64").map { $0 != 0 }
        let lambdas = try read("lambdas.f64")
        let data = Dataset(features: features, target: .survival(time: outcome, event: event))
        let estimator = ElasticNetCox(alpha: alpha, lambdas: lambdas, standardize: false,
                                      tolerance: tolerance ?? 1e-7, crossValidationFolds: 0)
        var model: ElasticNetCoxModel?
        fitSeconds = try seconds { model = try estimator.fit(data) }
        for k in lambdas.indices { output += model!.path.coefficients(at: k) }
        extra = ", \"lambdas\": \(lambdas.count), \"nonzero_last\": \(model!.path.nonzeroCounts.last!)"
    }
    write(output, "swift_coef.f64")
    print("""
        {"tool": "immunokit", "benchmark": "\(kind)", "seconds": \(fitSeconds), "rows": \(n), "features": \(p), \
        "peak_rss_bytes": \(peakResidentBytes()), "baseline_rss_bytes": \(baseline)\(extra)}
        """)
}
