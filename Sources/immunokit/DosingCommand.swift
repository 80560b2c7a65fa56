import ArgumentParser
import Dosing
import Foundation
import ImmunoKit

struct DosingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dosing",
        abstract: "Population PK of checkpoint inhibitors: compare dosing schedules by exposure, occupancy and a tumour–immune model.",
        discussion: """
            Simulates a virtual population (or the patients of a TSV file) under each regimen with the published
            population PK model of the drug: pembrolizumab (Ahamadi 2017), nivolumab (Bajaj 2017, time-varying
            clearance), atezolizumab (Stroh 2017). Regimens are written "<amount>mg q<N>w" or "<amount>mg/kg q<N>w"
            (or q<N>d), comma-separated. Writes to --out: summary.tsv (median and 5th–95th percentiles of Cmax,
            Ctrough and Cavg after the first dose and at steady state, time above --target, receptor occupancy),
            exposures.tsv (one row per patient and regimen), bands.tsv (concentration percentiles by day) and
            report.html with the PK profiles; --svg adds one chart per regimen, --json summary.json. --tumour adds
            the Kuznetsov tumour–immune model with PD-1/PD-L1 occupancy reducing effector exhaustion (tumour.tsv).

            Patients file columns: patient_id, weight_kg (required); albumin_g_l, egfr, sex, tumour_burden_mm,
            ecog, nsclc, prior_ipilimumab, asian, ada (optional; reference values when absent).

            Examples:
              immunokit dosing --drug pembrolizumab --regimens "200mg q3w,400mg q6w,2mg/kg q3w" --out pembro
              immunokit dosing --drug nivolumab --regimens "240mg q2w,480mg q4w" --population 5000 --seed 7 --target 20 --svg --out nivo
              immunokit dosing --drug atezolizumab --regimens "1200mg q3w,1680mg q4w" --patients patients.tsv --duration 24 --tumour --out atezo
            """
    )

    @Option(help: "The drug: pembrolizumab, nivolumab or atezolizumab.")
    var drug: String

    @Option(help: "Comma-separated regimens, e.g. \"200mg q3w,400mg q6w,2mg/kg q3w\" (default: the drug's approved flat doses).")
    var regimens: String?

    @Option(help: "Virtual population size (default 1000; ignored with --patients).")
    var population: Int = 1000

    @Option(help: "Random seed for covariates and between-subject variability (default 42).")
    var seed: UInt64 = 42

    @Option(help: "A TSV of patients (patient_id, weight_kg, …) instead of a virtual population.")
    var patients: String?

    @Option(help: "Simulated duration in weeks (default 52; at least one dosing interval).")
    var duration: Double = 52

    @Option(help: "Target concentration in µg/mL for the time-above-target metric (optional).")
    var target: Double?

    @Option(help: "Infusion duration in minutes (default 30).")
    var infusionMinutes: Double = 30

    @Flag(help: "Pembrolizumab: add the time-varying clearance of the label model (Imax −0.218, TI50 65.5 days, Hill 2.99).")
    var timeVaryingClearance = false

    @Flag(help: "Simulate every patient at the typical parameters (covariate effects only, no between-subject variability).")
    var typical = false

    @Flag(help: "Also compare schedules with the tumour–immune model (Kuznetsov 1994 with occupancy acting on exhaustion).")
    var tumour = false

    @Option(help: "The output folder (written atomically).")
    var out: String

    @Flag(help: "Replace the output folder if it exists.")
    var overwrite = false

    @Flag(help: "Also write summary.json.")
    var json = false

    @Flag(help: "Also write an SVG concentration–time chart per regimen (pk_<regimen>.svg).")
    var svg = false

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        guard CheckpointInhibitor(rawValue: drug.lowercased()) != nil else {
            throw ValidationError("--drug \"\(drug)\" is not one of pembrolizumab, nivolumab, atezolizumab")
        }
        guard population >= 1, population <= 1_000_000 else { throw ValidationError("--population \(population) must be in 1...1000000") }
        guard duration.isFinite, duration > 0, duration <= 520 else { throw ValidationError("--duration \(duration) must be in (0, 520] weeks") }
        if let target, !(target.isFinite && target > 0) { throw ValidationError("--target \(target) must be a positive concentration in µg/mL") }
        guard infusionMinutes.isFinite, infusionMinutes >= 1, infusionMinutes <= 1440 else {
            throw ValidationError("--infusion-minutes \(infusionMinutes) must be in 1...1440")
        }
    }

    func run() throws {
        outputOptions.apply()
        try reportingErrors {
            do {
                try execute()
            } catch let error as DosingError {
                switch error {
                case .invalidPatientData:
                    Terminal.error("\(error)")
                    throw ExitCode(ExitStatus.badData)
                case .invalidRegimen, .invalidConfiguration:
                    throw UsageError(message: "\(error)")
                case .integrationFailure:
                    Terminal.error("\(error)")
                    throw ExitCode(ExitStatus.internalFailure)
                }
            }
        }
    }

    func execute() throws {
        let inhibitor = CheckpointInhibitor(rawValue: drug.lowercased())!
        let destination = URL(fileURLWithPath: out)
        if FileManager.default.fileExists(atPath: destination.path), !overwrite {
            throw UsageError(message: "output folder \(out) exists; choose another or pass --overwrite")
        }
        let regimenList = try Regimen.parseList(regimens ?? defaultRegimens(inhibitor), infusionHours: infusionMinutes / 60)
        var model = inhibitor.defaultModel
        if timeVaryingClearance {
            guard inhibitor == .pembrolizumab else {
                throw UsageError(message: "--time-varying-clearance applies to pembrolizumab only (the nivolumab model always has it)")
            }
            model = PembrolizumabModel(timeVaryingClearance: .pembrolizumabLabel)
        }
        let cohort: [VirtualPatient]
        var notes: [String] = []
        if let patients {
            let url = URL(fileURLWithPath: patients)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw UsageError(message: "patients file not found: \(patients)")
            }
            let table = try PatientTable(text: String(decoding: data, as: UTF8.self), name: url.lastPathComponent)
            cohort = table.patients
            if !table.defaultedColumns.isEmpty {
                notes.append("columns not in \(url.lastPathComponent), reference values used: \(table.defaultedColumns.joined(separator: ", "))")
            }
        } else {
            cohort = try VirtualPopulation().patients(count: population, seed: seed)
        }
        let options = PKSimulationOptions(durationDays: duration * 7, targetConcentration: target)
        Terminal.progress("simulating \(cohort.count) patients × \(regimenList.count) regimens of \(inhibitor.rawValue)")
        let result = try PopulationPKSimulation.run(model: model, regimens: regimenList, patients: cohort, seed: seed,
                                                    includeVariability: !typical, options: options)
        notes += result.diagnostics
        var tumourSummaries: [TumourScheduleSummary] = []
        if tumour {
            Terminal.progress("tumour–immune model for \(cohort.count) patients")
            tumourSummaries = try TumourScheduleComparison.run(model: model, regimens: regimenList, patients: cohort, seed: seed,
                                                               includeVariability: !typical, durationDays: options.durationDays)
        }
        for note in notes { Terminal.warning(note) }
        try AtomicFile.writeDirectory(at: destination) { folder in
            try write(result, tumourSummaries, notes: notes, to: folder)
        }
        for regimen in result.regimens {
            let trough = regimen.summaries.first { $0.metric == "trough_steady_state" }!
            let average = regimen.summaries.first { $0.metric == "cavg_steady_state" }!
            let occupancy = regimen.summaries.first { $0.metric == "occupancy_trough_steady_state" }!
            Terminal.output(String(format: "%@: Ctrough,ss median %.3g µg/mL (5–95%%: %.3g–%.3g), Cavg,ss %.3g, occupancy at trough %.1f%%\n",
                                   regimen.regimen.label, trough.median, trough.percentile5, trough.percentile95, average.median,
                                   100 * occupancy.median))
        }
        Terminal.output("wrote \(destination.path)\n")
    }

    func defaultRegimens(_ drug: CheckpointInhibitor) -> String {
        switch drug {
        case .pembrolizumab: "200mg q3w,400mg q6w"
        case .nivolumab: "240mg q2w,480mg q4w"
        case .atezolizumab: "1200mg q3w,1680mg q4w"
        }
    }
}

