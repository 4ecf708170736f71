import FoyerCore
import SQLKit

/// What a batch of events did to the store.
public struct IngestResult: Sendable, Equatable {
    public var accepted = 0
    public var duplicates = 0
}

/// Stores events, numbered in the order they are stored, and keeps the activity index (and so every
/// KPI) current with them; an acknowledged event is committed.
public struct EventStore: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// Stores `events` (already valid), skipping ids stored before or repeated in the batch.
    public func ingest(_ events: [UsageEvent], receivedAt: Int64 = EpochMillis.now().value) async throws -> IngestResult {
        var result = IngestResult()
        // Ids match byte for byte, as the database compares them: canonically equivalent spellings are two ids.
        var seen = Set<ExactText>()
        var batch: [UsageEvent] = []
        for var event in events {
            let id = event.id ?? SortableID.make(now: EpochMillis(receivedAt))
            guard seen.insert(ExactText(id)).inserted else { result.duplicates += 1; continue }
            event.id = id
            batch.append(event)
        }
        guard !batch.isEmpty else { return result }
        // Encoded here, before any lock: requests encode in parallel, one at a time writes.
        let stored = try await LiveActivity.of(database).record(EncodedEvents(batch, receivedAt: receivedAt)) { sql, nextSeq, batches in
            try await Self.insertNew(batches, firstSeq: nextSeq, sql: sql)
        }
        result.duplicates += batch.count - stored.count
        result.accepted = stored.count
        return result
    }

    /// Inserts the events of `batches` whose ids are not stored yet (nor earlier in `batches`),
    /// numbered in order from `firstSeq` (a skipped event leaves its number unused); returns them per
    /// batch, with the highest number stored.
    static func insertNew(_ batches: [EncodedEvents], firstSeq: Int64, sql: any SQLDatabase) async throws -> StoredEvents {
        var stored = StoredEvents()
        var next = firstSeq
        for batch in batches {
            let inserted = try await eventTable.insertNumbered(batch.payloads, numberColumn: "seq", from: next, skippingConflictsOn: "event_id", on: sql)
            let first = next
            // Usually every event is new: the batch's own array is shared instead of copied.
            stored.batches.append(inserted.count == batch.events.count
                ? batch.events : batch.events.enumerated().filter { inserted.contains(first + Int64($0.offset)) }.map(\.element))
            if let highest = inserted.max() { stored.lastSeq = max(highest, stored.lastSeq ?? highest) }
            next += Int64(batch.events.count)
        }
        return stored
    }

    /// Deletes raw events older than `cutoff` (epoch milliseconds) once the saved rollups hold them;
    /// every KPI stays.
    public func deleteRaw(before cutoff: Int64) async throws -> Int {
        try await LiveActivity.of(database).deleteSaved(before: cutoff)
    }

    /// Saves the activity index, so a restart replays few events.
    public func saveRollups() async throws {
        try await LiveActivity.of(database).save()
    }

    /// Raw events of `range`, oldest first, at most `limit`.
    public func events(in range: DayRange, limit: Int) async throws -> [UsageEvent] {
        let rows = try await database.sql.raw("""
            SELECT event_id, user_ref, action, subject, value, attributes, context, occurred_at FROM insights_events
            WHERE day BETWEEN \(bind: range.from.number) AND \(bind: range.to.number) ORDER BY occurred_at, event_id LIMIT \(literal: limit)
            """).all()
        return try rows.map(StoredEvent.decode)
    }

    /// The columns of a stored event besides its sequence number, which the insert adds.
    static let eventTable = BulkInsert(into: "insights_events", columns: [
        ("event_id", .text), ("user_ref", .text), ("action", .text), ("subject", .text), ("value", .real), ("attributes", .text),
        ("context", .text), ("occurred_at", .integer), ("day", .integer), ("received_at", .integer),
    ])

    static func row(_ event: UsageEvent, receivedAt: Int64) -> [BulkInsert.Value] {
        let attributes = event.attributes.isEmpty ? nil : JSONValue.object(event.attributes).jsonText()
        let context = event.context.isEmpty ? nil : JSONValue.object(event.context.mapValues(JSONValue.string)).jsonText()
        return [.text(event.id!), .text(event.user), .text(event.action), .text(event.subject), .init(event.value), .init(attributes),
                .init(context), .integer(event.timestamp), .integer(Int64(event.day.number)), .integer(receivedAt)]
    }
}

/// A batch of events with their rows encoded, ready to be numbered and stored.
struct EncodedEvents: Sendable {
    let events: [UsageEvent]
    let payloads: [BulkInsert.Payload]

    /// `events` (with ids) as rows received at `receivedAt`.
    init(_ events: [UsageEvent], receivedAt: Int64) {
        self.events = events
        payloads = EventStore.eventTable.encodeCounted(events.map { EventStore.row($0, receivedAt: receivedAt) })
    }
}

/// What a group of batches stored: the new events of each batch, and the highest number stored.
struct StoredEvents: Sendable {
    var batches: [[UsageEvent]] = []
    var lastSeq: Int64?
}

/// Reads events back from `insights_events` rows.
enum StoredEvent {
    static func decode(_ row: any SQLRow) throws -> UsageEvent {
        let context = try row.decode(column: "context", as: String?.self).flatMap { JSONValue.parse(jsonText: $0)?.objectValue } ?? [:]
        return UsageEvent(
            id: try row.decode(column: "event_id", as: String.self), user: try row.decode(column: "user_ref", as: String.self),
            action: try row.decode(column: "action", as: String.self), subject: try row.decode(column: "subject", as: String.self),
            value: try row.decode(column: "value", as: Double?.self),
            attributes: try row.decode(column: "attributes", as: String?.self).flatMap { JSONValue.parse(jsonText: $0)?.objectValue } ?? [:],
            context: context.compactMapValues(\.stringValue), timestamp: try row.decode(column: "occurred_at", as: Int64.self))
    }
}
