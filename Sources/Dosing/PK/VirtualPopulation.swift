import Foundation
import Statistics

/// A virtual patient: an identifier, baseline covariates and the random effects of the PK model.
public struct VirtualPatient: Codable, Sendable, Hashable {
    public var id: String
    public var covariates: PatientCovariates

    public init(id: String, covariates: PatientCovariates) {
        self.id = id
        self.covariates = covariates
    }
}

/// Covariate distributions for virtual populations of advanced solid-tumour patients, seeded.
///
/// Defaults (each stated with its source; correlations between covariates are ignored):
/// - Body weight: log-normal with mean 79.1 kg and SD 19.3 kg (Bajaj 2017 Table 3), truncated to 35–170 kg
///   (the model-application range reported there).
/// - Albumin: normal, mean 39.6 g/L (Ahamadi 2017 reference; cohort median 40 g/L, Table 2), SD 5 g/L
///   (assumed), truncated to 20–55 g/L.
/// - eGFR: log-normal with mean 78.5 and SD 21.6 mL/min/1.73 m² (Bajaj 2017 Table 3), truncated to 15–200.
/// - Female: 40.9 % (Ahamadi 2017 Table 2; Bajaj 2017: 33.3 %).
/// - Tumour burden (sum of longest diameters): log-normal, median 86 mm (Ahamadi 2017 Table 2), SD of log
///   0.7 (assumed).
/// - ECOG ≥ 1: 42.4 %; NSCLC: 25.3 %; prior ipilimumab: 34.5 % (Ahamadi 2017 Table 2); Asian: 6.4 % (Bajaj
///   2017 Table 3); treatment-emergent anti-drug antibodies: 0 % (set > 0 to study ADA; Stroh 2017 reports
///   about 40 % ADA-positive with atezolizumab — not confirmed here).
///
/// Patient k draws from `Xoshiro256StarStar(seed: seed, stream: k)`, so a patient's covariates do not
/// depend on the population size or the number of threads.
public struct VirtualPopulation: Codable, Sendable, Hashable {
    public var weightMean = 79.1, weightSD = 19.3
    public var albuminMean = 39.6, albuminSD = 5.0
    public var eGFRMean = 78.5, eGFRSD = 21.6
    public var femaleShare = 0.409
    public var tumourBurdenMedian = 86.0, tumourBurdenLogSD = 0.7
    public var ecogAtLeastOneShare = 0.424, nsclcShare = 0.253, priorIpilimumabShare = 0.345
    public var asianShare = 0.064, antiDrugAntibodyShare = 0.0

    public init() {}

    /// Throws ``DosingError/invalidConfiguration(parameter:message:)`` for a value out of range.
    public func validate() throws {
        for (name, value) in [("weightMean", weightMean), ("weightSD", weightSD), ("albuminMean", albuminMean),
                              ("albuminSD", albuminSD), ("eGFRMean", eGFRMean), ("eGFRSD", eGFRSD),
                              ("tumourBurdenMedian", tumourBurdenMedian), ("tumourBurdenLogSD", tumourBurdenLogSD)] {
            guard value.isFinite, value > 0 else {
                throw DosingError.invalidConfiguration(parameter: name, message: "\(value) must be finite and > 0")
            }
        }
        for (name, value) in [("femaleShare", femaleShare), ("ecogAtLeastOneShare", ecogAtLeastOneShare), ("nsclcShare", nsclcShare),
                              ("priorIpilimumabShare", priorIpilimumabShare), ("asianShare", asianShare),
                              ("antiDrugAntibodyShare", antiDrugAntibodyShare)] {
            guard value.isFinite, (0...1).contains(value) else {
                throw DosingError.invalidConfiguration(parameter: name, message: "\(value) is outside 0...1")
            }
        }
    }

    /// `count` patients ("VP-00001", …) drawn with `seed`.
    ///
    /// - Complexity: O(count).
    public func patients(count: Int, seed: UInt64) throws -> [VirtualPatient] {
        try validate()
        guard count >= 1 else {
            throw DosingError.invalidConfiguration(parameter: "count", message: "\(count) must be at least 1")
        }
        let width = max(5, String(count).count)
        return (0..<count).map { k in
            var g = Xoshiro256StarStar(seed: seed, stream: UInt64(k))
            let id = "VP-" + String(repeating: "0", count: max(0, width - String(k + 1).count)) + String(k + 1)
            return VirtualPatient(id: id, covariates: draw(using: &g))
        }
    }

    func draw(using g: inout Xoshiro256StarStar) -> PatientCovariates {
        func logNormal(mean: Double, sd: Double) -> LogNormal {
            let s2 = log(1 + (sd * sd) / (mean * mean))
            return LogNormal(meanLog: log(mean) - s2 / 2, standardDeviationLog: s2.squareRoot())
        }
        func truncated(_ sample: (inout Xoshiro256StarStar) -> Double, _ range: ClosedRange<Double>) -> Double {
            for _ in 0..<100 {
                let v = sample(&g)
                if range.contains(v) { return v }
            }
            return min(max(sample(&g), range.lowerBound), range.upperBound)
        }
        let weight = logNormal(mean: weightMean, sd: weightSD)
        let egfr = logNormal(mean: eGFRMean, sd: eGFRSD)
        let albumin = Normal(mean: albuminMean, standardDeviation: albuminSD)
        let tumour = LogNormal(meanLog: log(tumourBurdenMedian), standardDeviationLog: tumourBurdenLogSD)
        return PatientCovariates(
            weightKilograms: truncated({ weight.sample(using: &$0) }, 35...170),
            albuminGramsPerLitre: truncated({ albumin.sample(using: &$0) }, 20...55),
            eGFR: truncated({ egfr.sample(using: &$0) }, 15...200),
            isFemale: g.nextUniform() < femaleShare,
            tumourBurdenMillimetres: truncated({ tumour.sample(using: &$0) }, 5...1000),
            ecogAtLeastOne: g.nextUniform() < ecogAtLeastOneShare,
            nsclc: g.nextUniform() < nsclcShare,
            priorIpilimumab: g.nextUniform() < priorIpilimumabShare,
            asian: g.nextUniform() < asianShare,
            antiDrugAntibodies: g.nextUniform() < antiDrugAntibodyShare)
    }
}
