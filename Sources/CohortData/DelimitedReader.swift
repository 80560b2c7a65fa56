import Foundation

/// A streaming reader of delimited text (TSV, CSV; plain or gzip): one record at a time, fields as
/// byte ranges into an internal buffer, so that reading a 20,000 × 1,000 matrix allocates nothing per
/// field.
///
/// ```swift
/// let reader = try DelimitedReader(url: url)
/// while try reader.next() {
///     let id = reader.string(0)
///     let value = try reader.double(3, column: "age")
/// }
/// ```
///
/// Fields of the current record stay valid until the next call to ``next()``. Quoting follows
/// ``DelimitedFormat``. Line numbers are 1-based physical lines of the (decompressed) file, counting
/// skipped comment and blank lines, so that error messages point where an editor would.
public final class DelimitedReader {
    public let format: DelimitedFormat
    /// The file name used in error messages.
    public let name: String
    private let source: any ByteSource

    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var end = 0              // valid bytes in buffer
    private var position = 0         // start of the next record
    private var sourceEnded = false
    private var atFileStart = true
    private var physicalLine = 1     // line at `position`

    private var fieldStarts: [Int] = []
    private var fieldLengths: [Int] = []
    /// 1-based line on which the current record starts.
    public private(set) var lineNumber = 0

    public convenience init(url: URL, format: DelimitedFormat? = nil) throws {
        try self.init(source: openByteSource(url), name: url.path, format: format ?? .guess(for: url))
    }

