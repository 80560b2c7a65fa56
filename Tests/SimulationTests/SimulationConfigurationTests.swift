import Foundation
import Simulation
import Testing

@Suite("SimulationConfiguration")
struct SimulationConfigurationTests {
    @Test("the defaults are valid")
    func defaultsValid() throws {
        try SimulationConfiguration().validate()
        let c = SimulationConfiguration()
        #expect(c.patientCount == 600 && c.siteCount == 4 && c.seed == 42)
    }

    static let badValues: [(String, @Sendable (inout SimulationConfiguration) -> Void, String)] = [
        ("patientCount", { $0.patientCount = 0 }, "0"),
        ("siteCount", { $0.siteCount = 0 }, "0"),
        ("batchEffectSize", { $0.batchEffectSize = -1 }, "-1"),
        ("missingExpressionFraction", { $0.missingExpressionFraction = 1.5 }, "1.5"),
        ("missingLabFraction", { $0.missingLabFraction = .nan }, "nan"),
        ("expressionGeneCount", { $0.expressionGeneCount = 10 }, "10"),
        ("embeddingDimension", { $0.embeddingDimension = 0 }, "0"),
        ("panelSizeMb", { $0.panelSizeMb = 0 }, "0"),
        ("dropoutRatePerYear", { $0.dropoutRatePerYear = .infinity }, "inf"),
        ("cancerTypeMix[melanoma]", { $0.cancerTypeMix[.melanoma] = -0.2 }, "-0.2"),
        ("cancerTypeMix", { $0.cancerTypeMix = [:] }, "0"),
        ("cancerTypeProfiles[nsclc].tmbMedian", { $0.cancerTypeProfiles[.nsclc]!.tmbMedian = 0 }, "0"),
        ("cancerTypeProfiles[renal].objectiveResponseRate.anti_pd1_pdl1",
         { $0.cancerTypeProfiles[.renal]!.objectiveResponseRate.antiPD1PDL1 = 1 }, "1"),
        ("cancerTypeProfiles[melanoma].overallSurvivalHazardRatio.chemotherapy",
         { $0.cancerTypeProfiles[.melanoma]!.overallSurvivalHazardRatio.chemotherapy = 0.8 }, "0.8"),
        ("cancerTypeProfiles[hnscc]", { $0.cancerTypeProfiles[.hnscc] = nil }, "missing"),
        ("treatmentEffects.biomarkerInteractionScale", { $0.treatmentEffects.biomarkerInteractionScale = -1 }, "-1"),
        ("treatmentEffects.responseSurvivalCorrelation", { $0.treatmentEffects.responseSurvivalCorrelation = 1 }, "1"),
    ]

    @Test("validation names the parameter, the bad value and the fix", arguments: badValues.indices)
    func rejectsBadValues(_ index: Int) {
        let (parameter, mutate, value) = Self.badValues[index]
        var configuration = SimulationConfiguration()
        mutate(&configuration)
        do {
            try configuration.validate()
            Issue.record("\(parameter): expected a validation error")
        } catch let error as SimulationConfigurationError {
            #expect(error.parameter == parameter)
            #expect(error.value.hasPrefix(value), "value \(error.value)")
            #expect(error.description.contains(parameter))
            #expect(error.description.contains("set") || error.description.contains("give") || error.description.contains("add"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
        #expect(throws: SimulationConfigurationError.self) { try CohortSimulator(configuration) }
    }

    @Test("a zero-weight type needs no profile; the type never appears")
    func zeroWeightType() throws {
        var configuration = SimulationConfiguration(patientCount: 300)
        configuration.cancerTypeMix = [.melanoma: 1, .renal: 0]
        configuration.cancerTypeProfiles = [.melanoma: .literature(.melanoma)]
        let simulated = try CohortSimulator.simulate(configuration)
        #expect(simulated.truth.patients.allSatisfy { $0.cancerType == .melanoma })
    }

    @Test("JSON round trip, and partial JSON keeps defaults")
    func codable() throws {
        var configuration = SimulationConfiguration(patientCount: 123, seed: 9)
        configuration.treatmentEffects.tmbLogOddsPerDoubling = 0.5
        configuration.cancerTypeMix[.hnscc] = 0
        let data = try JSONEncoder().encode(configuration)
        #expect(try JSONDecoder().decode(SimulationConfiguration.self, from: data) == configuration)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"melanoma\""))  // type-keyed dictionaries are JSON objects
        let partial = try JSONDecoder().decode(
            SimulationConfiguration.self,
            from: Data(#"{"patientCount": 50, "treatmentEffects": {"iciMainEffectScale": 0}}"#.utf8))
        var expected = SimulationConfiguration()
        expected.patientCount = 50
        expected.treatmentEffects.iciMainEffectScale = 0
        #expect(partial == expected)
    }

    @Test("the gene panel uses unique real symbols and covers the signature genes")
    func genePanel() {
        let genes = GenePanel.genes(count: GenePanel.maximumGeneCount).map(\.symbol)
        #expect(Set(genes).count == genes.count)
        for symbol in ["CD8A", "CD8B", "GZMA", "GZMB", "PRF1", "IFNG", "CXCL9", "CXCL10", "CXCL13", "STAT1", "IDO1",
                       "LAG3", "PDCD1", "CD274", "PDCD1LG2", "CTLA4", "TIGIT", "HLA-DRA", "HLA-A", "B2M", "CD3E",
                       "MS4A1", "CD19", "TGFB1", "TGFBR2", "ACTA2", "COL1A1", "COL4A1", "FAP", "POSTN", "CD68",
                       "CD163", "CSF1R", "ITGAM", "S100A8", "MKI67", "TOP2A", "CCNB1", "ACTB", "GAPDH", "ABCF1", "G6PD"] {
            #expect(genes.prefix(GenePanel.minimumGeneCount).contains(symbol), "\(symbol) missing from the core panel")
        }
        #expect(GenePanel.minimumGeneCount >= 200 && GenePanel.maximumGeneCount <= 600)
        #expect(GenePanel.geneSets["t_cell_inflamed"]?.contains("CD8A") == true)
    }
}
