import Foundation
import FoyerCore
import FoyerTestSupport
import Insights
import Testing

/// First occurrences and plugin users, checked against a plain computation over the events sent,
/// and kept after the raw events are deleted.
@Suite(.serialized) struct EventHistoryTests {
    static let migrations = CoreModule().migrations + InsightsModule(people: { _ in FixedHeadcount(50) }).migrations

    /// For each user: the earliest time of an event with `action` whose subject matches.
    static func expectedFirsts(_ events: [KPIOracle.Event], action: String, matches: (String) -> Bool) -> [String: Int64] {
        var firsts: [String: Int64] = [:]
        for event in events where event.action == action && matches(event.subject) {
            let time = Int64((event.time.timeIntervalSince1970 * 1000).rounded())
            firsts[event.user] = min(time, firsts[event.user] ?? .max)
        }
        return firsts
    }

    @Test func firstOccurrencesAndPluginUsersMatchAPlainComputationAndOutliveTheRawEvents() async throws {
        try await TestDatabase.with { database in
            try await Migrator(database: database, migrations: Self.migrations).migrate()
            let log = RandomLog(seed: 21), store = EventStore(database: database), history = EventHistory(database: database)
            for batch in log.batches { _ = try await store.ingest(batch) }
            let events = log.oracleEvents
            let exact = Self.expectedFirsts(events, action: "navigate") { $0 == "/catalog?kind=api" }
            let prefix = Self.expectedFirsts(events, action: "navigate") { $0.hasPrefix("/catalog") }
            let searchers = Set(events.filter { $0.pluginId == "search" }.map(\.user))
            #expect(!exact.isEmpty && prefix.count > exact.count && !searchers.isEmpty)

            for phase in ["stored", "after the raw events are deleted"] {
                #expect(try await history.firstOccurrences(action: "navigate", subject: "/catalog?kind=api", prefix: false) == exact, "\(phase)")
                #expect(try await history.firstOccurrences(action: "navigate", subject: "/catalog", prefix: true) == prefix, "\(phase)")
                // Exact means byte for byte: neither case nor a missing query string matches.
                #expect(try await history.firstOccurrences(action: "navigate", subject: "/CATALOG", prefix: true).isEmpty, "\(phase)")
                #expect(try await history.firstOccurrences(action: "search", subject: "/catalog", prefix: true).isEmpty, "\(phase)")
                let someone = prefix.keys.sorted()[0]
                #expect(try await history.firstOccurrences(action: "navigate", subject: "/catalog", prefix: true, user: someone) == [someone: prefix[someone]!], "\(phase)")
                #expect(try await history.users(ofPlugin: "Search") == searchers, "\(phase)")
                #expect(try await history.users(ofPlugin: "search", user: someone) == (searchers.contains(someone) ? [someone] : []), "\(phase)")
                #expect(try await history.users(ofPlugin: "nothing").isEmpty, "\(phase)")
                _ = try await store.deleteRaw(before: Day(iso: "2030-01-01")!.epochMillis)
            }
        }
    }

    @Test func upgradingNumbersOldEventsBelowNewOnesAndIndexesTheirFirstOccurrencesOnce() async throws {
        try await ActivityPersistenceTests.withLocation { open in
            let database = try await open()
            let before = Array(Self.migrations.prefix { $0.name != "insights.004-lean-events" })
            try await Migrator(database: database, migrations: before).migrate()
            // What the previous version left: user a's first event applied and saved (sequence 1), user
            // b's stored after the save (2), and a row from before sequence numbers.
            let january = Day(iso: "2026-01-05")!.epochMillis, day = Day(iso: "2026-01-05")!.number
            try await database.sql.raw("""
                INSERT INTO insights_events (seq, event_id, user_ref, action, subject, occurred_at, day, received_at) VALUES
                (1, 'saved', 'user:default/a', 'navigate', '/docs/x', \(bind: january + 5), \(bind: day), 0),
                (2, 'replayed', 'user:default/b', 'navigate', '/docs/y', \(bind: january + 9), \(bind: day), 0),
                (NULL, 'legacy', 'user:default/a', 'navigate', '/docs/z', \(bind: january + 1), \(bind: day), 0)
                """).run()
            try await database.sql.raw("INSERT INTO insights_rollup_users (user_number, user_ref, first_at) VALUES (0, 'user:default/a', \(bind: january + 5))").run()
            // User 0 with one event, as little-endian 32-bit numbers.
            try await database.sql.raw("INSERT INTO insights_rollup_days (day, users) VALUES (\(bind: day), \(bind: Data([0, 0, 0, 0, 1, 0, 0, 0])))").run()
            try await database.sql.raw("UPDATE insights_rollup_state SET value = 1 WHERE name = 'applied_seq'").run()
            // A new process upgrades: this one's index in memory would hide what the upgrade read.
            let upgraded = try await open()
            try await Migrator(database: upgraded, migrations: Self.migrations).migrate()

            for database in [upgraded, try await open()] {
                let summary = try await KPIStore(database: database).summary(DayRange(from: Day(iso: "2026-01-01")!, to: Day(iso: "2026-01-31")!), headcount: 2)
                // The legacy row was not in the saved counts (this test left it out); the other two count once each.
                #expect(summary.events == 2 && summary.activeUsers == 2)
                let history = EventHistory(database: database)
                #expect(try await history.firstOccurrences(action: "navigate", subject: "/docs/", prefix: true)
                    == ["user:default/a": january + 1, "user:default/b": january + 9])
            }
            let numbers = try await upgraded.sql.raw("SELECT event_id, seq FROM insights_events ORDER BY seq").all()
                .map { "\(try $0.decode(column: "event_id", as: String.self)) \(try $0.decode(column: "seq", as: Int.self))" }
            #expect(numbers == ["legacy -1", "saved 1", "replayed 2"])
            let upgradedStore = EventStore(database: upgraded)
            #expect(try await upgradedStore.ingest([UsageEvent(id: "replayed", user: "user:default/b", action: "navigate", subject: "/docs/y", timestamp: january + 9)]).duplicates == 1)
            #expect(try await upgradedStore.ingest([UsageEvent(id: "new", user: "user:default/c", action: "navigate", subject: "/", timestamp: january)]).accepted == 1)
            #expect(try await upgraded.sql.raw("SELECT seq FROM insights_events WHERE event_id = 'new'").first()?.decode(column: "seq", as: Int.self) == 3)
        }
    }

    @Test func canonicallyEquivalentRefsStoredApartAnswerAsOneUserWithTheEarlierTime() async throws {
        try await TestDatabase.with { database in
            try await Migrator(database: database, migrations: Self.migrations).migrate()
            let composed = "user:default/jos\u{E9}", decomposed = "user:default/jose\u{301}"
            _ = try await EventStore(database: database).ingest([
                UsageEvent(user: composed, action: "navigate", subject: "/docs/a", context: ["pluginId": "techdocs"], timestamp: 2_000),
                UsageEvent(user: decomposed, action: "navigate", subject: "/docs/b", context: ["pluginId": "techdocs"], timestamp: 1_000),
            ])
            let history = EventHistory(database: database)
            #expect(try await history.firstOccurrences(action: "navigate", subject: "/docs/", prefix: true) == [composed: 1_000])
            #expect(try await history.users(ofPlugin: "techdocs").count == 1)
        }
    }
}
