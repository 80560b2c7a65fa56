import Foundation
import Statistics

/// Everything fixed before the first patient is drawn: normalised mix, sites, gene panel, batch
/// shifts, embedding maps, treatment-assignment model and the calibrated outcome model.
struct SimulationModel: Sendable {
    let configuration: SimulationConfiguration
    /// Profiles by type ordinal (literature defaults fill types the configuration leaves out).
    let profiles: [CancerTypeProfile]
    /// Normalised cancer-type weights by ordinal.
    let typeWeights: [Double]
    /// Types with positive weight.
    let activeTypes: [SimulatedCancerType]
    let sites: [SimulatedSite]
    let siteCumulative: [Double]
    let siteTypeCumulative: [[Double]]
    /// P(site | type), cumulative, by type ordinal (for calibration draws).
    let siteGivenTypeCumulative: [[Double]]
    let genes: [ExpressionGene]
    let batchShifts: [[Double]]
    let assignment: TreatmentAssignmentModel
    var outcome: OutcomeModel
    /// Expected number of driver mutations per type ordinal (subtracted from the passenger mean).
    let expectedDriverCount: [Double]
    /// Per block: loadings (dimension × 4, row-major) and type offsets (types × dimension).
    let embeddingMaps: [(loadings: [Double], typeOffsets: [Double])]

    init(_ configuration: SimulationConfiguration) {
        self.configuration = configuration
        let types = SimulatedCancerType.allCases
        profiles = types.map { configuration.cancerTypeProfiles[$0] ?? CancerTypeProfile.literature($0) }
        let raw = types.map { max(0, configuration.cancerTypeMix[$0] ?? 0) }
        let total = raw.reduce(0, +)
        let weights = raw.map { $0 / total }
        typeWeights = weights
        activeTypes = types.filter { weights[$0.ordinal] > 0 }
        sites = SimulatedSite.draw(configuration, typeWeights: typeWeights)
        siteCumulative = cumulativeSums(sites.map(\.share))
        siteTypeCumulative = sites.map { cumulativeSums($0.cancerTypeMix) }
        let sitesCopy = sites
        siteGivenTypeCumulative = types.map { type in
            let joint = sitesCopy.map { $0.share * $0.cancerTypeMix[type.ordinal] }
            return joint.reduce(0, +) > 0 ? cumulativeSums(joint) : cumulativeSums(sitesCopy.map(\.share))
        }
        genes = GenePanel.genes(count: configuration.expressionGeneCount)
        batchShifts = SimulatedSite.batchShifts(configuration, geneCount: genes.count)
        assignment = TreatmentAssignmentModel(configuration: configuration, profiles: profiles, sites: sites)
        expectedDriverCount = types.map { type in DriverGenes.drivers.reduce(0) { $0 + $1.prevalence[type.ordinal] } }
        embeddingMaps = (0..<configuration.embeddingBlockCount).map { block in
            var g = RandomStream.embeddingMap.generator(seed: configuration.seed, index: block)
            let d = configuration.embeddingDimension
            let loadings = (0..<(d * LatentProgrammes.count)).map { _ in g.standardNormal() }
            let offsets = (0..<(types.count * d)).map { _ in 0.5 * g.standardNormal() }
            return (loadings, offsets)
        }
        outcome = OutcomeModel(configuration: configuration)

        let seed = configuration.seed
        let model = self
        outcome.calibrate(types: activeTypes, profiles: profiles) { type in
            (0..<OutcomeModel.calibrationSampleSize).map { i in
                var g = RandomStream.calibration.generator(seed: seed, index: type.ordinal << 24 | i)
                return model.drawBaseline(using: &g, forcedType: type)
            }
        }
    }
}
