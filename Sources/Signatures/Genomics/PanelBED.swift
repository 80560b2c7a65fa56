import CohortData
import Foundation

/// The territory of a sequencing panel, read from a BED file.
///
/// Format (UCSC BED, https://genome.ucsc.edu/FAQ/FAQformat.html#format1): one interval per line,
/// tab- or space-separated, fields `chrom`, `chromStart` (0-based), `chromEnd` (exclusive), then
/// optional fields that are ignored. Blank lines and lines starting with `#`, `track` or `browser` are
/// skipped. The territory is the total length of the intervals after merging overlapping or touching
/// intervals on the same chromosome (so a capture kit listing overlapping baits is not counted twice):
///
///     territory (Mb) = Σ_merged (end − start) / 10⁶
///
/// Rejected with a ``CohortDataError`` naming the file, line and column: fewer than three fields
/// (`raggedRow`), a start or end that is not a non-negative integer (`nonNumericValue`), an end before
/// the start (`invalidValue`), and a file with no interval (`emptyFile`).
///
/// - Complexity: O(lines + intervals log intervals).
public struct PanelBED: Sendable, Hashable {
    public struct Interval: Sendable, Hashable {
        public var chromosome: String
        public var start: Int
        public var end: Int
    }

    /// The intervals as read, in file order.
    public var intervals: [Interval]

    public init(intervals: [Interval]) { self.intervals = intervals }

    /// Reads a BED file.
    public static func read(_ url: URL) throws -> PanelBED {
        let name = url.path
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CohortDataError(.fileNotFound, file: name, expected: "a readable BED file")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: name)
    }

    /// Parses BED text; `file` names the source in errors.
    public static func parse(_ text: String, file: String = "BED") throws -> PanelBED {
        var intervals: [Interval] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("track") || trimmed.hasPrefix("browser") { continue }
            let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
            guard fields.count >= 3 else {
                throw CohortDataError(.raggedRow, file: file, line: lineNumber,
                                      expected: "at least 3 fields (chrom, chromStart, chromEnd), found \(fields.count)")
            }
            func coordinate(_ i: Int, _ column: String) throws -> Int {
                guard let v = Int(fields[i]), v >= 0 else {
                    throw CohortDataError(.nonNumericValue, file: file, line: lineNumber, column: column,
                                          expected: "a non-negative integer position", value: String(fields[i]))
                }
                return v
            }
            let start = try coordinate(1, "chromStart")
            let end = try coordinate(2, "chromEnd")
            guard end >= start else {
                throw CohortDataError(.invalidValue, file: file, line: lineNumber, column: "chromEnd",
                                      expected: "chromEnd no smaller than chromStart (\(start))", value: String(end))
            }
            intervals.append(Interval(chromosome: String(fields[0]), start: start, end: end))
        }
        guard !intervals.isEmpty else {
            throw CohortDataError(.emptyFile, file: file, expected: "at least one interval (chrom, chromStart, chromEnd)")
        }
        return PanelBED(intervals: intervals)
    }

    /// Total length in bases of the merged intervals.
    public var territoryBases: Int {
        var byChromosome: [String: [Interval]] = [:]
        for i in intervals { byChromosome[i.chromosome, default: []].append(i) }
        var total = 0
        for (_, list) in byChromosome {
            let sorted = list.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
            var currentStart = sorted[0].start, currentEnd = sorted[0].end
            for i in sorted.dropFirst() {
                if i.start <= currentEnd {
                    currentEnd = max(currentEnd, i.end)
                } else {
                    total += currentEnd - currentStart
                    currentStart = i.start
                    currentEnd = i.end
                }
            }
            total += currentEnd - currentStart
        }
        return total
    }

    /// Territory in megabases (bases / 10⁶).
    public var territoryMb: Double { Double(territoryBases) / 1e6 }
}
