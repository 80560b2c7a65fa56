import Foundation

/// The median, 5th and 95th percentiles and mean of one exposure metric over a population (percentiles
/// by linear interpolation between order statistics, as NumPy's default).
public struct ExposureSummary: Codable, Sendable, Hashable {
    public var metric: String
    public var unit: String
    public var median: Double
    public var percentile5: Double
    public var percentile95: Double
    public var mean: Double
}

/// Concentration–time percentile bands over a population, on the simulation grid.
public struct ConcentrationBands: Codable, Sendable, Hashable {
    /// Grid times (days).
    public var times: [Double]
    public var percentile5: [Double]
    public var median: [Double]
    public var percentile95: [Double]
}

/// The population result for one regimen: every patient's exposure, the summaries and the bands.
public struct RegimenExposure: Codable, Sendable {
    public var regimen: Regimen
    public var exposures: [PatientExposure]
    public var summaries: [ExposureSummary]
    public var bands: ConcentrationBands
    /// How the profiles were computed (analytic or ODE) and the summed ODE diagnostics.
    public var method: PKSolutionMethod
    public var odeDiagnostics: ODEDiagnostics
}

/// The result of ``PopulationPKSimulation/run(model:regimens:patients:seed:includeVariability:options:occupancy:)``.
public struct PopulationPKResult: Codable, Sendable {
    public var drug: CheckpointInhibitor
    public var citation: String
    public var patientCount: Int
    public var seed: UInt64
    public var options: PKSimulationOptions
    public var occupancy: ReceptorOccupancy
    public var regimens: [RegimenExposure]
    /// Statistical or numerical notes (e.g. ODE rejections, stiffness), for the caller to print.
    public var diagnostics: [String]
}
