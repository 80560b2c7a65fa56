import Foundation
import TestSupport

/// The reference values of `Tests/Fixtures/treatment_policy/policy_reference.json` (written by
/// generate_policy.py: NumPy transcriptions of grf's RATE, AIPW scores, off-policy values and the regimen rule).
enum PolicyReference {
    nonisolated(unsafe) static let json: [String: Any] = {
        let data = try! Fixtures.data("treatment_policy/policy_reference.json")
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()

    static func dict(_ value: Any?) -> [String: Any] { value as! [String: Any] }
    static func list(_ value: Any?) -> [[String: Any]] { value as! [[String: Any]] }
    static func doubles(_ value: Any?) -> [Double] { (value as! [Any]).map { ($0 as! NSNumber).doubleValue } }
    static func ints(_ value: Any?) -> [Int] { (value as! [Any]).map { ($0 as! NSNumber).intValue } }
    static func matrix(_ value: Any?) -> [[Double]] { (value as! [Any]).map { doubles($0) } }
    static func double(_ value: Any?) -> Double { (value as! NSNumber).doubleValue }
}

/// |a − b| ≤ tol · max(1, |b|).
func policyClose(_ a: Double, _ b: Double, _ tol: Double) -> Bool {
    abs(a - b) <= tol * max(1, abs(b))
}

/// The largest |a − b| / max(1, |b|) over two arrays (∞ on a length mismatch).
func policyMaxError(_ a: [Double], _ b: [Double]) -> Double {
    guard a.count == b.count else { return .infinity }
    return zip(a, b).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
}
