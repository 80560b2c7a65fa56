import Foundation
import Statistics

extension SimulationModel {
    /// Writes one patient's expression profile (log2(TPM + 1), panel order) to `out[0..<geneCount]`.
    ///
    /// `max(0, baseline_g + Σ_k loading_gk z_k + 5 [marker of the type] − 1.5 [B2M gene, B2M mutant]
    /// + 1.5 [NRF2 target, KEAP1 mutant] + batch_site,g + noiseSD_g · N)`, rounded to 4 decimals as
    /// published matrices are (ORCESTRA rounds to 5), which keeps written cohorts small.
    func writeExpression(_ p: PatientBaseline, to out: UnsafeMutablePointer<Double>, using g: inout Xoshiro256StarStar) {
        let z = p.programmes
        let batch = batchShifts[p.site]
        let b2mLoss = p.mutated(DriverGenes.b2m)
        let keap1 = p.mutated(DriverGenes.keap1)
        let standard = Normal()
        for (index, gene) in genes.enumerated() {
            let l = gene.loadings
            var v = gene.baseline + l.inflamed * z.inflamed + l.exclusion * z.exclusion + l.myeloid * z.myeloid
                + l.proliferation * z.proliferation + batch[index]
            if !gene.markerTypes.isEmpty && gene.markerTypes.contains(p.type) { v += GenePanel.markerShift }
            if b2mLoss && gene.symbol == "B2M" { v += GenePanel.b2mLossShift }
            if keap1 && gene.group == .nrf2Target { v += GenePanel.keap1NRF2Shift }
            v += gene.noiseSD * standard.sample(using: &g)
            out[index] = (max(0, v) * 10_000).rounded() / 10_000
        }
    }

    /// Writes one patient's vector of embedding block `block` to `out[0..<dimension]`: `W z + offset_type + noise · N`, with
    /// W (dimension × 4) ~ N(0, 1) and type offsets ~ N(0, 0.5²) fixed per block.
    func writeEmbedding(block: Int, _ p: PatientBaseline, to out: UnsafeMutablePointer<Double>, using g: inout Xoshiro256StarStar) {
        let map = embeddingMaps[block]
        let d = configuration.embeddingDimension
        let noise = configuration.embeddingNoiseSD
        let z = p.programmes
        let offsetBase = p.type.ordinal * d
        for j in 0..<d {
            let w = j * LatentProgrammes.count
            var v = map.loadings[w] * z.inflamed + map.loadings[w + 1] * z.exclusion + map.loadings[w + 2] * z.myeloid
                + map.loadings[w + 3] * z.proliferation + map.typeOffsets[offsetBase + j]
            if noise > 0 { v += noise * g.standardNormal() }
            out[j] = v
        }
    }
}
