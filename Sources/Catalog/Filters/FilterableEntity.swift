import FoyerCore

/// An entity flattened the way the filter index holds it, so filters can be matched in memory
/// with the same semantics as `GET /api/catalog/entities?filter=…`.
public struct FilterableEntity: Sendable {
    /// Lowercased key → lowercased values; a key with no values was present with a null value.
    private let values: [String: Set<String>]

    public init(_ entity: StoredEntity, only keys: FilterKeys? = nil) {
        self.init(document: entity.body, ref: entity.ref, relations: entity.relations, only: keys)
    }

    /// `only`: flatten just what filters on those keys look at (the others then never match).
    public init(document: JSONValue, ref: EntityRef, relations: [Relation], only keys: FilterKeys? = nil) {
        var values: [String: Set<String>] = [:]
        for row in SearchRows.rows(for: document, within: keys?.prefixes) {
            values[row.key, default: []].formUnion(row.value.map { [$0] } ?? [])
        }
        // The catalog filters these on its own columns, which always hold a value.
        values["kind"] = [ref.kind]
        values["metadata.namespace"] = [ref.namespace]
        values["metadata.name"] = [ref.name]
        for relation in relations {
            values["relations.\(relation.type.lowercased())", default: []].insert(relation.target.description)
        }
        self.values = values
    }

    func matches(_ condition: EntityFilter.Condition) -> Bool {
        guard let present = values[condition.key] else { return false }
        return condition.values.isEmpty || condition.values.contains { present.contains($0) }
    }
}

/// The keys some filters use, prepared for `FilterableEntity(_:only:)`.
public struct FilterKeys: Sendable {
    let prefixes: Set<String>

    public init(_ filters: [EntityFilter]) {
        prefixes = SearchRows.prefixes(of: filters.flatMap { $0.sets.flatMap { $0.map(\.key) } })
    }
}

extension EntityFilter {
    /// Whether `entity` passes this filter; an empty filter passes everything.
    public func matches(_ entity: FilterableEntity) -> Bool {
        isEmpty || sets.contains { set in set.allSatisfy(entity.matches) }
    }
}
