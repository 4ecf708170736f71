import SQLKit

/// Accounts in the `accounts` table; password hashes never leave it except to be checked.
public struct AccountStore: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    static let migrations = [
        Migration("core.003-accounts") { sql, _ in
            try await sql.create(table: "accounts")
                .column("id", type: .text, .primaryKey(autoIncrement: false))
                .column("username", type: .text, .notNull, .unique)
                .column("email", type: .text)
                .column("password_hash", type: .text)
                .column("role", type: .text, .notNull)
                .column("user_ref", type: .text)
                .column("origin", type: .text, .notNull)
                .column("created_at", type: .bigint, .notNull)
                .column("disabled_at", type: .bigint)
                .run()
            // Unique, so two sign-ons at once cannot make two accounts for one email (NULLs may repeat).
            try await sql.create(index: "accounts_email").unique().on("accounts").column("email").run()
        },
    ]

    /// What a new account holds; `passwordHash` is nil for accounts that sign in through the proxy.
    public struct New: Sendable {
        public var username: String
        public var email: String?
        public var passwordHash: String?
        public var role: Role
        public var userRef: String?
        public var origin: Account.Origin

        public init(username: String, email: String?, passwordHash: String?, role: Role, userRef: String?, origin: Account.Origin) {
            self.username = username
            self.email = email
            self.passwordHash = passwordHash
            self.role = role
            self.userRef = userRef
            self.origin = origin
        }
    }

    /// Stores a new account; 409 when the username (or email) is taken.
    public func create(_ new: New, now: EpochMillis = .now()) async throws -> Account {
        let username = try AccountRules.username(new.username)
        let email = try AccountRules.email(new.email)
        if try await find(username: username) != nil { throw FoyerError(.conflict, "an account named '\(username)' exists") }
        if let email, try await find(email: email) != nil { throw FoyerError(.conflict, "an account with email \(email) exists") }
        let account = Account(id: "acc_" + RandomToken.make(length: 12), username: username, email: email, role: new.role,
                              userRef: new.userRef, origin: new.origin, createdAt: now, disabledAt: nil)
        try await database.sql.insert(into: "accounts")
            .columns("id", "username", "email", "password_hash", "role", "user_ref", "origin", "created_at")
            .values(SQLBind(account.id), SQLBind(username), SQLBind(email), SQLBind(new.passwordHash), SQLBind(new.role.rawValue),
                    SQLBind(new.userRef), SQLBind(new.origin.rawValue), SQLBind(now.value))
            .run()
        return account
    }

    public func all() async throws -> [Account] {
        try await select().orderBy("username").all().map(Self.account(from:))
    }

    public func find(id: String) async throws -> Account? {
        try await select().where("id", .equal, SQLBind(id)).first().map(Self.account(from:))
    }

    public func find(username: String) async throws -> Account? {
        try await select().where("username", .equal, SQLBind(username.lowercased())).first().map(Self.account(from:))
    }

    public func find(email: String) async throws -> Account? {
        try await select().where("email", .equal, SQLBind(email.lowercased())).first().map(Self.account(from:))
    }

    /// The account and its stored password hash, for signing in.
    func credentials(username: String) async throws -> (account: Account, hash: String?)? {
        guard let row = try await select().column("password_hash").where("username", .equal, SQLBind(username.lowercased())).first() else {
            return nil
        }
        return (try Self.account(from: row), try row.decode(column: "password_hash", as: String?.self))
    }

    /// Changes what an admin may change; 404 for an unknown id. Disabling keeps the account (the
    /// audit log names it) and its sessions are ended by the caller.
    public func update(id: String, role: Role? = nil, passwordHash: String? = nil, disabled: Bool? = nil,
                       now: EpochMillis = .now()) async throws -> Account {
        guard try await find(id: id) != nil else { throw FoyerError.notFound("no account with id '\(id)'") }
        let update = database.sql.update("accounts").where("id", .equal, SQLBind(id))
        if let role { update.set("role", to: SQLBind(role.rawValue)) }
        if let passwordHash { update.set("password_hash", to: SQLBind(passwordHash)) }
        if let disabled { update.set("disabled_at", to: disabled ? SQLBind(now.value) : SQLBind(Int64?.none)) }
        if role != nil || passwordHash != nil || disabled != nil { try await update.run() }
        return try await find(id: id)!
    }

    /// Links an account to the catalog user it turned out to be.
    public func link(id: String, userRef: String) async throws -> Account {
        try await database.sql.update("accounts").set("user_ref", to: SQLBind(userRef)).where("id", .equal, SQLBind(id)).run()
        guard let account = try await find(id: id) else { throw FoyerError.notFound("no account with id '\(id)'") }
        return account
    }

    /// When the accounts linked to `users` (catalog user refs) were created, the earliest per user.
    public func creationTimes(of users: Set<String>) async throws -> [String: Int64] {
        var times: [String: Int64] = [:]
        for chunk in users.sorted().chunked(500) {
            let linked = database.sql.select().columns("user_ref", "created_at").from("accounts").where("user_ref", .in, chunk)
            for row in try await linked.all() {
                let ref = try row.decode(column: "user_ref", as: String.self)
                let created = try row.decode(column: "created_at", as: Int64.self)
                times[ref] = min(times[ref] ?? created, created)
            }
        }
        return times
    }

    /// Whether any account exists (the demo and the first-run hint ask).
    public func isEmpty() async throws -> Bool {
        try await database.sql.select().column("id").from("accounts").limit(1).first() == nil
    }

    private func select() -> SQLSelectBuilder {
        database.sql.select().columns("id", "username", "email", "role", "user_ref", "origin", "created_at", "disabled_at").from("accounts")
    }

    private static func account(from row: any SQLRow) throws -> Account {
        Account(id: try row.decode(column: "id", as: String.self), username: try row.decode(column: "username", as: String.self),
                email: try row.decode(column: "email", as: String?.self),
                role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .viewer,
                userRef: try row.decode(column: "user_ref", as: String?.self),
                origin: Account.Origin(rawValue: try row.decode(column: "origin", as: String.self)) ?? .local,
                createdAt: EpochMillis(try row.decode(column: "created_at", as: Int64.self)),
                disabledAt: try row.decode(column: "disabled_at", as: Int64?.self).map(EpochMillis.init))
    }
}
