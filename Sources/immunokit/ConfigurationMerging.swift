import Foundation
import Yams

/// Reads a partial configuration: the user's keys override the encoded defaults, so a file needs to
/// name only what it changes (`{"model": {"alpha": 0.5}}`).
enum ConfigurationMerging {
    /// Loads `url` (YAML for .yaml/.yml, JSON otherwise) as a dictionary.
    static func load(_ url: URL) throws -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw UsageError(message: "configuration file not found: \(url.path)")
        }
        let object: Any?
        if ["yaml", "yml"].contains(url.pathExtension.lowercased()) {
            object = try Yams.load(yaml: String(decoding: data, as: UTF8.self))
        } else {
            object = try JSONSerialization.jsonObject(with: data)
        }
        guard let dictionary = object as? [String: Any] else {
            throw UsageError(message: "\(url.path): expected a mapping of settings at the top level")
        }
        return dictionary
    }

    /// `defaults` with the keys of `overrides` replaced (recursively for nested mappings). Unknown keys
    /// are an error naming them, so that a misspelt setting does not silently do nothing.
    static func merge<T: Codable>(_ defaults: T, with overrides: [String: Any]?, section: String) throws -> T {
        guard let overrides, !overrides.isEmpty else { return defaults }
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(defaults))
        guard var base = encoded as? [String: Any] else { return defaults }
        try overlay(&base, overrides, path: section)
        let data = try JSONSerialization.data(withJSONObject: base)
        let value: T
        do {
            value = try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw UsageError(message: "configuration \(section): \(error)")
        }
        // A key the type does not know is dropped by decoding; find it by encoding the result again
        // (a known optional setting given a value reappears there).
        let decoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value)) as? [String: Any] ?? [:]
        for key in overrides.keys.sorted() where decoded[key] == nil && !(overrides[key] is NSNull) {
            let known = decoded.keys.sorted().joined(separator: ", ")
            throw UsageError(message: "configuration \(section): unknown setting \"\(key)\" (settings: \(known))")
        }
        return value
    }

    private static func overlay(_ base: inout [String: Any], _ overrides: [String: Any], path: String) throws {
        for (key, value) in overrides {
            // Optional settings that default to nil are absent from the encoded defaults; accept them.
            if var nested = base[key] as? [String: Any], let inner = value as? [String: Any] {
                try overlay(&nested, inner, path: "\(path).\(key)")
                base[key] = nested
            } else {
                base[key] = value
            }
        }
    }
}
