import CohortData

extension FeatureMatrix {
    /// Builds a feature matrix from clinical columns: continuous values as they are, binary as 0/1,
    /// categorical as codes into the sorted list of labels present; missing values become NaN.
    public init(clinical columns: [ClinicalColumn]) {
        let n = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == n }, "clinical columns must be aligned")
        var values: [Double] = []
        values.reserveCapacity(n * columns.count)
        var levels: [String: [String]] = [:]
        for column in columns {
            switch column.values {
            case .continuous(let v):
                values.append(contentsOf: v.map { $0 ?? .nan })
            case .binary(let v):
                values.append(contentsOf: v.map { $0.map { $0 ? 1 : 0 } ?? .nan })
            case .categorical(let v):
                let labels = column.levels
                let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, Double($0)) })
                levels[column.name] = labels
                values.append(contentsOf: v.map { $0.flatMap { index[$0] } ?? .nan })
            }
        }
        self.init(names: columns.map(\.name), rowCount: n, columnMajor: values, categoricalLevels: levels)
    }

    /// The label of a categorical code, or `nil` for missing / non-categorical.
    public func label(row: Int, column j: Int) -> String? {
        guard let labels = categoricalLevels[names[j]] else { return nil }
        let code = self[row, j]
        guard !code.isNaN else { return nil }
        return labels[Int(code)]
    }
}