    public init(source: any ByteSource, name: String, format: DelimitedFormat = .tsv, chunkSize: Int = 1 << 20) {
        self.source = source
        self.name = name
        self.format = format
        capacity = chunkSize
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    /// Number of fields in the current record.
    public var fieldCount: Int { fieldStarts.count }

    /// Advances to the next record; `false` at the end of the input. Skips blank lines and, when the
    /// format says so, comment lines.
    public func next() throws -> Bool {
        while true {
            guard let recordEnd = try findRecordEnd() else { return false }
            let (contentEnd, lines) = recordEnd
            lineNumber = physicalLine
            let start = position
            position = min(contentEnd.next, end)
            physicalLine += lines
            var stop = contentEnd.content
            if stop > start, buffer[stop - 1] == 0x0D { stop -= 1 }   // CRLF
            if stop == start { continue }                              // blank line
            if let comment = format.commentPrefix, buffer[start] == comment { continue }
            split(start, stop)
            return true
        }
    }

    // MARK: Fields

    /// The bytes of field `index` (valid until ``next()``).
    @inlinable
    public func bytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: rawBuffer + fieldStartsValue(index), count: fieldLengthsValue(index))
    }

    @usableFromInline var rawBuffer: UnsafeMutablePointer<UInt8> { buffer }
    @usableFromInline func fieldStartsValue(_ i: Int) -> Int { fieldStarts[i] }
    @usableFromInline func fieldLengthsValue(_ i: Int) -> Int { fieldLengths[i] }

    /// Field `index` as a string (UTF-8; invalid bytes are repaired).
    public func string(_ index: Int) -> String {
        String(decoding: bytes(index), as: UTF8.self)
    }

    /// Every field of the current record as strings.
    public func strings() -> [String] { (0..<fieldCount).map(string) }

    /// Whether field `index` is one of the missing-value tokens.
    public func isMissing(_ index: Int) -> Bool {
        let b = bytes(index)
        if b.isEmpty { return true }
        if b.count > 16 { return false }
        return format.missing.isMissing(string(index))
    }

    /// Field `index` as a number; `nil` when it is a missing token. Throws ``CohortDataError`` naming
    /// file, line and `column` when the text is not a finite number.
    public func double(_ index: Int, column: @autoclosure () -> String) throws -> Double? {
        let b = bytes(index)
        if let value = NumberParser.parseDouble(b) {
            if value.isFinite { return value }
            throw CohortDataError(.nonNumericValue, file: name, line: lineNumber, column: column(),
                                  expected: "a finite number", value: string(index))
        }
        if isMissing(index) { return nil }
        throw CohortDataError(.nonNumericValue, file: name, line: lineNumber, column: column(),
                              expected: "a number or a missing-value token (NA, empty)", value: string(index))
    }

    /// An error located at the current record.
    public func error(_ kind: CohortDataError.Kind, column: String? = nil, expected: String,
                      value: String? = nil) -> CohortDataError {
        CohortDataError(kind, file: name, line: lineNumber, column: column, expected: expected, value: value)
    }

    // MARK: Scanning

    private struct RecordEnd { var content: Int; var next: Int }

    /// Finds the end of the record starting at `position`, refilling the buffer as needed.
    /// Returns the end of its content (before `\n`), the start of the next record, and the number of
    /// line breaks consumed.
    private func findRecordEnd() throws -> (RecordEnd, Int)? {
        var scan = position
        var lines = 0
        var inQuotes = false
        var fieldStart = true
        let quote = format.quote.map(Int.init) ?? -1
        let delimiter = format.delimiter
        while true {
            if atFileStart {
                try fill(minimum: 3)
                if end - position >= 3, buffer[position] == 0xEF, buffer[position + 1] == 0xBB, buffer[position + 2] == 0xBF {
                    position += 3
                    scan = position
                }
                atFileStart = false
            }
            while scan < end {
                let c = buffer[scan]
                if inQuotes {
                    if Int(c) == quote {
                        if scan + 1 >= end && !sourceEnded { break }   // need the next byte
                        if scan + 1 < end, Int(buffer[scan + 1]) == quote { scan += 2; continue }
                        inQuotes = false
                    } else if c == 0x0A {
                        lines += 1
                    }
                    scan += 1
                    continue
                }
                if c == 0x0A {
                    return (RecordEnd(content: scan, next: scan + 1), lines + 1)
                }
                if c == delimiter {
                    fieldStart = true
                } else {
                    if fieldStart, Int(c) == quote { inQuotes = true }
                    fieldStart = false
                }
                scan += 1
            }
            // Here either every byte was scanned, or the scan stopped at a quote whose meaning depends
            // on the next, unread byte; both need more input.
            if sourceEnded {
                if position >= end { return nil }
                if inQuotes {
                    throw CohortDataError(.raggedRow, file: name, line: physicalLine,
                                          expected: "a closing quote (\") before the end of the file")
                }
                return (RecordEnd(content: end, next: end), lines)
            }
            let consumed = position
            try refill()
            scan -= consumed
        }
    }

    /// Moves the unread part to the front of the buffer and reads more; grows the buffer when one
    /// record does not fit.
    private func refill() throws {
        if position > 0 {
            let remaining = end - position
            if remaining > 0 { (buffer).update(from: buffer + position, count: remaining) }
            end = remaining
            position = 0
        }
        if end == capacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = bigger
            capacity *= 2
        }
        let n: Int
        do {
            n = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
        } catch var error as CohortDataError {
            // Locate a failure of the source (a truncated gzip stream) at the record being read.
            if error.line == nil { error.line = physicalLine }
            throw error
        }
        if n == 0 { sourceEnded = true }
        end += n
    }

    private func fill(minimum: Int) throws {
        while end - position < minimum && !sourceEnded { try refill() }
    }

    /// Splits `[start, stop)` into fields, unquoting quoted fields in place.
    private func split(_ start: Int, _ stop: Int) {
        fieldStarts.removeAll(keepingCapacity: true)
        fieldLengths.removeAll(keepingCapacity: true)
        let delimiter = format.delimiter
        var i = start
        while true {
            if let quote = format.quote, i < stop, buffer[i] == quote {
                // Quoted field: copy its content left over the opening quote, collapsing "" to ".
                var read = i + 1
                var write = i
                while read < stop {
                    let c = buffer[read]
                    if c == quote {
                        if read + 1 < stop, buffer[read + 1] == quote {
                            buffer[write] = quote
                            write += 1
                            read += 2
                            continue
                        }
                        read += 1
                        break
                    }
                    buffer[write] = c
                    write += 1
                    read += 1
                }
                // Text after the closing quote up to the delimiter is kept (lenient, like R).
                while read < stop, buffer[read] != delimiter {
                    buffer[write] = buffer[read]
                    write += 1
                    read += 1
                }
                fieldStarts.append(i)
                fieldLengths.append(write - i)
                i = read
            } else {
                var j = i
                while j < stop, buffer[j] != delimiter { j += 1 }
                fieldStarts.append(i)
                fieldLengths.append(j - i)
                i = j
            }
            if i >= stop { break }
            i += 1   // skip the delimiter
            if i == stop {   // trailing delimiter: one more empty field
                fieldStarts.append(i)
                fieldLengths.append(0)
                break
            }
        }
    }
}
