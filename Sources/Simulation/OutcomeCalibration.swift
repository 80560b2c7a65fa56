import Foundation
import Statistics

/// The calibrated constants of the outcome model, recorded in ``SimulationTruth``.
public struct OutcomeCalibration: Sendable, Hashable, Codable {
    /// Per cancer type: the mean raw biomarker score h̄ over the reference sample.
    public var biomarkerScoreMean: [SimulatedCancerType: Double]
    /// Per cancer type: response intercepts c′(type, arm) (log-odds).
    public var responseIntercepts: [SimulatedCancerType: ArmValues]
    /// Per cancer type: Weibull scale λ of OS and PFS (months).
    public var overallSurvivalScale: [SimulatedCancerType: Double]
    public var progressionFreeSurvivalScale: [SimulatedCancerType: Double]
}

extension OutcomeModel {
    /// Calibrates intercepts, score means and Weibull scales on `sample(type)` for every type in `types`.
    mutating func calibrate(
        types: [SimulatedCancerType], profiles: [CancerTypeProfile],
        sample: (SimulatedCancerType) -> [PatientBaseline]
    ) {
        let s = effects.iciMainEffectScale
        for type in types {
            let t = type.ordinal
            let profile = profiles[t]
            let patients = sample(type)
            let raw = patients.map(rawScore)
            scoreMean[t] = raw.reduce(0, +) / Double(raw.count)
            let centred = raw.map { $0 - scoreMean[t] }

            // Intercepts: mean logistic(c + offset_i) = ORR, solved by safeguarded Newton.
            var solved = ArmValues(repeating: 0)
            for arm in TreatmentArm.allCases {
                let offsets = zip(patients, centred).map { p, h in
                    Self.ecogResponse * Double(p.ecog) + interaction[arm] * h
                }
                let target = profile.objectiveResponseRate[arm]
                solved[arm] = Self.solveIncreasing(lower: -40, upper: 40) { c in
                    var value = 0.0
                    var slope = 0.0
                    for o in offsets {
                        let q = logistic(c + o)
                        value += q
                        slope += q * (1 - q)
                    }
                    let n = Double(offsets.count)
                    return (value / n - target, slope / n)
                }
            }
            intercepts[t] = ArmValues { arm in solved.chemotherapy + s * (solved[arm] - solved.chemotherapy) }
            logHazardRatios[t] = ArmValues { arm in s * log(profile.overallSurvivalHazardRatio[arm]) }

            // Scales: mean over patients of exp(−v e^η) = 1/2 under chemotherapy, v = (m / λ)^k.
            func scale(median: Double, shape: Double, etas: [Double]) -> Double {
                let logV = Self.solveIncreasing(lower: -80, upper: 80) { w in
                    var value = 0.0
                    var slope = 0.0
                    for eta in etas {
                        let a = exp(w + eta)
                        let surv = exp(-a)
                        value += 1 - surv
                        slope += surv * a
                    }
                    let n = Double(etas.count)
                    return (value / n - 0.5, slope / n)
                }
                return median / exp(logV / shape)
            }
            osScale[t] = scale(median: profile.medianOverallSurvivalChemotherapy, shape: osShape,
                               etas: patients.map(prognosticOS))
            pfsScale[t] = scale(median: profile.medianProgressionFreeSurvivalChemotherapy, shape: pfsShape,
                                etas: patients.map(prognosticPFS))
        }
    }

    /// The root of an increasing function on [lower, upper], by Newton steps kept inside a shrinking
    /// bracket (bisection when a step leaves it). `f` returns (value, derivative).
    static func solveIncreasing(lower: Double, upper: Double, _ f: (Double) -> (Double, Double)) -> Double {
        var lo = lower
        var hi = upper
        var x = 0.0
        for _ in 0..<100 {
            let (value, slope) = f(x)
            if abs(value) < 1e-13 { return x }
            if value > 0 { hi = x } else { lo = x }
            var next = slope > 0 ? x - value / slope : .nan
            if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
            if abs(next - x) < 1e-12 { return next }
            x = next
        }
        return x
    }

    /// The calibrated constants, keyed by type.
    func calibration(types: [SimulatedCancerType]) -> OutcomeCalibration {
        OutcomeCalibration(
            biomarkerScoreMean: Dictionary(uniqueKeysWithValues: types.map { ($0, scoreMean[$0.ordinal]) }),
            responseIntercepts: Dictionary(uniqueKeysWithValues: types.map { ($0, intercepts[$0.ordinal]) }),
            overallSurvivalScale: Dictionary(uniqueKeysWithValues: types.map { ($0, osScale[$0.ordinal]) }),
            progressionFreeSurvivalScale: Dictionary(uniqueKeysWithValues: types.map { ($0, pfsScale[$0.ordinal]) }))
    }
}
