import Foundation
import TestSupport

/// The reference values of `Tests/Fixtures/discovery/discovery.json` (written by generate_discovery.py).
enum Reference {
    nonisolated(unsafe) static let json: [String: Any] = {
        let data = try! Fixtures.data("discovery/discovery.json")
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()

    static func dict(_ value: Any?) -> [String: Any] { value as! [String: Any] }
    static func doubles(_ value: Any?) -> [Double] { (value as! [Any]).map { ($0 as! NSNumber).doubleValue } }
    static func double(_ value: Any?) -> Double { (value as! NSNumber).doubleValue }
    static func strings(_ value: Any?) -> [String] { value as! [String] }
    static func bools(_ value: Any?) -> [Bool] { doubles(value).map { $0 != 0 } }
}

/// |a − b| ≤ tol · max(1, |b|).
func close(_ a: Double, _ b: Double, _ tol: Double) -> Bool {
    abs(a - b) <= tol * max(1, abs(b))
}
