#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A path glob with `*`, `?`, `[…]` within one segment and `**` across segments.
public struct GlobPattern: Sendable {
    public let pattern: String
    let segments: [String]

    public init(_ pattern: String) {
        self.pattern = pattern
        segments = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    /// Whether `text` contains glob syntax at all.
    public static func isGlob(_ text: String) -> Bool {
        text.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" })
    }

    /// The leading part without glob characters: the folder to start walking from.
    public var staticPrefix: String {
        let fixed = segments.prefix { !GlobPattern.isGlob($0) }
        let joined = fixed.joined(separator: "/")
        return pattern.hasPrefix("/") ? "/" + joined : joined
    }

    /// Whether a path (same absolute/relative form as the pattern) matches.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        return Self.match(segments[...], parts[...])
    }

    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        if head == "**" {
            let rest = pattern.dropFirst()
            for skip in 0...path.count where match(rest, path.dropFirst(skip)) { return true }
            return false
        }
        guard let segment = path.first, fnmatch(head, segment, 0) == 0 else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }
}
