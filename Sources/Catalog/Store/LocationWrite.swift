import FoyerCore
import SQLKit

/// One storing of a location's fresh read. Slices are stored as they arrive, a few to a
/// transaction (`SliceTransactions`), so a huge location never sits in memory (or in one
/// transaction) whole; while one slice is written, the next one's rows are built. `finish` then
/// orphans what did not come back and records the read's problems. So readers may see a location
/// part way through a refresh, and a refresh failing part way leaves the transactions it committed
/// (nothing is orphaned then).
public struct LocationWrite: Sendable {
    let database: Database
    let locationID: String
    let now: EpochMillis
    private var summary = ApplySummary()
    private var problems: [CatalogProblem] = []
    private var kept = Set<String>()
    private let transactions: SliceTransactions

    init(database: Database, locationID: String, now: EpochMillis) {
        self.database = database
        self.locationID = locationID
        self.now = now
        transactions = SliceTransactions(database: database)
    }

    /// Stores one slice of the read (whose refs no other slice holds): its entities now (the write
    /// may still be running, or not committed, when this returns; `finish` or `abandon` waits for
    /// it), its problems when the write finishes.
    public mutating func store(_ slice: ProcessedLocation) async throws {
        problems += slice.problems
        guard !slice.entities.isEmpty else { return }
        let (database, locationID, now) = (database, locationID, now)
        let rows = slice.entities.map(EntityRow.init)
        let refs = rows.map(\.item.entity.ref.description)
        var ids = FreshIDs(now: now)
        // Planned from a read outside the transaction, so the rows are built while the previous slice is written.
        let existing = try await abandoningOnFailure { try await StoredEntityState.load(database.sql, refs: refs) }
        let planned = SlicePlan(rows: rows, existing: existing, locationID: locationID, ids: &ids)
        let prepared = DerivedRows(plan: planned, locationID: locationID, now: now)
        // Nothing to write (a refresh of unchanged entities): no transaction.
        guard !planned.written.isEmpty else { return count(planned.outcome) }
        await transactions.submit { [ids] sql in
            var sameIDs = ids
            let plan = SlicePlan(rows: rows, existing: try await StoredEntityState.load(sql, refs: refs, lockingRows: true), locationID: locationID, ids: &sameIDs)
            // Another writer may have changed these entities since the plan: then the rows are built again.
            let derived = plan.writesTheSameRows(as: planned) ? prepared : DerivedRows(plan: plan, locationID: locationID, now: now)
            for (id, _, row, generation) in plan.updates {
                try await sql.update("catalog_entities")
                    .set("body", to: SQLBind(row.body)).set("etag", to: SQLBind(row.etag)).set("spec_hash", to: SQLBind(row.specHash))
                    .set("generation", to: SQLBind(generation)).set("orphan", to: SQLBind(0))
                    .set("location_id", to: SQLBind(locationID)).set("source_file", to: SQLBind(row.item.file))
                    .set("parent_ref", to: SQLBind(row.item.parentRef)).set("updated_at", to: SQLBind(now.value))
                    .set("kind_as_written", to: SQLBind(row.item.entity.kind)).set("name_as_written", to: SQLBind(row.item.entity.name))
                    .where("id", .equal, SQLBind(id)).run()
            }
            try await derived.write(removingOldOf: plan.rewritten, sql: sql)
            if !plan.inserts.isEmpty || !plan.updates.isEmpty { try await CatalogVersion.bump(sql) }
            return plan.outcome
        }
        // The slice before this one written, so at most this one waits with its rows built.
        try await abandoningOnFailure { try await transactions.waitUntilWritten(allBut: 1) }
    }

    private mutating func count(_ outcome: SliceOutcome) {
        summary.added += outcome.summary.added
        summary.updated += outcome.summary.updated
        summary.unchanged += outcome.summary.unchanged
        summary.conflicts += outcome.summary.conflicts
        problems += outcome.problems
        kept.formUnion(outcome.kept)
    }

    /// Gives up on this write after a failure: waits for the slices handed over, whatever their
    /// outcome, so nothing still runs once the caller has moved on. What was committed stays.
    public func abandon() async {
        _ = try? await transactions.finish()
    }

    /// `body`'s result; when it throws, the slices handed over are waited for first (`abandon`).
    private func abandoningOnFailure<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            await abandon()
            throw error
        }
    }

    /// Waits for the last slices, orphans the entities that did not come back and replaces the location's problems.
    public mutating func finish() async throws -> ApplySummary {
        // A failure here has already stopped every slice: nothing is left to abandon.
        for outcome in try await transactions.finish() { count(outcome) }
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

    /// Marks orphaned the entities of this location that did not come back, unless their file or
    /// their own document failed this time: then the last good version stays as it was.
    private static func orphanVanished(_ sql: any SQLDatabase, locationID: String, kept: Set<String>, problems: [CatalogProblem], now: EpochMillis) async throws -> Int {
        let troubledRefs = Set(problems.compactMap(\.entityRef))
        let troubledFiles = Set(problems.filter { $0.entityRef == nil }.map(\.file))
        let rows = try await sql.select().columns("entity_key", "ref", "source_file").from("catalog_entities")
            .where("location_id", .equal, SQLBind(locationID)).where("orphan", .equal, SQLBind(0)).all()
        var vanished: [Int64] = []
        for row in rows {
            let ref = try row.decode(column: "ref", as: String.self)
            let file = try row.decode(column: "source_file", as: String?.self)
            guard !kept.contains(ref), !troubledRefs.contains(ref), !(file.map(troubledFiles.contains) ?? false) else { continue }
            vanished.append(try row.decode(column: "entity_key", as: Int64.self))
        }
        var marked: [Int64] = []
        for chunk in vanished.chunked(500) {
            // Only rows this write turns orphan (a concurrent refresh or delete may have been first).
            marked += try await sql.update("catalog_entities").set("orphan", to: SQLBind(1)).set("updated_at", to: SQLBind(now.value))
                .where("entity_key", .in, chunk).where("orphan", .equal, SQLBind(0)).returning("entity_key").all()
                .map { try $0.decode(column: "entity_key", as: Int64.self) }
        }
        // The mark as a filter row too, so facets count it; rewriting the entity when it comes back
        // removes it. Its `ord` is below every row the entity's document gave.
        let marks = DerivedRows.filterTable.encode(marked.map {
            [.integer($0), .text(EntityQuerySQL.orphanKey), .integer(-1), .text("true"), .text("true")]
        })
        try await DerivedRows.filterTable.run(encoded: marks, on: sql)
        return marked.count
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
