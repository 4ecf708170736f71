import FoyerCore
import SQLKit

/// Sort by one dotted field, as `orderField=metadata.name,asc` says.
public struct EntityOrder: Sendable, Codable, Equatable {
    public let field: String
    public let ascending: Bool

    public init(field: String, ascending: Bool) {
        self.field = field.lowercased()
        self.ascending = ascending
    }
}

/// Which entities to read: filter, free-text term, order.
public struct EntityQuery: Sendable {
    public var filter = EntityFilter.none
    public var order: EntityOrder?
    /// Further sort fields, for ties of `order` (offset paging only; cursors walk one field).
    public var thenBy: [EntityOrder] = []
    public var fullTextTerm: String?
    public var fullTextFields: [String] = []

    public init(filter: EntityFilter = .none, order: EntityOrder? = nil, fullTextTerm: String? = nil, fullTextFields: [String] = []) {
        self.filter = filter
        self.order = order
        self.fullTextTerm = fullTextTerm
        self.fullTextFields = fullTextFields
    }
}

/// A position in a sorted walk: the sort key and uid of the last entity seen.
public struct EntityPosition: Sendable, Codable, Equatable {
    public let sortKey: String
    public let uid: String
}

/// SQL for entity queries: filters as EXISTS over the search and relation tables, keyset ordering.
struct EntityQuerySQL {
    let engine: DatabaseEngine
    let query: EntityQuery

    /// The sort key of entities without the field: after every real value ascending, before
    /// them descending, so those entities come last either way (Backstage's `nulls last`).
    static func missingValue(ascending: Bool) -> String { ascending ? "\u{10FFFF}" : "" }

    /// Byte-wise comparison on both engines, so the order is the same everywhere.
    var collate: String { Self.collate(engine) }
    static func collate(_ engine: DatabaseEngine) -> String { engine == .postgres ? " COLLATE \"C\"" : "" }

    var sortKey: SQLQueryString { Self.sortKey(for: query.order, engine: engine) }

    /// The value `order` sorts by, per entity; the ref without an order.
    static func sortKey(for order: EntityOrder?, engine: DatabaseEngine) -> SQLQueryString {
        let collate = collate(engine)
        guard let order else { return "(catalog_entities.ref\(unsafeRaw: collate))" }
        // Every entity has these, lowercased as search values are: sort on the column itself.
        if let column = EntityColumns.lowered[order.field] { return "(catalog_entities.\(unsafeRaw: column)\(unsafeRaw: collate))" }
        return "(COALESCE((SELECT MIN(s.value\(unsafeRaw: collate)) FROM catalog_search s WHERE s.entity_key = catalog_entities.entity_key AND s.key = \(bind: order.field)), \(bind: missingValue(ascending: order.ascending)))\(unsafeRaw: collate))"
    }

    var ascending: Bool { query.order?.ascending ?? true }

    /// The WHERE clause for filter and full-text term; `1=1` when there is neither.
    var predicate: SQLQueryString {
        var parts: [SQLQueryString] = []
        if !query.filter.isEmpty {
            let sets = query.filter.sets.map { set in
                "(" + set.map(condition).joined(separator: " AND ") + ")"
            }
            parts.append("(" + sets.joined(separator: " OR ") + ")")
        }
        if let term = query.fullTextTerm?.lowercased(), !term.isEmpty {
            let pattern = "%" + term.escapedForLike + "%"
            let fields = query.fullTextFields.map { $0.lowercased() }
            var clause: SQLQueryString = "(EXISTS (SELECT 1 FROM catalog_search s WHERE s.entity_key = catalog_entities.entity_key AND s.value LIKE \(bind: pattern) ESCAPE '\\'"
            if !fields.isEmpty { clause += " AND s.key IN (\(binds: fields))" }
            clause += ")"
            // Keys held in entity columns have no filter rows: their columns are searched too.
            for (key, column) in EntityColumns.lowered.sorted(by: { $0.key < $1.key }) where fields.isEmpty || fields.contains(key) {
                clause += " OR catalog_entities.\(unsafeRaw: column) LIKE \(bind: pattern) ESCAPE '\\'"
            }
            parts.append(clause + ")")
        }
        return parts.isEmpty ? "1=1" : parts.joined(separator: " AND ")
    }

    private func condition(_ condition: EntityFilter.Condition) -> SQLQueryString {
        // Keys held as lowercased columns of `catalog_entities` itself, so filters on them use its indexes.
        if let column = EntityColumns.lowered[condition.key] {
            // Every entity has these keys, so a bare key matches all of them.
            guard !condition.values.isEmpty else { return "1=1" }
            return "catalog_entities.\(unsafeRaw: column) IN (\(binds: condition.values))"
        }
        if condition.key.hasPrefix("relations.") {
            let type = String(condition.key.dropFirst("relations.".count))
            var clause: SQLQueryString = "EXISTS (SELECT 1 FROM catalog_relations r WHERE r.source_ref = catalog_entities.ref AND r.type_key = \(bind: type)"
            if !condition.values.isEmpty { clause += " AND r.target_ref IN (\(binds: condition.values))" }
            return clause + ")"
        }
        var clause: SQLQueryString = "EXISTS (SELECT 1 FROM catalog_search s WHERE s.entity_key = catalog_entities.entity_key AND s.key = \(bind: condition.key)"
        if !condition.values.isEmpty { clause += " AND s.value IN (\(binds: condition.values))" }
        return clause + ")"
    }

