import Catalog
import FoyerCore

/// An entity as the catalog API serves it, ready for evaluating many rules: facts are looked up in
/// it as it is, matching keys without regard to case.
public struct FactDocument: Sendable {
    /// The served document; without `relations` when those are given apart.
    let root: JSONValue
    private let relations: [Relation]?
    /// The entity's namespace (lowercased): what a ref without one in its fields means.
    let namespace: String

    /// From an entity as the catalog API serves it, with `relations: [{type, targetRef}]`.
    public init(_ served: JSONValue) {
        root = served
        relations = nil
        namespace = served["metadata"]?["namespace"]?.stringValue?.lowercased() ?? Entity.defaultNamespace
    }

    /// From a stored entity, without building its served relations list unless a rule asks for it whole.
    public init(_ entity: StoredEntity) {
        root = entity.servedWithoutRelations
        relations = entity.relations
        namespace = entity.ref.namespace
    }

    /// The value of the root `relations` fact: every relation as `{type, targetRef}`.
    var allRelations: JSONValue? {
        guard let relations else { return root["relations"] }
        return .array(relations.map(\.served))
    }

    /// The targets of the relations of `type` (lowercased); nil when there are none.
    func relationTargets(ofType type: String) -> JSONValue? {
        var targets: [JSONValue] = []
        if let relations {
            for relation in relations where FactPath.foldedEquals(relation.type, type) { targets.append(.string(relation.target.description)) }
        } else {
            for relation in root["relations"]?.arrayValue ?? [] {
                guard let kind = relation["type"]?.stringValue, let target = relation["targetRef"], FactPath.foldedEquals(kind, type) else { continue }
                targets.append(target)
            }
        }
        return targets.isEmpty ? nil : .array(targets)
    }
}
