import Evaluation
import Foundation
import Testing
import TestSupport

/// DeLong's AUC variance, confidence interval and paired test against R pROC 1.18.0 itself
/// (`Tests/Fixtures/evaluation_R/generate_proc.R`, R 4.2.2), on the labels and scores of the binary fixture.
@Suite("DeLong vs R pROC")
struct PROCAgreementTests {
    struct PROC: Decodable {
        var versions: [String: String]
        var auc, variance, lower, upper, auc2: Double
        var paired_z, paired_p, paired_lower, paired_upper: Double
    }

    @Test("AUC, DeLong variance and 95% CI, and the paired DeLong test equal pROC")
    func agreesWithPROC() throws {
        let binary = try ReferenceValues.load().section("binary")
        let labels = binary.bools("labels"), p1 = binary.doubles("p1"), p2 = binary.doubles("p2")
        let r = try JSONDecoder().decode(PROC.self, from: Fixtures.data("evaluation_R/proc_reference.json"))
        #expect(r.versions["pROC"] == "1.18.0")
        let auc = try AreaUnderROC(scores: p1, labels: labels)
        #expect(close(auc.estimate, r.auc, 1e-12))
        #expect(close(auc.variance, r.variance, 1e-12))
        #expect(close(auc.lower, r.lower, 1e-12))
        #expect(close(auc.upper, r.upper, 1e-12))
        #expect(close(try AreaUnderROC.auc(scores: p2, labels: labels), r.auc2, 1e-12))
        let test = try DeLongTest(first: p1, second: p2, labels: labels)
        #expect(close(test.z, r.paired_z, 1e-10))
        #expect(close(test.pValue, r.paired_p, 1e-10))
        #expect(close(test.lower, r.paired_lower, 1e-10))
        #expect(close(test.upper, r.paired_upper, 1e-10))
    }
}
