import Catalog
import FoyerCore

/// A dotted path into an entity as the catalog API serves it (`metadata.annotations.backstage.io/techdocs-ref`,
/// `relations.ownedBy`), resolved the way `rules.md` says: the longest matching key at each level.
public struct FactPath: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    private let lowered: String
    /// `lowered` as UTF-8, and whether values are entity refs: worked out once, used for every entity.
    private let bytes: [UInt8]
    public let holdsEntityRefs: Bool
    /// The kind a ref without one means in this field (`group` for `spec.owner`); nil when it must say.
    let refDefaultKind: String?

    public init(_ text: String) {
        self.text = text
        lowered = text.lowercased()
        bytes = Array(lowered.utf8)
        holdsEntityRefs = lowered.hasPrefix("relations.") || RelationBuilder.referenceFields[lowered] != nil
        refDefaultKind = RelationBuilder.referenceFields[lowered] ?? nil
    }

    public static func == (lhs: FactPath, rhs: FactPath) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    public var description: String { text }

    /// The value at this path in `document`, or nil when the fact is missing.
    public func resolve(in document: JSONValue) -> JSONValue? {
        resolve(in: FactDocument(document))
    }

    /// The value at this path, or nil when the fact is missing.
    public func resolve(in document: FactDocument) -> JSONValue? {
        bytes.withUnsafeBufferPointer { path -> JSONValue? in
            if Self.isRelations(path) {
                // `relations.<type>`: the target refs of that type; missing when there are none.
                return path.count <= 10 ? document.allRelations : document.relationTargets(ofType: String(decoding: path[10...], as: UTF8.self))
            }
            var current = document.root
            var offset = 0
            while offset < path.count {
                guard case .object(let members) = current,
                      let (value, length) = Self.longestKey(in: members, matching: path, from: offset) else { return nil }
                current = value
                offset = min(offset + length + 1, path.count)
            }
            return current
        }
    }

    /// Whether the path is `relations` or starts with `relations.`.
    private static func isRelations(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        path.starts(with: "relations".utf8) && (path.count == 9 || path[9] == UInt8(ascii: "."))
    }

    /// The member whose key, lowercased, is the longest prefix of `path[offset...]` followed by `.` or
    /// the end (of keys differing only by case, the first in sorted order), with that prefix's length.
    /// Compares bytes, folding ASCII case, since this runs for every fact of every entity.
    private static func longestKey(in members: [String: JSONValue], matching path: UnsafeBufferPointer<UInt8>,
                                   from offset: Int) -> (JSONValue, Int)? {
        var best: (index: Dictionary<String, JSONValue>.Index, length: Int)?
        var index = members.startIndex
        while index != members.endIndex {
            defer { index = members.index(after: index) }
            let key = members.keys[index]
            // Most keys differ in their first byte: skip them before comparing the rest.
            if let first = key.utf8.first, first < 0x80, ASCII.lowercased(first) != path[offset] { continue }
            guard let length = foldedPrefixLength(of: key, in: path, from: offset), length >= (best?.length ?? 0) else { continue }
            if let best, length == best.length, members.keys[best.index] < members.keys[index] { continue }
            best = (index, length)
        }
        return best.map { (members.values[$0.index], $0.length) }
    }

    /// The length of `key` lowercased when it is a prefix of `path[offset...]` ending at `.` or the end, else nil.
    private static func foldedPrefixLength(of key: String, in path: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int? {
        let fast = key.utf8.withContiguousStorageIfAvailable { asciiPrefixLength(of: $0, in: path, from: offset) }
        switch fast {
        case .some(.matched(let length)): return length
        case .some(.different): return nil
        // Non-ASCII keys take the slow, exact way: Unicode lowercasing may change their length.
        case .some(.notASCII), nil: return slowPrefixLength(of: key, in: path, from: offset)
        }
    }

    private enum Prefix { case matched(Int), different, notASCII }

    private static func asciiPrefixLength(of key: UnsafeBufferPointer<UInt8>, in path: UnsafeBufferPointer<UInt8>, from offset: Int) -> Prefix {
        guard offset + key.count <= path.count else { return key.contains { $0 >= 0x80 } ? .notASCII : .different }
        for (position, byte) in key.enumerated() {
            guard byte < 0x80 else { return .notASCII }
            // Every byte before this one was ASCII, so lowercasing the rest could not make it match.
            guard path[offset + position] == ASCII.lowercased(byte) else { return .different }
        }
        let end = offset + key.count
        return end == path.count || path[end] == UInt8(ascii: ".") ? .matched(key.count) : .different
    }

    private static func slowPrefixLength(of key: String, in path: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int? {
        let lowered = Array(key.lowercased().utf8)
        let end = offset + lowered.count
        guard end <= path.count, path[offset..<end].elementsEqual(lowered) else { return nil }
        return end == path.count || path[end] == UInt8(ascii: ".") ? lowered.count : nil
    }

    /// Whether `text` lowercased equals `lowered`.
    static func foldedEquals(_ text: String, _ lowered: String) -> Bool {
        var lowered = lowered
        return lowered.withUTF8 { path in foldedPrefixLength(of: text, in: path, from: 0) == path.count }
    }
}
