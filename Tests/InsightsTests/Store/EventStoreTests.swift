import FoyerCore
import FoyerTestSupport
@testable import Insights
import Testing

/// Idempotency by event id, as the database compares ids: byte for byte.
@Suite(.serialized) struct EventStoreTests {
    static let precomposed = "caf\u{E9}", decomposed = "cafe\u{301}"

    static func event(id: String) -> UsageEvent {
        UsageEvent(id: id, user: "user:default/jane", action: "navigate", subject: "/", timestamp: Day(iso: "2026-11-02")!.epochMillis)
    }

    @Test func canonicallyEquivalentIdsInOneBatchAreTwoEvents() async throws {
        try await TestDatabase.with { database in
            try await Migrator(database: database, migrations: ActivityPersistenceTests.migrations).migrate()
            let result = try await EventStore(database: database).ingest([Self.event(id: Self.precomposed), Self.event(id: Self.decomposed)])
            #expect(result == IngestResult(accepted: 2, duplicates: 0))
        }
    }

    @Test func canonicallyEquivalentIdsInTwoBatchesAreTwoEventsAndARepeatIsADuplicate() async throws {
        try await TestDatabase.with { database in
            try await Migrator(database: database, migrations: ActivityPersistenceTests.migrations).migrate()
            let store = EventStore(database: database)
            #expect(try await store.ingest([Self.event(id: Self.precomposed)]) == IngestResult(accepted: 1, duplicates: 0))
            #expect(try await store.ingest([Self.event(id: Self.decomposed)]) == IngestResult(accepted: 1, duplicates: 0))
            #expect(try await store.ingest([Self.event(id: Self.decomposed), Self.event(id: Self.precomposed)]) == IngestResult(accepted: 0, duplicates: 2))
        }
    }
}

/// The spec's "new user" clock: a person starts at their first event or their account's creation.
@Suite struct EventHistoryStartTests {
    @Test func aPersonStartsAtTheirFirstEventOrTheirAccountsCreationWhicheverCameFirst() async throws {
        try await TestDatabase.with { database in
            try await Migrator(database: database, migrations: ActivityPersistenceTests.migrations).migrate()
            let accounts = AccountStore(database: database)
            let early = Day(iso: "2026-10-01")!.epochMillis, late = Day(iso: "2026-11-02")!.epochMillis
            func account(_ name: String, _ ref: String, at time: Int64) async throws {
                _ = try await accounts.create(AccountStore.New(username: name, email: nil, passwordHash: nil, role: .viewer, userRef: ref, origin: .local), now: EpochMillis(time))
            }
            try await account("ann", "user:default/ann", at: early)
            try await account("bob", "user:default/bob", at: late)
            try await account("cy", "user:default/cy", at: late)
            _ = try await EventStore(database: database).ingest([
                UsageEvent(id: "1", user: "user:default/ann", action: "navigate", subject: "/", timestamp: late),
                UsageEvent(id: "2", user: "user:default/bob", action: "navigate", subject: "/", timestamp: early),
                UsageEvent(id: "3", user: "user:default/dee", action: "navigate", subject: "/", timestamp: late),
            ], receivedAt: late)
            let starts = try await EventHistory(database: database).starts(of: ["user:default/ann", "user:default/bob", "user:default/cy", "user:default/dee", "user:default/eve"], accounts: accounts)
            #expect(starts == ["user:default/ann": early, "user:default/bob": early, "user:default/cy": late, "user:default/dee": late])
        }
    }
}
