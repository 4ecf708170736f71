import FoyerCore
import SQLKit

/// One storing of a location's fresh read. Slices are stored as they arrive, each in its own
/// transaction, so a huge location never sits in memory (or in one transaction) whole; `finish`
/// then orphans what did not come back and records the read's problems.
public struct LocationWrite: Sendable {
    let database: Database
    let locationID: String
    let now: EpochMillis
    public private(set) var summary = ApplySummary()
    private var problems: [CatalogProblem] = []
    /// Ref → file, of every entity this read defined (kept or conflicting), to spot one defined twice.
    private var definedIn: [String: String] = [:]
    private var kept = Set<String>()

    init(database: Database, locationID: String, now: EpochMillis) {
        self.database = database
        self.locationID = locationID
        self.now = now
    }

    /// Entities this location held before, or any entity elsewhere sharing a ref with the new ones.
    struct Existing {
        let id: String
        let locationID: String?
        let etag: String
        let specHash: String
        let generation: Int64
        let isOrphan: Bool
    }

    /// Stores one slice of the read: its entities now, its problems when the write finishes.
    public mutating func store(_ slice: ProcessedLocation) async throws {
        problems += slice.problems
        var fresh: [ProcessedEntity] = []
        for item in slice.entities {
            let ref = item.entity.ref.description
            if let first = definedIn[ref] {
                problems.append(CatalogProblem(file: item.file, line: item.line, entityRef: ref, field: "metadata.name",
                                               message: "\(ref) is defined more than once in this location (also in \(first)); this definition is ignored"))
                continue
            }
            definedIn[ref] = item.file
            fresh.append(item)
        }
        guard !fresh.isEmpty else { return }
        let (locationID, now) = (locationID, now)
        let outcome = try await database.transaction { sql in
            try await Self.store(fresh, sql: sql, locationID: locationID, now: now)
        }
        summary.added += outcome.summary.added
        summary.updated += outcome.summary.updated
        summary.unchanged += outcome.summary.unchanged
        summary.conflicts += outcome.summary.conflicts
        problems += outcome.problems
        kept.formUnion(outcome.kept)
    }

    /// Orphans the entities that did not come back and replaces the location's problems.
    public mutating func finish() async throws -> ApplySummary {
        let (locationID, now, kept, problems) = (locationID, now, kept, problems)
        summary.orphaned = try await database.transaction { sql in
            let orphaned = try await Self.orphanVanished(sql, locationID: locationID, kept: kept, problems: problems, now: now)
            try await Self.replaceProblems(sql, locationID: locationID, problems: problems)
            if orphaned > 0 { try await CatalogVersion.bump(sql) }
            try await sql.update("catalog_locations").set("refreshed_at", to: SQLBind(now.value))
                .where("id", .equal, SQLBind(locationID)).run()
            return orphaned
        }
        return summary
    }

    /// Adds, updates or leaves each entity of `items`, refusing refs another location holds.
    private static func store(_ items: [ProcessedEntity], sql: any SQLDatabase, locationID: String, now: EpochMillis) async throws
        -> (summary: ApplySummary, problems: [CatalogProblem], kept: [String]) {
        var summary = ApplySummary()
        var problems: [CatalogProblem] = []
        var kept: [String] = []
        let existing = try await loadExisting(sql, refs: items.map(\.entity.ref.description))
        var inserts: [(id: String, row: EntityRow)] = []
        var updated: [(id: String, row: EntityRow)] = []
        for item in items {
            let ref = item.entity.ref.description
            if let current = existing[ref], current.locationID != nil, current.locationID != locationID, !current.isOrphan {
                summary.conflicts += 1
                problems.append(CatalogProblem(file: item.file, line: item.line, entityRef: ref, field: "metadata.name",
                                               message: "\(ref) is already defined by another location; this definition is ignored"))
                continue
            }
            kept.append(ref)
            let row = EntityRow(item: item)
            guard let current = existing[ref] else {
                inserts.append((SortableID.make(now: now), row))
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
            updated.append((current.id, row))
            summary.updated += 1
        }
        try await DerivedRows.insertEntities(inserts, sql: sql, locationID: locationID, now: now)
        try await DerivedRows.replace(for: inserts + updated, removingOldOf: updated.map(\.id), sql: sql)
        if !inserts.isEmpty || !updated.isEmpty { try await CatalogVersion.bump(sql) }
        return (summary, problems, kept)
    }

    private static func loadExisting(_ sql: any SQLDatabase, refs: [String]) async throws -> [String: Existing] {
        var existing: [String: Existing] = [:]
        for chunk in refs.chunked(500) {
            let rows = try await sql.select().columns("id", "ref", "location_id", "etag", "spec_hash", "generation", "orphan")
                .from("catalog_entities").where("ref", .in, chunk).all()
            for row in rows {
                existing[try row.decode(column: "ref", as: String.self)] = Existing(
                    id: try row.decode(column: "id", as: String.self),
                    locationID: try row.decode(column: "location_id", as: String?.self),
                    etag: try row.decode(column: "etag", as: String.self),
                    specHash: try row.decode(column: "spec_hash", as: String.self),
                    generation: try row.decode(column: "generation", as: Int64.self),
                    isOrphan: try row.decode(column: "orphan", as: Int.self) != 0)
            }
        }
        return existing
    }

    /// Marks orphaned the entities of this location that did not come back, unless their file or
    /// their own document failed this time: then the last good version stays as it was.
    private static func orphanVanished(_ sql: any SQLDatabase, locationID: String, kept: Set<String>, problems: [CatalogProblem], now: EpochMillis) async throws -> Int {
        let troubledRefs = Set(problems.compactMap(\.entityRef))
        let troubledFiles = Set(problems.filter { $0.entityRef == nil }.map(\.file))
        let rows = try await sql.select().columns("id", "ref", "source_file").from("catalog_entities")
            .where("location_id", .equal, SQLBind(locationID)).where("orphan", .equal, SQLBind(0)).all()
        var vanished: [String] = []
        for row in rows {
            let ref = try row.decode(column: "ref", as: String.self)
            let file = try row.decode(column: "source_file", as: String?.self)
            guard !kept.contains(ref), !troubledRefs.contains(ref), !(file.map(troubledFiles.contains) ?? false) else { continue }
            vanished.append(try row.decode(column: "id", as: String.self))
        }
        for chunk in vanished.chunked(500) {
            try await sql.update("catalog_entities").set("orphan", to: SQLBind(1)).set("updated_at", to: SQLBind(now.value))
                .where("id", .in, chunk).run()
        }
        return vanished.count
    }

    private static func replaceProblems(_ sql: any SQLDatabase, locationID: String, problems: [CatalogProblem]) async throws {
        try await sql.delete(from: "catalog_problems").where("location_id", .equal, SQLBind(locationID)).run()
        let insert = BulkInsert(into: "catalog_problems", columns: [
            ("location_id", .text), ("file", .text), ("line", .integer), ("entity_ref", .text), ("field", .text), ("message", .text),
        ])
        try await insert.run(problems.map {
            [.text(locationID), .text($0.file), .integer(Int64($0.line)), .init($0.entityRef), .init($0.field), .text($0.message)]
        }, on: sql)
    }
}
