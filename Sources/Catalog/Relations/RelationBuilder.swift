import FoyerCore

/// Derives an entity's relations, in both directions, from its `spec` reference fields.
public enum RelationBuilder {
    /// One spec field that names other entities, and the relation it makes.
    struct Rule {
        let field: String
        /// Kinds (lowercased) the rule applies to; nil for every kind.
        let kinds: Set<String>?
        let type: String
        let reverse: String
        /// Kind assumed when the reference has none; nil means the reference must say.
        let defaultKind: String?
    }

    /// Every `spec` field that holds entity refs (`spec.owner`, lowercased) and the kind a ref in it
    /// defaults to (nil: the ref must name its kind).
    public static let referenceFields: [String: String?] = Dictionary(
        rules.map { ("spec." + $0.field.lowercased(), $0.defaultKind) }, uniquingKeysWith: { first, _ in first })

    static let rules: [Rule] = [
        Rule(field: "owner", kinds: nil, type: RelationType.ownedBy, reverse: RelationType.ownerOf, defaultKind: "group"),
        Rule(field: "system", kinds: ["component", "api", "resource"], type: RelationType.partOf, reverse: RelationType.hasPart, defaultKind: "system"),
        Rule(field: "subcomponentOf", kinds: ["component"], type: RelationType.partOf, reverse: RelationType.hasPart, defaultKind: "component"),
        Rule(field: "domain", kinds: ["system"], type: RelationType.partOf, reverse: RelationType.hasPart, defaultKind: "domain"),
        Rule(field: "subdomainOf", kinds: ["domain"], type: RelationType.partOf, reverse: RelationType.hasPart, defaultKind: "domain"),
        Rule(field: "providesApis", kinds: ["component"], type: RelationType.providesApi, reverse: RelationType.apiProvidedBy, defaultKind: "api"),
        Rule(field: "consumesApis", kinds: ["component"], type: RelationType.consumesApi, reverse: RelationType.apiConsumedBy, defaultKind: "api"),
        Rule(field: "dependsOn", kinds: ["component", "resource"], type: RelationType.dependsOn, reverse: RelationType.dependencyOf, defaultKind: nil),
        Rule(field: "dependencyOf", kinds: ["component", "resource"], type: RelationType.dependencyOf, reverse: RelationType.dependsOn, defaultKind: nil),
        Rule(field: "memberOf", kinds: ["user"], type: RelationType.memberOf, reverse: RelationType.hasMember, defaultKind: "group"),
        Rule(field: "members", kinds: ["group"], type: RelationType.hasMember, reverse: RelationType.memberOf, defaultKind: "user"),
        Rule(field: "parent", kinds: ["group"], type: RelationType.childOf, reverse: RelationType.parentOf, defaultKind: "group"),
        Rule(field: "children", kinds: ["group"], type: RelationType.parentOf, reverse: RelationType.childOf, defaultKind: "group"),
    ]

    /// The entity's relations (each with its reverse) and problems for references that cannot be read.
    public static func relations(for entity: Entity) -> (relations: [Relation], problems: [FieldProblem]) {
        let source = entity.ref
        let kind = entity.kind.lowercased()
        var relations: [Relation] = []
        var problems: [FieldProblem] = []
        for rule in rules where rule.kinds?.contains(kind) ?? true {
            guard let value = entity.spec[rule.field] else { continue }
            let references: [(String, String)]
            switch value {
            case .string(let text): references = [(text, "spec.\(rule.field)")]
            case .array(let items): references = items.enumerated().compactMap { index, item in item.stringValue.map { ($0, "spec.\(rule.field)[\(index)]") } }
            default: continue
            }
            for (text, field) in references {
                guard let target = EntityRef.parse(text, defaultKind: rule.defaultKind, defaultNamespace: entity.namespace) else {
                    let hint = rule.defaultKind == nil ? " (this field needs kind:namespace/name or kind:name)" : ""
                    problems.append(FieldProblem(field, "'\(text)' is not a valid entity reference\(hint)"))
                    continue
                }
                relations.append(Relation(source: source, type: rule.type, target: target))
                relations.append(Relation(source: target, type: rule.reverse, target: source))
            }
        }
        return (relations, problems)
    }
}
