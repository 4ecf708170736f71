import FoyerCore

/// An entity prepared for evaluating many rules: every object key lowercased once (the first of
/// keys that differ only by case wins) and relation targets grouped by lowercased type.
public struct FactDocument: Sendable {
    let root: JSONValue
    let relations: [String: [JSONValue]]

    /// From an entity as the catalog API serves it, with `relations: [{type, targetRef}]`.
    public init(_ served: JSONValue) {
        var relations: [String: [JSONValue]] = [:]
        for relation in served["relations"]?.arrayValue ?? [] {
            guard let type = relation["type"]?.stringValue, let target = relation["targetRef"] else { continue }
            relations[type.lowercased(), default: []].append(target)
        }
        self.relations = relations
        root = Self.lowercasingKeys(served)
    }

    private static func lowercasingKeys(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            var lowered: [String: JSONValue] = [:]
            lowered.reserveCapacity(members.count)
            // Sorted, so which of two case-variants wins does not depend on dictionary order.
            for key in members.keys.sorted() where lowered[key.lowercased()] == nil {
                lowered[key.lowercased()] = lowercasingKeys(members[key]!)
            }
            return .object(lowered)
        case .array(let items):
            return .array(items.map(lowercasingKeys))
        default:
            return value
        }
    }
}
