import Foundation

/// Bad input to a discovery analysis: the message names the analysis, what was wrong and what was expected.
public struct DiscoveryError: Error, CustomStringConvertible, Sendable, Hashable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
