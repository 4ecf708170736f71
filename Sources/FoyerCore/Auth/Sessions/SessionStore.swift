import SQLKit

/// A signed-in session as a request sees it; the browser holds only a random secret whose SHA-256
/// is the stored `id`, so a copy of the table signs nobody in.
public struct SignedInSession: Sendable, Equatable {
    public let id: String
    public let accountID: String
    public let createdAt: EpochMillis
    public let lastSeenAt: EpochMillis
    /// The absolute end, however active the session is.
    public let expiresAt: EpochMillis

    public init(id: String, accountID: String, createdAt: EpochMillis, lastSeenAt: EpochMillis, expiresAt: EpochMillis) {
        self.id = id
        self.accountID = accountID
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
    }
}

/// How long sessions live: ended after `idle` without a request, and `absolute` after sign-in.
public struct SessionLifetime: Sendable, Equatable {
    public var idle: Duration
    public var absolute: Duration

    public init(idle: Duration = .seconds(8 * 3600), absolute: Duration = .seconds(7 * 86_400)) {
        self.idle = idle
        self.absolute = absolute
    }

    /// Whether `session` still counts at `now`.
    public func isLive(_ session: SignedInSession, at now: EpochMillis) -> Bool {
        now < session.expiresAt && now.value - session.lastSeenAt.value < idle.milliseconds
    }
}

/// Sessions in the `sessions` table: started at sign-in, ended at sign-out, expiry or when an
/// admin disables the account.
public struct SessionStore: Sendable {
    public let database: Database
    public let lifetime: SessionLifetime
    /// How stale `last_seen_at` may get before a request writes it again.
    static let touchInterval: Int64 = 60_000

    public init(database: Database, lifetime: SessionLifetime = SessionLifetime()) {
        self.database = database
        self.lifetime = lifetime
    }

    static let migrations = [
        Migration("core.004-sessions") { sql, _ in
            try await sql.create(table: "sessions")
                .column("id", type: .text, .primaryKey(autoIncrement: false))
                .column("account_id", type: .text, .notNull)
                .column("created_at", type: .bigint, .notNull)
                .column("last_seen_at", type: .bigint, .notNull)
                .column("expires_at", type: .bigint, .notNull)
                .column("address", type: .text)
                .run()
            try await sql.create(index: "sessions_account").on("sessions").column("account_id").run()
        },
    ]

    /// Starts a session for `accountID`; returns it with the secret for the cookie, kept nowhere else.
    public func start(accountID: String, address: String?, now: EpochMillis = .now()) async throws -> (session: SignedInSession, secret: String) {
        let secret = RandomToken.make(length: 43)
        let session = SignedInSession(id: RandomToken.sha256Hex(secret), accountID: accountID, createdAt: now, lastSeenAt: now,
                                      expiresAt: EpochMillis(now.value + lifetime.absolute.milliseconds))
        try await database.sql.insert(into: "sessions")
            .columns("id", "account_id", "created_at", "last_seen_at", "expires_at", "address")
            .values(SQLBind(session.id), SQLBind(accountID), SQLBind(now.value), SQLBind(now.value), SQLBind(session.expiresAt.value),
                    SQLBind(address.map { String($0.prefix(100)) }))
            .run()
        return (session, secret)
    }

    /// The live session whose cookie secret is `secret`, its last use moved to `now`; nil (and an
    /// expired row deleted) otherwise.
    public func find(secret: String, now: EpochMillis = .now()) async throws -> SignedInSession? {
        guard (20...100).contains(secret.utf8.count) else { return nil }
        let id = RandomToken.sha256Hex(secret)
        guard let row = try await database.sql.select().columns("id", "account_id", "created_at", "last_seen_at", "expires_at")
            .from("sessions").where("id", .equal, SQLBind(id)).first() else { return nil }
        let session = SignedInSession(
            id: id, accountID: try row.decode(column: "account_id", as: String.self),
            createdAt: EpochMillis(try row.decode(column: "created_at", as: Int64.self)),
            lastSeenAt: EpochMillis(try row.decode(column: "last_seen_at", as: Int64.self)),
            expiresAt: EpochMillis(try row.decode(column: "expires_at", as: Int64.self)))
        guard lifetime.isLive(session, at: now) else {
            try await end(id: id)
            return nil
        }
        guard now.value - session.lastSeenAt.value >= Self.touchInterval else { return session }
        try await database.sql.update("sessions").set("last_seen_at", to: SQLBind(now.value)).where("id", .equal, SQLBind(id)).run()
        return SignedInSession(id: id, accountID: session.accountID, createdAt: session.createdAt, lastSeenAt: now, expiresAt: session.expiresAt)
    }

    /// Ends one session (sign-out).
    public func end(id: String) async throws {
        try await database.sql.delete(from: "sessions").where("id", .equal, SQLBind(id)).run()
    }

    /// Ends every session of an account (disabled, password changed, role lowered).
    public func endAll(accountID: String) async throws {
        try await database.sql.delete(from: "sessions").where("account_id", .equal, SQLBind(accountID)).run()
    }

    /// How many live sessions an account has.
    public func count(accountID: String, now: EpochMillis = .now()) async throws -> Int {
        try await database.sql.select().column("id").from("sessions")
            .where("account_id", .equal, SQLBind(accountID))
            .where("expires_at", .greaterThan, SQLBind(now.value))
            .where("last_seen_at", .greaterThan, SQLBind(now.value - lifetime.idle.milliseconds))
            .all().count
    }

    /// Deletes sessions past their absolute or idle end; returns how many.
    @discardableResult
    public func purgeExpired(now: EpochMillis = .now()) async throws -> Int {
        let stale = try await database.sql.select().column("id").from("sessions")
            .where("expires_at", .lessThanOrEqual, SQLBind(now.value))
            .orWhere("last_seen_at", .lessThanOrEqual, SQLBind(now.value - lifetime.idle.milliseconds))
            .all().map { try $0.decode(column: "id", as: String.self) }
        for chunk in stale.chunked(500) {
            try await database.sql.delete(from: "sessions").where("id", .in, chunk).run()
        }
        return stale.count
    }
}
