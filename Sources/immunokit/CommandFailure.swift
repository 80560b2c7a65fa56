import ArgumentParser
import Foundation
import ImmunoKit

/// Exit codes, following BSD sysexits(3): 64 usage, 65 data, 70 software.
enum ExitStatus {
    static let usage: Int32 = 64
    static let badData: Int32 = 65
    static let internalFailure: Int32 = 70
}

/// Runs a command body and turns errors into one clear line on standard error and an exit code:
/// bad data (``CohortDataError``, and the estimator, treatment, policy and dosing layers' errors, which
/// name the field and what was expected) → 65, ``UsageError`` → 64, anything else → 70. Argument errors
/// are handled by ArgumentParser (64).
func reportingErrors(showValues: Bool = false, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as CohortDataError {
        Terminal.error(error.message(showingValues: showValues))
        throw ExitCode(ExitStatus.badData)
    } catch let error as EstimatorError {
        Terminal.error(error.description)
        throw ExitCode(ExitStatus.badData)
    } catch let error as TreatmentError {
        Terminal.error(error.description)
        throw ExitCode(ExitStatus.badData)
    } catch let error as PolicyError {
        Terminal.error(error.description)
        throw ExitCode(ExitStatus.badData)
    } catch let error as DosingError {
        Terminal.error(error.description)
        throw ExitCode(ExitStatus.badData)
    } catch let error as UsageError {
        Terminal.error(error.message)
        throw ExitCode(ExitStatus.usage)
    } catch let error as ExitCode {
        throw error
    } catch {
        Terminal.error("internal failure: \(error)")
        throw ExitCode(ExitStatus.internalFailure)
    }
}

/// A usage problem found after parsing (an output folder that exists, a missing input).
struct UsageError: Error {
    var message: String
}
