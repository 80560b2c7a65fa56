import Foundation
import Statistics

/// A simulated patient's pre-treatment state: site, cancer type, clinical values, labs, genomics and
/// latent programmes, plus which measurements are missing. Everything the treatment and outcome
/// models read.
///
/// Formulas (N = standard normal draw, U = uniform draw; each from the patient's own stream):
/// - site ~ site shares; cancer type ~ the site's case mix;
/// - age = clamp(ageMean(type) + site offset + 10 N, 18, 95), rounded to years;
/// - ECOG: latent `N + 0.02 (age − 65)` cut at −0.126 and 1.2816 (≈ 45 % ECOG 0, 45 % ECOG 1,
///   10 % ECOG 2 at age 65; Chowell 2022 cohort proportions);
/// - BMI = clamp(exp(ln 26 − 0.03 ECOG + 0.17 N), 14, 55) kg/m²;
/// - TMB = median · exp(logSD · N), × 6 with a POLE mutation; MSI-high tumours outside colorectal
///   cancer use median 35, log-SD 0.5 (Samstein 2019);
/// - programmes = type means + L ε (``LatentProgrammes``), inflamed mean + 0.15 log2(TMB / type
///   median) − 0.5 [STK11] − 0.2 [PTEN] (Skoulidis 2018; Peng 2016);
/// - PD-L1 TPS: `y = pdl1Location + (inflamed − type mean) + N`; TPS = 0 if y ≤ 0, else
///   round(100 (1 − e^(−0.568 y))) %, capped at 100;
/// - albumin = clamp(4.0 − 0.15 ECOG − 0.1 myeloid − 0.05 proliferation + 0.4 N, 1.5, 5.5) g/dL;
/// - NLR = clamp(exp(ln 3 + 0.25 myeloid − 0.1 inflamed + 0.15 ECOG + 0.5 N), 0.3, 60);
/// - LDH = clamp(exp(ln 210 + 0.15 proliferation + 0.08 ECOG + 0.35 N), 80, 3000) U/L;
/// - stage IV with probability 0.88 (else III, unresectable).
struct PatientBaseline: Sendable {
    var site: Int
    var type: SimulatedCancerType
    var age: Double
    var male: Bool
    var ecog: Int
    var bmi: Double
    var priorTherapy: Bool
    var line: Int
    var stageIV: Bool
    var msiHigh: Bool
    var trueTMB: Double
    /// Bit *g* set when driver *g* of ``DriverGenes/drivers`` is mutated.
    var driverMask: UInt32
    var programmes: LatentProgrammes
    var pdl1TPS: Double
    var hlaLOH: Bool
    var albumin: Double
    var nlr: Double
    var ldh: Double
    var hasExpression: Bool
    var sequenced: Bool
    /// Bits 0, 1, 2: albumin, NLR, LDH missing.
    var labMissing: UInt8
    /// Bits 0, 1, 2, 3: ECOG, BMI, PD-L1, stage missing.
    var clinicalMissing: UInt8

    func mutated(_ driver: Int) -> Bool { driverMask & (1 << UInt32(driver)) != 0 }
    var stk11OrKeap1: Bool { mutated(DriverGenes.stk11) || mutated(DriverGenes.keap1) }
    var b2mOrJakLoss: Bool { mutated(DriverGenes.b2m) || mutated(DriverGenes.jak1) || mutated(DriverGenes.jak2) }
}

