import FoyerCore

/// What search knows of an entity: the fields it ranks on, lowercased, and the words it matches.
struct SearchDocument: Sendable {
    let kind: String
    let namespace: String
    let name: String
    let title: String
    let description: String
    let tags: String
    let owner: String
    let type: String
    let lifecycle: String

    init(_ entity: Entity) {
        kind = entity.kind.lowercased()
        namespace = entity.namespace.lowercased()
        name = entity.name.lowercased()
        title = (entity.metadata["title"]?.stringValue ?? "").lowercased()
        description = (entity.metadata["description"]?.stringValue ?? "").lowercased()
        tags = (entity.metadata["tags"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: " ").lowercased()
        owner = (entity.spec["owner"]?.stringValue ?? "").lowercased()
        type = (entity.spec["type"]?.stringValue ?? "").lowercased()
        lifecycle = (entity.spec["lifecycle"]?.stringValue ?? "").lowercased()
    }

    /// The words the full-text index holds, space-separated.
    var tokens: String {
        SearchTokenizer.tokens([kind, name, title, description, tags, owner, type].joined(separator: " ")).joined(separator: " ")
    }
}
