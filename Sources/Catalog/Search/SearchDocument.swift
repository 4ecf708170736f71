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
        kind = entity.kind.lowercasedIfNeeded()
        namespace = entity.namespace.lowercasedIfNeeded()
        name = entity.name.lowercasedIfNeeded()
        title = (entity.metadata["title"]?.stringValue ?? "").lowercasedIfNeeded()
        description = (entity.metadata["description"]?.stringValue ?? "").lowercasedIfNeeded()
        tags = (entity.metadata["tags"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: " ").lowercasedIfNeeded()
        owner = (entity.spec["owner"]?.stringValue ?? "").lowercasedIfNeeded()
        type = (entity.spec["type"]?.stringValue ?? "").lowercasedIfNeeded()
        lifecycle = (entity.spec["lifecycle"]?.stringValue ?? "").lowercasedIfNeeded()
    }

    /// The words the full-text index holds, space-separated.
    var tokens: String {
        SearchTokenizer.tokens([kind, name, title, description, tags, owner, type].joined(separator: " ")).joined(separator: " ")
    }
}
