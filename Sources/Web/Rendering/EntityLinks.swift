import Catalog

/// Where an entity's page lives and how a reference reads in a page.
enum EntityLinks {
    /// `/catalog/{namespace}/{kind}/{name}`, as Backstage addresses entity pages.
    static func path(_ ref: EntityRef) -> String {
        "/catalog/\(HTMLText.queryEscape(ref.namespace))/\(HTMLText.queryEscape(ref.kind))/\(HTMLText.queryEscape(ref.name))"
    }

    /// The short form people read: the name, with the namespace only when it is not `default`.
    static func label(_ ref: EntityRef) -> String {
        ref.namespace == Entity.defaultNamespace ? ref.name : "\(ref.namespace)/\(ref.name)"
    }

    /// The entity's title if it has one, else its name.
    static func title(_ entity: Entity) -> String {
        if let title = entity.metadata["title"]?.stringValue, !title.isEmpty { return title }
        if entity.ref.kind == "user", let name = entity.spec["profile"]?["displayName"]?.stringValue, !name.isEmpty { return name }
        return entity.name
    }
}

/// A link to an entity as templates render it.
struct EntityLink {
    let label: String
    let url: String
    let kind: String

    init(_ ref: EntityRef, title: String? = nil) {
        label = title ?? EntityLinks.label(ref)
        url = EntityLinks.path(ref)
        kind = ref.kind
    }

    /// A link titled from `related` when the entity is there, else by its reference.
    init(_ ref: EntityRef, in related: [EntityRef: StoredEntity]) {
        self.init(ref, title: related[ref].map { EntityLinks.title(Entity(document: $0.body)) })
    }
}

/// A link an entity lists in `metadata.links`; unsafe URLs (e.g. `javascript:`) are shown as text only.
struct ExternalLink {
    let title: String
    /// Nil when the URL is not safe to follow.
    let url: String?
    let text: String

    static func links(of entity: Entity) -> [ExternalLink] {
        (entity.metadata["links"]?.arrayValue ?? []).compactMap { item in
            guard let url = item["url"]?.stringValue else { return nil }
            return ExternalLink(title: item["title"]?.stringValue ?? url, url: HTMLText.safeLink(url), text: url)
        }
    }
}
