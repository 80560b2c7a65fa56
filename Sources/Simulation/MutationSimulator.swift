import CohortData
import Foundation
import Statistics

extension SimulationModel {
    /// MAF-like mutation records of one sequenced patient, and the non-synonymous count behind its TMB.
    ///
    /// - drivers: one record per mutated driver gene (``PatientBaseline/driverMask``), oncogenes as
    ///   missense hotspots, TP53 75 % missense, other tumour suppressors loss-of-function
    ///   (``DriverGenes/suppressorClasses``); clonal;
    /// - passengers: Poisson(max(TMB · panelSizeMb − E[drivers | type], 0.1 · TMB · panelSizeMb))
    ///   non-synonymous records in background genes, weighted by coding length, classes from
    ///   ``DriverGenes/passengerClasses`` (MSI-high: the indel-rich spectrum), plus
    ///   Poisson(0.3 · TMB · panelSizeMb) `Silent` records;
    /// - so E[non-synonymous count] = TMB × panel size (when drivers do not exceed it) and the recorded
    ///   TMB is `count / panelSizeMb`, as a panel TMB caller computes it;
    /// - VAF: purity ~ Beta(5, 3); cancer-cell fraction 1 (drivers; 70 % of passengers) or
    ///   Uniform(0.1, 1); depth ~ NegativeBinomial(mean 600, dispersion 8), at least 50; alt reads ~
    ///   Binomial(depth, purity · CCF / 2), at least 1; VAF = alt / depth.
    func drawMutations(patientID: String, _ p: PatientBaseline, using g: inout Xoshiro256StarStar)
        -> (mutations: [Mutation], nonSynonymousCount: Int)
    {
        let panel = configuration.panelSizeMb
        let purity = Beta(alpha: 5, beta: 3).sample(using: &g)
        let depthDistribution = NegativeBinomial(mean: 600, dispersion: 8)
        var records: [Mutation] = []

        func record(_ gene: String, _ classification: String, ccf: Double, protein: String?) {
            let depth = max(50, depthDistribution.sample(using: &g))
            let alt = max(1, Binomial(trials: depth, probability: purity * ccf / 2).sample(using: &g))
            records.append(Mutation(
                patientID: patientID, gene: gene, variantClassification: classification, proteinChange: protein,
                variantAlleleFraction: Double(alt) / Double(depth), tumorDepth: depth))
        }

        var drivers = 0
        for (index, driver) in DriverGenes.drivers.enumerated() where p.mutated(index) {
            drivers += 1
            let u = g.uniform()
            switch driver.role {
            case .oncogene:
                let hotspot = driver.hotspots[min(driver.hotspots.count - 1, Int(u * Double(driver.hotspots.count)))]
                record(driver.gene, "Missense_Mutation", ccf: 1, protein: hotspot)
            case .tp53:
                if u < 0.75 {
                    let hotspot = driver.hotspots[min(driver.hotspots.count - 1, Int(u / 0.75 * Double(driver.hotspots.count)))]
                    record(driver.gene, "Missense_Mutation", ccf: 1, protein: hotspot)
                } else {
                    record(driver.gene, DriverGenes.pick(DriverGenes.suppressorClasses, (u - 0.75) / 0.25 * 0.77), ccf: 1,
                           protein: nil)
                }
            case .tumourSuppressor:
                record(driver.gene, DriverGenes.pick(DriverGenes.suppressorClasses, u), ccf: 1, protein: nil)
            }
        }

        let lambda = p.trueTMB * panel
        let passengerMean = max(lambda - expectedDriverCount[p.type.ordinal], 0.1 * lambda)
        let passengers = Poisson(mean: passengerMean).sample(using: &g)
        let silent = Poisson(mean: DriverGenes.silentPerNonSynonymous * lambda).sample(using: &g)
        let classes = p.msiHigh ? DriverGenes.msiPassengerClasses : DriverGenes.passengerClasses
        for m in 0..<(passengers + silent) {
            let gene = DriverGenes.backgroundGenes[pickIndex(cumulative: DriverGenes.backgroundCumulative, g.uniform())].gene
            let classification = m < passengers ? DriverGenes.pick(classes, g.uniform()) : "Silent"
            let ccf = g.uniform() < 0.7 ? 1 : 0.1 + 0.9 * g.uniform()
            record(gene, classification, ccf: ccf, protein: nil)
        }
        return (records, drivers + passengers)
    }
}
