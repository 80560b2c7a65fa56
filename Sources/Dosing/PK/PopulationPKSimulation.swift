import Foundation
import Statistics

/// Simulates a population of patients under several regimens of one drug.
public enum PopulationPKSimulation {
    /// Every patient under every regimen, with the same random effects across regimens (paired
    /// comparison). Patient k's η is drawn from `Xoshiro256StarStar(seed: seed ^ 0xD05E, stream: k)`, so a
    /// seed reproduces the result bit for bit whatever the thread count.
    ///
    /// - Parameters:
    ///   - includeVariability: draw η ~ N(0, Ω) (default); `false` simulates every patient at η = 0
    ///     (covariate effects only).
    ///   - occupancy: default the drug's ``CheckpointInhibitor/defaultOccupancy``.
    /// - Complexity: O(patients × regimens × profile points), spread over `options.threads` cores; memory
    ///   O(patients × grid points) per regimen for the bands.
    public static func run(model: any PopulationPKModel, regimens: [Regimen], patients: [VirtualPatient], seed: UInt64,
                           includeVariability: Bool = true, options: PKSimulationOptions = PKSimulationOptions(),
                           occupancy: ReceptorOccupancy? = nil) throws -> PopulationPKResult {
        try options.validate(regimens: regimens)
        guard !regimens.isEmpty else {
            throw DosingError.invalidConfiguration(parameter: "regimens", message: "no regimens given; give at least one")
        }
        guard !patients.isEmpty else {
            throw DosingError.invalidPatientData(field: "patients", message: "no patients; give at least one")
        }
        for (k, patient) in patients.enumerated() { try patient.covariates.validate(context: "patient \(k + 1) (\(patient.id))") }
        let occupancy = occupancy ?? model.drug.defaultOccupancy
        try occupancy.validate()
        let parameters = individualParameters(model: model, patients: patients, seed: seed, includeVariability: includeVariability)
        var results: [RegimenExposure] = []
        var notes: [String] = []
        for regimen in regimens {
            let schedule = DosingSchedule(regimen: regimen, durationDays: options.durationDays, gridStepDays: options.gridStepDays)
            let gridCount = schedule.gridIndices.count
            let n = patients.count
            var exposures = [PatientExposure?](repeating: nil, count: n)
            var grid = [Double](repeating: 0, count: n * gridCount)
            var diagnostics = [ODEDiagnostics](repeating: ODEDiagnostics(), count: n)
            var failures = [String?](repeating: nil, count: n)
            var method = PKSolutionMethod.analytic
            let threads = options.threads == 0 ? ProcessInfo.processInfo.activeProcessorCount : options.threads
            let chunks = min(n, max(1, threads * 4))
            exposures.withUnsafeMutableBufferPointer { exposureBuffer in
                grid.withUnsafeMutableBufferPointer { gridBuffer in
                    diagnostics.withUnsafeMutableBufferPointer { diagnosticBuffer in
                        failures.withUnsafeMutableBufferPointer { failureBuffer in
                            let e = SendableBuffer(exposureBuffer), gb = SendableBuffer(gridBuffer)
                            let db = SendableBuffer(diagnosticBuffer), fb = SendableBuffer(failureBuffer)
                            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                                let lo = chunk * n / chunks, hi = (chunk + 1) * n / chunks
                                for k in lo..<hi {
                                    let dose = regimen.doseMilligrams(weightKilograms: patients[k].covariates.weightKilograms)
                                    do {
                                        let profile = try PKSimulator.profile(parameters: parameters[k], dose: dose, schedule: schedule,
                                                                              options: options)
                                        e.base[k] = PatientExposure(patient: patients[k].id, doseMilligrams: dose, profile: profile,
                                                                    intervalDays: regimen.intervalDays, durationDays: options.durationDays,
                                                                    target: options.targetConcentration, occupancy: occupancy)
                                        for (j, index) in schedule.gridIndices.enumerated() {
                                            gb.base[k * gridCount + j] = profile.concentrations[index]
                                        }
                                        db.base[k] = profile.diagnostics
                                    } catch {
                                        fb.base[k] = "\(patients[k].id): \(error)"
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if let failure = failures.compactMap({ $0 }).first { throw DosingError.integrationFailure(failure) }
            var total = ODEDiagnostics()
            for d in diagnostics { total.merge(d) }
            if total.acceptedSteps > 0 { method = .ode }
            if total.stiffnessDetected {
                notes.append("\(regimen.label): the ODE solver found the PK system stiff and switched to the Rosenbrock method")
            }
            let list = exposures.map { $0! }
            results.append(RegimenExposure(regimen: regimen, exposures: list, summaries: summarise(list),
                                           bands: bands(grid, patients: n, times: schedule.gridIndices.map { schedule.times[$0] }),
                                           method: method, odeDiagnostics: total))
        }
        return PopulationPKResult(drug: model.drug, citation: model.citation, patientCount: patients.count, seed: seed,
                                  options: options, occupancy: occupancy, regimens: results, diagnostics: notes)
    }

    /// Each patient's parameters: patient k's η from `Xoshiro256StarStar(seed: seed ^ 0xD05E, stream: k)`.
    ///
    /// - Complexity: O(patients × random effects²).
    public static func individualParameters(model: any PopulationPKModel, patients: [VirtualPatient], seed: UInt64,
                                            includeVariability: Bool = true) -> [IndividualPKParameters] {
        patients.enumerated().map { k, patient in
            var g = Xoshiro256StarStar(seed: seed ^ 0xD05E, stream: UInt64(k))
            let eta = includeVariability ? model.randomEffects.sample(using: &g) : model.randomEffects.zero
            return model.parameters(for: patient.covariates, eta: eta)
        }
    }

    /// Median, 5th and 95th percentiles and mean of each metric.
    ///
    /// - Complexity: O(metrics × n log n).
    public static func summarise(_ exposures: [PatientExposure]) -> [ExposureSummary] {
        guard let first = exposures.first else { return [] }
        return first.metrics.indices.map { m in
            let values = exposures.map { $0.metrics[m].value }
            let q = Descriptive.quantiles(values, [0.05, 0.5, 0.95])
            return ExposureSummary(metric: first.metrics[m].name, unit: first.metrics[m].unit, median: q[1],
                                 percentile5: q[0], percentile95: q[2], mean: Descriptive.mean(values))
        }
    }

    static func bands(_ grid: [Double], patients n: Int, times: [Double]) -> ConcentrationBands {
        let g = times.count
        var p5 = [Double](repeating: 0, count: g), p50 = p5, p95 = p5
        p5.withUnsafeMutableBufferPointer { a in
            p50.withUnsafeMutableBufferPointer { b in
                p95.withUnsafeMutableBufferPointer { c in
                    let sa = SendableBuffer(a), sb = SendableBuffer(b), sc = SendableBuffer(c)
                    DispatchQueue.concurrentPerform(iterations: g) { j in
                        var column = [Double](repeating: 0, count: n)
                        for k in 0..<n { column[k] = grid[k * g + j] }
                        sa.base[j] = selectQuantile(&column, 0.05)
                        sb.base[j] = selectQuantile(&column, 0.5)
                        sc.base[j] = selectQuantile(&column, 0.95)
                    }
                }
            }
        }
        return ConcentrationBands(times: times, percentile5: p5, median: p50, percentile95: p95)
    }
}

/// The type-7 quantile (as ``Descriptive/quantile(_:_:)``) by selection instead of sorting: O(n) expected.
/// Reorders `values`; they must be finite.
func selectQuantile(_ values: inout [Double], _ p: Double) -> Double {
    let n = values.count
    let h = Double(n - 1) * p
    let lo = Int(h.rounded(.down))
    let low = select(&values, lo)
    guard lo + 1 < n, h > Double(lo) else { return low }
    // The next order statistic is the minimum of the part above position lo after selection.
    var next = Double.infinity
    for k in (lo + 1)..<n { next = min(next, values[k]) }
    return low + (h - Double(lo)) * (next - low)
}

/// Hoare's quickselect (median-of-three pivots): afterwards values[k] is the k-th smallest, smaller values
/// are before it and larger after.
private func select(_ values: inout [Double], _ k: Int) -> Double {
    var left = 0, right = values.count - 1
    while right > left {
        let mid = left + (right - left) / 2
        if values[mid] < values[left] { values.swapAt(mid, left) }
        if values[right] < values[left] { values.swapAt(right, left) }
        if values[right] < values[mid] { values.swapAt(right, mid) }
        let pivot = values[mid]
        var i = left, j = right
        while i <= j {
            while values[i] < pivot { i += 1 }
            while values[j] > pivot { j -= 1 }
            if i <= j { values.swapAt(i, j); i += 1; j -= 1 }
        }
        if k <= j { right = j } else if k >= i { left = i } else { break }
    }
    return values[k]
}

/// A buffer whose disjoint slots are written by worker threads.
struct SendableBuffer<T>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<T>
    init(_ base: UnsafeMutableBufferPointer<T>) { self.base = base }
}
