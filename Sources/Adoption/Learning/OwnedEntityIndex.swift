import Catalog
import EntityRules
import FoyerCore

/// For every `ownedEntity` step: the owners (users and groups) that own at least one entity
/// satisfying its rule, and each user's groups, so a person's step is answered without a query.
public struct OwnedEntityIndex: Sendable {
    /// Step key (`path/step`) → owners with a satisfying entity.
    private var satisfied: [String: Set<EntityRef>] = [:]
    private let rules: [(key: String, rule: Rule)]
    /// User → groups the user is a member of.
    private var memberships: [EntityRef: Set<EntityRef>] = [:]

    public init(paths: [LearningPath]) {
        rules = paths.flatMap { path in
            path.steps.compactMap { step -> (key: String, rule: Rule)? in
                guard case .ownedEntity(let rule) = step.completion else { return nil }
                return (Self.key(path: path.name, step: step.id), rule)
            }
        }
    }

    static func key(path: String, step: String) -> String { "\(path)/\(step)" }

    /// Records the owners `entities` satisfy rules for, and users' group memberships.
    public mutating func add(_ entities: [StoredEntity]) {
        for entity in entities {
            if entity.ref.kind == "user" {
                let groups = entity.relations.filter { $0.type == RelationType.memberOf }.map(\.target)
                memberships[entity.ref, default: []].formUnion(groups)
            }
            guard !rules.isEmpty, let owner = entity.relations.first(where: { $0.type == RelationType.ownedBy })?.target else { continue }
            var document: FactDocument?  // prepared once, only if some rule still needs it
            for (key, rule) in rules where !(satisfied[key]?.contains(owner) ?? false) {
                let served = document ?? FactDocument(entity)
                document = served
                if rule.isSatisfied(by: served) { satisfied[key, default: []].insert(owner) }
            }
        }
    }

    /// The groups `user` is a member of.
    public func groups(of user: EntityRef) -> Set<EntityRef> { memberships[user] ?? [] }

    /// Whether `user`, or a group the user is a member of, owns an entity satisfying the step's rule.
    public func isDone(path: String, step: String, user: EntityRef) -> Bool {
        guard let owners = satisfied[Self.key(path: path, step: step)] else { return false }
        return owners.contains(user) || !owners.isDisjoint(with: groups(of: user))
    }

    /// Every user who has the step done: owners that are users, and members of owning groups.
    public func users(path: String, step: String) -> Set<EntityRef> {
        guard let owners = satisfied[Self.key(path: path, step: step)] else { return [] }
        var users = Set(owners.filter { $0.kind == "user" })
        for (user, groups) in memberships where !groups.isDisjoint(with: owners) { users.insert(user) }
        return users
    }
}
