import Foundation
import Testing
@testable import Dosing

@Suite("Tumour–immune dynamics")
struct TumourTests {
    static let nivolumab = NivolumabModel().typicalParameters(for: PatientCovariates(weightKilograms: 80, eGFR: 90))
    static let tight = ODEOptions(relativeTolerance: 1e-11, absoluteTolerance: 1e-12)

    @Test("the coupled PK–tumour model matches scipy Radau (rtol 1e-12) to 1e-6 (fixture), treated and untreated")
    func reference() throws {
        let reference = Reference.dict(Reference.json["tumour"])
        let regimen = try Regimen.parse("240mg q2w")
        #expect(abs(ReceptorOccupancy.nivolumab.ec50 - Reference.double(reference["ec50"])) < 1e-12)
        let treated = try TumourSimulation.simulate(model: TumourImmuneModel(), parameters: Self.nivolumab, doseMilligrams: 240,
                                                    regimen: regimen, occupancy: .nivolumab, durationDays: 84, ode: Self.tight)
        let untreated = try TumourSimulation.simulate(model: TumourImmuneModel(), parameters: nil, doseMilligrams: 0, regimen: nil,
                                                      occupancy: .nivolumab, durationDays: 84, ode: Self.tight)
        let expectedTreated = Reference.doubles(reference["treated_tumour"]).map { $0 / 100 }
        let expectedUntreated = Reference.doubles(reference["untreated_tumour"]).map { $0 / 100 }
        let e1 = maxRelativeError(treated.outcome.relativeSize, expectedTreated)
        let e2 = maxRelativeError(untreated.outcome.relativeSize, expectedUntreated)
        #expect(e1 < 1e-6, "treated: max relative error \(e1)")
        #expect(e2 < 1e-6, "untreated: max relative error \(e2)")
    }

    @Test("no drug: the tumour grows and progresses; treatment shrinks it")
    func noDrugGrows() throws {
        let untreated = try TumourSimulation.simulate(model: TumourImmuneModel(), parameters: nil, doseMilligrams: 0, regimen: nil,
                                                      occupancy: .nivolumab, durationDays: 364)
        #expect(untreated.outcome.finalRelativeSize > 4)
        #expect(untreated.outcome.timeToProgressionDays != nil)
        let treated = try TumourSimulation.simulate(model: TumourImmuneModel(), parameters: Self.nivolumab, doseMilligrams: 240,
                                                    regimen: try Regimen.parse("240mg q2w"), occupancy: .nivolumab, durationDays: 364)
        #expect(treated.outcome.finalRelativeSize < 0.5)
        #expect(treated.outcome.meanRelativeSize < untreated.outcome.meanRelativeSize / 4)
    }

    @Test("higher occupancy gives less tumour burden (monotone in dose, through EC50)")
    func occupancyMonotone() throws {
        var burdens: [Double] = []
        // Doses spanning the occupancy range at 4-weekly dosing: 0.01 mg to 480 mg.
        for dose in [0.01, 0.1, 1.0, 10, 480] {
            let regimen = Regimen(amount: .milligrams(dose), intervalDays: 28)
            let run = try TumourSimulation.simulate(model: TumourImmuneModel(), parameters: Self.nivolumab, doseMilligrams: dose,
                                                    regimen: regimen, occupancy: .nivolumab, durationDays: 364)
            burdens.append(run.outcome.meanRelativeSize)
        }
        #expect(zip(burdens, burdens.dropFirst()).allSatisfy { $0 > $1 }, "mean relative burden by dose: \(burdens)")
    }

    @Test("equivalent-exposure schedules (240 mg q2w, 480 mg q4w, 3 mg/kg q2w) give close outcomes in a population")
    func equivalentSchedules() throws {
        let patients = try VirtualPopulation().patients(count: 24, seed: 21)
        let summaries = try TumourScheduleComparison.run(model: NivolumabModel(), regimens: try Regimen.parseList("240mg q2w,480mg q4w,3mg/kg q2w"),
                                                         patients: patients, seed: 4, durationDays: 364)
        #expect(summaries[0].schedule == "no treatment")
        #expect(summaries[0].progressedFraction == 1)
        let treated = summaries.dropFirst().map(\.medianMeanRelativeSize)
        #expect(treated.allSatisfy { $0 < summaries[0].medianMeanRelativeSize / 4 })
        // Close: the median time-averaged burden differs by less than 10 % between schedules.
        #expect((treated.max()! - treated.min()!) / treated.min()! < 0.1, "\(treated)")
        #expect(summaries.dropFirst().allSatisfy { $0.progressedFraction == 0 })
    }

    @Test("invalid tumour settings are rejected naming the parameter")
    func validation() {
        var model = TumourImmuneModel()
        model.blockadeEfficacy = 2
        do { try model.validate(); Issue.record("accepted") } catch { #expect("\(error)".contains("blockadeEfficacy")) }
        model = TumourImmuneModel()
        model.initialTumour = 900
        do { try model.validate(); Issue.record("accepted") } catch { #expect("\(error)".contains("initialTumour")) }
    }
}
