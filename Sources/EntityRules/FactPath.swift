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
        var current = document
        var remaining = Substring(lowered)
        var atRoot = true
        while !remaining.isEmpty {
            guard case .object(let members) = current else { return nil }
            guard let (key, rest) = Self.longestKey(in: members, matching: remaining) else { return nil }
            if atRoot, key.lowercased() == "relations", case .array(let relations)? = members[key] {
                return rest.isEmpty ? members[key] : Self.relationTargets(relations, type: rest)
            }
            current = members[key] ?? .null
            remaining = rest
            atRoot = false
        }
        return current
    }

    /// The member whose key is the longest case-insensitive prefix of `path` followed by `.` or the
    /// end, and the path left after it.
    private static func longestKey(in members: [String: JSONValue], matching path: Substring) -> (String, Substring)? {
        var best: (key: String, length: Int)?
        for key in members.keys where key.utf8.count <= path.utf8.count && key.utf8.count > (best?.length ?? -1) {
            let candidate = key.lowercased()
            guard path.hasPrefix(candidate) else { continue }
            let end = path.index(path.startIndex, offsetBy: candidate.count)
            guard end == path.endIndex || path[end] == "." else { continue }
            best = (key, candidate.count)
        }
        guard let best else { return nil }
        let end = path.index(path.startIndex, offsetBy: best.length)
        return (best.key, end == path.endIndex ? path[end...] : path[path.index(after: end)...])
    }

    /// `relations.<type>`: the target refs of that relation type; missing when there are none.
    private static func relationTargets(_ relations: [JSONValue], type: Substring) -> JSONValue? {
        let targets = relations.compactMap { relation -> JSONValue? in
            guard relation["type"]?.stringValue?.lowercased() == String(type) else { return nil }
            return relation["targetRef"]
        }
        return targets.isEmpty ? nil : .array(targets)
    }
}
