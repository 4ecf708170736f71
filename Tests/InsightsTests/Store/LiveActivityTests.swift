import FoyerCore
import FoyerTestSupport
@testable import Insights
import Testing

/// Batches written together share a transaction, but never each other's failures.
@Suite(.serialized) struct LiveActivityTests {
    struct Refused: Error {}

    @Test func aBatchThatFailsInASharedTransactionFailsAloneAndTheOthersAreStored() async throws {
        try await TestDatabase.with { database in
            try await Migrator(database: database, migrations: ActivityPersistenceTests.migrations).migrate()
            let live = LiveActivity.of(database)
            let start = Day(iso: "2026-11-02")!.epochMillis
            let batches = (0..<12).map { batch in
                (0..<20).map { offset in
                    UsageEvent(id: "b\(batch)-\(offset)", user: "user:default/u\(batch)", action: "navigate",
                               subject: batch == 5 ? "/refused" : "/ok", timestamp: start + Int64(offset) * 60_000)
                }
            }
            let outcomes = await withTaskGroup(of: (Int, Int?).self) { group in
                for (number, batch) in batches.enumerated() {
                    group.addTask {
                        let stored = try? await live.record(EncodedEvents(batch, receivedAt: start)) { sql, next, batches in
                            if batches.flatMap(\.events).contains(where: { $0.subject == "/refused" }) { throw Refused() }
                            return try await EventStore.insertNew(batches, firstSeq: next, sql: sql)
                        }
                        return (number, stored?.count)
                    }
                }
                return await group.reduce(into: [Int: Int?]()) { $0[$1.0] = $1.1 }
            }
            #expect(outcomes[5]! == nil)
            #expect((0..<12).filter { $0 != 5 }.allSatisfy { outcomes[$0]! == 20 })
            let summary = try await KPIStore(database: database).summary(DayRange(from: Day(iso: "2026-11-01")!, to: Day(iso: "2026-11-30")!), headcount: 12)
            #expect(summary.events == 220 && summary.activeUsers == 11)
            #expect(try await EventStore(database: database).events(in: DayRange(from: Day(iso: "2026-11-01")!, to: Day(iso: "2026-11-30")!), limit: 1000).count == 220)
        }
    }
}

@Suite(.serialized) struct ActivitySaverTests {
    @Test func aLongSavePushesTheNextOneBackSoSavingTakesAtMostATwentiethOfTheTime() {
        #expect(ActivitySaver.pause(after: .milliseconds(200), interval: .seconds(60)) == .seconds(60))
        #expect(ActivitySaver.pause(after: .seconds(6), interval: .seconds(60)) == .seconds(120))
        #expect(ActivitySaver.pause(after: .seconds(300), interval: .seconds(60)) == .seconds(600))
    }

    @Test func theDeletionMarkOnlyRises() async throws {
        try await TestDatabase.with { database in
            try await Migrator(database: database, migrations: ActivityPersistenceTests.migrations).migrate()
            try await ActivitySnapshot.recordDeleted(through: 10, database.sql)
            try await ActivitySnapshot.recordDeleted(through: 5, database.sql)
            #expect(try await ActivitySnapshot.deletedThrough(database.sql) == 10)
        }
    }
}
