import Foundation
import Testing
@testable import Dosing

@Suite("Population PK models")
struct PKModelTests {
    static let fine = PKSimulationOptions(durationDays: 84, gridStepDays: 0.5,
                                          ode: ODEOptions(relativeTolerance: 1e-10, absoluteTolerance: 1e-10))

    @Test("the analytic superposition matches NumPy's closed-form sum to 1e-9 (fixture)")
    func analyticAgainstFixture() throws {
        for case let reference as [String: Any] in Reference.json["two_compartment"] as! [Any] {
            let p = IndividualPKParameters(clearance: Reference.double(reference["cl"]), centralVolume: Reference.double(reference["v1"]),
                                           intercompartmentalClearance: Reference.double(reference["q"]),
                                           peripheralVolume: Reference.double(reference["v2"]))
            let regimen = Regimen(amount: .milligrams(Reference.double(reference["dose"])), intervalDays: Reference.double(reference["tau"]))
            let profile = try PKSimulator.profile(parameters: p, doseMilligrams: Reference.double(reference["dose"]), regimen: regimen,
                                                  options: Self.fine)
            #expect(profile.method == .analytic)
            #expect(profile.gridTimes == Reference.doubles(reference["times"]))
            let expected = Reference.doubles(reference["concentrations"])
            let error = maxRelativeError(Array(profile.gridConcentrations.dropFirst()), Array(expected.dropFirst()))
            // Both are exact formulas; they differ by rounding only (the brief asks for 1e-6).
            #expect(error < 1e-9, "\(reference["name"]!): max relative error \(error)")
        }
    }

    @Test("the ODE path matches the analytic solution of the linear model to 1e-6 (relative)")
    func odeAgainstAnalytic() throws {
        let model = PembrolizumabModel()
        for weight in [45.0, 76.8, 130.0] {
            let p = model.typicalParameters(for: PatientCovariates(weightKilograms: weight))
            for regimen in [try Regimen.parse("200mg q3w"), try Regimen.parse("400mg q6w")] {
                var options = Self.fine
                options.method = .analytic
                let exact = try PKSimulator.profile(parameters: p, doseMilligrams: 200, regimen: regimen, options: options)
                options.method = .ode
                let numeric = try PKSimulator.profile(parameters: p, doseMilligrams: 200, regimen: regimen, options: options)
                let c = maxRelativeError(Array(numeric.concentrations.dropFirst()), Array(exact.concentrations.dropFirst()))
                let auc = maxRelativeError(Array(numeric.cumulativeAUC.dropFirst()), Array(exact.cumulativeAUC.dropFirst()))
                #expect(c < 1e-6 && auc < 1e-6, "\(weight) kg \(regimen): concentration \(c), AUC \(auc)")
            }
        }
    }

    @Test("nivolumab with time-varying clearance matches scipy DOP853 (rtol 1e-12) to 1e-6 (fixture)")
    func nivolumabTimeVarying() throws {
        let reference = Reference.dict(Reference.json["nivolumab_time_varying"])
        let p = NivolumabModel().typicalParameters(for: PatientCovariates(weightKilograms: 80, eGFR: 90))
        let r = Reference.dict(reference["parameters"])
        #expect(abs(p.clearance - Reference.double(r["cl"])) < 1e-12)
        #expect(abs(p.centralVolume - Reference.double(r["v1"])) < 1e-12)
        let profile = try PKSimulator.profile(parameters: p, doseMilligrams: 240, regimen: try Regimen.parse("240mg q2w"), options: Self.fine)
        #expect(profile.method == .ode)
        let expected = Reference.doubles(reference["concentrations"])
        let error = maxRelativeError(Array(profile.gridConcentrations.dropFirst()), Array(expected.dropFirst()))
        #expect(error < 1e-6, "max relative error \(error)")
    }

