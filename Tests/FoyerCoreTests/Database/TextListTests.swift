import FoyerCore
import FoyerTestSupport
import SQLKit
import Testing

/// `SQLQueryString.textList`: thousands of texts for `IN …` bound as one JSON parameter.
@Suite struct TextListTests {
    @Test func everyListedTextMatchesExactlyIncludingQuotesBackslashesAndUnicode() async throws {
        try await TestDatabase.with { database in
            try await database.sql.create(table: "listed").column("name", type: .text, .notNull).run()
            let stored = ["plain", "quote \" and 'single'", "back\\slash", "ünïcödé 🚀", "line\nbreak", "unlisted", "PLAIN"]
            for name in stored { try await database.sql.insert(into: "listed").columns("name").values(SQLBind(name)).run() }
            let wanted = stored.filter { $0 != "unlisted" && $0 != "PLAIN" } + (0..<3000).map { "absent-\($0)" }
            let query = "SELECT name FROM listed WHERE name IN " + SQLQueryString.textList(wanted, dialect: database.sql.dialect.name)
            let found = try await database.sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) }
            #expect(Set(found) == Set(stored.prefix(5)))
            #expect(found.count == 5)
        }
    }

    @Test func anEmptyListMatchesNothing() async throws {
        try await TestDatabase.with { database in
            try await database.sql.create(table: "listed").column("name", type: .text, .notNull).run()
            try await database.sql.insert(into: "listed").columns("name").values(SQLBind("any")).run()
            let query = "SELECT name FROM listed WHERE name IN " + SQLQueryString.textList([], dialect: database.sql.dialect.name)
            #expect(try await database.sql.raw(query).all().isEmpty)
        }
    }
}
