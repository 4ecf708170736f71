@testable import FoyerCore
import FoyerTestSupport
import SQLKit
import Testing

@Suite struct BulkTransactionTests {
    struct Boom: Error {}

    /// The SQLite connection's page cache size in KiB (`PRAGMA cache_size` gives it negated).
    static func cacheKiB(_ sql: any SQLDatabase) async throws -> Int {
        let row = try #require(try await sql.raw("PRAGMA cache_size").first())
        return -(try row.decode(column: "cache_size", as: Int.self))
    }

    @Test func bulkTransactionCommitsWhenTheBodyReturnsAndRollsBackWhenItThrows() async throws {
        try await TestDatabase.with { database in
            try await database.sql.create(table: "notes").column("id", type: .int).run()
            try await database.transaction(bulk: true) { sql in
                try await sql.insert(into: "notes").columns("id").values(SQLBind(1)).run()
            }
            await #expect(throws: Boom.self) {
                try await database.transaction(bulk: true) { sql in
                    try await sql.insert(into: "notes").columns("id").values(SQLBind(2)).run()
                    throw Boom()
                }
            }
            let ids = try await database.sql.select().column("id").from("notes").all().map { try $0.decode(column: "id", as: Int.self) }
            #expect(ids == [1])
        }
    }

    @Test func sqliteBulkTransactionHasTheLargerCacheOnlyWhileItRuns() async throws {
        guard TestDatabase.engine == .sqlite else { return }
        // One connection, so every statement below runs on the one the transactions used.
        try await TestDatabase.with(poolSize: 1) { database in
            #expect(try await Self.cacheKiB(database.sql) == SQLiteSource.standardCacheKiB)
            let inside = try await database.transaction(bulk: true) { sql in try await Self.cacheKiB(sql) }
            #expect(inside == SQLiteSource.bulkCacheKiB)
            #expect(try await Self.cacheKiB(database.sql) == SQLiteSource.standardCacheKiB)

            await #expect(throws: Boom.self) {
                try await database.transaction(bulk: true) { _ in throw Boom() }
            }
            #expect(try await Self.cacheKiB(database.sql) == SQLiteSource.standardCacheKiB)
            let plain = try await database.transaction { sql in try await Self.cacheKiB(sql) }
            #expect(plain == SQLiteSource.standardCacheKiB)
        }
    }
}
