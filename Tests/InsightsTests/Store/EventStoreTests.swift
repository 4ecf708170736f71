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
