import Foundation
import Statistics

/// Tumour outcomes of one schedule over a virtual population.
public struct TumourScheduleSummary: Codable, Sendable {
    /// The regimen label, or "no treatment".
    public var schedule: String
    public var patientCount: Int
    public var medianFinalRelativeSize: Double
    public var medianMeanRelativeSize: Double
    /// The share of patients reaching the progression threshold within the horizon.
    public var progressedFraction: Double
    /// The median time to progression among patients who progressed (`nil` if none did).
    public var medianTimeToProgressionDays: Double?
    /// Percentile bands of y/y(0) on the grid.
    public var bands: ConcentrationBands
    public var outcomes: [TumourOutcome]
    public var odeDiagnostics: ODEDiagnostics
}

/// Compares schedules through the tumour–immune model for a virtual population: each patient's PK (same
/// covariates and random effects across schedules, drawn as in ``PopulationPKSimulation``) drives the
/// occupancy that acts on effector inactivation; the untreated course is simulated first as the control.
public enum TumourScheduleComparison {
    /// - Complexity: O((regimens + 1) × patients × ODE steps).
    public static func run(tumour: TumourImmuneModel = TumourImmuneModel(), model: any PopulationPKModel, regimens: [Regimen],
                           patients: [VirtualPatient], seed: UInt64, includeVariability: Bool = true,
                           durationDays: Double = 364, gridStepDays: Double = 1,
                           occupancy: ReceptorOccupancy? = nil) throws -> [TumourScheduleSummary] {
        try tumour.validate()
        guard !patients.isEmpty else {
            throw DosingError.invalidPatientData(field: "patients", message: "no patients; give at least one")
        }
        let occupancy = occupancy ?? model.drug.defaultOccupancy
        let parameters = PopulationPKSimulation.individualParameters(model: model, patients: patients, seed: seed,
                                                                     includeVariability: includeVariability)
        var summaries: [TumourScheduleSummary] = []
        for regimen in [nil] + regimens.map(Optional.some) {
            let n = regimen == nil ? 1 : patients.count   // untreated: every patient has the same course
            var results = [(TumourOutcome, ODEDiagnostics)?](repeating: nil, count: n)
            var failures = [String?](repeating: nil, count: n)
            results.withUnsafeMutableBufferPointer { buffer in
                failures.withUnsafeMutableBufferPointer { failureBuffer in
                let out = SendableBuffer(buffer), failed = SendableBuffer(failureBuffer)
                DispatchQueue.concurrentPerform(iterations: n) { k in
                    do {
                        let dose = regimen?.doseMilligrams(weightKilograms: patients[k].covariates.weightKilograms) ?? 0
                        out.base[k] = try TumourSimulation.simulate(model: tumour, parameters: parameters[k], doseMilligrams: dose,
                                                                    regimen: regimen, occupancy: occupancy, durationDays: durationDays,
                                                                    gridStepDays: gridStepDays, patient: patients[k].id)
                    } catch {
                        failed.base[k] = "\(patients[k].id): \(error)"
                    }
                }
                }
            }
            if let failure = failures.compactMap({ $0 }).first { throw DosingError.integrationFailure(failure) }
            let outcomes = results.map { $0!.0 }
            var diagnostics = ODEDiagnostics()
            for r in results { diagnostics.merge(r!.1) }
            let times = outcomes[0].times
            var grid = [Double](repeating: 0, count: n * times.count)
            for k in 0..<n { for j in times.indices { grid[k * times.count + j] = outcomes[k].relativeSize[j] } }
            let progressed = outcomes.compactMap(\.timeToProgressionDays)
            summaries.append(TumourScheduleSummary(
                schedule: regimen?.label ?? "no treatment", patientCount: n,
                medianFinalRelativeSize: Descriptive.median(outcomes.map(\.finalRelativeSize)),
                medianMeanRelativeSize: Descriptive.median(outcomes.map(\.meanRelativeSize)),
                progressedFraction: Double(progressed.count) / Double(n),
                medianTimeToProgressionDays: progressed.isEmpty ? nil : Descriptive.median(progressed),
                bands: PopulationPKSimulation.bands(grid, patients: n, times: times), outcomes: outcomes, odeDiagnostics: diagnostics))
        }
        return summaries
    }
}