extension DosingCommand {
    func write(_ result: PopulationPKResult, _ tumourSummaries: [TumourScheduleSummary], notes: [String], to folder: URL) throws {
        var summary = ["regimen\tmetric\tunit\tmedian\tp5\tp95\tmean"]
        var exposures: [String] = []
        var bands = ["regimen\tday\tp5\tmedian\tp95"]
        for regimen in result.regimens {
            for s in regimen.summaries {
                summary.append([regimen.regimen.label, s.metric, s.unit, fmt(s.median), fmt(s.percentile5), fmt(s.percentile95), fmt(s.mean)]
                    .joined(separator: "\t"))
            }
            if exposures.isEmpty, let first = regimen.exposures.first {
                exposures.append((["patient_id", "regimen"] + first.metrics.map(\.name)).joined(separator: "\t"))
            }
            for e in regimen.exposures {
                exposures.append(([e.patient, regimen.regimen.label] + e.metrics.map { fmt($0.value) }).joined(separator: "\t"))
            }
            for (j, t) in regimen.bands.times.enumerated() {
                bands.append([regimen.regimen.label, fmt(t), fmt(regimen.bands.percentile5[j]), fmt(regimen.bands.median[j]),
                              fmt(regimen.bands.percentile95[j])].joined(separator: "\t"))
            }
        }
        try AtomicFile.write(summary.joined(separator: "\n") + "\n", to: folder.appendingPathComponent("summary.tsv"))
        try AtomicFile.write(exposures.joined(separator: "\n") + "\n", to: folder.appendingPathComponent("exposures.tsv"))
        try AtomicFile.write(bands.joined(separator: "\n") + "\n", to: folder.appendingPathComponent("bands.tsv"))
        if !tumourSummaries.isEmpty {
            var lines = ["schedule\tpatients\tmedian_final_relative_size\tmedian_mean_relative_size\tprogressed_fraction\tmedian_time_to_progression_days"]
            for s in tumourSummaries {
                lines.append([s.schedule, "\(s.patientCount)", fmt(s.medianFinalRelativeSize), fmt(s.medianMeanRelativeSize),
                              fmt(s.progressedFraction), s.medianTimeToProgressionDays.map(fmt) ?? "NA"].joined(separator: "\t"))
            }
            try AtomicFile.write(lines.joined(separator: "\n") + "\n", to: folder.appendingPathComponent("tumour.tsv"))
        }
        let charts = result.regimens.map { chart(for: $0, target: result.options.targetConcentration) }
        if svg {
            for (regimen, chart) in zip(result.regimens, charts) {
                try AtomicFile.write(chart.svg(), to: folder.appendingPathComponent("pk_\(slug(regimen.regimen.label)).svg"))
            }
            if !tumourSummaries.isEmpty {
                try AtomicFile.write(tumourChart(tumourSummaries).svg(), to: folder.appendingPathComponent("tumour.svg"))
            }
        }
        try AtomicFile.write(report(result, charts, tumourSummaries, notes: notes).html(), to: folder.appendingPathComponent("report.html"))
        if json {
            struct Summary: Encodable {
                var drug: String, citation: String, patients: Int, seed: UInt64, durationDays: Double, targetConcentration: Double?
                var occupancy: ReceptorOccupancy, regimens: [RegimenSummary], tumour: [TumourRow], notes: [String]
            }
            struct RegimenSummary: Encodable {
                var regimen: String, method: String, summaries: [ExposureSummary], bands: ConcentrationBands, odeDiagnostics: ODEDiagnostics
            }
            struct TumourRow: Encodable {
                var schedule: String, patients: Int, medianFinalRelativeSize: Double, medianMeanRelativeSize: Double
                var progressedFraction: Double, medianTimeToProgressionDays: Double?
            }
            let value = Summary(
                drug: result.drug.rawValue, citation: result.citation, patients: result.patientCount, seed: result.seed,
                durationDays: result.options.durationDays, targetConcentration: result.options.targetConcentration, occupancy: result.occupancy,
                regimens: result.regimens.map {
                    RegimenSummary(regimen: $0.regimen.label, method: $0.method.rawValue, summaries: $0.summaries, bands: $0.bands,
                                   odeDiagnostics: $0.odeDiagnostics)
                },
                tumour: tumourSummaries.map {
                    TumourRow(schedule: $0.schedule, patients: $0.patientCount, medianFinalRelativeSize: $0.medianFinalRelativeSize,
                              medianMeanRelativeSize: $0.medianMeanRelativeSize, progressedFraction: $0.progressedFraction,
                              medianTimeToProgressionDays: $0.medianTimeToProgressionDays)
                },
                notes: notes)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try AtomicFile.write(try encoder.encode(value), to: folder.appendingPathComponent("summary.json"))
        }
    }

