import FoyerCore

/// Backstage's `fields` parameter: keep only the named dotted paths of each entity.
public struct FieldProjection: Sendable, Equatable {
    public let paths: [[String]]

    public static let all = FieldProjection(paths: [])

    /// Parses `fields=metadata.name,kind` (repeatable); empty means the whole entity.
    public static func parse(_ parameters: [String]) throws(FoyerError) -> FieldProjection {
        let paths = parameters.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard paths.count <= 100 else { throw .badRequest("at most 100 fields may be requested") }
        return FieldProjection(paths: paths.map { $0.split(separator: ".").map(String.init) })
    }

    /// `document` with only the requested paths; missing paths are simply absent.
    public func apply(to document: JSONValue) -> JSONValue {
        guard !paths.isEmpty else { return document }
        var result = JSONValue.object([:])
        for path in paths {
            if let (keys, value) = document.locate(path) { result = Self.set(value, at: keys[...], in: result) }
        }
        return result
    }

    private static func set(_ value: JSONValue, at path: ArraySlice<String>, in container: JSONValue) -> JSONValue {
        guard let key = path.first else { return value }
        var members = container.objectValue ?? [:]
        members[key] = set(value, at: path.dropFirst(), in: members[key] ?? .object([:]))
        return .object(members)
    }
}
