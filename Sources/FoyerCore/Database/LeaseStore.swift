import SQLKit

/// Named, time-limited leases so that, with several replicas on one database, one runs each job.
public struct LeaseStore: Sendable {
    public let database: Database
    /// Identifies this process among replicas.
    public let holder: String

    public init(database: Database, holder: String = RandomToken.make(length: 12)) {
        self.database = database
        self.holder = holder
    }

    static let migrations = [
        Migration("core.002-leases") { sql, _ in
            try await sql.create(table: "foyer_leases")
                .column("name", type: .text, .primaryKey(autoIncrement: false))
                .column("holder", type: .text, .notNull)
                .column("expires_at", type: .bigint, .notNull)
                .run()
        },
    ]

    /// Takes or renews lease `name` until `now + duration`; false while another holder has it.
    public func acquire(_ name: String, for duration: Duration, now: EpochMillis = .now()) async throws -> Bool {
        let expiry = now.value + duration.components.seconds * 1000
        do {
            return try await take(name, expiry: expiry, now: now)
        } catch {
            // Two replicas inserting the same new lease at once: the loser simply does not hold it.
            database.logger.debug("lease not acquired", metadata: ["lease": .string(name), "error": "\(error)"])
            return false
        }
    }

    private func take(_ name: String, expiry: Int64, now: EpochMillis) async throws -> Bool {
        try await database.transaction { sql in
            let row = try await sql.select().columns("holder", "expires_at").from("foyer_leases").where("name", .equal, SQLBind(name)).first()
            guard let row else {
                try await sql.insert(into: "foyer_leases").columns("name", "holder", "expires_at")
                    .values(SQLBind(name), SQLBind(holder), SQLBind(expiry)).run()
                return true
            }
            let current = try row.decode(column: "holder", as: String.self)
            let expiresAt = try row.decode(column: "expires_at", as: Int64.self)
            guard current == holder || expiresAt <= now.value else { return false }
            try await sql.update("foyer_leases").set("holder", to: SQLBind(holder)).set("expires_at", to: SQLBind(expiry))
                .where("name", .equal, SQLBind(name)).run()
            return true
        }
    }
}
