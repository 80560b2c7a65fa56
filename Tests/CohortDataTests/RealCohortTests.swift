import Foundation
import Testing
import TestSupport
@testable import CohortData

/// Loads the real public cohorts of `../shared/data/cohorts` and checks the counts stated in each
/// folder's SOURCE.md. Runs whenever the data are present, and fails (not skips) when
/// `IMMUNOKIT_REQUIRE_REAL_DATA=1` and they are missing.
@Suite("Real cohorts", .enabled(if: SharedData.shouldRun("cohorts")))
struct RealCohortTests {
    struct Expected: Sendable, CustomStringConvertible {
        var folder: String
        var patients: Int
        var responders: Int?
        var nonResponders: Int?
        var genes: Int?
        var samples: Int?
        var osEvents: Int?
        var osComplete: Int?
        var pfsEvents: Int?
        var description: String { folder }
    }

    /// Numbers from each folder's SOURCE.md ("Content summary").
    static let orcestra: [Expected] = [
        Expected(folder: "riaz2017", patients: 46, responders: 9, nonResponders: 21, genes: 19_961, samples: 46,
                 osEvents: 30, osComplete: 46, pfsEvents: 0),
        Expected(folder: "gide2019", patients: 41, responders: 19, nonResponders: 19, genes: 19_961, samples: 41,
                 osEvents: 24, osComplete: 41, pfsEvents: 29),
        Expected(folder: "vanallen2015", patients: 42, responders: 9, nonResponders: 30, genes: 20_242, samples: 42,
                 osEvents: 29, osComplete: 42, pfsEvents: 36),
        Expected(folder: "hwang2020", patients: 21, responders: 3, nonResponders: 13, osEvents: 14, osComplete: 21, pfsEvents: 18),
        Expected(folder: "jerbyarnon2018", patients: 112, responders: 43, nonResponders: 53, osEvents: 0, pfsEvents: 72),
        Expected(folder: "mariathasan2018", patients: 67, responders: 15, nonResponders: 30, osEvents: 45, osComplete: 67),
        Expected(folder: "miao2018", patients: 33, responders: 10, nonResponders: 18, osEvents: 23, osComplete: 33, pfsEvents: 8),
        Expected(folder: "nathanson2017", patients: 24, responders: 10, nonResponders: 14, osEvents: 16, osComplete: 24),
        Expected(folder: "padron2022", patients: 45, responders: 3, nonResponders: 20, osEvents: 34, osComplete: 45, pfsEvents: 39),
        Expected(folder: "roh2017", patients: 16, responders: 4, nonResponders: 11, osEvents: 5, osComplete: 16),
        // SOURCE.md counts 9 PFS events; one of them has no PFS time, so 8 are usable.
        Expected(folder: "zhao2019", patients: 17, responders: 10, nonResponders: 7, osEvents: 9, osComplete: 17, pfsEvents: 8),
    ]

