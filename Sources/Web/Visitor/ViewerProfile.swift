import Catalog
import FoyerCore

/// The person pages are personalised for: a `User` entity of the catalog and the teams it belongs to.
struct ViewerProfile: Sendable {
    let ref: EntityRef
    let displayName: String
    let url: String
    let teamRefs: [EntityRef]

    /// The profile of `entity` when it is a user, nil otherwise.
    init?(_ entity: StoredEntity) {
        guard entity.ref.kind == "user" else { return nil }
        let document = Entity(document: entity.body)
        ref = entity.ref
        displayName = document.spec["profile"]?["displayName"]?.stringValue ?? document.metadata["title"]?.stringValue ?? document.name
        url = EntityLinks.path(entity.ref)
        teamRefs = entity.relations.filter { $0.type == RelationType.memberOf }.map(\.target)
    }
}
