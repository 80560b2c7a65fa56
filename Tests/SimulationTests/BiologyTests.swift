import CohortData
import Foundation
import Simulation
import Testing

@Suite("Simulated biology")
struct BiologyTests {
    @Test("TMB medians by cancer type are near the configured ones")
    func tmbMedians() throws {
        let simulated = SimulationFixtures.large
        let tmb = try #require(simulated.cohort.column("tmb")?.numericValues)
        for type in [SimulatedCancerType.melanoma, .nsclc, .renal, .urothelial, .colorectalMSIHigh] {
            let configured = CancerTypeProfile.literature(type).tmbMedian
            let indices = simulated.truth.patients.indices.filter {
                simulated.truth.patients[$0].cancerType == type && !simulated.truth.patients[$0].msiHigh
                    || simulated.truth.patients[$0].cancerType == type && type == .colorectalMSIHigh
            }
            let trueTMB = indices.filter { !simulated.truth.patients[$0].poleMutant }.map { simulated.truth.patients[$0].tmb }
            #expect(abs(median(trueTMB) / configured - 1) < 0.15, "\(type): true median \(median(trueTMB))")
            // Recorded panel TMB (mutation count / 1.22 Mb) agrees up to Poisson discreteness.
            let recorded = indices.compactMap { tmb[$0] }
            let tolerance = max(0.25 * configured, 1 / 1.22)
            #expect(abs(median(recorded) - configured) <= tolerance, "\(type): recorded median \(median(recorded))")
        }
        // Melanoma ≫ renal, as in Samstein 2019.
        let mel = simulated.truth.patients.filter { $0.cancerType == .melanoma }.map(\.tmb)
        let rcc = simulated.truth.patients.filter { $0.cancerType == .renal }.map(\.tmb)
        #expect(median(mel) > 5 * median(rcc))
    }

    @Test("recorded TMB equals the non-synonymous mutation count over the panel size")
    func tmbMatchesMutations() throws {
        let cohort = SimulationFixtures.small.cohort
        let block = try #require(cohort.mutations)
        let panel = try #require(block.panelSizeMb)
        var counts: [String: Int] = [:]
        for m in block.mutations where m.isNonSynonymous { counts[m.patientID, default: 0] += 1 }
        let tmb = try #require(cohort.column("tmb")?.numericValues)
        let sequenced = Set(block.sequencedPatientIDs)
        for (i, id) in cohort.patientIDs.enumerated() {
            if sequenced.contains(id) {
                let expected = (Double(counts[id] ?? 0) / panel * 100).rounded() / 100
                #expect(tmb[i] == expected)
            } else {
                #expect(tmb[i] == nil)
            }
        }
        #expect(block.mutations.contains { $0.variantClassification == "Silent" })
    }

    @Test("ICI-associated driver mutations appear in the MAF exactly when the truth says so")
    func driversMatchTruth() throws {
        let simulated = SimulationFixtures.large
        let block = try #require(simulated.cohort.mutations)
        var stk11Keap1: Set<String> = [], b2mJak: Set<String> = []
        for m in block.mutations {
            if m.gene == "STK11" || m.gene == "KEAP1" { stk11Keap1.insert(m.patientID) }
            if ["B2M", "JAK1", "JAK2"].contains(m.gene) { b2mJak.insert(m.patientID) }
        }
        let sequenced = Set(block.sequencedPatientIDs)
        for p in simulated.truth.patients where sequenced.contains(p.patientID) {
            #expect(stk11Keap1.contains(p.patientID) == p.stk11OrKeap1Mutant)
            #expect(b2mJak.contains(p.patientID) == p.b2mOrJakLoss)
        }
        // STK11/KEAP1 are mostly NSCLC.
        let nsclc = simulated.truth.patients.filter { $0.cancerType == .nsclc }
        let rate = Double(nsclc.filter(\.stk11OrKeap1Mutant).count) / Double(nsclc.count)
        #expect(rate > 0.2 && rate < 0.35)
    }

