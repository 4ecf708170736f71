import FoyerCore
import SQLKit

/// Every row of every table as text, to prove a refused request changed nothing.
public enum DatabaseFingerprint {
    /// Tables that change without a write: the audit log records refusals, sessions record use.
    public static let ignored: Set<String> = ["audit_log", "sessions", "foyer_leases", "foyer_migrations"]

    /// Table name → its rows as sorted text.
    public static func take(_ database: Database) async throws -> [String: [String]] {
        var tables: [String: [String]] = [:]
        for table in try await tableNames(database) where !ignored.contains(table) {
            let query: SQLQueryString
            switch database.engine {
            case .postgres:
                query = "SELECT t::text AS row FROM \(ident: table) t"
            case .sqlite:
                let columns = try await database.sql.raw("SELECT name FROM pragma_table_info(\(bind: table))").all()
                    .map { try $0.decode(column: "name", as: String.self) }
                let row = columns.map { "coalesce(CAST(\"\($0)\" AS TEXT), '∅')" }.joined(separator: " || '|' || ")
                query = "SELECT \(unsafeRaw: row.isEmpty ? "''" : row) AS row FROM \(ident: table)"
            }
            tables[table] = try await database.sql.raw(query).all().map { try $0.decode(column: "row", as: String.self) }.sorted()
        }
        return tables
    }

    private static func tableNames(_ database: Database) async throws -> [String] {
        let query: SQLQueryString = database.engine == .postgres
            ? "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        return try await database.sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) }
    }
}
