import FoyerCore

/// An entity as the catalog API serves it (with `relations: [{type, targetRef}]`), ready for
/// evaluating many rules: facts are looked up in it as it is, matching keys without regard to case.
public struct FactDocument: Sendable {
    let root: JSONValue

    public init(_ served: JSONValue) { root = served }

    /// The targets of the relations of `type` (lowercased); nil when there are none.
    func relationTargets(ofType type: String) -> JSONValue? {
        var targets: [JSONValue] = []
        for relation in root["relations"]?.arrayValue ?? [] {
            guard let kind = relation["type"]?.stringValue, let target = relation["targetRef"],
                  FactPath.foldedEquals(kind, type) else { continue }
            targets.append(target)
        }
        return targets.isEmpty ? nil : .array(targets)
    }
}
