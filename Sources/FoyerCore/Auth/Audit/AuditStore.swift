import SQLKit

/// The append-only `audit_log` table: database triggers refuse every update and delete (and, on
/// PostgreSQL, truncation), so Foyer's own code cannot rewrite what happened; only someone who
/// owns the database schema could drop the triggers.
public struct AuditStore: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    static let migrations = [
        Migration("core.005-audit-log") { sql, engine in
            try await sql.create(table: "audit_log")
                .column("id", type: .text, .primaryKey(autoIncrement: false))
                .column("at", type: .bigint, .notNull)
                .column("actor", type: .text, .notNull)
                .column("role", type: .text)
                .column("method", type: .text, .notNull)
                .column("path", type: .text, .notNull)
                .column("address", type: .text)
                .column("status", type: .int, .notNull)
                .column("outcome", type: .text, .notNull)
                .column("detail", type: .text)
                .run()
            try await sql.create(index: "audit_log_actor").on("audit_log").column("actor").column("id").run()
            switch engine {
            case .sqlite:
                for event in ["UPDATE", "DELETE"] {
                    try await sql.raw("""
                        CREATE TRIGGER audit_log_no_\(unsafeRaw: event.lowercased()) BEFORE \(unsafeRaw: event) ON audit_log
                        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
                        """).run()
                }
            case .postgres:
                try await sql.raw("""
                    CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
                    BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$ LANGUAGE plpgsql
                    """).run()
                try await sql.raw("""
                    CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
                    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()
                    """).run()
                try await sql.raw("""
                    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()
                    """).run()
            }
        },
    ]

    /// Appends `entry`.
    public func append(_ entry: AuditEntry) async throws {
        try await database.sql.insert(into: "audit_log")
            .columns("id", "at", "actor", "role", "method", "path", "address", "status", "outcome", "detail")
            .values(SQLBind(entry.id), SQLBind(entry.at.value), SQLBind(entry.actor), SQLBind(entry.role), SQLBind(entry.method),
                    SQLBind(entry.path), SQLBind(entry.address), SQLBind(entry.status), SQLBind(entry.outcome.rawValue), SQLBind(entry.detail))
            .run()
    }

    /// Entries matching `filter`, newest first.
    public func entries(_ filter: AuditFilter) async throws -> [AuditEntry] {
        let query = database.sql.select()
            .columns("id", "at", "actor", "role", "method", "path", "address", "status", "outcome", "detail").from("audit_log")
        if let actor = filter.actor { query.where("actor", .equal, SQLBind(actor)) }
        if let method = filter.method { query.where("method", .equal, SQLBind(method)) }
        if let prefix = filter.pathPrefix {
            // A range rather than LIKE, so `%` and `_` in the prefix mean themselves.
            query.where("path", .greaterThanOrEqual, SQLBind(prefix)).where("path", .lessThan, SQLBind(prefix + "\u{10FFFF}"))
        }
        if let outcome = filter.outcome { query.where("outcome", .equal, SQLBind(outcome.rawValue)) }
        if let since = filter.since { query.where("at", .greaterThanOrEqual, SQLBind(since.value)) }
        if let until = filter.until { query.where("at", .lessThan, SQLBind(until.value)) }
        if let before = filter.before { query.where("id", .lessThan, SQLBind(before)) }
        return try await query.orderBy("id", .descending).limit(filter.limit).all().map { row in
            AuditEntry(id: try row.decode(column: "id", as: String.self), at: EpochMillis(try row.decode(column: "at", as: Int64.self)),
                       actor: try row.decode(column: "actor", as: String.self), role: try row.decode(column: "role", as: String?.self),
                       method: try row.decode(column: "method", as: String.self), path: try row.decode(column: "path", as: String.self),
                       address: try row.decode(column: "address", as: String?.self), status: try row.decode(column: "status", as: Int.self),
                       outcome: AuditEntry.Outcome(rawValue: try row.decode(column: "outcome", as: String.self)) ?? .failed,
                       detail: try row.decode(column: "detail", as: String?.self))
        }
    }
}