    @Test("typical steady-state troughs fall in the published ranges")
    func publishedTroughs() throws {
        let options = PKSimulationOptions(durationDays: 252)
        func typical(_ model: any PopulationPKModel, _ covariates: PatientCovariates, _ text: String) throws -> PatientExposure {
            let regimen = try Regimen.parse(text)
            let p = model.typicalParameters(for: covariates)
            let dose = regimen.doseMilligrams(weightKilograms: covariates.weightKilograms)
            let profile = try PKSimulator.profile(parameters: p, doseMilligrams: dose, regimen: regimen, options: options)
            return PatientExposure(patient: "typical", doseMilligrams: dose, profile: profile, intervalDays: regimen.intervalDays,
                                   durationDays: options.durationDays, target: nil, occupancy: .pembrolizumab)
        }
        // Pembrolizumab (Ahamadi 2017 reference patient): 200 mg q3w Ctrough,ss ≈ 20–30 µg/mL and 400 mg q6w
        // ≈ 15–25 µg/mL (Lala M et al., Eur J Cancer 2020;131:68–75; Freshwater T et al., J Immunother Cancer 2017;5:43).
        let q3w = try typical(PembrolizumabModel(), .reference, "200mg q3w")
        let q6w = try typical(PembrolizumabModel(), .reference, "400mg q6w")
        #expect((20...30).contains(q3w.troughSteadyState), "200 mg q3w trough \(q3w.troughSteadyState)")
        #expect((15...25).contains(q6w.troughSteadyState), "400 mg q6w trough \(q6w.troughSteadyState)")
        // Same dose rate: equal Cavg,ss; q6w has the higher peak and the lower trough (Lala 2020).
        #expect(abs(q6w.averageSteadyState / q3w.averageSteadyState - 1) < 0.01)
        #expect(q6w.cmaxSteadyState > q3w.cmaxSteadyState)
        // Nivolumab 240 mg q2w vs 480 mg q4w (Long GV et al., Ann Oncol 2018;29:2208–2213; Zhao X et al., Ann
        // Oncol 2017;28:2002–2008): similar Cavg,ss, higher Cmax,ss and lower Cmin,ss for q4w, and troughs well
        // above the 3 mg/kg exposure range floor (> 10 µg/mL).
        let male = PatientCovariates(weightKilograms: 80, eGFR: 90)
        let q2 = try typical(NivolumabModel(), male, "240mg q2w")
        let q4 = try typical(NivolumabModel(), male, "480mg q4w")
        #expect(abs(q4.averageSteadyState / q2.averageSteadyState - 1) < 0.02)
        #expect(q4.cmaxSteadyState > 1.3 * q2.cmaxSteadyState)
        #expect(q4.troughSteadyState < q2.troughSteadyState && q4.troughSteadyState > 0.7 * q2.troughSteadyState)
        #expect(q4.troughSteadyState > 10)
        // Atezolizumab 1200 mg q3w: typical trough far above the 6 µg/mL target (Stroh 2017).
        let atezo = try typical(AtezolizumabModel(), PatientCovariates(weightKilograms: 77, albuminGramsPerLitre: 40,
                                                                       tumourBurdenMillimetres: 63), "1200mg q3w")
        #expect(atezo.troughSteadyState > 6 * 10)
    }

    @Test("atezolizumab: the reference patient has Centanni 2019's typical values, Vss 6.91 L and a 26–28 day terminal half-life; covariates act as tabulated")
    func atezolizumabTypicalValues() {
        let model = AtezolizumabModel()
        let reference = PatientCovariates(weightKilograms: 77, albuminGramsPerLitre: 40, tumourBurdenMillimetres: 63)
        let p = model.typicalParameters(for: reference)
        #expect(abs(p.clearance - 0.200) < 1e-12 && abs(p.centralVolume - 3.28) < 1e-12)
        #expect(abs(p.peripheralVolume - 3.63) < 1e-12 && abs(p.intercompartmentalClearance - 0.546) < 1e-12)
        #expect(abs(p.centralVolume + p.peripheralVolume - 6.91) < 1e-9)
        // Terminal rate β of the two-compartment model: the smaller root of λ² − (k10 + k12 + k21) λ + k10 k21.
        let k10 = p.clearance / p.centralVolume, k12 = p.intercompartmentalClearance / p.centralVolume
        let k21 = p.intercompartmentalClearance / p.peripheralVolume
        let sum = k10 + k12 + k21
        let beta = (sum - (sum * sum - 4 * k10 * k21).squareRoot()) / 2
        #expect((26...28).contains(log(2) / beta))
        // Albumin 30 g/L: CL × 0.75^−1.12, V₁ × 0.75^−0.350; female: V₁ × 0.871, V₂ × 0.728, CL unchanged.
        var low = reference; low.albuminGramsPerLitre = 30
        let q = model.typicalParameters(for: low)
        #expect(abs(q.clearance / p.clearance - pow(0.75, -1.12)) < 1e-12)
        #expect(abs(q.centralVolume / p.centralVolume - pow(0.75, -0.350)) < 1e-12)
        var female = reference; female.isFemale = true
        let f = model.typicalParameters(for: female)
        #expect(f.clearance == p.clearance)
        #expect(abs(f.centralVolume / p.centralVolume - 0.871) < 1e-12 && abs(f.peripheralVolume / p.peripheralVolume - 0.728) < 1e-12)
        #expect(model.randomEffects == RandomEffects(names: ["CL", "V1", "V2"], variances: [0.0841, 0.0324, 0.1156]))
    }

