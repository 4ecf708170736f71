import FoyerCore

/// `kind:namespace/name`, always lowercased: how entities are identified, stored and compared.
public struct EntityRef: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public let kind: String
    public let namespace: String
    public let name: String

    public init(kind: String, namespace: String, name: String) {
        self.kind = kind.lowercasedIfNeeded()
        self.namespace = namespace.lowercasedIfNeeded()
        self.name = name.lowercasedIfNeeded()
    }

    public var description: String { "\(kind):\(namespace)/\(name)" }

    public static func < (lhs: EntityRef, rhs: EntityRef) -> Bool { lhs.description < rhs.description }

    /// Parses `[kind:][namespace/]name`, filling what is missing from the defaults.
    /// Fails when the kind is missing and there is no default, or when a part is empty.
    public static func parse(_ text: String, defaultKind: String?, defaultNamespace: String) -> EntityRef? {
        var rest = Substring(text)
        // Foundation's trimming is slow on Linux and refs rarely need it: only when an end is whitespace.
        if rest.unicodeScalars.first?.properties.isWhitespace == true || rest.unicodeScalars.last?.properties.isWhitespace == true {
            rest = Substring(text.trimmingCharacters(in: .whitespaces))
        }
        // The separators are ASCII, so their UTF-8 positions are valid string indexes.
        var kind = defaultKind
        if let colon = rest.utf8.firstIndex(of: UInt8(ascii: ":")) {
            kind = String(rest[..<colon])
            rest = rest[rest.index(after: colon)...]
        }
        var namespace = defaultNamespace
        if let slash = rest.utf8.firstIndex(of: UInt8(ascii: "/")) {
            namespace = String(rest[..<slash])
            rest = rest[rest.index(after: slash)...]
        }
        guard let kind, !kind.isEmpty, !namespace.isEmpty, !rest.isEmpty,
              !rest.utf8.contains(UInt8(ascii: "/")), !rest.utf8.contains(UInt8(ascii: ":")) else {
            return nil
        }
        return EntityRef(kind: kind, namespace: namespace, name: String(rest))
    }

    /// Reads a ref the catalog itself stored (already `kind:namespace/name`, lowercased) without the
    /// checks and trimming of `parse`: it runs for every relation of every entity served.
    init?(stored text: some StringProtocol) {
        // Byte-wise: refs are ASCII, and this is much cheaper than walking characters.
        let bytes = text.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
              let slash = bytes[colon...].firstIndex(of: UInt8(ascii: "/")) else { return nil }
        kind = String(decoding: bytes[..<colon], as: UTF8.self)
        namespace = String(decoding: bytes[bytes.index(after: colon)..<slash], as: UTF8.self)
        name = String(decoding: bytes[bytes.index(after: slash)...], as: UTF8.self)
    }

    /// Parses a full `kind:namespace/name` (namespace optional), as API paths and filters give them.
    public static func parse(_ text: String) -> EntityRef? {
        parse(text, defaultKind: nil, defaultNamespace: "default")
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let ref = EntityRef.parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not an entity reference"))
        }
        self = ref
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
