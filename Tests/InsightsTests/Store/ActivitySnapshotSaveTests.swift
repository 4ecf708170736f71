import FoyerCore
import FoyerTestSupport
@testable import Insights
import SQLKit
import Testing

/// A save writes in several transactions: cut short or overtaken, it never makes a reload count an
/// event twice or lose one.
@Suite(.serialized) struct ActivitySnapshotSaveTests {
    struct CutShort: Error {}

    /// Stores the log's first four batches and saves, then stores the rest without saving.
    static func storeWithSaveAfterFour(_ log: RandomLog, _ database: Database) async throws {
        try await Migrator(database: database, migrations: ActivityPersistenceTests.migrations).migrate()
        let store = EventStore(database: database)
        for batch in log.batches.prefix(4) { _ = try await store.ingest(batch) }
        try await store.saveRollups()
        for batch in log.batches.dropFirst(4) { _ = try await store.ingest(batch) }
    }

    static func count(_ query: SQLQueryString, _ database: Database) async throws -> Int {
        try await database.sql.raw(query).first()!.decode(column: "total", as: Int.self)
    }

    @Test func aReloadAfterASaveCutShortCountsEveryEventOnce() async throws {
        try await ActivityPersistenceTests.withLocation { open in
            let first = try await open()
            try await Self.storeWithSaveAfterFour(RandomLog(seed: 21), first)
            let expected = try await ActivityPersistenceTests.answers(first)
            let live = LiveActivity.of(first)
            let (changes, through) = try await live.takeChanges()
            var transactions = 0
            await #expect(throws: CutShort.self) {
                try await ActivitySnapshot.save(changes, through: through, bytesPerTransaction: 4_000, reading: { live.read($0) }) { body in
                    transactions += 1
                    if transactions == 4 { throw CutShort() }
                    try await first.transaction(body)
                }
            }
            let applied = try await ActivitySnapshot.savedSeq(first.sql)
            #expect(applied < through)
            // The rows that hold events past the saved number, which a replay must not count again.
            let ahead = try await Self.count("SELECT COUNT(*) AS total FROM insights_rollup_key_days WHERE saved_through > \(bind: applied)", first)
                + Self.count("SELECT COUNT(*) AS total FROM insights_rollup_days WHERE saved_through > \(bind: applied)", first)
            #expect(ahead > 0)
            #expect(try await ActivityPersistenceTests.answers(try await open()) == expected)

            // Given back, the changes are saved whole by the next save.
            live.restore(changes)
            try await live.save()
            #expect(try await ActivitySnapshot.savedSeq(first.sql) == through)
            #expect(try await ActivityPersistenceTests.answers(try await open()) == expected)
        }
    }

    @Test func anOlderSaveFinishingLastLeavesTheNewerRowsAndNumber() async throws {
        try await ActivityPersistenceTests.withLocation { open in
            let first = try await open(), second = try await open()
            let log = RandomLog(seed: 22)
            try await Self.storeWithSaveAfterFour(log, first)
            let live = LiveActivity.of(first)
            let (older, olderThrough) = try await live.takeChanges()
            // Another process stores more events and saves all it holds past the last save first.
            _ = try await EventStore(database: second).ingest(log.batches[2].map {
                UsageEvent(user: $0.user, action: $0.action, subject: $0.subject, timestamp: $0.timestamp)
            })
            try await EventStore(database: second).saveRollups()
            let expected = try await ActivityPersistenceTests.answers(second)
            let newer = try await ActivitySnapshot.savedSeq(first.sql)
            #expect(newer > olderThrough)
            try await ActivitySnapshot.save(older, through: olderThrough, reading: { live.read($0) }) { try await first.transaction($0) }
            #expect(try await ActivitySnapshot.savedSeq(first.sql) == newer)
            #expect(try await ActivityPersistenceTests.answers(try await open()) == expected)
        }
    }
}
