import Dosing
import Foundation

/// `dosing [PATIENTS] [--dir DIR] [--threads T]`: population PK of pembrolizumab 200 mg q3w over 2 years (728 days)
/// with time-varying clearance (ODE path) for PATIENTS virtual patients (default 10,000): profiles on a 1-day
/// grid, per-patient exposure metrics, population summaries and percentile bands. Driven by
/// Benchmarks/pk_simulation.py, which solves the same patients with scipy. With --dir, writes the individual
/// parameters (`params.f64`: CL, V1, Q, V2, Emax, T50, hill per patient) and ImmunoKit's concentrations at
/// every dose start and infusion end (`concentrations.f64`, patient-major) and their times (`times.f64`).
func runDosingBenchmark(arguments: [String]) throws {
    var patientsCount = 10_000
    var directory: String?
    var threads = 0
    var k = 0
    while k < arguments.count {
        switch arguments[k] {
        case "--dir": directory = arguments[k + 1]; k += 2
        case "--threads": threads = Int(arguments[k + 1]) ?? 0; k += 2
        default: patientsCount = Int(arguments[k]) ?? patientsCount; k += 1
        }
    }
    let model = PembrolizumabModel(timeVaryingClearance: .pembrolizumabLabel)
    let regimen = try Regimen.parse("200mg q3w")
    let options = PKSimulationOptions(durationDays: 728, gridStepDays: 1, targetConcentration: 10, threads: threads)
    let patients = try VirtualPopulation().patients(count: patientsCount, seed: 2026)
    var result: PopulationPKResult?
    let elapsed = try seconds {
        result = try PopulationPKSimulation.run(model: model, regimens: [regimen], patients: patients, seed: 2026, options: options)
    }
    let exposure = result!.regimens[0]
    if let directory {
        let parameters = PopulationPKSimulation.individualParameters(model: model, patients: patients, seed: 2026)
        var flat: [Double] = []
        var concentrations: [Double] = []
        var times: [Double] = []
        for (index, p) in parameters.enumerated() {
            flat += [p.clearance, p.centralVolume, p.intercompartmentalClearance, p.peripheralVolume,
                     p.timeVaryingClearance!.maximumLogChange, p.timeVaryingClearance!.halfChangeDays, p.timeVaryingClearance!.hill]
            let profile = try PKSimulator.profile(parameters: p, doseMilligrams: 200, regimen: regimen, options: options)
            var keep: [Int] = []
            for (i, t) in profile.times.enumerated() where profile.doseTimes.contains(t) || profile.doseTimes.contains(where: { abs($0 + regimen.infusionHours / 24 - t) < 1e-9 }) || i == profile.times.count - 1 {
                keep.append(i)
            }
            if index == 0 { times = keep.map { profile.times[$0] } }
            concentrations += keep.map { profile.concentrations[$0] }
        }
        let folder = URL(fileURLWithPath: directory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func write(_ values: [Double], _ name: String) throws {
            try values.withUnsafeBufferPointer { try Data(buffer: $0).write(to: folder.appendingPathComponent(name)) }
        }
        try write(flat, "params.f64")
        try write(concentrations, "concentrations.f64")
        try write(times, "times.f64")
    }
    let trough = exposure.summaries.first { $0.metric == "trough_steady_state" }!
    print("""
        {"tool": "immunokit", "task": "pk-population", "patients": \(patientsCount), "days": 728, "regimen": "200 mg q3w", \
        "method": "\(exposure.method.rawValue)", "seconds": \(elapsed), "accepted_steps": \(exposure.odeDiagnostics.acceptedSteps), \
        "rejected_steps": \(exposure.odeDiagnostics.rejectedSteps), "function_evaluations": \(exposure.odeDiagnostics.functionEvaluations), \
        "median_trough_ss": \(trough.median), "peak_rss_bytes": \(peakResidentBytes())}
        """)
}
