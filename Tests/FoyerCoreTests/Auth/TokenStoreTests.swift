import FoyerCore
import FoyerTestSupport
import SQLKit
import Testing

@Suite struct TokenStoreTests {
    static func withStore(_ body: (TokenStore) async throws -> Void) async throws {
        try await TestDatabase.with { database in
            try await Migrator(database: database, migrations: CoreModule().migrations).migrate()
            try await body(TokenStore(database: database))
        }
    }

    @Test func createdSecretFindsItsTokenAndOnlyItsHashIsStored() async throws {
        try await Self.withStore { store in
            let created = try await store.create(name: "ci", role: .editor, expiresAt: nil)
            #expect(created.secret.hasPrefix("foyer_"))
            #expect(try await store.find(secret: created.secret) == created.token)
            let stored = try await store.database.sql.select().column("token_hash").from("api_tokens").all()
            let hashes = try stored.map { try $0.decode(column: "token_hash", as: String.self) }
            #expect(hashes == [TokenSecret.hash(created.secret)])
            #expect(!hashes.contains(created.secret))
        }
    }

    @Test func unknownSecretFindsNothing() async throws {
        try await Self.withStore { store in
            _ = try await store.create(name: "ci", role: .viewer, expiresAt: nil)
            #expect(try await store.find(secret: "foyer_nottherightone") == nil)
        }
    }

    @Test func revokedTokenStopsWorkingButStaysListed() async throws {
        try await Self.withStore { store in
            let created = try await store.create(name: "ci", role: .admin, expiresAt: nil)
            let revoked = try await store.revoke(id: created.token.id)
            #expect(revoked.revokedAt != nil)
            #expect(try await store.find(secret: created.secret) == nil)
            #expect(try await store.list().map(\.id) == [created.token.id])
        }
    }

    @Test func expiredTokenStopsWorkingAtItsExpiry() async throws {
        try await Self.withStore { store in
            let now = EpochMillis(1_800_000_000_000)
            let created = try await store.create(name: "short", role: .viewer, expiresAt: EpochMillis(now.value + 60_000), now: now)
            #expect(try await store.find(secret: created.secret, at: EpochMillis(now.value + 59_999)) != nil)
            #expect(try await store.find(secret: created.secret, at: EpochMillis(now.value + 60_000)) == nil)
        }
    }

    @Test func revokingAnUnknownIdIsNotFound() async throws {
        try await Self.withStore { store in
            await #expect(throws: FoyerError.self) { try await store.revoke(id: "tok_missing") }
        }
    }

    @Test func blankOrOverlongNamesAreRefused() async throws {
        try await Self.withStore { store in
            await #expect(throws: FoyerError.self) { try await store.create(name: "  ", role: .viewer, expiresAt: nil) }
            await #expect(throws: FoyerError.self) { try await store.create(name: String(repeating: "x", count: 101), role: .viewer, expiresAt: nil) }
            let stored = try await store.list()
            #expect(stored.isEmpty)
        }
    }
}

@Suite struct RoleTests {
    @Test func rolesAreOrderedViewerEditorAdmin() throws {
        #expect(Role.viewer < Role.editor)
        #expect(Role.editor < Role.admin)
        #expect(throws: FoyerError.self) { try Role.parse("root") }
        #expect(try Role.parse("Editor") == .editor)
    }
}
