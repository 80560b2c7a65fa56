import Foundation
import TestSupport

/// The reference values of `Tests/Fixtures/dosing/dosing.json` (written by generate_dosing.py).
enum Reference {
    nonisolated(unsafe) static let json: [String: Any] = {
        let data = try! Fixtures.data("dosing/dosing.json")
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()

    static func dict(_ value: Any?) -> [String: Any] { value as! [String: Any] }
    static func doubles(_ value: Any?) -> [Double] { (value as! [Any]).map { ($0 as! NSNumber).doubleValue } }
    static func double(_ value: Any?) -> Double { (value as! NSNumber).doubleValue }
    static func matrix(_ value: Any?) -> [[Double]] { (value as! [Any]).map(doubles) }
}

/// The largest |a − b| / max(|b|, floor) over paired values.
func maxRelativeError(_ a: [Double], _ b: [Double], floor: Double = 1e-12) -> Double {
    precondition(a.count == b.count, "maxRelativeError: \(a.count) vs \(b.count) values")
    return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1) / max(abs($1.1), floor)) }
}
