@testable import FoyerCore
import Foundation
import FoyerTestSupport
import Logging
import SQLKit
import Testing

@Suite struct SQLitePageSizeTests {
    static func pragma(_ name: String, _ sql: any SQLDatabase) async throws -> String {
        let row = try #require(try await sql.raw(SQLQueryString("PRAGMA \(unsafeRaw: name)")).first())
        if let number = try? row.decode(column: name, as: Int.self) { return String(number) }
        return try row.decode(column: name, as: String.self)
    }

    @Test func newSQLiteDatabaseIsMadeWithSixteenKiBPagesInWALMode() async throws {
        guard TestDatabase.engine == .sqlite else { return }
        try await TestDatabase.with { database in
            try await database.sql.create(table: "notes").column("id", type: .int).run()
            #expect(try await Self.pragma("page_size", database.sql) == String(SQLiteSource.pageSize))
            #expect(try await Self.pragma("journal_mode", database.sql) == "wal")
        }
    }

    @Test func existingSQLiteDatabaseKeepsItsPageSizeAndItsRows() async throws {
        guard TestDatabase.engine == .sqlite else { return }
        let (location, cleanup) = try await TestDatabase.makeLocation()
        guard case .sqlite(let path) = location else { await cleanup(); Issue.record("not a SQLite location"); return }
        // The location is removed whatever happens below, failures included.
        let outcome: Result<(size: String, ids: [Int]), any Error>
        do { outcome = .success(try await Self.openFileMadeWithFourKiBPages(path: path, location: location)) } catch { outcome = .failure(error) }
        await cleanup()
        let (size, ids) = try outcome.get()
        #expect(size == "4096")
        #expect(ids == [7])
    }

    /// Makes the file the way SQLite makes one by default, as databases from before the change
    /// were, then opens it as the server does and reads its page size and rows.
    static func openFileMadeWithFourKiBPages(path: String, location: DatabaseLocation) async throws -> (size: String, ids: [Int]) {
        let old = Process()
        old.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        old.arguments = ["python3", "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            + "c.execute('PRAGMA page_size = 4096'); c.execute('CREATE TABLE notes (id INTEGER)'); "
            + "c.execute('INSERT INTO notes VALUES (7)'); c.commit()", path]
        try old.run()
        old.waitUntilExit()
        try #require(old.terminationStatus == 0)

        let database = try await Database.open(location, poolSize: 2, logger: Logger(label: "test"))
        do {
            let size = try await pragma("page_size", database.sql)
            let ids = try await database.sql.raw("SELECT id FROM notes").all().map { try $0.decode(column: "id", as: Int.self) }
            await database.shutdown()
            return (size, ids)
        } catch {
            await database.shutdown()
            throw error
        }
    }
}
