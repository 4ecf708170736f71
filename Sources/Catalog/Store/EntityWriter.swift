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

    /// Stores `processed` as the current content of location `locationID`, in one transaction;
    /// `progress` hears how many entities are stored after each slice.
    @discardableResult
    public func apply(_ processed: ProcessedLocation, locationID: String, now: EpochMillis = .now(),
                      progress: @Sendable (_ stored: Int, _ total: Int) -> Void = { _, _ in }) async throws -> ApplySummary {
        try await database.transaction { sql in
            var summary = ApplySummary()
            var problems = processed.problems
            let existing = try await loadExisting(sql, refs: processed.entities.map(\.entity.ref.description), locationID: locationID)
            var kept = Set<String>()
            // In slices, so rows and derived rows of a huge location never sit in memory all at once.
            for slice in processed.entities.chunked(2000) {
                var inserts: [Row] = []
                var changed: [(id: String, item: ProcessedEntity)] = []
                for item in slice {
                    let ref = item.entity.ref.description
                    if let current = existing[ref], current.locationID != nil, current.locationID != locationID, !current.isOrphan {
                        summary.conflicts += 1
                        problems.append(CatalogProblem(file: item.file, line: item.line, entityRef: ref, field: "metadata.name",
                                                       message: "\(ref) is already defined by another location; this definition is ignored"))
                        continue
                    }
                    kept.insert(ref)
                    let row = Row(item: item)
                    guard let current = existing[ref] else {
                        let id = SortableID.make(now: now)
                        inserts.append(row.with(id: id))
                        changed.append((id, item))
                        summary.added += 1
                        continue
                    }
                    if current.etag == row.etag, !current.isOrphan, current.locationID == locationID {
                        summary.unchanged += 1
                        continue
                    }
                    let generation = current.generation + (current.specHash == row.specHash ? 0 : 1)
                    try await sql.update("catalog_entities")
                        .set("body", to: SQLBind(row.body)).set("etag", to: SQLBind(row.etag)).set("spec_hash", to: SQLBind(row.specHash))
                        .set("generation", to: SQLBind(generation)).set("orphan", to: SQLBind(0))
                        .set("location_id", to: SQLBind(locationID)).set("source_file", to: SQLBind(item.file)).set("parent_ref", to: SQLBind(item.parentRef))
                        .set("updated_at", to: SQLBind(now.value))
                        .where("id", .equal, SQLBind(current.id)).run()
                    changed.append((current.id, item))
                    summary.updated += 1
                }
                try await insertEntities(sql, inserts, locationID: locationID, now: now)
                try await replaceDerivedRows(sql, changed, newIDs: Set(inserts.map(\.id)))
                progress(summary.added + summary.updated + summary.unchanged + summary.conflicts, processed.entities.count)
            }
            summary.orphaned = try await orphanVanished(sql, locationID: locationID, kept: kept, problems: problems, now: now)
            try await replaceProblems(sql, locationID: locationID, problems: problems)
            if summary.added + summary.updated + summary.orphaned > 0 { try await CatalogVersion.bump(sql) }
            try await sql.update("catalog_locations").set("refreshed_at", to: SQLBind(now.value))
                .where("id", .equal, SQLBind(locationID)).run()
            return summary
        }
    }

    /// An entity's stored form: body text and the hashes that tell what changed.
    struct Row {
        let item: ProcessedEntity
        let body: String
        let etag: String
        let specHash: String
        var id = ""

        init(item: ProcessedEntity) {
            self.item = item
            body = item.entity.document.jsonText()
            etag = String(RandomToken.sha256Hex(body).prefix(24))
            specHash = RandomToken.sha256Hex((item.entity.document["spec"] ?? .null).jsonText())
        }

        func with(id: String) -> Row {
            var copy = self
            copy.id = id
            return copy
        }
    }

    /// New entities in multi-row inserts: one statement per few hundred entities, not per entity.
    private func insertEntities(_ sql: any SQLDatabase, _ rows: [Row], locationID: String, now: EpochMillis) async throws {
        for chunk in rows.chunked(400) {
            var insert = sql.insert(into: "catalog_entities")
                .columns("id", "ref", "kind", "namespace", "name", "location_id", "source_file", "parent_ref", "body", "spec_hash",
                         "etag", "generation", "orphan", "created_at", "updated_at")
            for row in chunk {
                let ref = row.item.entity.ref
                insert = insert.values(SQLBind(row.id), SQLBind(ref.description), SQLBind(ref.kind), SQLBind(ref.namespace), SQLBind(ref.name),
                                       SQLBind(locationID), SQLBind(row.item.file), SQLBind(row.item.parentRef), SQLBind(row.body),
                                       SQLBind(row.specHash), SQLBind(row.etag), SQLBind(Int64(1)), SQLBind(0), SQLBind(now.value), SQLBind(now.value))
            }
            try await insert.run()
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

    /// Rebuilds relations, filter-index and search rows of the changed entities, in batches.
    private func replaceDerivedRows(_ sql: any SQLDatabase, _ changed: [(id: String, item: ProcessedEntity)], newIDs: Set<String>) async throws {
        let updatedIDs = changed.map(\.id).filter { !newIDs.contains($0) }
        for chunk in updatedIDs.chunked(500) {
            try await sql.delete(from: "catalog_relations").where("origin_id", .in, chunk).run()
            try await sql.delete(from: "catalog_search").where("entity_id", .in, chunk).run()
            try await sql.delete(from: "catalog_search_documents").where("entity_id", .in, chunk).run()
        }
        var relations: [(String, Relation)] = []
        var searchRows: [(String, SearchRow)] = []
        for (id, item) in changed {
            relations += Set(item.relations).map { (id, $0) }
            var document = item.entity
            if document.metadata["namespace"] == nil { document.setMetadata("namespace", .string(Entity.defaultNamespace)) }
            document.setMetadata("uid", .string(id))
            searchRows += SearchRows.rows(for: document.document).map { (id, $0) }
        }
        for chunk in relations.chunked(1000) {
            var insert = sql.insert(into: "catalog_relations").columns("origin_id", "source_ref", "type", "type_key", "target_ref")
            for (id, relation) in chunk {
                insert = insert.values(SQLBind(id), SQLBind(relation.source.description), SQLBind(relation.type),
                                       SQLBind(relation.type.lowercased()), SQLBind(relation.target.description))
            }
            try await insert.run()
        }
        for chunk in searchRows.chunked(1500) {
            var insert = sql.insert(into: "catalog_search").columns("entity_id", "key", "value", "original_value")
            for (id, row) in chunk {
                insert = insert.values(SQLBind(id), SQLBind(row.key), SQLBind(row.value), SQLBind(row.originalValue))
            }
            try await insert.run()
        }
        try await SearchIndex.index(changed.map { ($0.item.entity, $0.id) }, sql: sql)
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
            try await CatalogVersion.bump(sql)
            return true
        }
    }
}
