import Foundation
import Testing
@testable import LinearAlgebra

@Suite("Matrix storage, construction, views and Codable")
struct MatrixTests {
    @Test("column-major layout: element (i, j) at storage[j * rows + i]")
    func layout() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(a.rows == 2 && a.columns == 3)
        #expect(a.storage == [1, 4, 2, 5, 3, 6])
        #expect(a[1, 2] == 6 && a[0, 1] == 2)
        #expect(a == Matrix(rows: 2, columns: 3, rowMajor: [1, 2, 3, 4, 5, 6]))
        #expect(a == Matrix(columnArrays: [[1, 4], [2, 5], [3, 6]]))
        #expect(a.column(1) == [2, 5])
        #expect(a.row(1) == [4, 5, 6])
        #expect(a.rowArrays == [[1, 2, 3], [4, 5, 6]])
        #expect(a.diagonal == [1, 5])
    }

    @Test("mutation, identity, diagonal, transpose")
    func mutation() {
        var a = Matrix(rows: 3, columns: 2)
        a[2, 1] = 7
        a.setRow(0, [1, 2])
        a.setColumn(0, [1, 3, 5])
        #expect(a.storage == [1, 3, 5, 2, 0, 7])
        #expect(Matrix.identity(3) == Matrix(diagonal: [1, 1, 1]))
        var random = TestRandom(seed: 1)
        for (m, n) in [(0, 0), (1, 5), (33, 70), (64, 31)] {
            let x = random.matrix(m, n)
            let t = x.transposed()
            #expect(t.rows == n && t.columns == m)
            for i in 0..<m { for j in 0..<n { #expect(t[j, i] == x[i, j]) } }
            #expect(t.transposed() == x)
        }
    }

    @Test("column views share storage and expose contiguous columns")
    func views() {
        let a = Matrix([[1, 2, 3, 4], [5, 6, 7, 8]])
        let view = a.columns(1..<3)
        #expect(view.rows == 2 && view.columns == 2)
        #expect(view[1, 0] == 6 && view[0, 1] == 3)
        #expect(view.withUnsafeBufferPointer { Array($0) } == [2, 6, 3, 7])
        #expect(view.withColumn(1) { Array($0) } == [3, 7])
        #expect(view.copy() == Matrix([[2, 3], [6, 7]]))
        #expect(a.submatrix(rows: 1..<2, columns: 0..<3) == Matrix([[5, 6, 7]]))
        #expect(a.withColumn(3) { Array($0) } == [4, 8])
    }

    @Test("arithmetic, products, norms")
    func arithmetic() {
        let a = Matrix([[1, 2], [3, 4]]), b = Matrix([[5, 6], [7, 8]])
        #expect(a + b == Matrix([[6, 8], [10, 12]]))
        #expect(b - a == Matrix([[4, 4], [4, 4]]))
        #expect(2 * a == Matrix([[2, 4], [6, 8]]))
        #expect(a * b == Matrix([[19, 22], [43, 50]]))
        #expect(a * [1, 1] == [3, 7])
        #expect(a.multiply([1, 1], transpose: true) == [4, 6])
        #expect(Matrix.multiply(a, transposeA: true, b) == Matrix([[26, 30], [38, 44]]))
        #expect(abs(a.frobeniusNorm - 30.0.squareRoot()) < 1e-15)
        #expect(a.maxAbs == 4)
    }

    @Test("Codable round trip, and decoding rejects a storage of the wrong size")
    func codable() throws {
        let a = Matrix([[1.5, -2], [0.1, 1e-300]])
        let data = try JSONEncoder().encode(a)
        #expect(try JSONDecoder().decode(Matrix.self, from: data) == a)
        let bad = Data(#"{"rows": 2, "columns": 2, "storage": [1, 2, 3]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Matrix.self, from: bad) }
        var set: Set<Matrix> = [a, a]
        set.insert(Matrix(rows: 2, columns: 2))
        #expect(set.count == 2)
    }

    @Test("error descriptions are readable")
    func errors() {
        #expect(LinearAlgebraError.notPositiveDefinite(pivot: 3).description.contains("pivot 3"))
        #expect(LinearAlgebraError.singular(pivot: 0).description.contains("singular"))
        #expect(LinearAlgebraError.dimensionMismatch(expected: "3", found: "4").description.contains("expected 3, found 4"))
        #expect(LinearAlgebraError.didNotConverge(iterations: 30).description.contains("30 iterations"))
    }
}
