import Foundation
import FoyerCore
import FoyerTestSupport
import Insights
import Testing

/// A repeatable random source, so a failing log can be replayed.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state ^ (state >> 29)
    }
}

/// A random event log around a year end: users who started before the range, events at exact
/// midnights, repeated ids, and old events that arrive late.
struct RandomLog {
    var oracleEvents: [KPIOracle.Event] = []
    var batches: [[UsageEvent]] = []

    init(seed: UInt64) {
        var random = SeededRandom(state: seed)
        let start = Day(iso: "2026-10-20")!.epochMillis, span: Int64 = 120 * 86_400_000
        let users = (0..<40).map { "user:default/u\($0)" }
        var all: [UsageEvent] = []
        for index in 0..<1500 {
            let user = users[Int(pow(Double.random(in: 0..<1, using: &random), 2) * Double(users.count))]
            var time = start + Int64.random(in: 0..<span, using: &random)
            switch index % 10 {
            case 0: time -= time % 86_400_000  // exactly midnight UTC
            case 1: time += 86_399_999 - time % 86_400_000  // the last millisecond of a day
            default: break
            }
            let kind = Int.random(in: 0..<5, using: &random)
            let (action, subject, value, context): (String, String, Double?, [String: String]) = switch kind {
            case 0: ("navigate", ["/catalog?kind=api", "/catalog#top", "/docs", "/"].randomElement(using: &random)!, nil, ["pluginId": "catalog"])
            case 1: ("search", [" Payments ", "payments", "kafka", "nothing here"].randomElement(using: &random)!, Double(Int.random(in: 0..<3, using: &random)), ["pluginId": "search"])
            case 2: ("create", "New service", 30, ["entityRef": ["template:default/service", "Template:default/Library"].randomElement(using: &random)!])
            case 3: ("click", "docs link", nil, ["entityRef": "component:default/shop", "pluginId": "catalog"])
            // Keys that are present but empty count too, under "".
            default: ("discover", "shop", 1, index % 3 == 0 ? ["pluginId": "", "entityRef": ""] : [:])
            }
            all.append(UsageEvent(id: "e\(index)", user: user, action: action, subject: subject, value: value, context: context, timestamp: time))
        }
        // Sent in batches of 200 with repeats: every 7th event again later, some twice in one batch.
        var pending = all
        while !pending.isEmpty {
            var batch = Array(pending.prefix(200))
            pending.removeFirst(batch.count)
            batch += batch.enumerated().filter { $0.offset % 7 == 0 }.map(\.element)
            batches.append(batch)
        }
        batches.append(all.enumerated().filter { $0.offset % 5 == 0 }.map(\.element))
        // An event older than u0's first, arriving last: "first" is by timestamp, not arrival.
        let late = UsageEvent(id: "late", user: users[0], action: "navigate", subject: "/", timestamp: start - 30 * 86_400_000)
        batches.append([late])
        oracleEvents = (all + [late]).map { event in
            KPIOracle.Event(id: event.id!, user: event.user, action: event.action, subject: event.subject, value: event.value,
                            entityRef: event.context["entityRef"], pluginId: event.context["pluginId"],
                            time: Date(timeIntervalSince1970: Double(event.timestamp) / 1000))
        }
    }
}

@Suite(.serialized) struct KPIStoreTests {
    static func withLog(seed: UInt64, _ body: (KPIStore, KPIOracle, Database) async throws -> Void) async throws {
        try await TestDatabase.with { database in
            try await Migrator(database: database, migrations: CoreModule().migrations + InsightsModule(people: { _ in FixedHeadcount(50) }).migrations).migrate()
            let log = RandomLog(seed: seed)
            let store = EventStore(database: database)
            var accepted = 0, duplicates = 0
            for batch in log.batches {
                let result = try await store.ingest(batch)
                accepted += result.accepted
                duplicates += result.duplicates
            }
            let oracle = KPIOracle(log.oracleEvents)
            #expect(accepted == oracle.events.count)
            #expect(accepted + duplicates == log.batches.map(\.count).reduce(0, +))
            try await body(KPIStore(database: database), oracle, database)
        }
    }

    static let ranges = [("2026-12-01", "2027-01-31"), ("2026-12-30", "2027-01-05"), ("2026-10-01", "2027-02-28"), ("2026-12-28", "2026-12-28")]

    @Test(arguments: [UInt64(1), 2])
    func activeUsersMatchAPlainCountOverTheRawEvents(seed: UInt64) async throws {
        try await Self.withLog(seed: seed) { kpis, oracle, _ in
            for (from, to) in Self.ranges {
                for grouping in Grouping.allCases {
                    let items = try await kpis.activeUsers(DayRange(from: Day(iso: from)!, to: Day(iso: to)!), grouping: grouping)
                    let rows = items.map { ["\($0.period)", "\($0.activeUsers)", "\($0.newUsers)", "\($0.returningUsers)"] }
                    #expect(rows == oracle.activeUsers(from: from, to: to, grouping: grouping.rawValue), "\(from)…\(to) by \(grouping)")
                }
            }
        }
    }

