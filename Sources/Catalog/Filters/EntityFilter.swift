import FoyerCore

/// Backstage's `filter` query parameters: conditions in one parameter are ANDed, repeated
/// parameters are ORed; a repeated key within one parameter matches any of its values.
public struct EntityFilter: Sendable, Equatable {
    /// One key and the values it may have (lowercased); no values means "the key exists".
    public struct Condition: Sendable, Equatable {
        public let key: String
        public var values: [String]
    }

    /// OR of sets; each set is an AND of conditions.
    public let sets: [[Condition]]

    public static let none = EntityFilter(sets: [])
    static let maxConditions = 100

    public var isEmpty: Bool { sets.isEmpty }

    /// Parses the values of every `filter` parameter, e.g. `["kind=component,spec.type=service", "kind=api"]`.
    public static func parse(_ parameters: [String]) throws(FoyerError) -> EntityFilter {
        var sets: [[Condition]] = []
        var total = 0
        for parameter in parameters where !parameter.trimmingCharacters(in: .whitespaces).isEmpty {
            var conditions: [Condition] = []
            for part in parameter.split(separator: ",", omittingEmptySubsequences: true) {
                let text = part.trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { continue }
                total += 1
                guard total <= maxConditions else { throw .badRequest("a filter may hold at most \(maxConditions) conditions") }
                let key: String
                var value: String?
                if let equals = text.firstIndex(of: "=") {
                    key = text[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
                    value = text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces).lowercased()
                } else {
                    key = text.lowercased()
                }
                guard !key.isEmpty, key.count <= 200 else { throw .badRequest("invalid filter condition '\(text)': the key must be 1 to 200 characters") }
                if let index = conditions.firstIndex(where: { $0.key == key }) {
                    if let value { conditions[index].values.append(value) }
                } else {
                    conditions.append(Condition(key: key, values: value.map { [$0] } ?? []))
                }
            }
            if !conditions.isEmpty { sets.append(conditions) }
        }
        return EntityFilter(sets: sets)
    }

    /// One set of conditions ANDed, each key matching any of its values: how pages build filters
    /// without writing filter text (values may hold commas).
    public static func allOf(_ conditions: [(key: String, values: [String])]) -> EntityFilter {
        let set = conditions.map { Condition(key: $0.key.lowercased(), values: $0.values.map { $0.lowercased() }) }
        return set.isEmpty ? .none : EntityFilter(sets: [set])
    }

    /// Combines two filters so an entity must match both.
    public func and(_ other: EntityFilter) -> EntityFilter {
        if isEmpty { return other }
        if other.isEmpty { return self }
        return EntityFilter(sets: sets.flatMap { left in other.sets.map { left + $0 } })
    }
}
