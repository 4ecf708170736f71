import Catalog

/// Groups and their sub-groups, from `parentOf`/`childOf` relations (either direction is enough).
public struct GroupTree: Sendable {
    private var children: [EntityRef: Set<EntityRef>] = [:]
    public private(set) var groups: Set<EntityRef> = []

    public init(groups: [StoredEntity] = []) {
        for group in groups { add(group) }
    }

    /// Adds a group entity (others are ignored) and the edges its relations give.
    public mutating func add(_ group: StoredEntity) {
        guard group.ref.kind == "group" else { return }
        groups.insert(group.ref)
        for relation in group.relations {
            switch relation.type.lowercased() {
            case "parentof": children[group.ref, default: []].insert(relation.target)
            case "childof": children[relation.target, default: []].insert(group.ref)
            default: break
            }
        }
    }

    /// `group` and every group below it, however deep; safe against cycles.
    public func subtree(of group: EntityRef) -> Set<EntityRef> {
        var seen: Set<EntityRef> = [group]
        var queue = [group]
        while let next = queue.popLast() {
            for child in children[next] ?? [] where seen.insert(child).inserted {
                queue.append(child)
            }
        }
        return seen
    }
}
