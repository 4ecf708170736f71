import FoyerCore
import FoyerTestSupport
import Insights
import Logging
import Testing

/// The activity index outlives the process and the raw events: saved, reloaded, replayed, upgraded.
@Suite(.serialized) struct ActivityPersistenceTests {
    static let migrations = CoreModule().migrations + InsightsModule(people: { _ in FixedHeadcount(50) }).migrations
    static let range = DayRange(from: Day(iso: "2026-09-01")!, to: Day(iso: "2027-03-31")!)

    /// Opens the same database location as a new process would, once per call of `body`.
    static func withLocation(_ body: (_ open: () async throws -> Database) async throws -> Void) async throws {
        let (location, cleanup) = try await TestDatabase.makeLocation()
        var opened: [Database] = []
        do {
            try await body {
                let database = try await Database.open(location, poolSize: 2, logger: Logger(label: "foyer-test"))
                opened.append(database)
                return database
            }
        } catch {
            for database in opened { await database.shutdown() }
            await cleanup()
            throw error
        }
        for database in opened { await database.shutdown() }
        await cleanup()
    }

    static func answers(_ database: Database) async throws -> [String] {
        let kpis = KPIStore(database: database)
        var answers = ["\(try await kpis.summary(range, headcount: 50))", "\(try await kpis.activeUsers(range, grouping: .week))",
                       "\(try await kpis.retention(range))"]
        for dimension in TopDimension.allCases { answers.append("\(try await kpis.top(dimension, range: range, limit: 20))") }
        return answers
    }

    @Test func aNewProcessAnswersFromTheSavedIndexPlusTheEventsStoredAfterIt() async throws {
        try await Self.withLocation { open in
            let first = try await open()
            try await Migrator(database: first, migrations: Self.migrations).migrate()
            let log = RandomLog(seed: 11), store = EventStore(database: first)
            for batch in log.batches.prefix(4) { _ = try await store.ingest(batch) }
            try await store.saveRollups()
            for batch in log.batches.dropFirst(4) { _ = try await store.ingest(batch) }
            let expected = try await Self.answers(first)
            #expect(try await Self.answers(try await open()) == expected)

            // Raw events go once saved; a process started after that still has every answer.
            let deleted = try await EventStore(database: try await open()).deleteRaw(before: Day(iso: "2030-01-01")!.epochMillis)
            #expect(deleted == KPIOracle(log.oracleEvents).events.count)
            #expect(try await Self.answers(try await open()) == expected)
            #expect(try await Self.answers(first) == expected)
        }
    }

    @Test func twoProcessesWritingSavingAndDeletingInOneDatabaseGiveTheSameAnswers() async throws {
        try await Self.withLocation { open in
            let first = try await open(), second = try await open()
            try await Migrator(database: first, migrations: Self.migrations).migrate()
            let log = RandomLog(seed: 12)
            for (number, batch) in log.batches.enumerated() {
                let store = EventStore(database: number % 2 == 0 ? first : second)
                _ = try await store.ingest(batch)
                // Both save along the way, each with keys and users the other numbered too.
                if number % 3 == 2 { try await store.saveRollups() }
            }
            let expected = try await Self.answers(first)
            #expect(try await Self.answers(second) == expected)
            _ = try await EventStore(database: second).deleteRaw(before: Day(iso: "2030-01-01")!.epochMillis)
            _ = try await EventStore(database: first).ingest([UsageEvent(user: "user:default/late", action: "navigate", subject: "/new",
                                                                          timestamp: Day(iso: "2026-12-24")!.epochMillis)])
            try await EventStore(database: first).saveRollups()
            let after = try await Self.answers(first)
            #expect(after != expected)
            #expect(try await Self.answers(second) == after)
            #expect(try await Self.answers(try await open()) == after)
        }
    }

