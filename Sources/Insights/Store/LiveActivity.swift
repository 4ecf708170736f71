import Dispatch
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
    /// Serialises this process's changes to the index and the events: ingest, catching up, saving.
    private let writers = AsyncGate()
    /// Serialises this process's saves, which take `writers` for one short transaction at a time.
    private let savers = AsyncGate()
    /// Arbitrary constant: serialises event writers, savers and deleters of several replicas on one
    /// PostgreSQL, so sequence numbers commit in order and a snapshot is read whole.
    private static let advisoryLockKey = 7_007_005

    private init(database: Database) { self.database = database }

    /// The index, including every event stored (by any process) before the call.
    func current() async throws -> ActivityIndex {
        if let index = readable(), try await Self.nothingElseStored(through: index.appliedSeq, database.sql) { return index }
        return try await writers.withLock {
            try await locked { try await catchUp($0) }
            return readable()!
        }
    }

    /// A copy for a reader, without the change sets: they are the index's largest parts that every
    /// event touches, so a reader holding them would make the next writer copy them whole.
    private func readable() -> ActivityIndex? {
        index.withLock { index in
            guard var copy = index else { return nil }
            copy.markSaved()
            return copy
        }
    }

    /// One caller's batch waiting to be written, and what became of it.
    private final class Ticket: Sendable {
        let batch: EncodedEvents
        let outcome = Mutex<Result<[UsageEvent], any Error>?>(nil)

        init(_ batch: EncodedEvents) { self.batch = batch }
    }

    private let waiting = Mutex<[Ticket]>([])

    /// A writer of batches: given the sequence number to start from and the batches in arrival
    /// order, it stores what is new in each and returns those events per batch, in the order numbered,
    /// with the highest number it stored.
    typealias BatchWriter = @Sendable (any SQLDatabase, _ nextSeq: Int64, _ batches: [EncodedEvents]) async throws -> StoredEvents

    /// Writes `batch` in one transaction with every batch that arrived while the previous one was
    /// written (one commit, and one disk flush, for them all); returns the events stored of `batch`.
    /// When such a shared transaction fails, each batch is tried again alone, so one bad batch
    /// fails only its own request. The stored events are applied to the index once committed (maybe
    /// after the answer), and always before anything reads it.
    func record(_ batch: EncodedEvents, write: BatchWriter) async throws -> [UsageEvent] {
        let ticket = Ticket(batch)
        waiting.withLock { $0.append(ticket) }
        try await withTaskExecutorPreference(Self.writerQueue) { try await writers.withLock {
            let tickets = waiting.withLock { waiting in
                defer { waiting = [] }
                return waiting
            }
            // An earlier writer may have taken this caller's batch along already.
            guard !tickets.isEmpty else { return }
            do {
                try await commit(tickets, with: write)
            } catch where tickets.count > 1 {
                for ticket in tickets {
                    do {
                        try await commit([ticket], with: write)
                    } catch {
                        ticket.outcome.withLock { $0 = .failure(error) }
                    }
                }
            } catch {
                ticket.outcome.withLock { $0 = .failure(error) }
            }
        } }
        guard let outcome = ticket.outcome.withLock({ $0 }) else { throw FoyerError.database("a batch of usage events was not written") }
        return try outcome.get()
    }

    /// Events this process committed but has not applied to the index yet, in order, numbered after
    /// its `appliedSeq` up to `through`. Writers append to it; it is taken and applied whole under
    /// the index's lock (so in order): right after each commit on another thread, or before anything
    /// reads the index.
    private let unapplied = Mutex<(batches: [[UsageEvent]], through: Int64?)>(([], nil))
    /// The highest number this process knows to be stored: applied, or waiting in `unapplied`. Nil
    /// until the index is loaded. Changed only by holders of `writers`.
    private let storedThrough = Mutex<Int64?>(nil)

    /// Stores `tickets` in one transaction, numbering after `storedThrough` when nothing else was
    /// stored since; what they store is applied on another thread, so the next group can be written
    /// meanwhile. Callers hold `writers`.
    private func commit(_ tickets: [Ticket], with write: BatchWriter) async throws {
        let known = storedThrough.withLock { $0 }
        let stored = try await locked { sql in
            if let known, try await Self.nothingElseStored(through: known, sql) {
                return try await write(sql, known + 1, tickets.map(\.batch))
            }
            try await catchUp(sql)
            return try await write(sql, storedThrough.withLock { $0! } + 1, tickets.map(\.batch))
        }
        if let last = stored.lastSeq {
            unapplied.withLock { unapplied in
                // Whole batches: their events are not copied one by one.
                unapplied.batches += stored.batches
                unapplied.through = last
            }
            storedThrough.withLock { $0 = last }
            Self.applying.async { self.applyUnapplied() }
        }
        for (ticket, events) in zip(tickets, stored.batches) { ticket.outcome.withLock { $0 = .success(events) } }
    }

    /// Whether the database holds no event after `known` (none another replica stored) and none
    /// up to `known` was deleted that this process has not applied.
    private static func nothingElseStored(through known: Int64, _ sql: any SQLDatabase) async throws -> Bool {
        guard try await lastSeq(sql) <= known else { return false }
        return try await ActivitySnapshot.deletedThrough(sql) <= known
    }

    /// Where writers of batches and savers run between their queries (one job at a time, outside the
    /// cooperative pool): on a busy server the
    /// cooperative pool's threads are parsing batches, and the write lock would be held while a
    /// writer waits for one.
    private static let writerQueue = SerialQueueExecutor(label: "foyer.insights.writer")
    /// Where a save reads and builds its rows: off the cooperative pool, whose threads (two on a
    /// two-core machine) parse the batches of events.
    private static let saverQueue = SerialQueueExecutor(label: "foyer.insights.saver")
    /// Where committed events are applied: a serial queue of its own, so it takes no thread from the cooperative pool.
    private static let applying = DispatchQueue(label: "foyer.insights.apply")

    private func applyUnapplied() {
        index.withLock { index in
            let (batches, through) = unapplied.withLock { unapplied in
                defer { unapplied = ([], nil) }
                return unapplied
            }
            guard let through else { return }
            // By index: each event is lent to `apply`, not copied.
            for batch in batches { for position in batch.indices { index!.apply(batch[position]) } }
            index!.appliedSeq = through
        }
    }

    /// Saves what changed since the last save; returns the sequence number the saved index includes.
    /// Ingest is held up while the index is brought up to date, then by one short transaction at a
    /// time: the rows are read from the index a statement at a time and written in transactions that
    /// each wait until no batch of events waits to be written (or a few went ahead). When the save
    /// fails, its changes are saved next time.
    @discardableResult
    func save() async throws -> Int64 {
        try await withTaskExecutorPreference(Self.saverQueue) { try await savers.withLock {
            let (changes, through) = try await takeChanges()
            guard !changes.isEmpty else { return through }
            do {
                try await ActivitySnapshot.save(changes, through: through, reading: { self.read($0) }) { body in
                    try await withTaskExecutorPreference(Self.writerQueue) {
                        try await self.writers.withLock(deferring: true) { try await self.locked(body) }
                    }
                }
            } catch {
                restore(changes)
                throw error
            }
            return through
        } }
    }

    /// What changed in the index, brought up to date, since it was last saved, and the sequence
    /// number it then held; the index forgets those changes (`save` gives them back if it fails).
    func takeChanges() async throws -> (ActivityIndex.Changes, through: Int64) {
        try await withTaskExecutorPreference(Self.writerQueue) { try await writers.withLock {
            try await locked { try await catchUp($0) }
            return index.withLock { ($0!.takeChanges(), $0!.appliedSeq) }
        } }
    }

    /// Takes back changes from `takeChanges` that could not be saved.
    func restore(_ changes: ActivityIndex.Changes) {
        index.withLock { $0!.restore(changes) }
    }

    /// Runs `body` on the index as it is now.
    func read<T>(_ body: (ActivityIndex) -> T) -> T {
        index.withLock { body($0!) }
    }

    /// Deletes raw events older than `cutoff` that the saved index holds; returns how many. Works
    /// through ranges of sequence numbers, each in its own short transaction, so ingest goes on.
    func deleteSaved(before cutoff: Int64) async throws -> Int {
        let saved = try await save()
        let lowest = try await database.sql.raw("SELECT MIN(seq) AS low FROM insights_events").first()?.decode(column: "low", as: Int64?.self) ?? nil
        guard let lowest else { return 0 }
        var deleted = 0, recorded = false
        for start in stride(from: lowest, through: saved, by: Self.deletionRange) {
            let held: SQLQueryString = "seq BETWEEN \(bind: start) AND \(bind: min(start + Int64(Self.deletionRange) - 1, saved)) AND occurred_at < \(bind: cutoff)"
            // Counted first without the write lock, so ingest goes on: most ranges hold nothing that old.
            guard try await Self.count(held, database.sql) > 0 else { continue }
            if !recorded {
                // Recorded before the first deletion: an index behind `saved` (another replica's)
                // then reloads the snapshot instead of missing events deleted under it.
                try await locked { try await ActivitySnapshot.recordDeleted(through: saved, $0) }
                recorded = true
            }
            deleted += try await locked { sql in
                let total = try await Self.count(held, sql)
                try await sql.raw("DELETE FROM insights_events WHERE \(held)").run()
                return total
            }
        }
        return deleted
    }

    private static func count(_ held: SQLQueryString, _ sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS total FROM insights_events WHERE \(held)").first()?.decode(column: "total", as: Int.self) ?? 0
    }

    private static let deletionRange = 50_000

    /// A transaction that, on PostgreSQL, first waits for other replicas' writers, savers and deleters.
    private func locked<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await database.transaction { sql in
            if database.engine == .postgres {
                try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: Self.advisoryLockKey))").run()
            }
            return try await body(sql)
        }
    }

    /// Loads the index if needed (again, when raw events it has not applied were deleted since:
    /// another replica saved them), then replays the events stored after it. Callers hold `writers`
    /// and run inside `locked`.
    private func catchUp(_ sql: any SQLDatabase) async throws {
        applyUnapplied()
        let deleted = try await ActivitySnapshot.deletedThrough(sql)
        if index.withLock({ $0.map { $0.appliedSeq < deleted } ?? true }) {
            // Published only once caught up: which saved rows hold which events is known only here.
            var (loaded, ahead) = try await ActivitySnapshot.load(sql)
            try await Self.replay(after: loaded.appliedSeq, sql) { events in
                for (seq, event) in events {
                    loaded.apply(event, seq: seq, unlessIn: ahead)
                    loaded.appliedSeq = seq
                }
            }
            index.withLock { $0 = loaded }
        } else {
            try await Self.replay(after: index.withLock { $0!.appliedSeq }, sql) { events in
                index.withLock { index in
                    for (seq, event) in events {
                        index!.apply(event)
                        index!.appliedSeq = seq
                    }
                }
            }
        }
        storedThrough.withLock { $0 = index.withLock { $0!.appliedSeq } }
    }

    /// Hands the events stored after `seq` to `apply`, in order, a page at a time.
    private static func replay(after seq: Int64, _ sql: any SQLDatabase, _ apply: ([(seq: Int64, event: UsageEvent)]) -> Void) async throws {
        var after = seq
        while true {
            let rows = try await sql.raw("""
                SELECT seq, event_id, user_ref, action, subject, value, attributes, context, occurred_at FROM insights_events
                WHERE seq > \(bind: after) ORDER BY seq LIMIT 5000
                """).all()
            guard !rows.isEmpty else { return }
            let events = try rows.map { (seq: try $0.decode(column: "seq", as: Int64.self), event: try StoredEvent.decode($0)) }
            apply(events)
            after = events.last!.seq
        }
    }

    /// The highest sequence number stored (0 when none).
    private static func lastSeq(_ sql: any SQLDatabase) async throws -> Int64 {
        try await sql.raw("SELECT COALESCE(MAX(seq), 0) AS last FROM insights_events").first()?.decode(column: "last", as: Int64.self) ?? 0
    }
}
