/// A dense column-major matrix of Doubles (being written).
public struct Matrix: Sendable, Hashable, Codable {
    public var rows: Int
    public var columns: Int
    public var storage: [Double]

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.rows = rows
        self.columns = columns
        storage = Array(repeating: value, count: rows * columns)
    }
}
