import ArgumentParser

/// Placeholder, replaced by the implementation of `immunokit effects`.
struct EffectsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "effects", abstract: "Not yet available.", shouldDisplay: false)
    func run() throws { throw ValidationError("immunokit effects is not available yet") }
}