    /// The statements counting each value of the facets `keys` (lowercased) among the matching
    /// entities, each row a `key`, `value` (as written) and `total`: one per facet held in an entity
    /// column (`EntityColumns`) or filter-row key, one for relation facets.
    func facetQueries(keys: [String]) -> [SQLQueryString] {
        let hasPredicate = !query.filter.isEmpty || !(query.fullTextTerm ?? "").isEmpty
        let relationTypes = keys.filter { $0.hasPrefix("relations.") }.map { String($0.dropFirst("relations.".count)) }
        let rowKeys = keys.filter { !$0.hasPrefix("relations.") && EntityColumns.asWritten[$0] == nil }
        var queries: [SQLQueryString] = []
        for key in Set(keys).sorted() {
            guard let column = EntityColumns.asWritten[key] else { continue }
            // The keys are the map's own constants, so they are written into the statement as literals.
            queries.append("SELECT '\(unsafeRaw: key)' AS key, catalog_entities.\(unsafeRaw: column) AS value, COUNT(*) AS total FROM catalog_entities WHERE \(predicate) GROUP BY catalog_entities.\(unsafeRaw: column)")
        }
        for key in Set(rowKeys).sorted() {
            // Search rows are unique per (entity, key, value), so COUNT(*) counts entities. A statement
            // per key reads that key's range and groups on the value alone, which SQLite sorts twice as fast.
            var text: SQLQueryString = "SELECT CAST(\(bind: key) AS TEXT) AS key, s.original_value AS value, COUNT(*) AS total FROM catalog_search s WHERE s.key = \(bind: key) AND s.original_value IS NOT NULL"
            if hasPredicate { text += " AND s.entity_key IN (SELECT entity_key FROM catalog_entities WHERE \(predicate))" }
            queries.append(text + " GROUP BY s.original_value")
        }
        if !relationTypes.isEmpty {
            // Relations live in their own table; two origins may state one relation, so entities are counted once.
            var text: SQLQueryString = "SELECT 'relations.' || r.type_key AS key, r.target_ref AS value, COUNT(DISTINCT r.source_ref) AS total FROM catalog_relations r WHERE r.type_key IN (\(binds: relationTypes))"
            // A relation row may name a source that is not stored (the reverse of a dangling ref): only stored entities count.
            if hasPredicate {
                text += " AND r.source_ref IN (SELECT ref FROM catalog_entities WHERE \(predicate))"
            } else {
                // Every entity counts, so one pass over the relations is quickest; SQLite would look up
                // each entity's relations instead (3.0 s at 100,000 entities), which `+` stops.
                text += engine == .sqlite ? " AND +r.source_ref IN (SELECT ref FROM catalog_entities)" : " AND r.source_ref IN (SELECT ref FROM catalog_entities)"
            }
            queries.append(text + " GROUP BY r.type_key, r.target_ref")
        }
        return queries
    }

    /// The filter key of the orphan mark, which `LocationWrite` stores as a filter row of its own.
    static let orphanKey = "metadata.annotations." + Annotation.orphan
    static let uidField = "metadata.uid"

    /// Entities strictly after (or, walking backwards, before) `position` in the sort order.
    func beyond(_ position: EntityPosition, forward: Bool) -> SQLQueryString {
        let greater = (ascending == forward) ? ">" : "<"
        // The ref and the uid are unique, so ordering by one alone is total and can walk an index.
        guard let order = query.order, order.field != Self.uidField else { return "\(sortKey) \(unsafeRaw: greater) \(bind: position.sortKey)" }
        return "(\(sortKey) \(unsafeRaw: greater) \(bind: position.sortKey) OR (\(sortKey) = \(bind: position.sortKey) AND catalog_entities.id \(unsafeRaw: greater) \(bind: position.uid)))"
    }

    func orderBy(forward: Bool) -> SQLQueryString {
        let direction = (ascending == forward) ? "ASC" : "DESC"
        guard let order = query.order else { return "ORDER BY catalog_entities.ref\(unsafeRaw: collate) \(unsafeRaw: direction)" }
        // The uid is unique: a tiebreaker (in another collation) would keep PostgreSQL from walking its index.
        if order.field == Self.uidField { return "ORDER BY sort_key \(unsafeRaw: direction)" }
        var clause: SQLQueryString = "ORDER BY sort_key \(unsafeRaw: direction)"
        for then in query.thenBy {
            clause += ", \(Self.sortKey(for: then, engine: engine)) \(unsafeRaw: (then.ascending == forward) ? "ASC" : "DESC")"
        }
        return clause + ", catalog_entities.id \(unsafeRaw: direction)"
    }
}
