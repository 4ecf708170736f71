import FoyerCore

/// A dotted path into an entity as the catalog API serves it (`metadata.annotations.backstage.io/techdocs-ref`,
/// `relations.ownedBy`), resolved the way `rules.md` says: the longest matching key at each level.
public struct FactPath: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    private let lowered: String

    public init(_ text: String) {
        self.text = text
        lowered = text.lowercased()
    }

    public var description: String { text }

    /// Whether values of this fact are entity refs, compared after normalising both sides.
    public var holdsEntityRefs: Bool {
        if lowered.hasPrefix("relations.") { return true }
        return Self.refFields.contains(lowered)
    }

    /// Spec fields that Backstage defines as entity references.
    static let refFields: Set<String> = [
        "spec.owner", "spec.system", "spec.domain", "spec.subcomponentof", "spec.providesapis", "spec.consumesapis",
        "spec.dependson", "spec.dependencyof", "spec.parent", "spec.children", "spec.memberof", "spec.members",
    ]

    /// The value at this path in `document`, or nil when the fact is missing.
    public func resolve(in document: JSONValue) -> JSONValue? {
        resolve(in: FactDocument(document))
    }

    /// The value at this path, or nil when the fact is missing.
    public func resolve(in document: FactDocument) -> JSONValue? {
        var current = document.root
        var remaining = Substring(lowered)
        var atRoot = true
        while !remaining.isEmpty {
            guard case .object(let members) = current else { return nil }
            guard let (key, rest) = Self.longestKey(in: members, matching: remaining) else { return nil }
            if atRoot, key == "relations", !rest.isEmpty {
                // `relations.<type>`: the target refs of that type; missing when there are none.
                return document.relations[String(rest)].map(JSONValue.array)
            }
            current = members[key] ?? .null
            remaining = rest
            atRoot = false
        }
        return current
    }

    /// The (lowercased) key that is the longest prefix of `path` followed by `.` or the end, and the
    /// path left after it; compares bytes, since this runs for every fact of every entity.
    private static func longestKey(in members: [String: JSONValue], matching path: Substring) -> (String, Substring)? {
        var best: String?
        let pathBytes = path.utf8
        for key in members.keys {
            let length = key.utf8.count
            guard length <= pathBytes.count, length > (best?.utf8.count ?? -1), pathBytes.starts(with: key.utf8) else { continue }
            let end = pathBytes.index(pathBytes.startIndex, offsetBy: length)
            guard end == pathBytes.endIndex || pathBytes[end] == UInt8(ascii: ".") else { continue }
            best = key
        }
        guard let best else { return nil }
        let end = pathBytes.index(pathBytes.startIndex, offsetBy: best.utf8.count)
        return (best, end == pathBytes.endIndex ? path[end...] : path[pathBytes.index(after: end)...])
    }
}
