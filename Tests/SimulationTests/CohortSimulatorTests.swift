import CohortData
import Foundation
import Simulation
import Testing

@Suite("CohortSimulator")
struct CohortSimulatorTests {
    @Test("the simulated cohort passes Cohort.validate() and has every part")
    func validCohort() throws {
        let simulated = SimulationFixtures.small
        let cohort = simulated.cohort
        try cohort.validate()
        #expect(cohort.patientCount == 600)
        #expect(simulated.truth.patients.count == 600)
        #expect(simulated.truth.patients.map(\.patientID) == cohort.patientIDs)
        let expression = try #require(cohort.expression)
        #expect(expression.unit == .log2TPM)
        #expect(expression.geneCount == 350)
        #expect(expression.values.allSatisfy { $0.isFinite && $0 >= 0 })
        // About 20 % of patients have no expression.
        let missing = 1 - Double(expression.sampleCount) / 600
        #expect(missing > 0.12 && missing < 0.28)
        let mutations = try #require(cohort.mutations)
        #expect(mutations.panelSizeMb == 1.22)
        #expect(!mutations.mutations.isEmpty)
        #expect(mutations.mutations.allSatisfy { ($0.variantAlleleFraction ?? -1) > 0 && ($0.variantAlleleFraction ?? 2) <= 1 })
        #expect(cohort.embeddings.count == 1 && cohort.embeddings[0].dimension == 16)
        for name in ["site", "cancer_type", "age", "sex", "ecog", "bmi", "albumin", "nlr", "ldh",
                     "prior_systemic_therapy", "pdl1_tps", "msi_high", "hla_loh", "stage", "tmb"] {
            #expect(cohort.column(name) != nil, "missing clinical column \(name)")
        }
        #expect(cohort.treatment.drugClass.allSatisfy {
            [.antiPD1PDL1, .iciCombination, .chemotherapy, .iciChemotherapy].contains($0) })
        #expect(cohort.column("site")?.levels.count == 4)
    }

    @Test("PFS never exceeds OS; outcomes are consistent with the RECIST rule")
    func outcomeConsistency() throws {
        let cohort = SimulationFixtures.large.cohort
        let os = try #require(cohort.outcomes.overallSurvival)
        let pfs = try #require(cohort.outcomes.progressionFreeSurvival)
        #expect(os.unit == .months)
        for i in 0..<cohort.patientCount {
            let osTime = try #require(os.time[i]), pfsTime = try #require(pfs.time[i])
            #expect(pfsTime <= osTime)
            #expect(osTime >= 0)
            // A death before censoring is also a PFS event.
            if os.event[i] == true { #expect(pfs.event[i] == true) }
        }
        let recist = try #require(cohort.outcomes.bestOverallResponse)
        let response = try #require(cohort.outcomes.response)
        for (r, y) in zip(recist, response.values) {
            switch r {
            case .completeResponse?, .partialResponse?: #expect(y == true)
            case .stableDisease?, .progressiveDisease?: #expect(y == false)
            default: #expect(y == nil)
            }
        }
        // Every RECIST category occurs.
        #expect(Set(recist.compactMap { $0 }) == Set(RECIST.allCases))
    }

    @Test("same seed gives an identical cohort and truth; another seed differs")
    func determinism() throws {
        var configuration = SimulationConfiguration(patientCount: 1_500, seed: 11)
        configuration.embeddingBlockCount = 2
        let a = try CohortSimulator.simulate(configuration)
        let b = try CohortSimulator.simulate(configuration)
        #expect(a == b)
        #expect(a.truth.table() == b.truth.table())
        configuration.seed = 12
        let c = try CohortSimulator.simulate(configuration)
        #expect(a.cohort.outcomes != c.cohort.outcomes)
        #expect(a.cohort.expression?.values != c.cohort.expression?.values)
        #expect(a.truth.patients.map(\.tmb) != c.truth.patients.map(\.tmb))
    }

    @Test("a patient's draws do not depend on the cohort size or the gene count")
    func streamsAreIndependent() throws {
        var configuration = SimulationConfiguration(patientCount: 300, seed: 5)
        let small = try CohortSimulator.simulate(configuration)
        configuration.patientCount = 2_500
        configuration.expressionGeneCount = GenePanel.maximumGeneCount
        let large = try CohortSimulator.simulate(configuration)
        #expect(Array(large.truth.patients.prefix(300)) == small.truth.patients)
    }

    @Test("the truth table has one row per patient and the documented columns")
    func truthTable() {
        let table = SimulationFixtures.small.truth.table()
        #expect(table.rows.count == 600)
        for column in ["patient_id", "inflamed", "true_tmb", "propensity_chemotherapy", "p_response_anti_pd1_pdl1",
                       "effect_response_ici_combination", "effect_os_12m_anti_pd1_pdl1", "effect_os_rmst24_ici_chemotherapy",
                       "eta_os_chemotherapy", "p_death_observed"] {
            #expect(table.columns.contains(column), "truth table lacks \(column)")
        }
        #expect(Set(table.columns).count == table.columns.count)
        #expect(table.rows.allSatisfy { $0[0] != nil })
    }

    @Test("write(to:) produces the cohort folder with truth.tsv and simulation.json")
    func writesFolder() throws {
        var configuration = SimulationConfiguration(patientCount: 50, seed: 3)
        configuration.embeddingBlockCount = 0
        let simulated = try CohortSimulator.simulate(configuration)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("immunokit-sim-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try simulated.write(to: folder)
        let truth = try String(contentsOf: folder.appendingPathComponent("truth.tsv"), encoding: .utf8)
        #expect(truth.split(separator: "\n").count == 51)
        let json = try Data(contentsOf: folder.appendingPathComponent("simulation.json"))
        let decoded = try JSONDecoder().decode(SimulationConfiguration.self, from: json)
        #expect(decoded == configuration)
        #expect(CohortLayout.isCohortFolder(folder))
    }
}
