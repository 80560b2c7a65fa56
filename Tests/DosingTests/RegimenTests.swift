import Foundation
import Testing
@testable import Dosing

@Suite("Regimens and patient tables")
struct RegimenTests {
    @Test("regimens parse in the usual spellings", arguments: [
        ("200mg q3w", 200.0, false, 21.0), ("400 mg q6w", 400, false, 42), ("2mg/kg q3w", 2, true, 21),
        ("3 MG/KG Q2W", 3, true, 14), ("480mg q28d", 480, false, 28), ("1680mg q4w", 1680, false, 28),
    ])
    func parses(text: String, amount: Double, perKilogram: Bool, interval: Double) throws {
        let regimen = try Regimen.parse(text)
        #expect(regimen.amount == (perKilogram ? .milligramsPerKilogram(amount) : .milligrams(amount)))
        #expect(regimen.intervalDays == interval)
        #expect(regimen.infusionHours == 0.5)
    }

    @Test("bad regimens give one clear error quoting the regimen and what was expected")
    func badRegimens() {
        func message(_ text: String) -> String {
            do { _ = try Regimen.parseList(text); return "" } catch { return "\(error)" }
        }
        #expect(message("200mg q3w,200mgs q3w") == "unknown unit 'mgs' in regimen 2 '200mgs q3w'; expected mg or mg/kg")
        #expect(message("200mg").contains("missing interval in regimen 1 '200mg'"))
        #expect(message("200mg every3w").contains("missing interval"))
        #expect(message("200mg q3m").contains("unknown interval 'q3m'"))
        #expect(message("-5mg q3w").contains("invalid dose"))
        #expect(message("200 q3w").contains("missing unit"))
        #expect(message("").contains("no regimens"))
        #expect(message("200mg q0w").contains("unknown interval"))
        #expect(message("200mg q400w").contains("intervalDays"))
    }

    @Test("dose times and weight-based doses")
    func doses() throws {
        let regimen = try Regimen.parse("2mg/kg q3w")
        #expect(regimen.doseMilligrams(weightKilograms: 80) == 160)
        #expect(regimen.doseTimes(durationDays: 63) == [0, 21, 42])
        #expect(regimen.label == "2 mg/kg q3w")
    }

    @Test("a patient table is read with defaults for missing optional columns")
    func patientTable() throws {
        let table = try PatientTable(text: "patient_id\tweight_kg\tsex\talbumin_g_l\tecog\nP1\t70\tF\t35\t1\nP2\t95.5\tmale\t42\t0\n")
        #expect(table.patients.count == 2)
        #expect(table.patients[0].covariates.isFemale)
        #expect(table.patients[0].covariates.ecogAtLeastOne)
        #expect(table.patients[1].covariates.weightKilograms == 95.5)
        #expect(table.defaultedColumns.contains("egfr"))
        #expect(table.patients[1].covariates.eGFR == PatientCovariates.reference.eGFR)
    }

    @Test("bad patient rows name the line and column but not the value")
    func badPatients() {
        func message(_ text: String) -> String {
            do { _ = try PatientTable(text: text, name: "p.tsv"); return "" } catch { return "\(error)" }
        }
        let nan = message("patient_id\tweight_kg\nP1\t70\nP2\tNaN\n")
        #expect(nan.contains("p.tsv line 3, column weight_kg"))
        #expect(!nan.contains("NaN"))
        let range = message("patient_id\tweight_kg\nP1\t7000\n")
        #expect(range.contains("line 2") && range.contains("weight_kg") && !range.contains("7000"))
        #expect(message("patient_id\tweight_kg\nP1\t70\tx\nP1\t71\n").contains("duplicate"))
        #expect(message("patient_id\tsex\nP1\tF\n").contains("no weight_kg column"))
        #expect(message("patient_id\tweight_kg\tsex\nP1\t70\tX\n").contains("column sex"))
        #expect(message("patient_id\tweight_kg\nP1\t\n").contains("missing value"))
        #expect(message("").contains("empty"))
    }

    @Test("options and models reject invalid values naming the parameter")
    func validation() {
        for (options, parameter) in [(PKSimulationOptions(durationDays: -1), "durationDays"),
                                     (PKSimulationOptions(gridStepDays: 0), "gridStepDays"),
                                     (PKSimulationOptions(targetConcentration: .nan), "targetConcentration")] {
            do { try options.validate(); Issue.record("accepted \(parameter)") } catch { #expect("\(error)".contains(parameter)) }
        }
        do {
            try PKSimulationOptions(durationDays: 10).validate(regimens: [try Regimen.parse("200mg q3w")])
            Issue.record("a horizon shorter than one interval was accepted")
        } catch { #expect("\(error)".contains("durationDays")) }
        var population = VirtualPopulation()
        population.femaleShare = 1.5
        do { _ = try population.patients(count: 3, seed: 1); Issue.record("accepted femaleShare") } catch {
            #expect("\(error)".contains("femaleShare"))
        }
    }
}
