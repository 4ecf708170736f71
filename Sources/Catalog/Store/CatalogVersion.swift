import FoyerCore
import SQLKit
import Synchronization

/// A counter bumped by every write to the catalog's entities, so readers can cache answers (like
/// `totalItems`) until the catalog changes, in this replica or another.
enum CatalogVersion {
    static let migrations = [
        Migration("catalog.004-version") { sql, _ in
            try await sql.create(table: "catalog_state")
                .column("name", type: .text, .primaryKey(autoIncrement: false))
                .column("value", type: .bigint, .notNull)
                .run()
            try await sql.insert(into: "catalog_state").columns("name", "value").values(SQLBind("version"), SQLBind(Int64(0))).run()
            // Tells databases apart, so a process serving (or testing) several never mixes their counts.
            try await sql.insert(into: "catalog_state").columns("name", "value").values(SQLBind("instance"), SQLBind(Int64.random(in: 1...Int64.max))).run()
        },
    ]

    /// Marks the catalog changed (inside the writer's transaction).
    static func bump(_ sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE catalog_state SET value = value + 1 WHERE name = 'version'").run()
    }

    /// This database's identity and current version.
    static func current(_ sql: any SQLDatabase) async throws -> (instance: Int64, version: Int64) {
        var state: [String: Int64] = [:]
        for row in try await sql.raw("SELECT name, value FROM catalog_state").all() {
            state[try row.decode(column: "name", as: String.self)] = try row.decode(column: "value", as: Int64.self)
        }
        return (state["instance"] ?? 0, state["version"] ?? 0)
    }
}

/// Entity counts by query, valid for one catalog version; bounded so odd filters cannot grow it.
final class CountCache: Sendable {
    static let shared = CountCache()
    private static let capacity = 1000
    private let entries = Mutex<[String: (version: Int64, count: Int)]>([:])

    func count(for key: String, version: Int64) -> Int? {
        entries.withLock { $0[key].flatMap { $0.version == version ? $0.count : nil } }
    }

    func store(_ count: Int, for key: String, version: Int64) {
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll() }
            entries[key] = (version, count)
        }
    }
}