    @Test("covariate direction: heavier patients have lower exposure under flat dosing and higher under mg/kg")
    func weightDirection() throws {
        let options = PKSimulationOptions(durationDays: 168)
        for model in CheckpointInhibitor.allCases.map(\.defaultModel) {
            var flat: [Double] = [], perKg: [Double] = []
            for weight in [50.0, 75, 100, 125] {
                let c = PatientCovariates(weightKilograms: weight)
                let p = model.typicalParameters(for: c)
                for (text, out) in [("200mg q3w", 0), ("2mg/kg q3w", 1)] {
                    let regimen = try Regimen.parse(text)
                    let dose = regimen.doseMilligrams(weightKilograms: weight)
                    let profile = try PKSimulator.profile(parameters: p, doseMilligrams: dose, regimen: regimen, options: options)
                    let e = PatientExposure(patient: "", doseMilligrams: dose, profile: profile, intervalDays: 21, durationDays: 168,
                                            target: nil, occupancy: .pembrolizumab)
                    if out == 0 { flat.append(e.averageSteadyState) } else { perKg.append(e.averageSteadyState) }
                }
            }
            #expect(zip(flat, flat.dropFirst()).allSatisfy { $0 > $1 }, "\(model.drug) flat: \(flat)")
            #expect(zip(perKg, perKg.dropFirst()).allSatisfy { $0 < $1 }, "\(model.drug) mg/kg: \(perKg)")
        }
        // Lower albumin → higher clearance (Ahamadi 2017: exponent −0.907).
        let low = PembrolizumabModel().typicalParameters(for: PatientCovariates(albuminGramsPerLitre: 30)).clearance
        let high = PembrolizumabModel().typicalParameters(for: PatientCovariates(albuminGramsPerLitre: 45)).clearance
        #expect(low > high)
    }

    @Test("the tabulated clearance time course equals the exact sigmoid to 1e-10, inside and beyond the table")
    func clearanceTimeCourseTable() {
        for (t50, hill) in [(58.75, 3.15), (65.5, 2.99), (30.0, 1.0), (80.0, 2.0), (20.0, 2.0), (45.0, 4.5)] {
            #expect(ClearanceTimeCourse.isAccurate(halfChangeDays: t50, hill: hill))
            let table = ClearanceTimeCourse(halfChangeDays: t50, hill: hill, horizonDays: 365)
            var worst = 0.0
            for k in 0...40_000 {
                let t = Double(k) * 0.0113   // off the grid, 0 … 452 days (beyond the 365-day table)
                let exact = ClearanceTimeCourse.exact(t, halfChangeDays: t50, hill: hill).value
                worst = max(worst, abs(table.value(at: t) - exact))
            }
            #expect(worst < 1e-10, "T50 \(t50), γ \(hill): \(worst)")
            // The factor built from it is the model's: exp(Emax · s) = TimeVaryingClearance.factor.
            let tv = TimeVaryingClearance(maximumLogChange: -0.3, halfChangeDays: t50, hill: hill)
            #expect(abs(exp(-0.3 * table.value(at: 100)) - tv.factor(at: 100)) < 1e-10)
        }
        // Steep or sub-linear sigmoids are left to the formula.
        #expect(ClearanceTimeCourse.shared(halfChangeDays: 10, hill: 4.5, horizonDays: 365) == nil)
        #expect(ClearanceTimeCourse.shared(halfChangeDays: 40, hill: 0.6, horizonDays: 365) == nil)
        // Tables are shared: the same T50 and γ give the same table when it reaches far enough.
        let a = ClearanceTimeCourse.shared(halfChangeDays: 65.5, hill: 2.99, horizonDays: 728)
        #expect(a != nil && ClearanceTimeCourse.shared(halfChangeDays: 65.5, hill: 2.99, horizonDays: 300) === a)
        #expect(ClearanceTimeCourse.shared(halfChangeDays: 65.5, hill: 2.99, horizonDays: 1_000)!.horizonDays >= 1_000)
    }

    @Test("time-varying clearance falls to exp(Emax) of baseline")
    func timeVaryingClearance() {
        let tv = TimeVaryingClearance(maximumLogChange: -0.295, halfChangeDays: 58.75, hill: 3.15)
        #expect(tv.factor(at: 0) == 1)
        #expect(abs(tv.factor(at: 58.75) - exp(-0.295 / 2)) < 1e-12)
        #expect(abs(tv.factor(at: 1e6) - exp(-0.295)) < 1e-6)
    }

    @Test("receptor occupancy is the Emax binding curve with the stated EC50s")
    func occupancy() {
        #expect(abs(ReceptorOccupancy.atezolizumab.occupancy(6) - 0.95) < 1e-12)
        #expect(abs(ReceptorOccupancy.pembrolizumab.occupancy(0.535) - 0.5) < 1e-12)
        #expect(ReceptorOccupancy.nivolumab.occupancy(0) == 0)
        #expect(abs(ReceptorOccupancy(ec50: 2, hill: 2).occupancy(2) - 0.5) < 1e-12)
    }
}
