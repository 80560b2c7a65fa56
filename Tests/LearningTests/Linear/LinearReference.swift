import Foundation
import Learning
import TestSupport

/// `Tests/Fixtures/learning_linear/reference.json`, written by `generate_linear.py` beside it
/// (scikit-learn 1.9.1, lifelines 0.30.3, scikit-survival 0.28.0, statsmodels 0.15.0; see requirements.txt).
/// Synthetic datasets are stored column-major (`x[j]` is feature j); the real lung data are not stored.
struct LinearReference: Decodable {
    struct LogisticCase: Decodable {
        var alpha: Double
        var lambda: Double
        var weighted: Bool
        var solver: String
        var coefficients: [Double]
        var intercept: Double
    }
    struct Logistic: Decodable {
        var x: [[Double]]
        var y: [Double]
        var w: [Double]
        var cases: [LogisticCase]
    }
    struct CoxFit: Decodable {
        var coefficients: [Double]
        var standardErrors: [Double]?
        var logLikelihood: Double
        var nullLogLikelihood: Double?
        var baselineTimes: [Double]?
        var baselineCumulativeHazard: [Double]?
        var means: [Double]?
        var concordance: Double?
        var likelihoodRatioStatistic: Double?
    }
    struct Cox: Decodable {
        var x: [[Double]]
        var time: [Double]
        var event: [Int]
        var w: [Double]
        var standardizedX: [[Double]]
        var efron: CoxFit
        var efronWeighted: CoxFit
        var efronRidge: CoxFit
        var breslow: CoxFit
        var breslowRobust: CoxFit
        var breslowWeighted: CoxFit
    }
    struct CoxNoTies: Decodable {
        var x: [[Double]]
        var time: [Double]
        var event: [Int]
        var w: [Double]
        var efronRobust: CoxFit
        var efronWeightedRobust: CoxFit
    }
    struct Lung: Decodable {
        var columns: [String]
        var rows: Int
        var efron: CoxFit
        var breslow: CoxFit
        var breslowRobust: CoxFit
    }
    struct CoxnetPath: Decodable {
        var alpha: Double
        var lambdas: [Double]
        var coefficients: [[Double]]
    }
    struct Coxnet: Decodable {
        var x: [[Double]]
        var time: [Double]
        var event: [Int]
        var paths: [CoxnetPath]
    }
    var logistic: Logistic
    var cox: Cox
    var coxNoTies: CoxNoTies
    var lung: Lung?
    var coxnet: Coxnet

    static let shared: LinearReference = {
        do {
            return try JSONDecoder().decode(LinearReference.self, from: Fixtures.data("learning_linear/reference.json"))
        } catch {
            fatalError("cannot read learning_linear/reference.json: \(error)")
        }
    }()

    static func features(_ columns: [[Double]]) -> FeatureMatrix {
        FeatureMatrix(names: columns.indices.map { "x\($0)" }, columns: columns)
    }

    var logisticDataset: Dataset {
        Dataset(features: Self.features(logistic.x), target: .binary(logistic.y))
    }

    func coxDataset(standardized: Bool = false, weighted: Bool = false) -> Dataset {
        Dataset(features: Self.features(standardized ? cox.standardizedX : cox.x),
                target: .survival(time: cox.time, event: cox.event.map { $0 == 1 }),
                weights: weighted ? cox.w : nil)
    }

    func coxNoTiesDataset(weighted: Bool = false) -> Dataset {
        Dataset(features: Self.features(coxNoTies.x),
                target: .survival(time: coxNoTies.time, event: coxNoTies.event.map { $0 == 1 }),
                weights: weighted ? coxNoTies.w : nil)
    }

    var coxnetDataset: Dataset {
        Dataset(features: Self.features(coxnet.x), target: .survival(time: coxnet.time, event: coxnet.event.map { $0 == 1 }))
    }
}

func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "lengths \(a.count) and \(b.count)")
    return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// Reads the NCCTG lung data (lifelines' copy) from the shared data folder: rows with all of `columns`.
func loadLung(columns: [String]) throws -> Dataset {
    let url = try SharedData.require("cohorts/survival_nonici/lifelines_0.30.3/lung.csv")
    let text = try String(contentsOf: url, encoding: .utf8)
    var lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let header = lines.removeFirst()
    let index = { (name: String) in header.firstIndex(of: name)! }
    var rows = [[Double]](), time = [Double](), event = [Bool]()
    for fields in lines where fields.count == header.count {
        let needed = ["time", "status"] + columns
        let values = needed.map { Double(fields[index($0)]) }
        guard values.allSatisfy({ $0 != nil }) else { continue }
        time.append(values[0]!)
        event.append(values[1]! == 1)
        rows.append(values[2...].map { $0! })
    }
    return Dataset(features: FeatureMatrix(names: columns, rows: rows), target: .survival(time: time, event: event))
}