    @Test(arguments: [UInt64(3), 4])
    func retentionCohortsMatchAPlainCount(seed: UInt64) async throws {
        try await Self.withLog(seed: seed) { kpis, oracle, _ in
            for (from, to) in Self.ranges + [("2026-11-15", "2027-01-20")] {
                let cohorts = try await kpis.retention(DayRange(from: Day(iso: from)!, to: Day(iso: to)!))
                let expected = oracle.retention(from: from, to: to)
                #expect(cohorts.map(\.week.description) == expected.map(\.0), "\(from)…\(to)")
                #expect(cohorts.map(\.size) == expected.map(\.1), "\(from)…\(to)")
                #expect(cohorts.map(\.retained) == expected.map(\.2), "\(from)…\(to)")
                #expect(cohorts.allSatisfy { $0.retained.first == $0.size })
            }
        }
    }

    @Test func topKeysMatchAPlainCountInEveryDimension() async throws {
        try await Self.withLog(seed: 5) { kpis, oracle, _ in
            for (from, to) in Self.ranges {
                for dimension in TopDimension.allCases {
                    let items = try await kpis.top(dimension, range: DayRange(from: Day(iso: from)!, to: Day(iso: to)!), limit: 3)
                    #expect(items.map { [$0.key, "\($0.events)", "\($0.users)"] } == oracle.top(dimension.rawValue, from: from, to: to, limit: 3),
                            "\(dimension) \(from)…\(to)")
                }
            }
        }
    }

    @Test func summaryMatchesAPlainCount() async throws {
        try await Self.withLog(seed: 6) { kpis, oracle, _ in
            for (from, to) in Self.ranges {
                let summary = try await kpis.summary(DayRange(from: Day(iso: from)!, to: Day(iso: to)!), headcount: 50)
                let expected = oracle.summary(from: from, to: to)
                #expect(summary.activeUsers == expected.0)
                #expect(abs(summary.averageDailyActiveUsers - expected.1) < 1e-9)
                #expect(summary.stickiness.map { abs($0 - expected.2!) < 1e-9 } ?? (expected.2 == nil))
                #expect(summary.newUsers == expected.3)
                #expect(summary.events == expected.4)
                #expect(summary.adoption == Double(expected.0) / 50)
            }
        }
    }

    @Test func excludedUsersLeaveEveryKPIButKeepTheirEvents() async throws {
        try await Self.withLog(seed: 7) { kpis, oracle, database in
            let range = DayRange(from: Day(iso: "2026-10-01")!, to: Day(iso: "2027-02-28")!)
            let before = try await kpis.summary(range, headcount: 50)
            let exclusions = ExclusionStore(database: database)
            try await exclusions.exclude("user:default/u0", reason: "service account")
            let after = try await kpis.summary(range, headcount: 50)
            let withoutU0 = KPIOracle(oracle.events.filter { $0.user != "user:default/u0" })
            let expected = withoutU0.summary(from: "2026-10-01", to: "2027-02-28")
            #expect(after.activeUsers == before.activeUsers - 1 && after.activeUsers == expected.0)
            #expect(after.events == expected.4 && after.events < before.events)
            let actions = try await kpis.top(.actions, range: range, limit: 10).map { [$0.key, "\($0.events)", "\($0.users)"] }
            #expect(actions == withoutU0.top("actions", from: "2026-10-01", to: "2027-02-28", limit: 10))
            let weeks = try await kpis.activeUsers(range, grouping: .week).map { ["\($0.period)", "\($0.activeUsers)", "\($0.newUsers)", "\($0.returningUsers)"] }
            #expect(weeks == withoutU0.activeUsers(from: "2026-10-01", to: "2027-02-28", grouping: "week"))
            #expect(try await exclusions.include("user:default/u0"))
            #expect(try await kpis.summary(range, headcount: 50) == before)
        }
    }

    @Test func deletingRawEventsPastTheRetentionWindowKeepsEveryKPI() async throws {
        try await Self.withLog(seed: 8) { kpis, oracle, database in
            let range = DayRange(from: Day(iso: "2026-09-01")!, to: Day(iso: "2027-02-28")!)
            let before = (try await kpis.summary(range, headcount: 50), try await kpis.activeUsers(range, grouping: .week), try await kpis.top(.pages, range: range, limit: 5))
            let store = EventStore(database: database)
            let cutoff = Day(iso: "2026-12-01")!.epochMillis
            let deleted = try await store.deleteRaw(before: cutoff)
            #expect(deleted == oracle.events.filter { $0.time < Date(timeIntervalSince1970: Double(cutoff) / 1000) }.count && deleted > 0)
            #expect(try await store.events(in: range, limit: 100_000).allSatisfy { $0.timestamp >= cutoff })
            let after = (try await kpis.summary(range, headcount: 50), try await kpis.activeUsers(range, grouping: .week), try await kpis.top(.pages, range: range, limit: 5))
            #expect(after.0 == before.0 && after.1 == before.1 && after.2 == before.2)
        }
    }
}
