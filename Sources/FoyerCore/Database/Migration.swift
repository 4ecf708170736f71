import SQLKit

/// One named, forward-only schema change; names are global, e.g. `core.001-api-tokens`.
public struct Migration: Sendable {
    public let name: String
    public let apply: @Sendable (_ sql: any SQLDatabase, _ engine: DatabaseEngine) async throws -> Void

    public init(_ name: String, apply: @escaping @Sendable (_ sql: any SQLDatabase, _ engine: DatabaseEngine) async throws -> Void) {
        self.name = name
        self.apply = apply
    }
}

/// Applies migrations in order, records them, and refuses databases migrated by a newer Foyer.
public struct Migrator: Sendable {
    public let database: Database
    public let migrations: [Migration]

    /// Arbitrary constant that serialises migrators of several replicas on one PostgreSQL.
    private static let advisoryLockKey = 7_007_001

    public init(database: Database, migrations: [Migration]) {
        precondition(Set(migrations.map(\.name)).count == migrations.count, "migration names must be unique")
        self.database = database
        self.migrations = migrations
    }

    /// Names of the migrations not yet applied, in the order they would run.
    public func pending() async throws -> [String] {
        try await ensureTable(database.sql)
        let applied = try await appliedNames(database.sql)
        try checkKnown(applied)
        return migrations.map(\.name).filter { !applied.contains($0) }
    }

    /// Applies every pending migration in one transaction and returns their names.
    @discardableResult
    public func migrate() async throws -> [String] {
        try await ensureTable(database.sql)
        return try await database.transaction { sql in
            if database.engine == .postgres {
                try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: Self.advisoryLockKey))").run()
            }
            let applied = try await appliedNames(sql)
            try checkKnown(applied)
            var ran: [String] = []
            for migration in migrations where !applied.contains(migration.name) {
                do {
                    try await migration.apply(sql, database.engine)
                } catch {
                    throw FoyerError.database("migration \(migration.name) failed: \(error)")
                }
                try await sql.insert(into: "foyer_migrations")
                    .columns("name", "applied_at")
                    .values(SQLBind(migration.name), SQLBind(EpochMillis.now().value))
                    .run()
                ran.append(migration.name)
            }
            return ran
        }
    }

    private func ensureTable(_ sql: any SQLDatabase) async throws {
        try await sql.create(table: "foyer_migrations").ifNotExists()
            .column("name", type: .text, .primaryKey(autoIncrement: false))
            .column("applied_at", type: .bigint, .notNull)
            .run()
    }

    private func appliedNames(_ sql: any SQLDatabase) async throws -> Set<String> {
        let rows = try await sql.select().column("name").from("foyer_migrations").all()
        return Set(try rows.map { try $0.decode(column: "name", as: String.self) })
    }

    private func checkKnown(_ applied: Set<String>) throws {
        let unknown = applied.subtracting(migrations.map(\.name)).sorted()
        guard unknown.isEmpty else {
            throw FoyerError.configuration(
                "the database was migrated by a newer Foyer (unknown migrations: \(unknown.joined(separator: ", "))); run a Foyer version that knows them")
        }
    }
}
