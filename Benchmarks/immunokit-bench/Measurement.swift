import Foundation

/// A field of /proc/self/status in bytes (Linux): VmHWM is the peak resident set of this process
/// image (unlike getrusage's ru_maxrss, it is not inherited across exec), VmRSS the current one.
func procStatus(_ field: String) -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
        let digits = line.split(separator: " ").first { Int($0) != nil }
        return (digits.flatMap { Int($0) } ?? 0) * 1024
    }
    return 0
}

func peakResidentBytes() -> Int { procStatus("VmHWM") }

/// Seconds taken by `body`.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

struct BenchmarkUsage: Error, CustomStringConvertible {
    var description: String
}

/// The value that follows `flag` in `arguments` ("--dir DIR" → "DIR"), if any.
func optionValue(_ flag: String, in arguments: [String]) -> String? {
    guard let i = arguments.firstIndex(of: flag), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}
