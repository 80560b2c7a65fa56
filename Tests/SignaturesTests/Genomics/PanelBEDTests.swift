import CohortData
import Foundation
import Testing
import TestSupport
@testable import Signatures

@Suite("Panel BED")
struct PanelBEDTests {
    @Test func mergesOverlappingAndTouchingIntervals() throws {
        let bed = try PanelBED.parse("""
            track name=panel
            # comment
            chr1\t100\t200\tEXON1
            chr1\t150\t250
            chr1\t250\t300
            chr1\t1000\t1100
            chr2 0 50

            """, file: "panel.bed")
        // chr1: [100, 300) = 200 + [1000, 1100) = 100; chr2: 50.
        #expect(bed.territoryBases == 350)
        #expect(bed.territoryMb == 350e-6)
        #expect(bed.intervals.count == 5)
    }

    @Test func errorsNameFileLineAndColumn() throws {
        func failure(_ text: String) -> CohortDataError? {
            do { _ = try PanelBED.parse(text, file: "panel.bed"); return nil } catch let e as CohortDataError { return e } catch { return nil }
        }
        let short = try #require(failure("chr1\t1\t10\nchr1\t5\n"))
        #expect(short.kind == .raggedRow && short.line == 2 && short.file == "panel.bed")
        let text = try #require(failure("chr1\t1\t10\nchr1\tx\t10\n"))
        #expect(text.kind == .nonNumericValue && text.line == 2 && text.column == "chromStart")
        #expect(!text.description.contains("\"x\""))   // the value is hidden by default
        let reversed = try #require(failure("chr1\t50\t10\n"))
        #expect(reversed.kind == .invalidValue && reversed.line == 1 && reversed.column == "chromEnd")
        let negative = try #require(failure("chr1\t-5\t10\n"))
        #expect(negative.kind == .nonNumericValue && negative.column == "chromStart")
        let empty = try #require(failure("# nothing\n"))
        #expect(empty.kind == .emptyFile)
    }

    @Test func readsFromDisk() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("p.bed", "chr1\t0\t1000000\nchr2\t0\t220000\n")
        #expect(try PanelBED.read(url).territoryMb == 1.22)
        #expect(throws: CohortDataError.self) { _ = try PanelBED.read(dir.file("missing.bed")) }
    }
}