    @Test func upgradingKeepsTheFirstRollupsOfEventsAlreadyDeleted() async throws {
        try await Self.withLocation { open in
            let database = try await open()
            try await Migrator(database: database, migrations: Array(Self.migrations.prefix { $0.name != "insights.003-activity-index" })).migrate()
            let firstA = Day(iso: "2026-01-05")!.epochMillis + 36_000_000, firstB = Day(iso: "2026-01-06")!.epochMillis + 1
            let jan5 = Day(iso: "2026-01-05")!.number, jan6 = jan5 + 1
            try await database.sql.raw("""
                INSERT INTO insights_users (user_ref, first_at, first_day, first_week, first_month) VALUES
                ('user:default/a', \(bind: firstA), \(bind: jan5), 0, 0), ('user:default/b', \(bind: firstB), \(bind: jan6), 0, 0)
                """).run()
            try await database.sql.raw("""
                INSERT INTO insights_user_days (user_ref, day, week, month, events) VALUES
                ('user:default/a', \(bind: jan5), 0, 0, 2), ('user:default/a', \(bind: jan6), 0, 0, 1), ('user:default/b', \(bind: jan6), 0, 0, 3)
                """).run()
            try await database.sql.raw("""
                INSERT INTO insights_key_days (dimension, key, user_ref, day, events) VALUES
                ('pages', '/x', 'user:default/a', \(bind: jan5), 2), ('actions', 'navigate', 'user:default/a', \(bind: jan5), 2),
                ('actions', 'navigate', 'user:default/a', \(bind: jan6), 1), ('actions', 'navigate', 'user:default/b', \(bind: jan6), 3)
                """).run()
            try await Migrator(database: database, migrations: Self.migrations).migrate()
            _ = try await EventStore(database: database).ingest([UsageEvent(user: "user:default/b", action: "navigate", subject: "/x",
                                                                            timestamp: Day(iso: "2026-01-07")!.epochMillis)])
            let january = DayRange(from: Day(iso: "2026-01-01")!, to: Day(iso: "2026-01-31")!)
            for database in [database, try await open()] {
                let kpis = KPIStore(database: database)
                let summary = try await kpis.summary(january, headcount: 2)
                #expect(summary.activeUsers == 2 && summary.events == 7 && summary.userDays == 4 && summary.newUsers == 2)
                #expect(try await kpis.top(.pages, range: january, limit: 5).map { "\($0.key) \($0.events) \($0.users)" } == ["/x 3 2"])
                #expect(try await kpis.top(.actions, range: january, limit: 5).map { "\($0.key) \($0.events) \($0.users)" } == ["navigate 7 2"])
                #expect(try await EventHistory(database: database).firstSeen(["user:default/a", "user:default/b"])
                    == ["user:default/a": firstA, "user:default/b": firstB])
            }
        }
    }

    @Test func concurrentBatchesSharingIdsStoreEachEventOnceAndCountIt() async throws {
        try await TestDatabase.with { database in
            try await Migrator(database: database, migrations: Self.migrations).migrate()
            let store = EventStore(database: database)
            let start = Day(iso: "2026-11-02")!.epochMillis
            // Twenty batches of 50 ids drawn from 300: many overlap, and several are written in one transaction.
            let batches = (0..<20).map { batch in
                (0..<50).map { offset in
                    let id = (batch * 37 + offset * 7) % 300
                    return UsageEvent(id: "e\(id)", user: "user:default/u\(id % 9)", action: "navigate", subject: "/p\(id % 4)",
                                      timestamp: start + Int64(id) * 3_600_000)
                }
            }
            let results = try await withThrowingTaskGroup(of: IngestResult.self) { group in
                for batch in batches { group.addTask { try await store.ingest(batch) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let distinct = Set(batches.joined().map(\.id!))
            #expect(results.map(\.accepted).reduce(0, +) == distinct.count)
            #expect(results.map { $0.accepted + $0.duplicates }.reduce(0, +) == 1000)
            let summary = try await KPIStore(database: database).summary(DayRange(from: Day(iso: "2026-11-01")!, to: Day(iso: "2026-11-30")!), headcount: 9)
            #expect(summary.events == distinct.count && summary.activeUsers == 9)
            let stored = try await store.events(in: DayRange(from: Day(iso: "2026-11-01")!, to: Day(iso: "2026-11-30")!), limit: 10_000)
            #expect(stored.count == distinct.count)
        }
    }
}
