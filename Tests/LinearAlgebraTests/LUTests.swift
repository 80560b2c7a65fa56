import Foundation
import Testing
@testable import LinearAlgebra

@Suite("LU with partial pivoting: solve, determinant, inverse")
struct LUTests {
    @Test("solve, determinant and inverse against NumPy", arguments: ReferenceFile.shared.lu.indices)
    func reference(_ index: Int) throws {
        let t = ReferenceFile.shared.lu[index]
        let n = t.a.rows
        let lu = try LUDecomposition(t.a)
        // Relative error of a backward-stable solve ≲ n · cond · ε (both sides); 4 n cond ε with margin.
        let tolerance = 4 * Double(n) * t.condition * .ulpOfOne
        let x = lu.solve(t.b)
        #expect(maxAbsDifference(x, t.x) <= tolerance * t.x.map(abs).max()!, "n = \(n), cond = \(t.condition)")
        #expect(abs(lu.determinant - t.determinant) <= tolerance * abs(t.determinant))
        let (logAbs, sign) = lu.logAbsDeterminant
        #expect(sign == (t.determinant < 0 ? -1 : 1))
        #expect(abs(logAbs - Foundation.log(abs(t.determinant))) < 1e-10)
        #expect(maxAbsDifference(lu.inverse(), t.inverse) <= tolerance * t.inverse.maxAbs)
        #expect(maxAbsDifference(try t.a.inverse(), t.inverse) <= tolerance * t.inverse.maxAbs)
        #expect(maxAbsDifference(try Matrix.solve(t.a, t.b), t.x) <= tolerance * t.x.map(abs).max()!)
        // P A = L U, with P from the recorded swaps.
        var pa = t.a
        for i in 0..<n where lu.pivots[i] != i {
            let rowI = pa.row(i), rowP = pa.row(lu.pivots[i])
            pa.setRow(i, rowP); pa.setRow(lu.pivots[i], rowI)
        }
        #expect(maxAbsDifference(lu.lower * lu.upper, pa) < 1e-13 * Double(n))
    }

    @Test("partial pivoting is needed and used: [[0, 1], [1, 1]]")
    func pivoting() throws {
        let lu = try LUDecomposition(Matrix([[0, 1], [1, 1]]))
        #expect(lu.pivots == [1, 1])
        #expect(lu.solve([1, 2]) == [1, 1])
        #expect(lu.determinant == -1)
    }

    @Test("a singular matrix throws naming the pivot")
    func singular() {
        // Row 0 is half of row 1: after two eliminations the last pivot is exactly 0.
        #expect(throws: LinearAlgebraError.singular(pivot: 2)) {
            try LUDecomposition(Matrix([[1, 2, 3], [2, 4, 6], [1, 0, 1]]))
        }
        #expect(throws: LinearAlgebraError.singular(pivot: 0)) { try Matrix(rows: 2, columns: 2).inverse() }
    }
}
