/// A directed edge between two entities, e.g. `component:default/a ownedBy group:default/team`.
public struct Relation: Sendable, Hashable, Codable {
    public let source: EntityRef
    public let type: String
    public let target: EntityRef

    public init(source: EntityRef, type: String, target: EntityRef) {
        self.source = source
        self.type = type
        self.target = target
    }
}

/// Relation type names, as Backstage spells them.
public enum RelationType {
    public static let ownedBy = "ownedBy", ownerOf = "ownerOf"
    public static let partOf = "partOf", hasPart = "hasPart"
    public static let providesApi = "providesApi", apiProvidedBy = "apiProvidedBy"
    public static let consumesApi = "consumesApi", apiConsumedBy = "apiConsumedBy"
    public static let dependsOn = "dependsOn", dependencyOf = "dependencyOf"
    public static let memberOf = "memberOf", hasMember = "hasMember"
    public static let childOf = "childOf", parentOf = "parentOf"
}

extension Relation {
    /// One entity's relations sorted by type then target (the order the API serves; refs and relation
    /// types are ASCII, so string order is byte order), each once.
    static func sortedWithoutRepeats(_ relations: [Relation]) -> [Relation] {
        // Lists read in index order are sorted already: checked in one pass.
        if zip(relations, relations.dropFirst()).allSatisfy({ precedes($0, $1) }) { return relations }
        var result: [Relation] = []
        for relation in relations.sorted(by: precedes) where result.last != relation { result.append(relation) }
        return result
    }

    private static func precedes(_ left: Relation, _ right: Relation) -> Bool {
        if left.type != right.type { return left.type < right.type }
        // Targets of one kind and namespace order by name; only others need their whole text built.
        if left.target.kind == right.target.kind, left.target.namespace == right.target.namespace { return left.target.name < right.target.name }
        return left.target.description < right.target.description
    }
}
