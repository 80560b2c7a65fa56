import CohortData
import Foundation
import Testing
import TestSupport
@testable import Signatures

/// ssGSEA against R GSVA 1.46.0 itself (`Tests/Fixtures/signatures_scoring/generate_gsva.R`, R 4.2.2 from
/// Debian), on the matrices of `scoring_reference.json`: the synthetic matrix without ties, and the tie matrix
/// (repeated values and one gene constant across samples), where GSVA's integer ranks and constant-gene filter
/// differ from gseapy and are reproduced by ``SSGSEA/Configuration/gsvaCompatible``.
@Suite("ssGSEA vs R GSVA")
struct GSVAAgreementTests {
    struct GSVA: Decodable {
        var versions: [String: String]
        var ssgsea: [[Double]]
        var ssgsea_norm: [[Double]]
        var ties_ssgsea: [[Double]]
    }

    @Test("equals GSVA's ssGSEA to 1e-10, normalised or not, and on tied values with gsvaCompatible")
    func agreesWithGSVA() throws {
        let (ref, block) = try ScoringAgreementTests.load()
        let gsva = try JSONDecoder().decode(GSVA.self, from: Fixtures.data("signatures_scoring/gsva_reference.json"))
        #expect(gsva.versions["GSVA"] == "1.46.0")
        let plain = SSGSEA.scores(block, geneSets: ref.sets)
        #expect(ScoringAgreementTests.maxDifference(plain, gsva.ssgsea) < 1e-10)
        let normalised = SSGSEA.scores(block, geneSets: ref.sets, configuration: .init(normalizeCohort: true))
        #expect(ScoringAgreementTests.maxDifference(normalised, gsva.ssgsea_norm) < 1e-10)
        // No ties: the compatibility mode changes nothing.
        let compatible = SSGSEA.scores(block, geneSets: ref.sets, configuration: .init(gsvaCompatible: true))
        #expect(ScoringAgreementTests.maxDifference(compatible, gsva.ssgsea) < 1e-10)

        let t = ref.ties
        let tied = ExpressionBlock(genes: (0..<t.genes).map { "T\($0)" }, sampleIDs: (0..<t.samples).map { "S\($0)" },
                                   unit: .log2TPM, geneMajorValues: t.matrix)
        let gsvaTied = SSGSEA.scores(tied, geneSets: t.sets, configuration: .init(gsvaCompatible: true))
        #expect(ScoringAgreementTests.maxDifference(gsvaTied, gsva.ties_ssgsea) < 1e-10)
        // ...and the default (average ranks, all genes) is gseapy's answer, which GSVA's differs from here.
        let defaultTied = SSGSEA.scores(tied, geneSets: t.sets)
        #expect(ScoringAgreementTests.maxDifference(defaultTied, gsva.ties_ssgsea) > 1e-3)
        #expect(ScoringAgreementTests.maxDifference(defaultTied, t.ssgsea) < 1e-10)
    }
}
