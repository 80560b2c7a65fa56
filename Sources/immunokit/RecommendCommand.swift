import ArgumentParser

/// Placeholder, replaced by the implementation of `immunokit recommend`.
struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "recommend", abstract: "Not yet available.", shouldDisplay: false)
    func run() throws { throw ValidationError("immunokit recommend is not available yet") }
}