    func chart(for regimen: RegimenExposure, target: Double?) -> LineChart {
        let weeks = regimen.bands.times.map { $0 / 7 }
        var series = [LineChart.Series(name: "median (5th–95th percentile)", x: weeks, y: regimen.bands.median,
                                       lower: regimen.bands.percentile5, upper: regimen.bands.percentile95)]
        if let target, let last = weeks.last {
            series.append(LineChart.Series(name: "target \(fmt(target)) µg/mL", x: [0, last], y: [target, target], dashed: true))
        }
        return LineChart(title: "\(drug.lowercased()) \(regimen.regimen.label)", xLabel: "Weeks", yLabel: "Serum concentration (µg/mL)",
                         series: series, yRange: 0...((regimen.bands.percentile95.max() ?? 1) * 1.05))
    }

    func tumourChart(_ summaries: [TumourScheduleSummary]) -> LineChart {
        let series = summaries.map { s in
            LineChart.Series(name: s.schedule, x: s.bands.times.map { $0 / 7 }, y: s.bands.median, lower: s.bands.percentile5,
                             upper: s.bands.percentile95, dashed: s.schedule == "no treatment")
        }
        return LineChart(title: "Tumour size relative to baseline (Kuznetsov model)", xLabel: "Weeks", yLabel: "Tumour cells / baseline",
                         series: series)
    }

