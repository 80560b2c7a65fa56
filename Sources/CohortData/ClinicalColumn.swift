/// One typed column of the clinical table, aligned to the cohort's patients.
///
/// Missing values are explicit (`nil`), never NaN: a value of a continuous column is either a finite
/// number or missing.
public struct ClinicalColumn: Sendable, Hashable, Codable {
    /// How the values are typed.
    public enum Values: Sendable, Hashable, Codable {
        /// Real numbers (age, albumin, TMB).
        case continuous([Double?])
        /// Labels (cancer type, stage); levels are the distinct non-missing labels.
        case categorical([String?])
        /// Yes/no (MSI-high, prior therapy).
        case binary([Bool?])

        public var count: Int {
            switch self {
            case .continuous(let v): v.count
            case .categorical(let v): v.count
            case .binary(let v): v.count
            }
        }
    }

    public var name: String
    public var values: Values
    /// Unit of a continuous column ("g/dL", "mut/Mb", "years"), when known.
    public var unit: String?

    public init(name: String, values: Values, unit: String? = nil) {
        self.name = name
        self.values = values
        self.unit = unit
    }

    public var count: Int { values.count }

    /// The type as a word: "continuous", "categorical" or "binary".
    public var kind: String {
        switch values {
        case .continuous: "continuous"
        case .categorical: "categorical"
        case .binary: "binary"
        }
    }

    /// How many values are missing.
    public var missingCount: Int {
        switch values {
        case .continuous(let v): v.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
        case .categorical(let v): v.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
        case .binary(let v): v.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
        }
    }

    /// Whether the value at `index` is missing.
    public func isMissing(at index: Int) -> Bool {
        switch values {
        case .continuous(let v): v[index] == nil
        case .categorical(let v): v[index] == nil
        case .binary(let v): v[index] == nil
        }
    }

    /// The value at `index` as text (for writers); `nil` when missing.
    public func text(at index: Int) -> String? {
        switch values {
        case .continuous(let v): v[index].map { formatNumber($0) }
        case .categorical(let v): v[index]
        case .binary(let v): v[index].map { $0 ? "1" : "0" }
        }
    }

    /// The distinct non-missing labels of a categorical column, sorted; empty for other kinds.
    public var levels: [String] {
        guard case .categorical(let v) = values else { return [] }
        return Array(Set(v.compactMap { $0 })).sorted()
    }

    /// The values of a continuous (or binary, as 0/1) column; `nil` for categorical columns.
    public var numericValues: [Double?]? {
        switch values {
        case .continuous(let v): v
        case .binary(let v): v.map { $0.map { $0 ? 1 : 0 } }
        case .categorical: nil
        }
    }

    /// The column restricted to (and reordered by) `indices`.
    public func selecting(_ indices: [Int]) -> ClinicalColumn {
        switch values {
        case .continuous(let v): ClinicalColumn(name: name, values: .continuous(indices.map { v[$0] }), unit: unit)
        case .categorical(let v): ClinicalColumn(name: name, values: .categorical(indices.map { v[$0] }), unit: unit)
        case .binary(let v): ClinicalColumn(name: name, values: .binary(indices.map { v[$0] }), unit: unit)
        }
    }
}

/// Short text that reads back as the same Double ("3.5", "1e-07"); integers without ".0".
public func formatNumber(_ value: Double) -> String {
    guard value.isFinite else { return "\(value)" }
    if value == value.rounded(), abs(value) < 1e15 {
        return String(Int64(value))
    }
    return NumberFormatting.string(value)
}
