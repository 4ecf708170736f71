import FoyerCore
import SQLKit

/// Reads entities with their relations; every read of the catalog goes through here.
public struct EntityReader: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    public func entity(ref: EntityRef) async throws -> StoredEntity? {
        try await entities(where: SQLRaw("ref"), equals: ref.description).first
    }

    public func entity(uid: String) async throws -> StoredEntity? {
        try await entities(where: SQLRaw("id"), equals: uid).first
    }

    /// The entities for `refs`, in the same order, nil where missing; without their relations when
    /// the caller only needs the documents (e.g. titles for a list of links).
    public func entities(refs: [EntityRef], relations: Bool = true) async throws -> [StoredEntity?] {
        var found: [EntityRef: StoredEntity] = [:]
        for chunk in refs.map(\.description).chunked(500) {
            let rows = try await database.sql.select().columns(StoredEntity.columns.map { SQLIdentifier($0) })
                .from("catalog_entities").where("ref", .in, chunk).all()
            let entities = try rows.map(StoredEntity.init(row:))
            for entity in relations ? try await withRelations(entities) : entities { found[entity.ref] = entity }
        }
        return refs.map { found[$0] }
    }

    /// Entities read from location `locationID`, oldest first, at most `limit`.
    public func entities(locationID: String, limit: Int) async throws -> [StoredEntity] {
        let rows = try await database.sql.select().columns(StoredEntity.columns.map { SQLIdentifier($0) })
            .from("catalog_entities").where("location_id", .equal, SQLBind(locationID)).orderBy("id").limit(limit).all()
        return try await withRelations(rows.map(StoredEntity.init(row:)))
    }

    private func entities(where column: any SQLExpression, equals value: String) async throws -> [StoredEntity] {
        let rows = try await database.sql.select().columns(StoredEntity.columns.map { SQLIdentifier($0) })
            .from("catalog_entities").where(column, .equal, SQLBind(value)).all()
        return try await withRelations(rows.map(StoredEntity.init(row:)))
    }

    /// Attaches each entity's outgoing relations, sorted by type then target byte-wise, each once.
    func withRelations(_ entities: [StoredEntity]) async throws -> [StoredEntity] {
        guard !entities.isEmpty else { return [] }
        var bySource: [String: [Relation]] = [:]
        for chunk in entities.map(\.ref.description).chunked(500) {
            let rows = try await database.sql.select().columns("source_ref", "type", "target_ref").from("catalog_relations")
                .where("source_ref", .in, chunk).all()
            for row in rows {
                let source = try row.decode(column: "source_ref", as: String.self)
                guard let sourceRef = EntityRef(stored: source),
                      let target = EntityRef(stored: try row.decode(column: "target_ref", as: String.self)) else { continue }
                bySource[source, default: []].append(Relation(source: sourceRef, type: try row.decode(column: "type", as: String.self), target: target))
            }
        }
        return entities.map { entity in
            var entity = entity
            entity.relations = Relation.sortedWithoutRepeats(bySource[entity.ref.description] ?? [])
            return entity
        }
    }
}

extension EntityReader {
    /// The `Location` entity whose target led to `ref`'s file, if any.
    public func parentRef(of ref: EntityRef) async throws -> EntityRef? {
        let row = try await database.sql.select().column("parent_ref").from("catalog_entities").where("ref", .equal, SQLBind(ref.description)).first()
        return try row?.decode(column: "parent_ref", as: String?.self).flatMap { EntityRef.parse($0) }
    }
}

extension EntityReader {
    /// Changes whenever any entity does: at once for this process's writes, within
    /// `CatalogVersion.freshness` for another replica's. A key for caching whole-catalog answers.
    public func version() async throws -> CatalogStamp {
        try await CatalogVersion.current(database)
    }
}

/// Identifies one state of one catalog database.
public struct CatalogStamp: Sendable, Hashable {
    public let instance: Int64
    public let version: Int64
}
