import FoyerCore
import NIOCore
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

    /// How long a read stamp is trusted while this process commits nothing: another replica's
    /// writes are seen within it. Repeated reads (a list asked for again and again) then skip the database.
    static let freshness = Duration.milliseconds(200)

    private struct Reading {
        let stamp: CatalogStamp
        let commitsBefore: Int
        let at: ContinuousClock.Instant
    }

    private static let readings = Mutex<[Database.ID: Reading]>([:])

    /// `database`'s identity and current version: read again once this process has committed a
    /// transaction there since the last reading, or once that reading is `freshness` old.
    static func current(_ database: Database) async throws -> CatalogStamp {
        let now = ContinuousClock.now
        let commits = database.committedTransactions
        if let reading = readings.withLock({ $0[database.id] }),
           reading.commitsBefore == commits, now - reading.at < freshness {
            return reading.stamp
        }
        var state: [String: Int64] = [:]
        for row in try await database.sql.raw("SELECT name, value FROM catalog_state").all() {
            state[try row.decode(column: "name", as: String.self)] = try row.decode(column: "value", as: Int64.self)
        }
        let stamp = CatalogStamp(instance: state["instance"] ?? 0, version: state["version"] ?? 0)
        // Counted before the read: a commit landing during it leaves this reading stale at once.
        readings.withLock { $0[database.id] = Reading(stamp: stamp, commitsBefore: commits, at: now) }
        return stamp
    }
}

/// Answers by query, valid for one catalog version; bounded so odd filters cannot grow it.
final class VersionedCache<Value: Sendable>: Sendable {
    private let capacity: Int
    private let entries = Mutex<[String: (version: Int64, value: Value)]>([:])

    init(capacity: Int) { self.capacity = capacity }

    func value(for key: String, version: Int64) -> Value? {
        entries.withLock { $0[key].flatMap { $0.version == version ? $0.value : nil } }
    }

    func store(_ value: Value, for key: String, version: Int64) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll() }
            entries[key] = (version, value)
        }
    }
}

/// Entity counts by query (`totalItems`).
enum CountCache {
    static let shared = VersionedCache<Int>(capacity: 1000)
}

/// Whole `by-query` answers by query string: lists and dashboards ask for the same pages again and
/// again. Only answers up to `maxBytes` are kept, so the cache stays within 256 × 128 KiB.
enum QueryAnswerCache {
    static let shared = VersionedCache<ByteBuffer>(capacity: 256)
    static let maxBytes = 128 * 1024
}

/// Facet counts by facet names and query: the catalog page asks for the same ones on every view.
enum FacetCache {
    static let shared = VersionedCache<[String: [FacetCount]]>(capacity: 500)
}
