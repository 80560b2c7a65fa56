import Foundation
import Learning
import TestSupport
@testable import Treatment

/// The reference values of `Tests/Fixtures/treatment_effects/treatment_effects.json`
/// (written by generate_treatment_effects.py: scikit-learn, lifelines, EconML).
enum TreatmentReference {
    nonisolated(unsafe) static let json: [String: Any] = {
        let data = try! Fixtures.data("treatment_effects/treatment_effects.json")
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()

    static func section(_ name: String) -> [String: Any] { json[name] as! [String: Any] }
    static func doubles(_ value: Any?) -> [Double] {
        (value as! [Any]).map { ($0 as? NSNumber)?.doubleValue ?? .nan }
    }
    static func matrix(_ value: Any?) -> [[Double]] { (value as! [Any]).map { doubles($0) } }
    static func ints(_ value: Any?) -> [Int] { doubles(value).map { Int($0) } }
    static func double(_ value: Any?) -> Double { (value as! NSNumber).doubleValue }

    /// Largest |a − b| / max(1, |b|).
    static func maxRelativeError(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count, "lengths differ")
        return zip(a, b).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
    }

    /// Covariates named x0, x1, … from columns.
    static func features(_ columns: [[Double]]) -> FeatureMatrix {
        FeatureMatrix(names: columns.indices.map { "x\($0)" }, columns: columns)
    }
}