    @Test("ORCESTRA folders load with the published counts", arguments: orcestra)
    func orcestraCohort(_ expected: Expected) throws {
        let url = try SharedData.require("cohorts/\(expected.folder)")
        #expect(try CohortReader.detect(url) == .orcestra)
        let cohort = try CohortReader.read(url)
        #expect(cohort.patientCount == expected.patients)
        if let r = expected.responders { #expect(cohort.outcomes.response?.positiveCount == r) }
        if let nr = expected.nonResponders { #expect(cohort.outcomes.response?.negativeCount == nr) }
        if let genes = expected.genes { #expect(cohort.expression?.geneCount == genes) }
        if let samples = expected.samples { #expect(cohort.expression?.sampleCount == samples) }
        if let events = expected.osEvents { #expect((cohort.outcomes.overallSurvival?.eventCount ?? 0) == events) }
        if let complete = expected.osComplete { #expect(cohort.outcomes.overallSurvival?.completeCount == complete) }
        if expected.pfsEvents == 0 { #expect(cohort.outcomes.progressionFreeSurvival == nil) }
        if let events = expected.pfsEvents { #expect((cohort.outcomes.progressionFreeSurvival?.eventCount ?? 0) == events) }
        if expected.osComplete != nil { #expect(cohort.outcomes.overallSurvival?.unit == .months) }
    }

    @Test("Riaz expression is log2(TPM + 0.001) with the documented minimum")
    func riazExpressionValues() throws {
        let cohort = try CohortReader.read(try SharedData.require("cohorts/riaz2017"))
        let expression = try #require(cohort.expression)
        #expect(expression.unit == .log2TPM)
        #expect(abs((expression.values.min() ?? 0) - -9.96578) < 1e-9)
        let tspan6 = try #require(expression.geneIndex["TSPAN6"])
        // First data line of expr_log2tpm.tsv.gz: TSPAN6, sample Pt23 = 4.18776.
        let pt23 = try #require(expression.sampleIDs.firstIndex(of: "Pt23"))
        #expect(expression.value(gene: tspan6, sample: pt23) == 4.18776)
        // RECIST is kept alongside the derived response: CR 3, PR 6, SD 14, PD 21.
        let recist = try #require(cohort.outcomes.bestOverallResponse)
        #expect(recist.filter { $0 == .completeResponse }.count == 3)
        #expect(recist.filter { $0 == .progressiveDisease }.count == 21)
    }

    @Test("Hugo 2016 (PredictioR small object) reads as a table with a mapping naming its expression file")
    func hugoWithMapping() throws {
        let folder = try SharedData.require("cohorts/hugo2016/predictior")
        var mapping = CohortMapping.orcestra
        mapping.expression = .init(file: "expr_all27_1801genes_log2tpm.tsv.gz", unit: .log2TPM)
        mapping.progressionFreeSurvival = nil
        let cohort = try CohortReader.read(folder.appendingPathComponent("clinical_all27.tsv"), mapping: mapping, name: "hugo2016")
        // SOURCE.md: 27 patients, response R 14 / NR 13, 1,801 genes; Pt8 has no OS time.
        #expect(cohort.patientCount == 27)
        #expect(cohort.outcomes.response?.positiveCount == 14)
        #expect(cohort.outcomes.response?.negativeCount == 13)
        #expect(cohort.expression?.geneCount == 1_801)
        #expect(cohort.expression?.sampleCount == 27)
        #expect(cohort.outcomes.overallSurvival?.completeCount == 26)
    }

    @Test("MSK Chowell training table: 964 patients, 282 responders")
    func mskChowell() throws {
        let url = try SharedData.require("cohorts/msk_chowell_train/Chowell_train.csv")
        #expect(try CohortReader.detect(url) == .mskChowell)
        let cohort = try CohortReader.read(url)
        #expect(cohort.patientCount == 964)
        #expect(cohort.outcomes.response?.positiveCount == 282)
        #expect(cohort.outcomes.response?.negativeCount == 682)
        let cancer = try #require(cohort.column("CancerType"))
        guard case .categorical(let types) = cancer.values else { Issue.record("CancerType not categorical"); return }
        #expect(types.filter { $0 == "NSCLC" }.count == 331)
        #expect(types.filter { $0 == "Melanoma" }.count == 152)
        #expect(cohort.column("Albumin")?.unit == "g/dL")
        #expect(cohort.column("CancerType1") == nil)   // one-hot duplicates dropped
        #expect(cohort.treatment.priorSystemicTherapy.contains { $0 == true })
    }

    @Test("MSK non-ICI table: 841 patients, OS only, non-ICI treatment")
    func mskNonICI() throws {
        let url = try SharedData.require("cohorts/msk_nonici/MSK_nonICB.csv")
        #expect(try CohortReader.detect(url) == .mskNonICI)
        let cohort = try CohortReader.read(url)
        #expect(cohort.patientCount == 841)
        #expect(cohort.outcomes.response == nil)
        #expect(cohort.outcomes.overallSurvival?.completeCount == 841)
        #expect(cohort.treatment.drugClass.allSatisfy { $0 == .otherNonICI })
    }
}
