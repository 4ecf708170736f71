import FoyerCore
import SQLKit

/// Users left out of every KPI (service accounts, test users); their events stay stored.
public struct ExclusionStore: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    public struct Exclusion: Sendable, Equatable, Encodable {
        public let user: String
        public let reason: String
        public let createdAt: EpochMillis
    }

    public func all() async throws -> [Exclusion] {
        try await database.sql.select().columns("user_ref", "reason", "created_at").from("insights_excluded_users").orderBy("user_ref").all().map { row in
            Exclusion(user: try row.decode(column: "user_ref", as: String.self), reason: try row.decode(column: "reason", as: String.self),
                      createdAt: EpochMillis(try row.decode(column: "created_at", as: Int64.self)))
        }
    }

    /// Excludes `user` (again, with a new reason, when already excluded).
    public func exclude(_ user: String, reason: String, now: EpochMillis = .now()) async throws {
        try await database.transaction { sql in
            try await sql.delete(from: "insights_excluded_users").where("user_ref", .equal, SQLBind(user)).run()
            try await sql.insert(into: "insights_excluded_users").columns("user_ref", "reason", "created_at")
                .values(SQLBind(user), SQLBind(reason), SQLBind(now.value)).run()
        }
    }

    /// Counts `user` again; false when it was not excluded.
    public func include(_ user: String) async throws -> Bool {
        try await database.transaction { sql in
            let found = try await sql.select().column("user_ref").from("insights_excluded_users").where("user_ref", .equal, SQLBind(user)).first() != nil
            try await sql.delete(from: "insights_excluded_users").where("user_ref", .equal, SQLBind(user)).run()
            return found
        }
    }
}
