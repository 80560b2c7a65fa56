import Foundation
import Statistics

/// One treating site: its share of patients, case mix, age shift and treatment preferences.
///
/// Drawn from the site's own random stream:
/// - share ∝ exp(0.3 · N(0, 1)) (sites differ in size);
/// - case mix: weight of type *t* ∝ `cancerTypeMix[t] · exp(siteCaseMixHeterogeneity · N(0, 1))`;
/// - age offset ~ N(0, siteAgeSD²) years;
/// - preference of each ICI arm over chemotherapy ~ N(0, siteTreatmentPreference²) log-odds.
///
/// The site's expression batch effect (a shift per gene) lives in ``SimulationTruth/batchShifts``.
public struct SimulatedSite: Sendable, Hashable, Codable {
    /// "SITE_01", "SITE_02", …
    public var name: String
    /// Expected share of patients, sums to 1 over sites.
    public var share: Double
    /// Probability of each cancer type at this site, in ``SimulatedCancerType/ordinal`` order.
    public var cancerTypeMix: [Double]
    /// Shift of the mean age at this site, years.
    public var ageOffset: Double
    /// Log-odds preference for each arm over chemotherapy (chemotherapy 0).
    public var armPreference: ArmValues

    /// Draws the sites of `configuration` (weights from its normalised cancer-type mix).
    static func draw(_ configuration: SimulationConfiguration, typeWeights: [Double]) -> [SimulatedSite] {
        let count = configuration.siteCount
        var sites: [SimulatedSite] = []
        var rawShares: [Double] = []
        for s in 0..<count {
            var g = RandomStream.site.generator(seed: configuration.seed, index: s)
            rawShares.append(exp(0.3 * g.standardNormal()))
            var mix = typeWeights.map { w in w * exp(configuration.siteCaseMixHeterogeneity * g.standardNormal()) }
            let total = mix.reduce(0, +)
            mix = mix.map { $0 / total }
            let age = configuration.siteAgeSD * g.standardNormal()
            var preference = ArmValues(repeating: 0)
            for arm in TreatmentArm.iciArms {
                preference[arm] = configuration.siteTreatmentPreference * g.standardNormal()
            }
            let digits = String(s + 1)
            let name = "SITE_" + String(repeating: "0", count: max(0, 2 - digits.count)) + digits
            sites.append(SimulatedSite(name: name, share: 0, cancerTypeMix: mix, ageOffset: age, armPreference: preference))
        }
        let total = rawShares.reduce(0, +)
        for s in 0..<count { sites[s].share = rawShares[s] / total }
        return sites
    }

    /// Per-site per-gene batch shifts, `batchEffectSize · N(0, 1)`, from each site's batch stream
    /// (the standard-normal draws do not depend on the size, so size 0 and size 1 differ only by it).
    static func batchShifts(_ configuration: SimulationConfiguration, geneCount: Int) -> [[Double]] {
        (0..<configuration.siteCount).map { s in
            var g = RandomStream.batch.generator(seed: configuration.seed, index: s)
            return (0..<geneCount).map { _ in configuration.batchEffectSize * g.standardNormal() }
        }
    }
}
