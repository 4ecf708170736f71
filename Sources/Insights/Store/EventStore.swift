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
