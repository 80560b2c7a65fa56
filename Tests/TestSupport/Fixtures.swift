import Foundation

/// Locations of test inputs: the committed reference values under `Tests/Fixtures/` and the real
/// public cohorts under the shared data folder.
public enum Fixtures {
    /// The repository's `Tests/Fixtures` folder (found from this source file's path, so it works from
    /// any working directory).
    public static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // TestSupport
        .deletingLastPathComponent()   // Tests
        .appendingPathComponent("Fixtures", isDirectory: true)

    /// The repository root.
    public static let repositoryRoot: URL = directory
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A committed fixture file, for example `Fixtures.url("statistics/distributions.json")`.
    public static func url(_ relativePath: String) -> URL {
        directory.appendingPathComponent(relativePath)
    }

    /// The contents of a committed fixture file.
    public static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: url(relativePath))
    }
}

/// The shared folder of real public ICI cohorts (`../shared/data`, or `IMMUNOKIT_SHARED_DATA`).
///
/// Tests that need real data call ``SharedData/require(_:)``. When the folder is missing the test is
/// skipped, unless `IMMUNOKIT_REQUIRE_REAL_DATA=1` (as in CI), in which case it fails.
public enum SharedData {
    public static var directory: URL {
        if let path = ProcessInfo.processInfo.environment["IMMUNOKIT_SHARED_DATA"], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        return Fixtures.repositoryRoot
            .deletingLastPathComponent()
            .appendingPathComponent("shared/data", isDirectory: true)
    }

    /// Whether real data must be present (`IMMUNOKIT_REQUIRE_REAL_DATA=1`).
    public static var isRequired: Bool {
        ProcessInfo.processInfo.environment["IMMUNOKIT_REQUIRE_REAL_DATA"] == "1"
    }

    /// Whether `relativePath` exists under the shared data folder.
    public static func isAvailable(_ relativePath: String = "") -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(relativePath).path)
    }

    /// Condition for `.enabled(if:)`: run when the data exist, or when they are required (so that a
    /// missing folder fails loudly in CI instead of passing as skipped).
    public static func shouldRun(_ relativePath: String = "") -> Bool {
        isRequired || isAvailable(relativePath)
    }

    /// The URL of `relativePath` under the shared data folder; throws if it is missing.
    public static func require(_ relativePath: String) throws -> URL {
        let url = directory.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw MissingSharedData(path: url.path)
        }
        return url
    }

    public struct MissingSharedData: Error, CustomStringConvertible {
        public let path: String
        public var description: String {
            "real data not found at \(path); set IMMUNOKIT_SHARED_DATA to the shared data folder"
        }
    }
}

/// A fresh temporary folder, removed by ``remove()``.
public struct TemporaryDirectory: Sendable {
    public let url: URL

    public init(prefix: String = "immunokit-test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Writes `text` to `name` inside the folder and returns its URL.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> URL {
        let target = file(name)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: target)
        return target
    }

    public func remove() { try? FileManager.default.removeItem(at: url) }
}
