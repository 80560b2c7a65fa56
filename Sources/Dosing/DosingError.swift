import Foundation

/// Errors of the Dosing target: invalid configurations (a parameter out of range), invalid input data (a
/// regimen that does not parse, a patient covariate that is missing or not finite) and integrations that
/// cannot finish.
///
/// Messages name the parameter or field, what was expected and how to fix it; patient values never
/// appear in them (a covariate error names the row and column only).
public enum DosingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A configuration value is out of range: `parameter`, the value, and the fix.
    case invalidConfiguration(parameter: String, message: String)
    /// A dosing regimen could not be read: the message quotes the regimen text (not patient data).
    case invalidRegimen(String)
    /// Patient data (a covariate table or value) is unusable: `field` and what was expected.
    case invalidPatientData(field: String, message: String)
    /// The ODE integration failed (too many steps, step size underflow, non-finite state).
    case integrationFailure(String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let parameter, let message): "\(parameter): \(message)"
        case .invalidRegimen(let message): message
        case .invalidPatientData(let field, let message): "\(field): \(message)"
        case .integrationFailure(let message): "ODE integration failed: \(message)"
        }
    }
}
