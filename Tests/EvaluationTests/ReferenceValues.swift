import Foundation
import TestSupport

/// The committed reference values of `Tests/Fixtures/evaluation/evaluation.json`, written by
/// `generate_evaluation.py` (scikit-learn 1.9.1, scikit-survival 0.28.0, lifelines 0.30.3,
/// statsmodels 0.15.0; the DeLong and decision-curve references are NumPy transcriptions of the
/// published formulas in the same folder, because R's pROC and dcurves are not available).
struct ReferenceValues {
    let root: [String: Any]

    static func load() throws -> ReferenceValues {
        let data = try Fixtures.data("evaluation/evaluation.json")
        return ReferenceValues(root: try JSONSerialization.jsonObject(with: data) as! [String: Any])
    }

    func section(_ name: String) -> Section { Section(values: root[name] as! [String: Any]) }

    struct Section {
        let values: [String: Any]
        func double(_ key: String) -> Double { (values[key] as! NSNumber).doubleValue }
        func doubles(_ key: String) -> [Double] { (values[key] as! [Any]).map { ($0 as? NSNumber)?.doubleValue ?? .infinity } }
        func bools(_ key: String) -> [Bool] { (values[key] as! [Any]).map { ($0 as! NSNumber).doubleValue != 0 } }
        func matrix(_ key: String) -> [[Double]] { (values[key] as! [[Any]]).map { $0.map { ($0 as! NSNumber).doubleValue } } }
        func section(_ key: String) -> Section { Section(values: values[key] as! [String: Any]) }
        func sections(_ key: String) -> [Section] { (values[key] as! [[String: Any]]).map(Section.init) }
    }
}

/// `|a − b| ≤ tolerance`, element-wise.
func close(_ a: [Double], _ b: [Double], _ tolerance: Double) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance || ($0.isInfinite && $0 == $1) }
}

func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool { abs(a - b) <= tolerance }