extension SimulationModel {
    /// Draws a patient's baseline from `generator`; `forcedType` fixes the cancer type (calibration),
    /// drawing the site from P(site | type).
    func drawBaseline(using g: inout Xoshiro256StarStar, forcedType: SimulatedCancerType? = nil) -> PatientBaseline {
        let c = configuration
        let site: Int
        let type: SimulatedCancerType
        if let forcedType {
            type = forcedType
            site = pickIndex(cumulative: siteGivenTypeCumulative[type.ordinal], g.uniform())
        } else {
            site = pickIndex(cumulative: siteCumulative, g.uniform())
            type = SimulatedCancerType.allCases[pickIndex(cumulative: siteTypeCumulative[site], g.uniform())]
        }
        let profile = profiles[type.ordinal]
        let age = min(95, max(18, profile.ageMean + sites[site].ageOffset + 10 * g.standardNormal())).rounded()
        let male = g.uniform() < profile.maleFraction
        let ecogLatent = g.standardNormal() + 0.02 * (age - 65)
        let ecog = ecogLatent < -0.126 ? 0 : (ecogLatent < 1.2816 ? 1 : 2)
        let bmi = (min(55, max(14, exp(log(26) - 0.03 * Double(ecog) + 0.17 * g.standardNormal()))) * 10).rounded() / 10
        let prior = g.uniform() < profile.priorTherapyFraction
        let line = prior ? (g.uniform() < 0.3 ? 3 : 2) : 1
        let stageIV = g.uniform() < 0.88
        let msiHigh = g.uniform() < profile.msiHighFraction

        var mask: UInt32 = 0
        for (index, driver) in DriverGenes.drivers.enumerated() {
            var p = driver.prevalence[type.ordinal]
            if msiHigh && DriverGenes.msiTargets.contains(index) {
                p = max(p, driver.prevalence[SimulatedCancerType.colorectalMSIHigh.ordinal])
            }
            if g.uniform() < p { mask |= 1 << UInt32(index) }
        }
        let useMSIDistribution = msiHigh && type != .colorectalMSIHigh
        let median = useMSIDistribution ? DriverGenes.msiHighTMBMedian : profile.tmbMedian
        let logSD = useMSIDistribution ? 0.5 : profile.tmbLogSD
        var tmb = median * exp(logSD * g.standardNormal())
        if mask & (1 << UInt32(DriverGenes.pole)) != 0 { tmb *= DriverGenes.poleTMBMultiplier }

        var mean = profile.programmeMeans
        mean.inflamed += 0.15 * log2(tmb / profile.tmbMedian)
        if mask & (1 << UInt32(DriverGenes.stk11)) != 0 { mean.inflamed -= 0.5 }
        if mask & (1 << UInt32(DriverGenes.pten)) != 0 { mean.inflamed -= 0.2 }
        let z = LatentProgrammes.draw(mean: mean, using: &g)

        let y = profile.pdl1Location + (z.inflamed - profile.programmeMeans.inflamed) + g.standardNormal()
        let tps = y <= 0 ? 0 : min(100, (100 * (1 - exp(-0.568 * y))).rounded())
        let hlaLOH = g.uniform() < profile.hlaLOHFraction
        let e = Double(ecog)
        let albumin = (min(5.5, max(1.5, 4.0 - 0.15 * e - 0.1 * z.myeloid - 0.05 * z.proliferation
                                      + 0.4 * g.standardNormal())) * 10).rounded() / 10
        let nlr = (min(60, max(0.3, exp(log(3.0) + 0.25 * z.myeloid - 0.1 * z.inflamed + 0.15 * e
                                        + 0.5 * g.standardNormal()))) * 100).rounded() / 100
        let ldh = min(3000, max(80, exp(log(210) + 0.15 * z.proliferation + 0.08 * e + 0.35 * g.standardNormal()))).rounded()

        let hasExpression = g.uniform() >= c.missingExpressionFraction
        let sequenced = g.uniform() >= c.missingSequencingFraction
        var labMissing: UInt8 = 0
        for bit in 0..<3 where g.uniform() < c.missingLabFraction { labMissing |= 1 << UInt8(bit) }
        var clinicalMissing: UInt8 = 0
        for bit in 0..<4 where g.uniform() < c.missingClinicalFraction { clinicalMissing |= 1 << UInt8(bit) }

        return PatientBaseline(
            site: site, type: type, age: age, male: male, ecog: ecog, bmi: bmi, priorTherapy: prior, line: line,
            stageIV: stageIV, msiHigh: msiHigh, trueTMB: tmb, driverMask: mask, programmes: z, pdl1TPS: tps,
            hlaLOH: hlaLOH, albumin: albumin, nlr: nlr, ldh: ldh, hasExpression: hasExpression, sequenced: sequenced,
            labMissing: labMissing, clinicalMissing: clinicalMissing)
    }
}
