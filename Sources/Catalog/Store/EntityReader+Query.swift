import FoyerCore
import SQLKit

/// How many entities hold one value of a facet.
public struct FacetCount: Sendable, Equatable, Encodable {
    public let value: String
    public let count: Int

    public init(value: String, count: Int) {
        self.value = value
        self.count = count
    }
}

/// One page of a sorted walk, with positions to continue either way.
public struct EntityPage: Sendable {
    public let entities: [StoredEntity]
    public let first: EntityPosition?
    public let last: EntityPosition?
    /// Whether more entities lie beyond `last` in the walking direction.
    public let hasMore: Bool
}

extension EntityReader {
    /// How many entities match; remembered until the catalog next changes.
    public func count(_ query: EntityQuery) async throws -> Int {
        let sql = EntityQuerySQL(engine: database.engine, query: query)
        let stamp = try await version()
        let key = "\(stamp.instance)|\(query.filter)|\(query.fullTextTerm ?? "")|\(query.fullTextFields)"
        if let cached = CountCache.shared.value(for: key, version: stamp.version) { return cached }
        let row = try await database.sql.raw("SELECT COUNT(*) AS total FROM catalog_entities WHERE \(sql.predicate)").first()
        let total = try row?.decode(column: "total", as: Int.self) ?? 0
        CountCache.shared.store(total, for: key, version: stamp.version)
        return total
    }

    /// Offset paging, for `GET /entities`.
    public func entities(_ query: EntityQuery, offset: Int, limit: Int?) async throws -> [StoredEntity] {
        let sql = EntityQuerySQL(engine: database.engine, query: query)
        var text: SQLQueryString = "SELECT id, ref, body, etag, generation, orphan, location_id, \(sql.sortKey) AS sort_key FROM catalog_entities WHERE \(sql.predicate) \(sql.orderBy(forward: true))"
        if let limit {
            text += " LIMIT \(literal: limit)"
        } else if offset > 0, database.engine == .sqlite {
            text += " LIMIT -1"  // SQLite takes OFFSET only after a LIMIT; -1 is none
        }
        if offset > 0 { text += " OFFSET \(literal: offset)" }
        return try await withRelations(try await database.sql.raw(text).all().map(StoredEntity.init(row:)))
    }

    /// Keyset paging, for `by-query` cursors: stable when entities come and go between pages.
    /// `skipping` leaves out that many entities first (the API's `offset`).
    public func page(_ query: EntityQuery, after position: EntityPosition?, forward: Bool, limit: Int, skipping: Int = 0) async throws -> EntityPage {
        let sql = EntityQuerySQL(engine: database.engine, query: query)
        var text: SQLQueryString = "SELECT id, ref, body, etag, generation, orphan, location_id, \(sql.sortKey) AS sort_key FROM catalog_entities WHERE \(sql.predicate)"
        if let position { text += " AND \(sql.beyond(position, forward: forward))" }
        text += " \(sql.orderBy(forward: forward)) LIMIT \(literal: limit + 1)"
        if skipping > 0 { text += " OFFSET \(literal: skipping)" }
        var rows = try await database.sql.raw(text).all()
        let hasMore = rows.count > limit
        rows = Array(rows.prefix(limit))
        if !forward { rows.reverse() }
        let positions = try rows.map { EntityPosition(sortKey: try $0.decode(column: "sort_key", as: String.self), uid: try $0.decode(column: "id", as: String.self)) }
        let entities = try await withRelations(try rows.map(StoredEntity.init(row:)))
        return EntityPage(entities: entities, first: positions.first, last: positions.last, hasMore: hasMore)
    }

    /// Counts of each value of each facet among the entities `filter` selects, with the values as written.
    public func facets(_ names: [String], filter: EntityFilter) async throws -> [String: [FacetCount]] {
        try await facets(names, query: EntityQuery(filter: filter))
    }

    /// Counts of each facet's values among the entities `query` selects (its order is ignored), most
    /// frequent first; remembered until the catalog next changes.
    public func facets(_ names: [String], query: EntityQuery) async throws -> [String: [FacetCount]] {
        let stamp = try await version()
        let key = "\(stamp.instance)|\(names)|\(query.filter)|\(query.fullTextTerm ?? "")|\(query.fullTextFields)"
        if let cached = FacetCache.shared.value(for: key, version: stamp.version) { return cached }
        let queries = EntityQuerySQL(engine: database.engine, query: query).facetQueries(keys: names.map { $0.lowercased() })
        var byKey: [String: [FacetCount]] = [:]
        // Two statements at a time, each on its own connection: a facet of two keys takes about as
        // long as the slower, and one request of many keys never holds more of the pool.
        try await withThrowingTaskGroup(of: [(key: String, count: FacetCount)].self) { group in
            var pending = queries[...]
            func startNext() {
                guard let query = pending.popFirst() else { return }
                group.addTask { [database] in
                    try await database.sql.raw(query).all().map { row in
                        (try row.decode(column: "key", as: String.self),
                         FacetCount(value: try row.decode(column: "value", as: String.self), count: try row.decode(column: "total", as: Int.self)))
                    }
                }
            }
            startNext()
            startNext()
            for try await counts in group {
                for (key, count) in counts { byKey[key, default: []].append(count) }
                startNext()
            }
        }
        var result: [String: [FacetCount]] = [:]
        for name in names {
            result[name] = (byKey[name.lowercased()] ?? []).sorted { ($1.count, $0.value) < ($0.count, $1.value) }
        }
        FacetCache.shared.store(result, for: key, version: stamp.version)
        return result
    }
}
