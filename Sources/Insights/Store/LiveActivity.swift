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

    /// Runs `write` in a transaction that may store events numbered from the sequence number it is
    /// given; the events it returns (in that order) are applied once committed.
    func record(_ write: (any SQLDatabase, _ nextSeq: Int64) async throws -> [UsageEvent]) async throws {
        try await writers.withLock {
            try await catchUp(database.sql)
            let stored = try await database.transaction { sql in
                try await lockAndCatchUp(sql)
                return try await write(sql, index.withLock { $0!.appliedSeq } + 1)
            }
            index.withLock { index in
                for event in stored { index!.apply(event) }
                index!.appliedSeq += Int64(stored.count)
            }
        }
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
