import FoyerCore
import FoyerTestSupport
import SQLKit
import Testing

@Suite struct MigratorTests {
    static func createTable(_ name: String) -> Migration {
        Migration("test.\(name)") { sql, _ in
            try await sql.create(table: name).column("id", type: .int, .primaryKey(autoIncrement: false)).run()
        }
    }

    static func tableExists(_ name: String, in database: Database) async -> Bool {
        (try? await database.sql.select().column(SQLLiteral.all).from(name).limit(1).all()) != nil
    }

    @Test func appliesPendingMigrationsInOrderAndRecordsThem() async throws {
        try await TestDatabase.with { database in
            let migrator = Migrator(database: database, migrations: [Self.createTable("alpha"), Self.createTable("beta")])
            let pendingBefore = try await migrator.pending()
            let applied = try await migrator.migrate()
            let pendingAfter = try await migrator.pending()
            let appliedAgain = try await migrator.migrate()
            #expect(pendingBefore == ["test.alpha", "test.beta"])
            #expect(applied == ["test.alpha", "test.beta"])
            #expect(pendingAfter.isEmpty)
            #expect(appliedAgain.isEmpty)
            #expect(await Self.tableExists("beta", in: database))
        }
    }

    @Test func laterBinaryAppliesOnlyTheNewMigration() async throws {
        try await TestDatabase.with { database in
            try await Migrator(database: database, migrations: [Self.createTable("alpha")]).migrate()
            let newer = Migrator(database: database, migrations: [Self.createTable("alpha"), Self.createTable("gamma")])
            #expect(try await newer.migrate() == ["test.gamma"])
        }
    }

    @Test func databaseFromANewerFoyerIsRefusedNamingTheUnknownMigration() async throws {
        try await TestDatabase.with { database in
            try await Migrator(database: database, migrations: [Self.createTable("alpha"), Self.createTable("delta")]).migrate()
            let older = Migrator(database: database, migrations: [Self.createTable("alpha")])
            await #expect(throws: FoyerError.self) { try await older.migrate() }
            do {
                _ = try await older.pending()
                Issue.record("expected a refusal")
            } catch let error as FoyerError {
                #expect(error.message.contains("newer Foyer"))
                #expect(error.message.contains("test.delta"))
            }
        }
    }

    @Test func failingMigrationRollsBackEveryMigrationOfTheRun() async throws {
        try await TestDatabase.with { database in
            let broken = Migration("test.broken") { sql, _ in try await sql.raw("CREATE TABLE broken (").run() }
            let migrator = Migrator(database: database, migrations: [Self.createTable("alpha"), broken])
            await #expect(throws: FoyerError.self) { try await migrator.migrate() }
            let pending = try await migrator.pending()
            #expect(await !Self.tableExists("alpha", in: database))
            #expect(pending == ["test.alpha", "test.broken"])
        }
    }
}

@Suite struct DatabaseTests {
    struct Boom: Error {}

    @Test func transactionCommitsWhenTheBodyReturns() async throws {
        try await TestDatabase.with { database in
            try await database.sql.create(table: "notes").column("id", type: .int).run()
            try await database.transaction { sql in
                try await sql.insert(into: "notes").columns("id").values(SQLBind(1)).run()
            }
            #expect(try await database.sql.select().column("id").from("notes").all().count == 1)
        }
    }

    @Test func transactionRollsBackWhenTheBodyThrows() async throws {
        try await TestDatabase.with { database in
            try await database.sql.create(table: "notes").column("id", type: .int).run()
            await #expect(throws: Boom.self) {
                try await database.transaction { sql in
                    try await sql.insert(into: "notes").columns("id").values(SQLBind(1)).run()
                    throw Boom()
                }
            }
            #expect(try await database.sql.select().column("id").from("notes").all().isEmpty)
        }
    }

    @Test func concurrentTransactionsAllCommitWithoutBusyErrors() async throws {
        try await TestDatabase.with(poolSize: 4) { database in
            try await database.sql.create(table: "counter").column("id", type: .int).run()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        for item in 0..<10 {
                            try await database.transaction { sql in
                                try await sql.insert(into: "counter").columns("id").values(SQLBind(worker * 100 + item)).run()
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await database.sql.select().column("id").from("counter").all().count == 80)
        }
    }

    @Test func pingAnswersOnAnOpenDatabase() async throws {
        try await TestDatabase.with { database in
            try await database.ping()
            #expect(database.engine == TestDatabase.engine)
        }
    }
}
