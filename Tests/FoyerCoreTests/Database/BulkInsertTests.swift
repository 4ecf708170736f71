import FoyerCore
import FoyerTestSupport
import SQLKit
import Testing

@Suite struct BulkInsertTests {
    static let table = BulkInsert(into: "bulk_rows", columns: [("position", .integer), ("label", .text), ("note", .text)])

    static func createTable(_ database: Database) async throws {
        try await database.sql.create(table: "bulk_rows")
            .column("position", type: .bigint, .notNull).column("label", type: .text, .notNull).column("note", type: .text).run()
    }

    static func stored(_ database: Database) async throws -> [(Int64, String, String?)] {
        try await database.sql.raw("SELECT position, label, note FROM bulk_rows ORDER BY position").all().map {
            (try $0.decode(column: "position", as: Int64.self), try $0.decode(column: "label", as: String.self),
             try $0.decode(column: "note", as: String?.self))
        }
    }

    @Test func rowsArriveWithEveryValueAsWrittenIncludingQuotesControlCharactersAndNulls() async throws {
        try await TestDatabase.with { database in
            try await Self.createTable(database)
            let labels = ["plain", "quote \" and 'single'", "back\\slash", "line\nbreak\ttab\u{01}", "ünïcödé ✓ 🚀", "", "[1, {\"a\": null}]"]
            let rows: [[BulkInsert.Value]] = labels.enumerated().map { index, label in
                [.integer(Int64(index) - 3), .text(label), index % 2 == 0 ? .null : .text("note \(index)")]
            }
            try await database.transaction { try await Self.table.run(rows, on: $0) }
            let stored = try await Self.stored(database)
            #expect(stored.map(\.0) == [-3, -2, -1, 0, 1, 2, 3])
            #expect(stored.map(\.1) == labels)
            #expect(stored.map(\.2) == [nil, "note 1", nil, "note 3", nil, "note 5", nil])
        }
    }

    @Test func rowsBeyondOneStatementsSizeAreSplitAcrossStatementsAndAllStored() async throws {
        try await TestDatabase.with { database in
            try await Self.createTable(database)
            let filler = String(repeating: "x", count: 1000)
            let count = 3000  // about 3 MB of JSON: more than one statement's limit
            let rows: [[BulkInsert.Value]] = (0..<count).map { [.integer(Int64($0)), .text("\($0)-\(filler)"), .null] }
            #expect(Self.table.encode(rows).count == 3)
            try await Self.table.run(rows, on: database.sql)
            let stored = try await Self.stored(database)
            #expect(stored.count == count)
            #expect(stored.map(\.0) == (0..<count).map(Int64.init))
            #expect(stored.allSatisfy { $0.1 == "\($0.0)-\(filler)" })
        }
    }

    @Test func anOffsetIsAddedToTheFirstColumnOfEveryRowInEveryStatement() async throws {
        try await TestDatabase.with { database in
            try await Self.createTable(database)
            let filler = String(repeating: "y", count: 1000)
            let rows: [[BulkInsert.Value]] = (0..<1500).map { [.integer(Int64($0)), .text(filler), .null] }
            let payloads = Self.table.encode(rows)
            #expect(payloads.count == 2)
            try await Self.table.run(encoded: payloads, offsettingFirstColumnBy: 7_000_000_000, on: database.sql)
            try await Self.table.run(encoded: Self.table.encode([[.integer(-5), .text("unshifted"), .null]]), on: database.sql)
            let stored = try await Self.stored(database)
            #expect(stored.map(\.0) == [-5] + (0..<1500).map { 7_000_000_000 + Int64($0) })
        }
    }

    @Test func realNumbersRoundTripExactly() async throws {
        try await TestDatabase.with { database in
            try await database.sql.create(table: "bulk_measures").column("position", type: .bigint, .notNull).column("measure", type: .custom(SQLRaw("DOUBLE PRECISION"))).run()
            let measures: [Double?] = [0.1, 1e-7, 3.0, -2.5, nil, 1e300, 123456789.123456789]
            let insert = BulkInsert(into: "bulk_measures", columns: [("position", .integer), ("measure", .real)])
            try await insert.run(measures.enumerated().map { [.integer(Int64($0.offset)), .init($0.element)] }, on: database.sql)
            let stored = try await database.sql.raw("SELECT measure FROM bulk_measures ORDER BY position").all()
                .map { try $0.decode(column: "measure", as: Double?.self) }
            #expect(stored == measures)
        }
    }

    @Test func noRowsRunNoStatement() async throws {
        try await TestDatabase.with { database in
            try await Self.createTable(database)
            #expect(Self.table.encode([]).isEmpty)
            try await Self.table.run([], on: database.sql)
            #expect(try await Self.stored(database).isEmpty)
        }
    }

    @Test func numberedRowsAreNumberedInOrderAcrossStatementsAndConflictingOnesSkipNumbers() async throws {
        try await TestDatabase.with { database in
            try await database.sql.create(table: "numbered_rows")
                .column("number", type: .bigint, .primaryKey(autoIncrement: false)).column("name", type: .text, .notNull, .unique).run()
            let insert = BulkInsert(into: "numbered_rows", columns: [("name", .text)])
            _ = try await insert.insertNumbered(insert.encodeCounted([[.text("taken")]]), numberColumn: "number", from: 1, skippingConflictsOn: "name", on: database.sql)
            // About 1.5 MB of rows: more than one statement, so numbering must carry across statements.
            let filler = String(repeating: "y", count: 1000)
            let names = ["taken"] + (1..<1500).map { "n\($0) \(filler)" } + ["n3 \(filler)"]
            let payloads = insert.encodeCounted(names.map { [.text($0)] })
            #expect(payloads.count == 2 && payloads.map(\.rows).reduce(0, +) == 1501)
            let inserted = try await database.transaction { sql in
                try await insert.insertNumbered(payloads, numberColumn: "number", from: 10, skippingConflictsOn: "name", on: sql)
            }
            // "taken" is stored already and the last row repeats the fourth: their numbers stay unused.
            #expect(inserted == Set(11...1509))
            let stored = try await database.sql.raw("SELECT number, name FROM numbered_rows ORDER BY number").all()
                .map { "\(try $0.decode(column: "number", as: Int.self)) \(try $0.decode(column: "name", as: String.self).prefix(5))" }
            #expect(stored.count == 1500 && stored.prefix(3) == ["1 taken", "11 n1 yy", "12 n2 yy"] && stored.last == "1509 n1499")
        }
    }
}
