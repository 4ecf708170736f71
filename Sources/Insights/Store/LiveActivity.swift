import FoyerCore
import SQLKit
import Synchronization

/// The activity index of one database, shared by every store of it in this process: loaded from the
/// saved snapshot on first use, brought up to date with every stored event before it answers, and
/// saved back now and then so the raw events can go.
final class LiveActivity: Sendable {
    private static let all = Mutex<[Database.ID: LiveActivity]>([:])

    /// The one index of `database` in this process.
    static func of(_ database: Database) -> LiveActivity {
        all.withLock { all in
            if let live = all[database.id] { return live }
            let live = LiveActivity(database: database)
            all[database.id] = live
            return live
        }
    }

    let database: Database
    private let index = Mutex<ActivityIndex?>(nil)
    /// Serialises everything that changes the index or the events: ingest, catching up, saving.
    private let writers = AsyncGate()
    /// Arbitrary constant: serialises event writers of several replicas on one PostgreSQL, so
    /// sequence numbers commit in order.
    private static let advisoryLockKey = 7_007_005

    private init(database: Database) { self.database = database }

    /// The index, including every event stored (by any process) before the call.
    func current() async throws -> ActivityIndex {
        if let index = index.withLock({ $0 }), try await Self.lastSeq(database.sql) <= index.appliedSeq { return index }
        return try await writers.withLock {
            try await catchUp(database.sql)
            return index.withLock { $0! }
        }
    }

    /// One caller's batch waiting to be written, and what became of it.
    private final class Ticket: Sendable {
        let batch: [UsageEvent]
        let outcome = Mutex<Result<[UsageEvent], any Error>?>(nil)

        init(_ batch: [UsageEvent]) { self.batch = batch }
    }

    private let waiting = Mutex<[Ticket]>([])

    /// A writer of batches: given the sequence number to start from and the batches in arrival
    /// order, it stores what is new in each and returns those events per batch, in the order numbered.
    typealias BatchWriter = @Sendable (any SQLDatabase, _ nextSeq: Int64, _ batches: [[UsageEvent]]) async throws -> [[UsageEvent]]

    /// Writes `batch` in one transaction with every batch that arrived while the previous one was
    /// written (one commit, and one disk flush, for them all); returns the events stored of `batch`.
    /// The stored events are applied to the index once committed.
    func record(_ batch: [UsageEvent], write: BatchWriter) async throws -> [UsageEvent] {
        let ticket = Ticket(batch)
        waiting.withLock { $0.append(ticket) }
        try await writers.withLock {
            let tickets = waiting.withLock { waiting in
                defer { waiting = [] }
                return waiting
            }
            // An earlier writer may have taken this caller's batch along already.
            guard !tickets.isEmpty else { return }
            do {
                try await catchUp(database.sql)
                let stored = try await database.transaction { sql in
                    try await lockAndCatchUp(sql)
                    return try await write(sql, index.withLock { $0!.appliedSeq } + 1, tickets.map(\.batch))
                }
                index.withLock { index in
                    for event in stored.joined() { index!.apply(event) }
                    index!.appliedSeq += Int64(stored.joined().count)
                }
                for (ticket, events) in zip(tickets, stored) { ticket.outcome.withLock { $0 = .success(events) } }
            } catch {
                for ticket in tickets { ticket.outcome.withLock { $0 = .failure(error) } }
            }
        }
        guard let outcome = ticket.outcome.withLock({ $0 }) else { throw FoyerError.database("a batch of usage events was not written") }
        return try outcome.get()
    }

    /// Saves what changed since the last save; returns the sequence number the saved index includes.
    @discardableResult
    func save() async throws -> Int64 {
        try await writers.withLock {
            try await catchUp(database.sql)
            try await database.transaction { sql in
                try await lockAndCatchUp(sql)
                let current = index.withLock { $0! }
                if current.hasChanges { try await ActivitySnapshot.save(current, sql) }
            }
            return index.withLock { index in
                index!.markSaved()
                return index!.appliedSeq
            }
        }
    }

    /// On PostgreSQL, waits for other replicas' writers; then applies what they stored meanwhile.
    private func lockAndCatchUp(_ sql: any SQLDatabase) async throws {
        if database.engine == .postgres {
            try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: Self.advisoryLockKey))").run()
        }
        try await catchUp(sql)
    }

    /// Loads the index if needed (again, when another process saved past it: the raw events it would
    /// replay may be gone), then replays the events stored after it. Callers hold `writers`.
    private func catchUp(_ sql: any SQLDatabase) async throws {
        let saved = try await ActivitySnapshot.savedSeq(sql)
        if index.withLock({ $0.map { $0.appliedSeq < saved } ?? true }) {
            let loaded = try await ActivitySnapshot.load(sql)
            index.withLock { $0 = loaded }
        }
        while true {
            let after = index.withLock { $0!.appliedSeq }
            let rows = try await sql.raw("""
                SELECT seq, event_id, user_ref, action, subject, value, attributes, context, occurred_at FROM insights_events
                WHERE seq > \(bind: after) ORDER BY seq LIMIT 5000
                """).all()
            guard !rows.isEmpty else { return }
            let events = try rows.map { (seq: try $0.decode(column: "seq", as: Int64.self), event: try StoredEvent.decode($0)) }
            index.withLock { index in
                for (seq, event) in events {
                    index!.apply(event)
                    index!.appliedSeq = seq
                }
            }
        }
    }

    /// The highest sequence number stored (0 when none).
    private static func lastSeq(_ sql: any SQLDatabase) async throws -> Int64 {
        try await sql.raw("SELECT COALESCE(MAX(seq), 0) AS last FROM insights_events").first()?.decode(column: "last", as: Int64.self) ?? 0
    }
}
