import FoyerCore

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
    /// `{type, targetRef}` only: the shape of the catalog spec and Backstage's OpenAPI (which forbids extra keys).
    public var served: JSONValue {
        .object(["type": .string(type), "targetRef": .string(target.description)])
    }

    /// One entity's relations sorted by type then target, byte-wise (the order the API serves), each once.
    static func sortedWithoutRepeats(_ relations: [Relation]) -> [Relation] {
        // Lists read in index order are sorted already: checked in one pass.
        if zip(relations, relations.dropFirst()).allSatisfy({ precedes($0, $1) }) { return relations }
        var result: [Relation] = []
        for relation in relations.sorted(by: precedes) where result.last != relation { result.append(relation) }
        return result
    }

    private static func precedes(_ left: Relation, _ right: Relation) -> Bool {
        if left.type != right.type { return bytesPrecede(left.type, right.type) }
        // Targets of one kind and namespace order by name; only others need their whole text built.
        if left.target.kind == right.target.kind, left.target.namespace == right.target.namespace {
            return bytesPrecede(left.target.name, right.target.name)
        }
        return bytesPrecede(left.target.description, right.target.description)
    }

    private static func bytesPrecede(_ left: String, _ right: String) -> Bool {
        left.utf8.lexicographicallyPrecedes(right.utf8)
    }
}
