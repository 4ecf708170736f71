import FoyerCore

/// An entity flattened the way the filter index holds it, so filters can be matched in memory
/// with the same semantics as `GET /api/catalog/entities?filter=…`.
public struct FilterableEntity: Sendable {
    /// Lowercased key and value; a nil value means the key was present with a null value. Few rows
    /// when flattened for some filters only, so they are searched in order rather than hashed.
    private let rows: [SearchRow]

    /// With the rows the catalog's filter index holds beyond the stored body: the uid, and the orphan mark.
    public init(_ entity: StoredEntity, only keys: FilterKeys? = nil) {
        var stored = [SearchRow(key: EntityQuerySQL.uidField, value: entity.uid.lowercased(), originalValue: nil)]
        if entity.isOrphan { stored.append(SearchRow(key: EntityQuerySQL.orphanKey, value: "true", originalValue: nil)) }
        self.init(document: entity.body, ref: entity.ref, relations: entity.relations, only: keys, adding: stored)
    }

    /// `only`: flatten just what filters on those keys look at (the others then never match).
    public init(document: JSONValue, ref: EntityRef, relations: [Relation], only keys: FilterKeys? = nil) {
        self.init(document: document, ref: ref, relations: relations, only: keys, adding: [])
    }

    private init(document: JSONValue, ref: EntityRef, relations: [Relation], only keys: FilterKeys?, adding stored: [SearchRow]) {
        func wanted(_ key: String) -> Bool { keys?.prefixes.paths.contains(key) ?? true }
        var rows = SearchRows.rows(for: document, within: keys?.prefixes, unique: false)
        rows += stored.filter { wanted($0.key) }
        // The catalog filters these on its own columns, which always hold a value.
        for (key, value) in [("kind", ref.kind), ("metadata.namespace", ref.namespace), ("metadata.name", ref.name)] where wanted(key) {
            rows.removeAll { $0.key == key }
            rows.append(SearchRow(key: key, value: value, originalValue: nil))
        }
        if wanted("relations") {
            for relation in relations {
                rows.append(SearchRow(key: "relations.\(relation.type.lowercased())", value: relation.target.description, originalValue: nil))
            }
        }
        self.rows = rows
    }

    func matches(_ condition: EntityFilter.Condition) -> Bool {
        rows.contains { row in
            row.key == condition.key && (condition.values.isEmpty || row.value.map(condition.values.contains) == true)
        }
    }
}

/// The keys some filters use, prepared for `FilterableEntity(_:only:)`.
public struct FilterKeys: Sendable {
    let prefixes: KeyPrefixes

    public init(_ filters: [EntityFilter]) {
        prefixes = KeyPrefixes(keys: filters.flatMap { $0.sets.flatMap { $0.map(\.key) } })
    }
}

extension EntityFilter {
    /// Whether `entity` passes this filter; an empty filter passes everything.
    public func matches(_ entity: FilterableEntity) -> Bool {
        isEmpty || sets.contains { set in set.allSatisfy(entity.matches) }
    }
}
