import Catalog
import FoyerCore

/// A person as a team page lists them, with how much they used the portal lately.
struct Member {
    let link: EntityLink
    let email: String?
    let picture: String?
    let activity: MemberActivity?
}

/// Days a person was active in the last weeks, and when last.
struct MemberActivity {
    let activeDays: Int
    let lastActive: String
}

/// Entities a team or person owns, one group per kind.
struct OwnedGroup {
    let kind: String
    let entities: [EntityLink]

    static func groups(_ refs: [EntityRef], related: [EntityRef: StoredEntity]) -> [OwnedGroup] {
        var byKind: [String: [EntityLink]] = [:]
        for ref in refs {
            byKind[related[ref].map { Entity(document: $0.body).kind } ?? ref.kind, default: []].append(EntityLink(ref, in: related))
        }
        return byKind.keys.sorted().map { OwnedGroup(kind: $0, entities: byKind[$0]!.sorted { $0.label < $1.label }) }
    }
}

/// The team part of a Group's page: members, parent and sub-teams, what it owns, how to reach it.
struct TeamView {
    let members: [Member]
    let parent: EntityLink?
    let children: [EntityLink]
    let owned: [OwnedGroup]
    let email: String?
    let contactLinks: [ExternalLink]

    init(entity: Entity, relations: [Relation], related: [EntityRef: StoredEntity], activity: [String: MemberActivity]) {
        func targets(_ type: String) -> [EntityRef] { relations.filter { $0.type == type }.map(\.target) }
        members = targets(RelationType.hasMember).map { ref in
            let profile = related[ref].map { Entity(document: $0.body).spec["profile"] } ?? nil
            return Member(link: EntityLink(ref, in: related), email: profile?["email"]?.stringValue, picture: Self.picture(profile),
                          activity: activity[ref.description])
        }.sorted { $0.link.label < $1.link.label }
        parent = targets(RelationType.childOf).first.map { EntityLink($0, in: related) }
        children = targets(RelationType.parentOf).map { EntityLink($0, in: related) }
        owned = OwnedGroup.groups(targets(RelationType.ownerOf), related: related)
        email = entity.spec["profile"]?["email"]?.stringValue
        contactLinks = ExternalLink.links(of: entity)
    }

    /// A profile picture only from http(s): it becomes an `img src`.
    static func picture(_ profile: JSONValue?) -> String? {
        HTMLText.safeLink(profile?["picture"]?.stringValue).flatMap { $0.hasPrefix("mailto:") ? nil : $0 }
    }
}

/// The person part of a User's page: profile, teams, what they own.
struct PersonView {
    let displayName: String?
    let email: String?
    let picture: String?
    let teams: [EntityLink]
    let owned: [OwnedGroup]

    init(entity: Entity, relations: [Relation], related: [EntityRef: StoredEntity]) {
        let profile = entity.spec["profile"]
        displayName = profile?["displayName"]?.stringValue
        email = profile?["email"]?.stringValue
        picture = TeamView.picture(profile)
        teams = relations.filter { $0.type == RelationType.memberOf }.map { EntityLink($0.target, in: related) }
        owned = OwnedGroup.groups(relations.filter { $0.type == RelationType.ownerOf }.map(\.target), related: related)
    }
}
