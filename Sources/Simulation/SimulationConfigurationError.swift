/// A configuration value outside its valid range: names the parameter, quotes the bad value and says
/// how to fix it.
///
/// Configuration values are settings, not patient data, so the value is always shown.
public struct SimulationConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The parameter's path in the configuration ("patientCount", "cancerTypeProfiles[nsclc].tmbMedian").
    public var parameter: String
    /// The offending value as text.
    public var value: String
    /// What is allowed and how to fix it.
    public var fix: String

    public init(parameter: String, value: String, fix: String) {
        self.parameter = parameter
        self.value = value
        self.fix = fix
    }

    /// `simulation parameter patientCount = 0 is invalid: must be in 1...10000000; …`
    public var description: String {
        "simulation parameter \(parameter) = \(value) is invalid: \(fix)"
    }
}
