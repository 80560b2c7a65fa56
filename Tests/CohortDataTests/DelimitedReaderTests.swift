import Foundation
import Testing
import TestSupport
@testable import CohortData

@Suite("Delimited reader")
struct DelimitedReaderTests {
    /// Reads every record of `text` with a small chunk size, so records cross buffer boundaries.
    func records(_ text: String, format: DelimitedFormat = .tsv, chunk: Int = 7) throws -> [[String]] {
        let reader = DelimitedReader(source: MemoryByteSource(text), name: "t.tsv", format: format, chunkSize: chunk)
        var out: [[String]] = []
        while try reader.next() { out.append(reader.strings()) }
        return out
    }

    @Test("tabs, CRLF, BOM and blank lines")
    func basics() throws {
        let text = "\u{FEFF}id\tvalue\r\nA\t1.5\r\n\r\nB\t\r\n"
        #expect(try records(text) == [["id", "value"], ["A", "1.5"], ["B", ""]])
    }

    @Test("RFC 4180 quoting: delimiters, doubled quotes and line breaks inside quotes")
    func quoting() throws {
        let text = "a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\"\n"
        #expect(try records(text, format: .csv) == [["a", "b", "c"], ["x,y", "say \"hi\"", "two\nlines"]])
    }

    @Test("a quote inside an unquoted field is data")
    func strayQuote() throws {
        #expect(try records("a\tb\n12\" tumour\tx\n") == [["a", "b"], ["12\" tumour", "x"]])
    }

    @Test("line numbers count physical lines, including quoted line breaks and skipped lines")
    func lineNumbers() throws {
        let reader = DelimitedReader(source: MemoryByteSource("# meta\nh\n\"a\nb\"\n\nc\n"), name: "t",
                                     format: DelimitedFormat(commentPrefix: UInt8(ascii: "#")), chunkSize: 4)
        var lines: [Int] = []
        while try reader.next() { lines.append(reader.lineNumber) }
        #expect(lines == [2, 3, 6])
    }

    @Test("missing final newline and trailing delimiter")
    func trailing() throws {
        #expect(try records("a\tb\n1\t") == [["a", "b"], ["1", ""]])
        #expect(try records("a\tb\n1\t2") == [["a", "b"], ["1", "2"]])
    }

    @Test("an unterminated quote is an error naming the line")
    func unterminatedQuote() throws {
        let error = try #require(throws: CohortDataError.self) { try records("a\n\"open\n") }
        #expect(error.line == 2)
        #expect(error.kind == .raggedRow)
    }

    @Test("a record longer than the buffer grows it")
    func longRecord() throws {
        let long = String(repeating: "x", count: 5000)
        #expect(try records("h\n\(long)\n", chunk: 16) == [["h"], [long]])
    }

    @Test("gzip input is decompressed, multi-member streams are concatenated")
    func gzip() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let part1 = try GzipCompression.compress(Array("gene\tS1\nA\t1\n".utf8))
        let part2 = try GzipCompression.compress(Array("B\t2\n".utf8))
        let url = dir.file("m.tsv.gz")
        try (part1 + part2).write(to: url)
        let reader = try DelimitedReader(url: url)
        var rows: [[String]] = []
        while try reader.next() { rows.append(reader.strings()) }
        #expect(rows == [["gene", "S1"], ["A", "1"], ["B", "2"]])
    }

    @Test("truncated gzip is an error, not a short table")
    func truncatedGzip() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let text = (0..<2000).map { "G\($0)\t\(Double($0) * 0.37)" }.joined(separator: "\n")
        let full = try GzipCompression.compress(Array(("gene\tS1\n" + text).utf8))
        let url = dir.file("cut.tsv.gz")
        try full.prefix(full.count / 2).write(to: url)
        let error = try #require(throws: CohortDataError.self) {
            _ = try ExpressionMatrixReader.read(url, options: .init(unit: .log2TPM))
        }
        #expect(error.kind == .truncatedCompressedFile)
        #expect(error.file == url.path)
        // The decoded part is read first, so the error points into the file, past the header.
        #expect((error.line ?? 0) > 2)
    }
}

@Suite("Number parser")
struct NumberParserTests {
    func parse(_ s: String) -> Double? { NumberParser.parseDouble(s) }

    @Test("agrees with the correctly rounded strtod on many decimals")
    func agreesWithStrtod() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let value = Double(bitPattern: generator.next() >> 2) // positive finite doubles of every magnitude
            for text in [String(value), String(format: "%.5f", value), String(format: "%.12e", value)] {
                #expect(parse(text) == strtod(text, nil), "\(text)")
            }
        }
        for text in ["0", "-0.0", "1e-7", "1E+07", ".5", "3.", "-2.5e-3", "123456789012345678901234", "4.18776",
                     "-9.96578", "0.000123", "1.7976931348623157e308", "5e-324", "+7"] {
            #expect(parse(text) == strtod(text, nil), "\(text)")
        }
    }

    @Test("rejects what is not entirely a number")
    func rejects() {
        for text in ["", "abc", "1,5", "1.2.3", "0x1p3", "1e", "--1", "12a", "NA", "e5"] {
            #expect(parse(text) == nil, "\(text)")
        }
        #expect(parse("inf") == .infinity)
        #expect(parse(" 42 ") == 42)
    }
}

@Suite("Number formatting")
struct NumberFormattingTests {
    @Test("short forms for integers and short decimals")
    func shortForms() {
        #expect(NumberFormatting.string(3) == "3")
        #expect(NumberFormatting.string(-4.1877) == "-4.1877")
        #expect(NumberFormatting.string(0.5) == "0.5")
        #expect(NumberFormatting.string(-9.96578) == "-9.96578")
        #expect(NumberFormatting.string(1e-7) == "1e-07")
        #expect(NumberFormatting.string(.nan) == "NA")
    }

    @Test("every value reads back exactly")
    func roundTrip() {
        var generator = SystemRandomNumberGenerator()
        for k in 0..<50_000 {
            let raw = Double(bitPattern: generator.next() >> 2) * (k % 2 == 0 ? 1 : -1)
            let decimals = (Double(Int64.random(in: -9_999_999...9_999_999, using: &generator)) / 10_000)
            for value in [raw, decimals, decimals / 100, (decimals * 1e6).rounded() / 1e6] where value.isFinite {
                let text = NumberFormatting.string(value)
                #expect(NumberParser.parseDouble(text) == value, "\(value) → \(text)")
            }
        }
    }
}