    func report(_ result: PopulationPKResult, _ charts: [LineChart], _ tumourSummaries: [TumourScheduleSummary], notes: [String]) -> HTMLReport {
        var report = HTMLReport(title: "Dosing: \(result.drug.rawValue)",
                                subtitle: "\(result.patientCount) patients, \(fmt(result.options.durationDays / 7)) weeks, seed \(result.seed)")
        report.section("dosing-model", "Dosing model")
        report.definitions([("Population PK", result.citation),
                            ("Receptor occupancy", "RO = C/(EC50 + C), EC50 \(fmt(result.occupancy.ec50)) µg/mL (\(result.drug.target))"),
                            ("Variability", typical ? "none (typical parameters)" : "log-normal between-subject variability with the published variances")])
        for note in notes { report.note(note) }
        report.endSection()
        report.section("dosing-exposure", "Exposure by regimen")
        var rows: [[String]] = []
        for regimen in result.regimens {
            for s in regimen.summaries {
                rows.append([regimen.regimen.label, s.metric, s.unit, fmt(s.median), "\(fmt(s.percentile5))–\(fmt(s.percentile95))"])
                report.record("\(regimen.regimen.label).\(s.metric).median", s.median)
            }
        }
        report.table(columns: ["Regimen", "Metric", "Unit", "Median", "5th–95th percentile"], rows: rows, numericColumns: [3, 4])
        report.endSection()
        report.section("dosing-profiles", "Concentration–time profiles")
        for (regimen, chart) in zip(result.regimens, charts) {
            report.figure(chart.svg(), caption: "\(regimen.regimen.label): median and 5th–95th percentile band of the serum concentration.")
        }
        report.endSection()
        if !tumourSummaries.isEmpty {
            report.section("dosing-tumour", "Tumour–immune model")
            report.paragraph("Kuznetsov et al. 1994 effector–tumour model; occupancy reduces effector inactivation by up to 90 %. A qualitative comparison, not a calibrated prediction.")
            report.table(columns: ["Schedule", "Median final size", "Median mean size", "Progressed", "Median TTP (days)"],
                         rows: tumourSummaries.map { [$0.schedule, fmt($0.medianFinalRelativeSize), fmt($0.medianMeanRelativeSize),
                                                      fmt($0.progressedFraction), $0.medianTimeToProgressionDays.map(fmt) ?? "–"] },
                         numericColumns: [1, 2, 3, 4])
            report.figure(tumourChart(tumourSummaries).svg(), caption: "Tumour size relative to baseline: median and 5th–95th percentiles.")
            report.endSection()
        }
        return report
    }

    func slug(_ label: String) -> String {
        String(label.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }).replacingOccurrences(of: "__", with: "_")
    }
}

private func fmt(_ x: Double) -> String { x.isFinite ? String(format: "%.6g", x) : "NA" }
