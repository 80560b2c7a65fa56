import CohortData
import Discovery
import Foundation
import Learning
import Statistics
import Testing
import TestSupport

/// Stability selection and gene-set enrichment on real public ICI cohorts (skipped when the shared data
/// folder is absent).
@Suite(.enabled(if: SharedData.shouldRun("cohorts")))
struct RealDataStabilityEnrichmentTests {
    /// The bundled signature catalog's gene sets (up genes), read from the Signatures resource without
    /// importing Signatures (Discovery sits beside it, not above it).
    static func catalogSets() throws -> [String: [String]] {
        let url = Fixtures.repositoryRoot.appendingPathComponent("Sources/Signatures/Resources/catalog.json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        var sets: [String: [String]] = [:]
        for case let s as [String: Any] in json["signatures"] as! [Any] {
            let up = ((s["genes"] as! [String: Any])["up"] as? [String]) ?? []
            if !up.isEmpty { sets[s["name"] as! String] = up }
        }
        return sets
    }

    @Test(.enabled(if: SharedData.shouldRun("cohorts/msk_chowell_train/Chowell_train.csv")))
    func stabilitySelectionOfClinicalFeaturesForResponseMSK() throws {
        let names = ["TMB", "Albumin", "NLR", "Age", "FCNA", "HED", "Platelets", "HGB", "BMI", "Systemic_therapy_history",
                     "MSI", "Sex", "Stage", "HLA_LOH", "Drug"]
        let data = try RealDataTests.csv(try SharedData.require("cohorts/msk_chowell_train/Chowell_train.csv"), names + ["Response"])
        let rows = data[0].indices.filter { i in data.allSatisfy { $0[i].isFinite } }
        // log2(1 + x) for the skewed TMB and NLR.
        var columns = names.indices.map { j in rows.map { ["TMB", "NLR"].contains(names[j]) ? log2(1 + data[j][$0]) : data[j][$0] } }
        var featureNames = names
        // Decoys: each feature permuted across patients (no association by construction, same distribution).
        var g = Xoshiro256StarStar(seed: 2024)
        for j in names.indices {
            columns.append(columns[j].shuffled(using: &g))
            featureNames.append("decoy_" + names[j])
        }
        let y = rows.map { data[names.count][$0] == 1 }
        let result = try StabilitySelection().run(features: FeatureMatrix(names: featureNames, columns: columns),
                                                  outcome: .binary(y), generator: &g)
        let ranked = result.selectionProbabilities.indices.sorted { result.selectionProbabilities[$0] > result.selectionProbabilities[$1] }
        print("[stability] MSK response: n = \(rows.count), responders \(y.filter { $0 }.count), p = \(featureNames.count); region λ ≥ \(String(format: "%.4g", result.regionLambda)) (\(result.regionCount) of \(result.lambdas.count)), q = \(String(format: "%.2f", result.averageSelected)), E[V] ≤ \(String(format: "%.3f", result.errorBound))")
        for j in ranked.prefix(8) { print("[stability]   \(featureNames[j]): Π = \(String(format: "%.2f", result.selectionProbabilities[j]))") }
        print("[stability]   selected: \(result.selectedFeatures)")
        // Robust findings: TMB and albumin are stably selected; no permuted decoy is; the bound holds at the target.
        let selected = Set(result.selectedFeatures)
        #expect(selected.isSuperset(of: ["TMB", "Albumin"]))
        #expect(!selected.contains { $0.hasPrefix("decoy_") })
        #expect(result.errorBound <= 1)
    }

    @Test func enrichmentOfTheMetaAnalysedGenomeWideResponseScan() throws {
        var perCohort: [(cohort: String, results: [AssociationResult])] = []
        for name in ["riaz2017", "gide2019", "vanallen2015", "hugo2016", "miao2018", "mariathasan2018", "nathanson2017"]
        where SharedData.isAvailable("cohorts/\(name)/clinical.tsv") {
            let cohort = try CohortReader.read(try SharedData.require("cohorts/\(name)"))
            guard let expression = cohort.expression, cohort.outcomes.response != nil,
                  let (target, rows, _) = try? cohort.learningTarget(.response), case .binary(let y) = target else { continue }
            // Read the block directly (one lookup table for all genes).
            var sampleOf: [String: Int] = [:]
            for (s, id) in expression.sampleIDs.enumerated() where sampleOf[id] == nil { sampleOf[id] = s }
            let samples = rows.map { sampleOf[cohort.patientIDs[$0]] }
            let features: [(name: String, values: [Double])] = expression.geneIndex.sorted { $0.key < $1.key }.map { gene, g in
                (gene, samples.map { s in s.map { expression.value(gene: g, sample: $0) } ?? .nan })
            }
            perCohort.append((name, AssociationScan.run(features: features, outcome: .binary(y.map { $0 == 1 }))))
        }
        #expect(perCohort.count >= 4)
        let findings = CrossCohortMetaScan.run(cohortResults: perCohort, minimumCohorts: 3)
            .filter { $0.pooled.z.isFinite }
        var g = Xoshiro256StarStar(seed: 7)
        let gsea = try PrerankedGSEA(minimumSize: 5, permutations: 2000)
            .run(genes: findings.map(\.feature), scores: findings.map(\.pooled.z), geneSets: try Self.catalogSets(), generator: &g)
        print("[enrichment] meta-analysed response scan: \(perCohort.map(\.cohort).joined(separator: ", ")); \(findings.count) genes ranked by pooled z; \(findings.filter { $0.qValueBH < 0.05 }.count) with BH q < 0.05")
        for r in gsea.prefix(10) {
            print("[enrichment]   \(r.setName) (\(r.matchedSize) genes): ES \(String(format: "%.3f", r.enrichmentScore)), NES \(String(format: "%.2f", r.normalizedEnrichmentScore)), p \(String(format: "%.4f", r.pValue)), FDR q \(String(format: "%.4f", r.fdr)); leading edge \(r.leadingEdge.prefix(6).joined(separator: ","))")
        }
        // Robust: interferon-γ / cytotoxic T-cell signatures are enriched towards higher expression in responders.
        for name in ["GEP_18", "IFNG_10", "CD8_Teff"] {
            let r = try #require(gsea.first { $0.setName == name })
            #expect(r.normalizedEnrichmentScore > 1.3, "\(name)")
            #expect(r.fdr < 0.05, "\(name)")
        }
    }
}
