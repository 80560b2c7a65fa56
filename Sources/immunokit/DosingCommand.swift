import ArgumentParser

/// Placeholder, replaced by the implementation of `immunokit dosing`.
struct DosingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dosing", abstract: "Not yet available.", shouldDisplay: false)
    func run() throws { throw ValidationError("immunokit dosing is not available yet") }
}