    @Test("CD8A and CXCL9 track the inflamed programme; COL1A1 tracks exclusion")
    func expressionFollowsProgrammes() throws {
        let simulated = SimulationFixtures.large
        let expression = try #require(simulated.cohort.expression)
        let index = expression.geneIndex
        let truthByID = Dictionary(uniqueKeysWithValues: simulated.truth.patients.map { ($0.patientID, $0) })
        let inflamed = expression.sampleIDs.map { truthByID[$0]!.programmes.inflamed }
        let exclusion = expression.sampleIDs.map { truthByID[$0]!.programmes.exclusion }
        let cd8a = Array(expression.row(gene: index["CD8A"]!))
        #expect(correlation(cd8a, inflamed) > 0.8)
        #expect(correlation(Array(expression.row(gene: index["CXCL9"]!)), inflamed) > 0.8)
        #expect(correlation(Array(expression.row(gene: index["COL1A1"]!)), exclusion) > 0.8)
        #expect(abs(correlation(Array(expression.row(gene: index["ACTB"]!)), inflamed)) < 0.1)
        // Realistic levels: ACTB high, CD8A modest.
        #expect(mean(Array(expression.row(gene: index["ACTB"]!))) > 11)
        let cd8Mean = mean(cd8a)
        #expect(cd8Mean > 2 && cd8Mean < 6)
        // Lineage markers: PMEL only in melanoma.
        let pmel = Array(expression.row(gene: index["PMEL"]!))
        let melanoma = expression.sampleIDs.map { truthByID[$0]!.cancerType == .melanoma }
        let inMel = mean(zip(pmel, melanoma).filter { $0.1 }.map(\.0))
        let outMel = mean(zip(pmel, melanoma).filter { !$0.1 }.map(\.0))
        #expect(inMel - outMel > 4)
    }

    @Test("the batch effect shifts each site's gene means by the recorded amount")
    func batchEffect() throws {
        var configuration = SimulationConfiguration(patientCount: 2_000, seed: 21)
        configuration.expressionGeneCount = GenePanel.minimumGeneCount
        configuration.batchEffectSize = 1
        let shifted = try CohortSimulator.simulate(configuration)
        configuration.batchEffectSize = 0
        let flat = try CohortSimulator.simulate(configuration)
        let a = try #require(shifted.cohort.expression), b = try #require(flat.cohort.expression)
        #expect(a.sampleIDs == b.sampleIDs)
        let sites = a.sampleIDs.map { id in shifted.truth.patients[shifted.cohort.patientIndex[id]!].site }
        let gene = a.geneIndex["GAPDH"]!  // high baseline: no clipping at 0
        for site in 0..<4 {
            let members = sites.indices.filter { sites[$0] == site }
            let difference = mean(members.map { a.value(gene: gene, sample: $0) - b.value(gene: gene, sample: $0) })
            // Values are rounded to 4 decimals: each difference is off by at most 1e-4.
            #expect(abs(difference - shifted.truth.batchShifts[site][gene]) <= 1e-4)
        }
        // The shifts are real: their spread across sites and genes is about the configured size.
        let all = shifted.truth.batchShifts.flatMap { $0 }
        let sd = (all.map { $0 * $0 }.reduce(0, +) / Double(all.count)).squareRoot()
        #expect(sd > 0.85 && sd < 1.15)
        #expect(flat.truth.batchShifts.flatMap { $0 }.allSatisfy { $0 == 0 })
        // Site means of a housekeeping gene differ more with the batch effect than without.
        func siteSpread(_ block: ExpressionBlock) -> Double {
            let means = (0..<4).map { s in mean(sites.indices.filter { sites[$0] == s }.map { block.value(gene: gene, sample: $0) }) }
            return means.max()! - means.min()!
        }
        #expect(siteSpread(a) > siteSpread(b) + 0.3)
    }

    @Test("embeddings are a linear map of the latent programmes")
    func embeddingsCarryProgrammes() throws {
        let simulated = SimulationFixtures.large
        let block = try #require(simulated.cohort.embeddings.first)
        let truthByID = Dictionary(uniqueKeysWithValues: simulated.truth.patients.map { ($0.patientID, $0) })
        // The best single coordinate correlates with the inflamed score.
        let inflamed = block.sampleIDs.map { truthByID[$0]!.programmes.inflamed }
        let best = (0..<block.dimension).map { j in
            abs(correlation((0..<block.sampleCount).map { block.values[$0 * block.dimension + j] }, inflamed))
        }.max()!
        #expect(best > 0.4)
    }

    @Test("site case mixes differ and missing values occur at the configured rates")
    func sitesAndMissingness() throws {
        let simulated = SimulationFixtures.large
        let mixes = simulated.truth.sites.map(\.cancerTypeMix)
        #expect(mixes.count == 4)
        let melanomaShares = mixes.map { $0[SimulatedCancerType.melanoma.ordinal] }
        #expect(melanomaShares.max()! - melanomaShares.min()! > 0.03)
        let cohort = simulated.cohort
        let albumin = try #require(cohort.column("albumin"))
        let labRate = Double(albumin.missingCount) / 6_000
        #expect(abs(labRate - 0.1) < 0.02)
        let ecog = try #require(cohort.column("ecog"))
        #expect(abs(Double(ecog.missingCount) / 6_000 - 0.05) < 0.015)
        let age = try #require(cohort.column("age"))
        #expect(age.missingCount == 0)
    }
}
