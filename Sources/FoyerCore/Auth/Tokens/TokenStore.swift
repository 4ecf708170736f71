import SQLKit

/// API tokens in the `api_tokens` table.
public struct TokenStore: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    static let migrations = [
        Migration("core.001-api-tokens") { sql, _ in
            try await sql.create(table: "api_tokens")
                .column("id", type: .text, .primaryKey(autoIncrement: false))
                .column("name", type: .text, .notNull)
                .column("role", type: .text, .notNull)
                .column("token_hash", type: .text, .notNull, .unique)
                .column("created_at", type: .bigint, .notNull)
                .column("expires_at", type: .bigint)
                .column("revoked_at", type: .bigint)
                .run()
        },
    ]

    /// Stores a new token and returns it with its secret, which is not kept anywhere.
    public func create(name: String, role: Role, expiresAt: EpochMillis?, now: EpochMillis = .now()) async throws -> (token: APIToken, secret: String) {
        let token = APIToken(
            id: "tok_" + RandomToken.make(length: 12), name: try TokenSecret.validateName(name), role: role,
            createdAt: now, expiresAt: expiresAt, revokedAt: nil)
        if let expiresAt, expiresAt <= now {
            throw FoyerError.badRequest("token expiry must be in the future")
        }
        let secret = TokenSecret.generate()
        try await database.sql.insert(into: "api_tokens")
            .columns("id", "name", "role", "token_hash", "created_at", "expires_at")
            .values(SQLBind(token.id), SQLBind(token.name), SQLBind(role.rawValue), SQLBind(TokenSecret.hash(secret)),
                    SQLBind(now.value), SQLBind(expiresAt?.value))
            .run()
        return (token, secret)
    }

    /// Every token, oldest first, including revoked and expired ones.
    public func list() async throws -> [APIToken] {
        try await select().orderBy("created_at").orderBy("id").all().map(Self.token(from:))
    }

    /// Marks a token revoked; revoking twice keeps the first time. 404 when the id is unknown.
    public func revoke(id: String, now: EpochMillis = .now()) async throws -> APIToken {
        try await database.sql.update("api_tokens")
            .set("revoked_at", to: SQLBind(now.value))
            .where("id", .equal, SQLBind(id))
            .where("revoked_at", .is, SQLLiteral.null)
            .run()
        guard let row = try await select().where("id", .equal, SQLBind(id)).first() else {
            throw FoyerError.notFound("no API token with id '\(id)'")
        }
        return try Self.token(from: row)
    }

    /// The active token whose secret is `secret`, or nil.
    public func find(secret: String, at time: EpochMillis = .now()) async throws -> APIToken? {
        guard let row = try await select().where("token_hash", .equal, SQLBind(TokenSecret.hash(secret))).first() else {
            return nil
        }
        let token = try Self.token(from: row)
        return token.isActive(at: time) ? token : nil
    }

    /// Whether any token was ever stored (used to tell an empty database).
    func isEmpty() async throws -> Bool {
        try await database.sql.select().column("id").from("api_tokens").limit(1).first() == nil
    }

    private func select() -> SQLSelectBuilder {
        database.sql.select().columns("id", "name", "role", "created_at", "expires_at", "revoked_at").from("api_tokens")
    }

    private static func token(from row: any SQLRow) throws -> APIToken {
        let roleName = try row.decode(column: "role", as: String.self)
        return APIToken(
            id: try row.decode(column: "id", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            role: Role(rawValue: roleName) ?? .viewer,
            createdAt: EpochMillis(try row.decode(column: "created_at", as: Int64.self)),
            expiresAt: try row.decode(column: "expires_at", as: Int64?.self).map(EpochMillis.init),
            revokedAt: try row.decode(column: "revoked_at", as: Int64?.self).map(EpochMillis.init))
    }
}
