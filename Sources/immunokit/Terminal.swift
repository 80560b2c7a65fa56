import Foundation

/// Writing to the terminal: results to standard output, progress and warnings to standard error.
/// Progress shows only when standard error is a terminal and `--quiet` was not given.
enum Terminal {
    nonisolated(unsafe) static var quiet = false

    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// A progress line ("reading expression…"), shown only on an interactive terminal.
    static func progress(_ message: String) {
        guard !quiet, standardErrorIsTerminal else { return }
        FileHandle.standardError.write(Data("\u{1B}[2m… \(message)\u{1B}[0m\n".utf8))
    }

    /// A warning, always shown unless `--quiet`.
    static func warning(_ message: String) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("immunokit: error: \(message)\n".utf8))
    }

    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
