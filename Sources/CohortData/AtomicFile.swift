import Foundation

/// Writes files so that a reader never sees half a file: the bytes go to a temporary file in the
/// destination folder, which is then renamed over the destination (rename is atomic on POSIX file
/// systems within one folder).
public enum AtomicFile {
    /// Writes `data` to `url` atomically, creating the parent folder if needed.
    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partial")
        do {
            try data.write(to: temporary)
            try replace(url, with: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Writes `text` as UTF-8 to `url` atomically.
    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// Moves `source` over `destination` in one rename.
    static func replace(_ destination: URL, with source: URL) throws {
        if rename(source.path, destination.path) != 0 {
            let code = errno
            throw CocoaError(.fileWriteUnknown, userInfo: [
                NSFilePathErrorKey: destination.path,
                NSLocalizedDescriptionKey: "could not move the finished file into place: \(String(cString: strerror(code)))",
            ])
        }
    }

    /// Builds a whole folder atomically: `build` fills a temporary sibling folder, which then replaces
    /// `url` (an existing folder at `url` is removed only after the new one is complete).
    public static func writeDirectory(at url: URL, _ build: (URL) throws -> Void) throws {
        let parent = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let temporary = parent.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partial")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        do {
            try build(temporary)
            if FileManager.default.fileExists(atPath: url.path) {
                let old = parent.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).old")
                try FileManager.default.moveItem(at: url, to: old)
                do {
                    try replace(url, with: temporary)
                } catch {
                    try? FileManager.default.moveItem(at: old, to: url)
                    throw error
                }
                try? FileManager.default.removeItem(at: old)
            } else {
                try replace(url, with: temporary)
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
