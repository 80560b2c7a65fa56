import Statistics

/// Cross-validated discrimination of an estimator: the whole estimator (a pipeline, so preprocessing
/// included) is refitted on each training fold and scored on the held-out fold, so no information
/// from a validation row reaches the model that scores it.
public enum CrossValidation {
    public struct Result: Sendable, Hashable, Codable {
        /// "auc" (binary) or "c_index" (survival).
        public var metric: String
        public var perFold: [Double]
        /// Mean and sample standard deviation over folds.
        public var mean: Double
        public var standardDeviation: Double
        /// Out-of-fold predictions, one per row (each from the model that did not see the row).
        public var outOfFold: [Double]
    }

    /// Stratified k-fold cross-validation (default 5 folds) with the seeded generator.
    ///
    /// Binary targets are scored by the ROC AUC (Mann–Whitney), survival targets by Harrell's C.
    public static func run<E: Estimator>(_ estimator: E, on data: Dataset, folds k: Int = 5,
                                         seed: UInt64 = 0) throws -> Result {
        var generator = Xoshiro256StarStar(seed: seed)
        let fold = StratifiedFolds.assign(strata: StratifiedFolds.strata(for: data.target), folds: k, generator: &generator)
        var outOfFold = [Double](repeating: .nan, count: data.rowCount)
        var scores: [Double] = []
        for f in 0..<k {
            let train = data.rowCount > 0 ? (0..<data.rowCount).filter { fold[$0] != f } : []
            let test = (0..<data.rowCount).filter { fold[$0] == f }
            var foldGenerator = Xoshiro256StarStar(seed: seed, stream: UInt64(f + 1))
            let model = try estimator.fit(data.selectingRows(train), generator: &foldGenerator)
            let predictions = try model.predict(data.features.selectingRows(test))
            for (k, row) in test.enumerated() { outOfFold[row] = predictions[k] }
            scores.append(score(data.target.selectingRows(test), predictions))
        }
        let valid = scores.filter { !$0.isNaN }
        let mean = valid.reduce(0, +) / Double(max(valid.count, 1))
        let sd = valid.count > 1
            ? (valid.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(valid.count - 1)).squareRoot() : 0
        return Result(metric: metricName(data.target), perFold: scores, mean: mean, standardDeviation: sd, outOfFold: outOfFold)
    }

    /// "auc", "c_index" or "r2".
    public static func metricName(_ target: Target) -> String {
        switch target {
        case .binary: "auc"
        case .survival: "c_index"
        case .continuous: "r2"
        }
    }

    /// AUC for binary targets, Harrell's C for survival (risk scores), R² for continuous.
    public static func score(_ target: Target, _ predictions: [Double]) -> Double {
        switch target {
        case .binary(let y):
            return RankMetrics.areaUnderROC(scores: predictions, labels: y.map { $0 == 1 })
        case .survival(let time, let event):
            return RankMetrics.concordanceIndex(time: time, event: event, risk: predictions)
        case .continuous(let y):
            let mean = y.reduce(0, +) / Double(max(y.count, 1))
            let total = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            let residual = zip(y, predictions).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            return total > 0 ? 1 - residual / total : .nan
        }
    }
}
