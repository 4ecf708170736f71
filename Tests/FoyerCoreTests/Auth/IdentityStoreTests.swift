import FoyerCore
import FoyerTestSupport
import SQLKit
import Testing

/// Accounts, sessions and the audit log on the engine under test (`scripts/test` runs both).
@Suite struct IdentityStoreTests {
    static func withStores(_ body: (Database) async throws -> Void) async throws {
        try await TestDatabase.with { database in
            _ = try await Migrator(database: database, migrations: CoreModule().migrations).migrate()
            try await body(database)
        }
    }

    static func new(_ username: String, email: String? = nil, role: Role = .viewer) -> AccountStore.New {
        AccountStore.New(username: username, email: email, passwordHash: nil, role: role, userRef: "user:default/\(username)", origin: .local)
    }

    @Test func accountsAreFoundByNameOrEmailAndNamesAreUnique() async throws {
        try await Self.withStores { database in
            let accounts = AccountStore(database: database)
            #expect(try await accounts.isEmpty())
            let jane = try await accounts.create(Self.new("Jane", email: "Jane@Example.com", role: .editor))
            #expect(jane.username == "jane" && jane.email == "jane@example.com" && jane.role == .editor)
            #expect(try await accounts.find(username: "JANE") == jane)
            #expect(try await accounts.find(email: "jane@example.COM") == jane)
            let taken = await #expect(throws: FoyerError.self) { try await accounts.create(Self.new("jane")) }
            #expect(taken?.status == .conflict)
            await #expect(throws: FoyerError.self) { try await accounts.create(Self.new("bob", email: "jane@example.com")) }
            let disabled = try await accounts.update(id: jane.id, role: .admin, disabled: true)
            #expect(disabled.role == .admin && disabled.isDisabled)
            #expect(try await accounts.update(id: jane.id, disabled: false).isDisabled == false)
            await #expect(throws: FoyerError.self) { try await accounts.update(id: "acc_nope", role: .viewer) }
            #expect(try await accounts.all().map(\.username) == ["jane"])
        }
    }

    @Test func sessionsAreFoundByTheirSecretAndEndAtSignOutIdlenessOrTheirAbsoluteEnd() async throws {
        try await Self.withStores { database in
            let lifetime = SessionLifetime(idle: .seconds(600), absolute: .seconds(3600))
            let sessions = SessionStore(database: database, lifetime: lifetime)
            let start = EpochMillis(1_800_000_000_000)
            let (session, secret) = try await sessions.start(accountID: "acc_1", address: "10.0.0.1", now: start)
            #expect(session.id != secret && session.id == RandomToken.sha256Hex(secret), "only the hash is stored")
            let stored = try await database.sql.select().column("id").from("sessions").all().map { try $0.decode(column: "id", as: String.self) }
            #expect(stored == [session.id])
            #expect(try await sessions.find(secret: secret, now: EpochMillis(start.value + 5 * 60_000))?.accountID == "acc_1")
            #expect(try await sessions.find(secret: secret + "x", now: start) == nil)
            // Used at minute 5, so alive at minute 14 and idle-expired at minute 16.
            #expect(try await sessions.find(secret: secret, now: EpochMillis(start.value + 14 * 60_000)) != nil)
            #expect(try await sessions.find(secret: secret, now: EpochMillis(start.value + 25 * 60_000)) == nil)
            #expect(try await sessions.count(accountID: "acc_1", now: start) == 0, "the expired row is gone")

            let (_, active) = try await sessions.start(accountID: "acc_2", address: nil, now: start)
            var now = start
            while now.value < start.value + 3_540_000 {
                now = EpochMillis(now.value + 540_000)
                if now.value < start.value + 3_600_000 { #expect(try await sessions.find(secret: active, now: now) != nil) }
            }
            #expect(try await sessions.find(secret: active, now: EpochMillis(start.value + 3_600_000)) == nil, "absolute end")

            let (one, first) = try await sessions.start(accountID: "acc_3", address: nil, now: start)
            let (_, second) = try await sessions.start(accountID: "acc_3", address: nil, now: start)
            try await sessions.end(id: one.id)
            #expect(try await sessions.find(secret: first, now: start) == nil)
            #expect(try await sessions.find(secret: second, now: start) != nil)
            try await sessions.endAll(accountID: "acc_3")
            #expect(try await sessions.find(secret: second, now: start) == nil)

            _ = try await sessions.start(accountID: "acc_4", address: nil, now: start)
            #expect(try await sessions.purgeExpired(now: EpochMillis(start.value + 3_600_000)) == 1)
        }
    }

    @Test func theAuditLogFiltersNewestFirstAndRefusesEveryChange() async throws {
        try await Self.withStores { database in
            let audit = AuditStore(database: database)
            let base = EpochMillis(1_800_000_000_000)
            for (index, (actor, path, status)) in [("user:default/jane", "/api/catalog/locations", 201), ("anonymous", "/api/catalog/locations", 401),
                                                   ("token:ci", "/api/insights/events", 202), ("user:default/jane", "/sign-out", 303)].enumerated() {
                let at = EpochMillis(base.value + Int64(index) * 1000)
                try await audit.append(AuditEntry(id: SortableID.make(now: at), at: at, actor: actor, role: nil, method: "POST", path: path,
                                                  address: "10.0.0.1", status: status, outcome: .init(status: status), detail: nil))
            }
            #expect(try await audit.entries(AuditFilter()).map(\.path) == ["/sign-out", "/api/insights/events", "/api/catalog/locations", "/api/catalog/locations"])
            var filter = AuditFilter()
            filter.actor = "user:default/jane"
            #expect(try await audit.entries(filter).map(\.status) == [303, 201])
            filter = AuditFilter()
            filter.pathPrefix = "/api/catalog"
            filter.outcome = .refused
            #expect(try await audit.entries(filter).map(\.actor) == ["anonymous"])
            filter = AuditFilter()
            filter.since = EpochMillis(base.value + 1000)
            filter.until = EpochMillis(base.value + 3000)
            filter.limit = 1
            let page = try await audit.entries(filter)
            #expect(page.map(\.status) == [202])
            filter.before = page.last?.id
            #expect(try await audit.entries(filter).map(\.status) == [401])

            await #expect(throws: (any Error).self) { try await database.sql.raw("UPDATE audit_log SET actor = 'nobody'").run() }
            await #expect(throws: (any Error).self) { try await database.sql.raw("DELETE FROM audit_log").run() }
            #expect(try await audit.entries(AuditFilter()).count == 4)
        }
    }
}
