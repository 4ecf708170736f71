import Foundation
import FoyerCore
import SQLKit

/// What one application of a location changed.
public struct ApplySummary: Sendable, Equatable, Codable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    public var orphaned = 0
    public var conflicts = 0
}

/// Writes a location's entities: adds new ones, updates changed ones (etag always, generation only
/// when `spec` changed), orphans the ones that vanished, and never drops what a broken file held.
public struct EntityWriter: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    struct Existing {
        let id: String
        let locationID: String?
        let sourceFile: String?
        let etag: String
        let specHash: String
        let generation: Int64
        let isOrphan: Bool
    }

    /// Stores `processed` as the current content of location `locationID`, in one transaction.
    @discardableResult
    public func apply(_ processed: ProcessedLocation, locationID: String, now: EpochMillis = .now()) async throws -> ApplySummary {
        try await database.transaction { sql in
            var summary = ApplySummary()
            var problems = processed.problems
            let existing = try await loadExisting(sql, refs: processed.entities.map(\.entity.ref.description), locationID: locationID)
            var kept = Set<String>()
            for item in processed.entities {
                let ref = item.entity.ref.description
                if let current = existing[ref], current.locationID != nil, current.locationID != locationID, !current.isOrphan {
                    summary.conflicts += 1
                    problems.append(CatalogProblem(file: item.file, line: item.line, entityRef: ref, field: "metadata.name",
                                                   message: "\(ref) is already defined by another location; this definition is ignored"))
                    continue
                }
                kept.insert(ref)
                let body = item.entity.document.jsonText()
                let etag = RandomToken.sha256Hex(body).prefix(24).description
                let specHash = RandomToken.sha256Hex((item.entity.document["spec"] ?? .null).jsonText())
                if let current = existing[ref] {
                    if current.etag == etag, !current.isOrphan, current.locationID == locationID {
                        summary.unchanged += 1
                        continue
                    }
                    let generation = current.generation + (current.specHash == specHash ? 0 : 1)
                    try await sql.update("catalog_entities")
                        .set("body", to: SQLBind(body)).set("etag", to: SQLBind(etag)).set("spec_hash", to: SQLBind(specHash))
                        .set("generation", to: SQLBind(generation)).set("orphan", to: SQLBind(0))
                        .set("location_id", to: SQLBind(locationID)).set("source_file", to: SQLBind(item.file)).set("parent_ref", to: SQLBind(item.parentRef))
                        .set("updated_at", to: SQLBind(now.value))
                        .where("id", .equal, SQLBind(current.id)).run()
                    try await replaceDerivedRows(sql, id: current.id, item: item)
                    summary.updated += 1
                } else {
                    let id = UUID().uuidString.lowercased()
                    let entityRef = item.entity.ref
                    try await sql.insert(into: "catalog_entities")
                        .columns("id", "ref", "kind", "namespace", "name", "location_id", "source_file", "parent_ref", "body", "spec_hash",
                                 "etag", "generation", "orphan", "created_at", "updated_at")
                        .values(SQLBind(id), SQLBind(ref), SQLBind(entityRef.kind), SQLBind(entityRef.namespace), SQLBind(entityRef.name),
                                SQLBind(locationID), SQLBind(item.file), SQLBind(item.parentRef), SQLBind(body), SQLBind(specHash), SQLBind(etag),
                                SQLBind(Int64(1)), SQLBind(0), SQLBind(now.value), SQLBind(now.value))
                        .run()
                    try await replaceDerivedRows(sql, id: id, item: item)
                    summary.added += 1
                }
            }
            summary.orphaned = try await orphanVanished(sql, locationID: locationID, kept: kept, problems: problems, now: now)
            try await replaceProblems(sql, locationID: locationID, problems: problems)
            try await sql.update("catalog_locations").set("refreshed_at", to: SQLBind(now.value))
                .where("id", .equal, SQLBind(locationID)).run()
            return summary
        }
    }

    /// Entities this location held before, plus any entity elsewhere that shares a ref with the new ones.
    private func loadExisting(_ sql: any SQLDatabase, refs: [String], locationID: String) async throws -> [String: Existing] {
        var rows = try await selectExisting(sql).where("location_id", .equal, SQLBind(locationID)).all()
        for chunk in refs.chunked(500) {
            rows += try await selectExisting(sql).where("ref", .in, chunk).all()
        }
        var existing: [String: Existing] = [:]
        for row in rows {
            existing[try row.decode(column: "ref", as: String.self)] = Existing(
                id: try row.decode(column: "id", as: String.self),
                locationID: try row.decode(column: "location_id", as: String?.self),
                sourceFile: try row.decode(column: "source_file", as: String?.self),
                etag: try row.decode(column: "etag", as: String.self),
                specHash: try row.decode(column: "spec_hash", as: String.self),
                generation: try row.decode(column: "generation", as: Int64.self),
                isOrphan: try row.decode(column: "orphan", as: Int.self) != 0)
        }
        return existing
    }

    private func selectExisting(_ sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns("id", "ref", "location_id", "source_file", "etag", "spec_hash", "generation", "orphan").from("catalog_entities")
    }

    private func replaceDerivedRows(_ sql: any SQLDatabase, id: String, item: ProcessedEntity) async throws {
        try await sql.delete(from: "catalog_relations").where("origin_id", .equal, SQLBind(id)).run()
        try await sql.delete(from: "catalog_search").where("entity_id", .equal, SQLBind(id)).run()
        for chunk in Set(item.relations).sorted(by: { "\($0.source)\($0.type)\($0.target)" < "\($1.source)\($1.type)\($1.target)" }).chunked(200) {
            var insert = sql.insert(into: "catalog_relations").columns("origin_id", "source_ref", "type", "type_key", "target_ref")
            for relation in chunk {
                insert = insert.values(SQLBind(id), SQLBind(relation.source.description), SQLBind(relation.type),
                                       SQLBind(relation.type.lowercased()), SQLBind(relation.target.description))
            }
            try await insert.run()
        }
        try await SearchIndex.index(item.entity, id: id, sql: sql)
        var document = item.entity
        if document.metadata["namespace"] == nil { document.setMetadata("namespace", .string(Entity.defaultNamespace)) }
        document.setMetadata("uid", .string(id))
        for chunk in SearchRows.rows(for: document.document).chunked(200) {
            var insert = sql.insert(into: "catalog_search").columns("entity_id", "key", "value", "original_value")
            for row in chunk {
                insert = insert.values(SQLBind(id), SQLBind(row.key), SQLBind(row.value), SQLBind(row.originalValue))
            }
            try await insert.run()
        }
    }

    /// Marks orphaned the entities of this location that did not come back, unless their file or
    /// their own document failed this time: then the last good version stays as it was.
    private func orphanVanished(_ sql: any SQLDatabase, locationID: String, kept: Set<String>, problems: [CatalogProblem], now: EpochMillis) async throws -> Int {
        let troubledRefs = Set(problems.compactMap(\.entityRef))
        let troubledFiles = Set(problems.filter { $0.entityRef == nil }.map(\.file))
        let rows = try await sql.select().columns("id", "ref", "source_file").from("catalog_entities")
            .where("location_id", .equal, SQLBind(locationID)).where("orphan", .equal, SQLBind(0)).all()
        var orphaned = 0
        for row in rows {
            let ref = try row.decode(column: "ref", as: String.self)
            let file = try row.decode(column: "source_file", as: String?.self)
            guard !kept.contains(ref), !troubledRefs.contains(ref), !(file.map(troubledFiles.contains) ?? false) else { continue }
            try await sql.update("catalog_entities").set("orphan", to: SQLBind(1)).set("updated_at", to: SQLBind(now.value))
                .where("id", .equal, SQLBind(try row.decode(column: "id", as: String.self))).run()
            orphaned += 1
        }
        return orphaned
    }

    private func replaceProblems(_ sql: any SQLDatabase, locationID: String, problems: [CatalogProblem]) async throws {
        try await sql.delete(from: "catalog_problems").where("location_id", .equal, SQLBind(locationID)).run()
        for chunk in problems.chunked(200) {
            var insert = sql.insert(into: "catalog_problems").columns("location_id", "file", "line", "entity_ref", "field", "message")
            for problem in chunk {
                insert = insert.values(SQLBind(locationID), SQLBind(problem.file), SQLBind(problem.line),
                                       SQLBind(problem.entityRef), SQLBind(problem.field), SQLBind(problem.message))
            }
            try await insert.run()
        }
    }

    /// Deletes an entity (and its derived rows) by uid; false when there is none.
    public func delete(uid: String) async throws -> Bool {
        try await database.transaction { sql in
            guard try await sql.select().column("id").from("catalog_entities").where("id", .equal, SQLBind(uid)).first() != nil else { return false }
            try await sql.delete(from: "catalog_entities").where("id", .equal, SQLBind(uid)).run()
            return true
        }
    }
}
