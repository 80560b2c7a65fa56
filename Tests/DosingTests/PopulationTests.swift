import Foundation
import Testing
import Statistics
@testable import Dosing

@Suite("Virtual populations")
struct PopulationTests {
    @Test("a seed reproduces the population and the simulation bit for bit, whatever the thread count")
    func determinism() throws {
        let patients = try VirtualPopulation().patients(count: 40, seed: 7)
        #expect(try VirtualPopulation().patients(count: 40, seed: 7) == patients)
        #expect(try VirtualPopulation().patients(count: 40, seed: 8) != patients)
        // Patient k does not depend on the population size.
        #expect(Array(try VirtualPopulation().patients(count: 60, seed: 7).prefix(40)) == patients)
        let regimens = try Regimen.parseList("200mg q3w,400mg q6w")
        let model = PembrolizumabModel(timeVaryingClearance: .pembrolizumabLabel)
        let one = try PopulationPKSimulation.run(model: model, regimens: regimens, patients: patients, seed: 3,
                                                 options: PKSimulationOptions(durationDays: 126, threads: 1))
        let many = try PopulationPKSimulation.run(model: model, regimens: regimens, patients: patients, seed: 3,
                                                  options: PKSimulationOptions(durationDays: 126, threads: 4))
        #expect(one.regimens[0].exposures == many.regimens[0].exposures)
        #expect(one.regimens[1].bands == many.regimens[1].bands)
        #expect(one.regimens[0].method == .ode)
    }

    @Test("covariate distributions have the stated means and shares")
    func distributions() throws {
        let patients = try VirtualPopulation().patients(count: 4000, seed: 11)
        let weights = patients.map(\.covariates.weightKilograms)
        // Truncation at 35–170 kg moves the mean by < 1 kg; sampling SE ≈ 0.3 kg.
        #expect(abs(Descriptive.mean(weights) - 79.1) < 1.5)
        let female = Double(patients.filter(\.covariates.isFemale).count) / 4000
        #expect(abs(female - 0.409) < 0.03)
        #expect(patients.allSatisfy { (35...170).contains($0.covariates.weightKilograms) })
    }

    @Test("population summaries and bands are consistent with the per-patient exposures")
    func summaries() throws {
        let patients = try VirtualPopulation().patients(count: 200, seed: 5)
        let result = try PopulationPKSimulation.run(model: NivolumabModel(), regimens: try Regimen.parseList("240mg q2w,480mg q4w,3mg/kg q2w"),
                                                    patients: patients, seed: 9,
                                                    options: PKSimulationOptions(durationDays: 168, targetConcentration: 20))
        for regimen in result.regimens {
            let troughs = regimen.exposures.map(\.troughSteadyState)
            let summary = regimen.summaries.first { $0.metric == "trough_steady_state" }!
            #expect(summary.median == Descriptive.median(troughs))
            #expect(summary.percentile5 < summary.median && summary.median < summary.percentile95)
            #expect(regimen.bands.times.count == 169)
            #expect(zip(regimen.bands.percentile5, regimen.bands.percentile95).allSatisfy { $0 <= $1 })
            #expect(regimen.exposures.allSatisfy { ($0.timeAboveTargetDays ?? -1) >= 0 && $0.timeAboveTargetDays! <= 168 })
            #expect(regimen.exposures.allSatisfy { $0.minimumOccupancy <= $0.occupancyAtTroughSteadyState + 1e-12 })
        }
        // Same dose rate for a typical 80 kg patient: 240 q2w and 480 q4w have median Cavg within 3 %.
        let cavg = result.regimens.map { r in r.summaries.first { $0.metric == "cavg_steady_state" }!.median }
        #expect(abs(cavg[1] / cavg[0] - 1) < 0.03)
        // Weight-based dosing spreads exposure less across weights than flat dosing does (correlation sign).
        let weights = patients.map(\.covariates.weightKilograms)
        func correlation(_ x: [Double], _ y: [Double]) -> Double {
            let mx = Descriptive.mean(x), my = Descriptive.mean(y)
            let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
            return sxy / (Descriptive.standardDeviation(x) * Descriptive.standardDeviation(y) * Double(x.count - 1))
        }
        #expect(correlation(weights, result.regimens[0].exposures.map(\.averageSteadyState)) < 0)
        #expect(correlation(weights, result.regimens[2].exposures.map(\.averageSteadyState)) > 0)
    }

    @Test("bad patients are rejected before any simulation, naming the patient and field")
    func badPatient() throws {
        var patients = try VirtualPopulation().patients(count: 3, seed: 1)
        patients[1].covariates.albuminGramsPerLitre = .nan
        do {
            _ = try PopulationPKSimulation.run(model: PembrolizumabModel(), regimens: [try Regimen.parse("200mg q3w")], patients: patients, seed: 1)
            Issue.record("a NaN albumin was accepted")
        } catch {
            #expect("\(error)".contains("patient 2"))
            #expect("\(error)".contains("albumin_g_l"))
        }
    }
}
