import FoyerCore
import SQLKit

/// What a batch of events did to the store.
public struct IngestResult: Sendable, Equatable {
    public var accepted = 0
    public var duplicates = 0
}

/// Stores events and keeps the rollups current in the same transaction, so an acknowledged event is
/// committed with everything derived from it.
public struct EventStore: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// Stores `events` (already valid), skipping ids stored before or repeated in the batch.
    public func ingest(_ events: [UsageEvent], receivedAt: Int64 = EpochMillis.now().value) async throws -> IngestResult {
        var result = IngestResult()
        var seen = Set<String>()
        var batch: [UsageEvent] = []
        for var event in events {
            let id = event.id ?? SortableID.make(now: EpochMillis(receivedAt))
            guard seen.insert(id).inserted else { result.duplicates += 1; continue }
            event.id = id
            batch.append(event)
        }
        guard !batch.isEmpty else { return result }
        return try await database.transaction { sql in
            var stored = Set<String>()
            for chunk in batch.map({ $0.id! }).chunked(500) {
                for row in try await sql.select().column("event_id").from("insights_events").where("event_id", .in, chunk).all() {
                    stored.insert(try row.decode(column: "event_id", as: String.self))
                }
            }
            let fresh = batch.filter { !stored.contains($0.id!) }
            result.duplicates += batch.count - fresh.count
            result.accepted = fresh.count
            try await insert(fresh, receivedAt: receivedAt, sql: sql)
            try await Rollups(fresh).write(sql)
            return result
        }
    }

    /// Deletes raw events older than `cutoff` (epoch milliseconds); the rollups, and so every KPI, stay.
    public func deleteRaw(before cutoff: Int64) async throws -> Int {
        try await database.transaction { sql in
            let row = try await sql.raw("SELECT COUNT(*) AS total FROM insights_events WHERE occurred_at < \(bind: cutoff)").first()
            try await sql.raw("DELETE FROM insights_events WHERE occurred_at < \(bind: cutoff)").run()
            return try row?.decode(column: "total", as: Int.self) ?? 0
        }
    }

    /// Raw events of `range`, oldest first, at most `limit`.
    public func events(in range: DayRange, limit: Int) async throws -> [UsageEvent] {
        let rows = try await database.sql.raw("""
            SELECT event_id, user_ref, action, subject, value, attributes, context, occurred_at FROM insights_events
            WHERE day BETWEEN \(bind: range.from.number) AND \(bind: range.to.number) ORDER BY occurred_at, event_id LIMIT \(literal: limit)
            """).all()
        return try rows.map { row in
            let context = try row.decode(column: "context", as: String?.self).flatMap { JSONValue.parse(jsonText: $0)?.objectValue } ?? [:]
            return UsageEvent(
                id: try row.decode(column: "event_id", as: String.self), user: try row.decode(column: "user_ref", as: String.self),
                action: try row.decode(column: "action", as: String.self), subject: try row.decode(column: "subject", as: String.self),
                value: try row.decode(column: "value", as: Double?.self),
                attributes: try row.decode(column: "attributes", as: String?.self).flatMap { JSONValue.parse(jsonText: $0)?.objectValue } ?? [:],
                context: context.compactMapValues(\.stringValue), timestamp: try row.decode(column: "occurred_at", as: Int64.self))
        }
    }

    private func insert(_ events: [UsageEvent], receivedAt: Int64, sql: any SQLDatabase) async throws {
        for chunk in events.chunked(300) {
            var insert = sql.insert(into: "insights_events")
                .columns("event_id", "user_ref", "action", "subject", "value", "attributes", "context", "occurred_at", "day", "received_at")
            for event in chunk {
                let attributes = event.attributes.isEmpty ? nil : JSONValue.object(event.attributes).jsonText()
                let context = event.context.isEmpty ? nil : JSONValue.object(event.context.mapValues(JSONValue.string)).jsonText()
                insert = insert.values(SQLBind(event.id!), SQLBind(event.user), SQLBind(event.action), SQLBind(event.subject),
                                       SQLBind(event.value), SQLBind(attributes), SQLBind(context), SQLBind(event.timestamp),
                                       SQLBind(event.day.number), SQLBind(receivedAt))
            }
            try await insert.run()
        }
    }
}
